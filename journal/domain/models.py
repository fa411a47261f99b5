"""The journal's concepts (see PRODUCT.md, "Concepts"). Immutable values; changes make new ones."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum


def new_id() -> str:
    return uuid.uuid4().hex


class Circle(str, Enum):
    R1 = "R1"  # close circle: family, friends, the people seen every day
    R2 = "R2"  # acquaintances and professional contacts reached through R1
    R3 = "R3"  # people met recently: events, seminars, volunteering

    def closer(self) -> Circle:
        """One circle in (R3 -> R2 -> R1); R1 stays."""
        return {Circle.R3: Circle.R2, Circle.R2: Circle.R1}.get(self, Circle.R1)

    def further(self) -> Circle:
        """One circle out (R1 -> R2 -> R3); R3 stays."""
        return {Circle.R1: Circle.R2, Circle.R2: Circle.R3}.get(self, Circle.R3)


class EntryKind(str, Enum):
    CHECK_IN = "check-in"
    MEETING = "meeting"
    EVENT = "event"
    FOLLOW_UP = "follow-up"
    NOTE = "note"


class Direction(str, Enum):
    GIVE = "give"
    ASK = "ask"


class ExchangeKind(str, Enum):
    OFFER = "offer"  # a job offer forwarded
    ANSWER = "answer"  # an ask answered
    EXCERPT = "excerpt"  # a newsletter excerpt shared
    INTRODUCTION = "introduction"
    ADVICE = "advice"
    INFORMATION = "information"
    REFERRAL = "referral"
    OTHER = "other"


class CardKind(str, Enum):
    OFFER = "offer"
    ANSWER = "answer"
    EXCERPT = "excerpt"
    INTRODUCTION = "introduction"
    OTHER = "other"


class CardStatus(str, Enum):
    TO_GIVE = "to-give"
    DOING = "doing"
    GIVEN = "given"
    DROPPED = "dropped"


@dataclass(frozen=True, slots=True)
class Entry:
    """A journal entry. Tags and mentions are derived from the body (see mentions.py)."""

    at: datetime
    body: str
    kind: EntryKind = EntryKind.CHECK_IN
    starred: bool = False
    # Where an imported entry came from (e.g. "jrnl:<digest>"), so a re-import skips it.
    source: str | None = None
    # The `give:` / `ask:` lines of the body already turned into a card or an ask,
    # or dismissed (capture.Capture.key): never offered again, on any device.
    settled: tuple[str, ...] = ()
    id: str = field(default_factory=new_id)

    @property
    def day(self) -> date:
        return self.at.date()


@dataclass(frozen=True, slots=True)
class CircleMove:
    """A contact moved from one circle to another on a day: the review's funnel R3 -> R2 -> R1."""

    on: date
    from_circle: Circle
    to_circle: Circle


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    circle: Circle = Circle.R3
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    organisation: str = ""
    role: str = ""
    met_where: str = ""
    met_on: date | None = None
    notes: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    links: tuple[str, ...] = ()
    cadence_days: int | None = None  # None: the circle's default (a setting, see cadence.py)
    created: date | None = None
    moves: tuple[CircleMove, ...] = ()  # oldest first
    id: str = field(default_factory=new_id)


@dataclass(frozen=True, slots=True)
class Exchange:
    """One line of the give/ask ledger."""

    direction: Direction
    kind: ExchangeKind
    on: date
    contact_ids: tuple[str, ...] = ()
    note: str = ""
    link: str = ""
    card_id: str | None = None  # set when a given card recorded it
    id: str = field(default_factory=new_id)


@dataclass(frozen=True, slots=True)
class Card:
    """A "give first" task on the board."""

    title: str
    kind: CardKind = CardKind.OTHER
    status: CardStatus = CardStatus.TO_GIVE
    contact_ids: tuple[str, ...] = ()
    payload: str = ""  # a URL and/or excerpt text, several lines allowed
    tags: tuple[str, ...] = ()  # without "#"; the share queue matches them to contacts
    due: date | None = None
    created: datetime | None = None  # for an *answer an ask* card: when the ask came in
    done: datetime | None = None  # when it was given or dropped
    id: str = field(default_factory=new_id)
