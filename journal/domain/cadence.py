"""Keep in touch: each person's interactions, who is overdue, and the follow-ups events call for.

An interaction is an entry that mentions the person or an exchange with
them. A contact is overdue once their cadence (their own, or their circle's
from the settings) has passed since the last interaction — or, for someone
never written about yet, since they were met or added, whichever is later:
importing 500 LinkedIn connections met years ago does not make 500 people
overdue today.

Event follow-ups: someone first mentioned in an entry of kind *event* (a 5 à 7,
a conference) is due for a word within two days, whatever their circle,
until any later interaction — an entry that mentions them after that one,
an exchange with them on or after that day — clears it.
"""

from __future__ import annotations

from bisect import bisect_left

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum

from journal.domain.mentions import People
from journal.domain.models import Circle, Contact, EntryKind
from journal.domain.settings import Settings

FOLLOW_UP_DAYS = 2


@dataclass(frozen=True, slots=True)
class Mentioned:
    """An entry as the index reads it: no need to build the Entry."""

    entry_id: str
    at: datetime
    kind: str  # an EntryKind value
    names: Sequence[str]  # as `mentions()` found them


@dataclass(frozen=True, slots=True)
class Exchanged:
    exchange_id: str
    on: date
    contact_ids: Sequence[str]


@dataclass(slots=True)
class Activity:
    """What the journal says of one contact."""

    entries: list[tuple[datetime, str]] = field(default_factory=list)  # (at, entry id), newest first
    exchanges: list[tuple[date, str]] = field(default_factory=list)  # (on, exchange id), newest first
    first_mention: tuple[datetime, str] | None = None  # (at, kind) of the earliest entry that mentions them

    @property
    def last(self) -> date | None:
        """The day of the latest interaction, or None: never."""
        days = [self.entries[0][0].date()] if self.entries else []
        if self.exchanges:
            days.append(self.exchanges[0][0])
        return max(days, default=None)

    def follow_up_from(self) -> datetime | None:
        """When the event they were first mentioned at was written, while no interaction since cleared it."""
        if self.first_mention is None or self.first_mention[1] != EntryKind.EVENT.value:
            return None
        event_at = self.first_mention[0]
        if self.entries and self.entries[0][0] > event_at:
            return None
        if self.exchanges and self.exchanges[0][0] >= event_at.date():
            return None
        return event_at


    def as_of(self, day: date) -> Activity:
        """What the journal said of them at the end of `day` (a review of a month gone by)."""
        # Newest first: what is after `day` is a run at the front, found by bisection.
        entries = self.entries[bisect_left(self.entries, True, key=lambda pair: pair[0].date() <= day) :]
        exchanges = self.exchanges[bisect_left(self.exchanges, True, key=lambda pair: pair[0] <= day) :]
        if len(entries) == len(self.entries) and len(exchanges) == len(self.exchanges):
            return self
        # The first mention is the earliest: it is kept exactly when any mention is.
        return Activity(entries, exchanges, self.first_mention if entries else None)


NEVER = Activity()



def collect(mentioned: Iterable[Mentioned], exchanged: Iterable[Exchanged], people: People) -> dict[str, Activity]:
    """Every contact's activity (contact id -> Activity), from entries' mentions and the exchanges."""
    found: dict[str, Activity] = {}
    for entry in mentioned:
        for name in entry.names:
            contact = people.resolve(name)
            if contact is None:
                continue
            activity = found.setdefault(contact.id, Activity())
            activity.entries.append((entry.at, entry.entry_id))
            if activity.first_mention is None or entry.at < activity.first_mention[0]:
                activity.first_mention = (entry.at, entry.kind)
    for exchange in exchanged:
        for contact_id in dict.fromkeys(exchange.contact_ids):
            found.setdefault(contact_id, Activity()).exchanges.append((exchange.on, exchange.exchange_id))
    for activity in found.values():
        activity.entries.sort(reverse=True)
        activity.exchanges.sort(reverse=True)
    return found


def circle_cadence(circle: Circle, settings: Settings) -> int:
    """The settings' default cadence for a circle, in days."""
    return {Circle.R1: settings.cadence_r1, Circle.R2: settings.cadence_r2, Circle.R3: settings.cadence_r3}[circle]


def cadence_days(contact: Contact, settings: Settings) -> int:
    return contact.cadence_days if contact.cadence_days is not None else circle_cadence(contact.circle, settings)


def since(contact: Contact, activity: Activity) -> date | None:
    """The day the keep-in-touch clock runs from: the last interaction, else when met or added."""
    last = activity.last
    if last is not None:
        return last
    return max((d for d in (contact.met_on, contact.created) if d is not None), default=None)


def days_overdue(contact: Contact, activity: Activity, today: date, settings: Settings) -> int | None:
    """How many days past their cadence (0 = due today), or None when not due yet or nothing to go by."""
    start = since(contact, activity)
    if start is None:
        return None
    late = (today - start).days - cadence_days(contact, settings)
    return late if late >= 0 else None


class Reason(str, Enum):
    FOLLOW_UP = "follow-up"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class Due:
    contact: Contact
    reason: Reason
    due_on: date  # when the word was due: two days after the event, or when the cadence ran out
    days_late: int  # days past due_on (negative: still within the 48 hours of a follow-up)
    last: date | None  # the latest interaction, if any


def due(contacts: Iterable[Contact], activities: Mapping[str, Activity], today: date, settings: Settings) -> list[Due]:
    """Who is due for a word: event follow-ups first (the latest event first), then the overdue, most overdue first."""
    follow_ups: list[tuple[datetime, Due]] = []
    overdue: list[Due] = []
    for contact in contacts:
        activity = activities.get(contact.id, NEVER)
        event_at = activity.follow_up_from()
        if event_at is not None:
            due_on = event_at.date() + timedelta(days=FOLLOW_UP_DAYS)
            follow_ups.append((event_at, Due(contact, Reason.FOLLOW_UP, due_on, (today - due_on).days, activity.last)))
            continue
        late = days_overdue(contact, activity, today, settings)
        if late is not None:
            overdue.append(Due(contact, Reason.OVERDUE, today - timedelta(days=late), late, activity.last))
    follow_ups.sort(key=lambda pair: pair[0], reverse=True)
    overdue.sort(key=lambda d: (-d.days_late, d.contact.name.casefold()))
    return [d for _, d in follow_ups] + overdue


def due_as_of(contacts: Iterable[Contact], activities: Mapping[str, Activity], day: date, settings: Settings) -> list[Due]:
    """Who was due for a word at the end of `day`: the people known then, their interactions up to then."""
    known = [c for c in contacts if c.created is None or c.created <= day]
    return due(known, {i: a.as_of(day) for i, a in activities.items()}, day, settings)
