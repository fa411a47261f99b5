"""The give-first board: the card state machine, what giving records, and the columns shown.

A card goes to give -> doing -> given, one step at a time either way, or is
dropped (kept, off the board). A card is in *given* exactly when the ledger
holds the gives it recorded: one `give` Exchange per person it is for, dated
the day it was given, carrying the card's id. Moving it back out of *given*
takes those records away again.

Every change is a `Change` (the card before and after, the ledger lines added
and removed), so undo is the reverse change, as many steps back as kept.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from journal.domain.models import Card, CardKind, CardStatus, Direction, Exchange, ExchangeKind

COLUMNS = (CardStatus.TO_GIVE, CardStatus.DOING, CardStatus.GIVEN)
# Given cards stay in their column this long; older ones collapse into a count.
RECENT_GIVEN_DAYS = 30
# ... and at most this many, however busy the month was.
RECENT_GIVEN_MOST = 50

_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True, slots=True)
class Change:
    """One step on the board: the card before and after, and the ledger lines it added and removed."""

    before: Card
    after: Card
    added: tuple[Exchange, ...] = ()
    removed: tuple[Exchange, ...] = ()


def reverse(change: Change) -> Change:
    """The change that undoes `change`."""
    return Change(before=change.after, after=change.before, added=change.removed, removed=change.added)


def first_link(payload: str) -> str:
    """The first URL of a payload, for the ledger's `link`."""
    found = _URL.search(payload)
    return found.group(0).rstrip(".,;:!?)>]") if found else ""


def gives_for(card: Card, on: date) -> tuple[Exchange, ...]:
    """The ledger lines giving `card` on `on` records: a give to each person it is for."""
    kind = ExchangeKind(card.kind.value)  # every card kind is a ledger kind of the same name
    link = first_link(card.payload)
    return tuple(
        Exchange(Direction.GIVE, kind, on, (contact_id,), note=card.title, link=link, card_id=card.id)
        for contact_id in dict.fromkeys(card.contact_ids)
    )


def _to(card: Card, status: CardStatus, now: datetime, records: Sequence[Exchange]) -> Change:
    """`card` moved to `status`, adding or taking away its gives as *given* is entered or left."""
    added: tuple[Exchange, ...] = ()
    removed: tuple[Exchange, ...] = ()
    done = card.done
    if status is CardStatus.GIVEN:
        added = gives_for(card, now.date())
        done = now
    elif card.status is CardStatus.GIVEN:
        removed = tuple(records)
    if status is CardStatus.DROPPED:
        done = now
    elif status is not CardStatus.GIVEN:
        done = None
    return Change(card, dataclasses.replace(card, status=status, done=done), added, removed)


def move(card: Card, step: int, now: datetime, records: Sequence[Exchange] = ()) -> Change | None:
    """One column right (`step` 1) or left (-1); None at the board's edge or for a dropped card.

    `records` are the ledger lines the card recorded when it was given (taken away if it leaves *given*).
    """
    if card.status not in COLUMNS:
        return None
    at = COLUMNS.index(card.status) + step
    if not 0 <= at < len(COLUMNS):
        return None
    return _to(card, COLUMNS[at], now, records)


def give(card: Card, now: datetime) -> Change | None:
    """Mark given (from *to give* or *doing*); None if it is given or dropped already."""
    if card.status not in (CardStatus.TO_GIVE, CardStatus.DOING):
        return None
    return _to(card, CardStatus.GIVEN, now, ())


def drop(card: Card, now: datetime) -> Change | None:
    """Take a card off the board, kept as dropped; None for a card given or dropped already
    (what was given stays given: move it back first)."""
    if card.status not in (CardStatus.TO_GIVE, CardStatus.DOING):
        return None
    return _to(card, CardStatus.DROPPED, now, ())


def edit(before: Card, after: Card, now: datetime, records: Sequence[Exchange]) -> Change:
    """An edit of a card. A given card's gives follow it: new people, kind or title are recorded
    again (on the day it was given), so the ledger says what the card says."""
    if after.status is not CardStatus.GIVEN:
        return Change(before, after)
    on = before.done.date() if before.done is not None else now.date()
    wanted = {x.contact_ids: x for x in gives_for(after, on)}
    kept = {x.contact_ids: x for x in records}
    added = tuple(
        dataclasses.replace(x, id=kept[key].id, on=kept[key].on) if key in kept else x
        for key, x in wanted.items()
        if key not in kept or _differs(kept[key], x)
    )
    removed = tuple(x for key, x in kept.items() if key not in wanted or _differs(x, wanted[key]))
    return Change(before, after, added, removed)


def _differs(stored: Exchange, wanted: Exchange) -> bool:
    return (stored.kind, stored.note, stored.link) != (wanted.kind, wanted.note, wanted.link)


# -- the columns shown ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Columns:
    """What the board shows: the cards of each column in order, and what is not shown."""

    to_give: tuple[Card, ...]
    doing: tuple[Card, ...]
    given: tuple[Card, ...]  # the recent ones, latest first
    given_earlier: int  # given cards collapsed into a count
    dropped: int

    def column(self, status: CardStatus) -> tuple[Card, ...]:
        return {CardStatus.TO_GIVE: self.to_give, CardStatus.DOING: self.doing, CardStatus.GIVEN: self.given}[status]


def _waiting_order(card: Card) -> tuple:
    # Dated cards first, soonest due first; then the longest waiting.
    return (card.due is None, card.due or date.min, card.created or datetime.min, card.title.casefold(), card.id)


def columns(cards: Iterable[Card], today: date, kind: CardKind | None = None) -> Columns:
    """The board of `cards` on `today`, only cards of `kind` when one is given."""
    to_give: list[Card] = []
    doing: list[Card] = []
    given: list[Card] = []
    dropped = 0
    for card in cards:
        if kind is not None and card.kind is not kind:
            continue
        if card.status is CardStatus.TO_GIVE:
            to_give.append(card)
        elif card.status is CardStatus.DOING:
            doing.append(card)
        elif card.status is CardStatus.GIVEN:
            given.append(card)
        else:
            dropped += 1
    given.sort(key=lambda c: (c.done or datetime.min, c.id), reverse=True)
    since = today - timedelta(days=RECENT_GIVEN_DAYS)
    recent = [c for c in given[:RECENT_GIVEN_MOST] if c.done is not None and c.done.date() >= since]
    return Columns(
        tuple(sorted(to_give, key=_waiting_order)),
        tuple(sorted(doing, key=_waiting_order)),
        tuple(recent),
        len(given) - len(recent),
        dropped,
    )


def days_late(card: Card, today: date) -> int:
    """Days past its due date (0 when not late, given or dropped)."""
    if card.due is None or card.status not in (CardStatus.TO_GIVE, CardStatus.DOING):
        return 0
    return max(0, (today - card.due).days)


def ask_waiting(card: Card, today: date) -> int | None:
    """For an *answer an ask* card still open: days since the ask came in (its `created`)."""
    if card.kind is not CardKind.ANSWER or card.created is None:
        return None
    if card.status not in (CardStatus.TO_GIVE, CardStatus.DOING):
        return None
    return max(0, (today - card.created.date()).days)
