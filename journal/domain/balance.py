"""The monthly review: what was given and asked in a month, to whom, and how the circles moved.

Two ways in, which agree (a test holds them equal):

* `review(month, exchanges, ...)` takes any iterable of exchanges — the whole
  ledger, in any order — and reads it once;
* `review_from_index(month, by_month, ...)` takes the ledger indexed by month
  (`ledger_by_month`, what the store keeps) and reads the twelve months the
  review covers. Going back a month on the Review screen then reads about a
  twelfth of the ledger, not all of it.

The only thing older than those twelve months the review needs is whether the
people asked of were ever given to: `review_from_index` takes it as
`given_before` (ids given to before the twelve months) when the caller knows
it, and looks it up in whatever earlier months `by_month` holds, newest first,
only for the people still in question, stopping as soon as none is left.

Who is in which circle is the contact's circle *now*: the ledger records
people, not circles. Exchanges with people deleted since still count in the
totals, per kind and per month; when all of an exchange's people are gone it
counts in `unknown` rather than in a circle. An exchange recorded with nobody
counts in the totals only.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from journal.domain.cadence import Due
from journal.domain.days import month_end, previous_month
from journal.domain.models import Card, CardStatus, Circle, Contact, Direction, Exchange, ExchangeKind

MONTHS = 12  # the months the review's chart covers, the reviewed one last
TOP = 5  # people listed as most given to / most asked of

_CIRCLES = (Circle.R1, Circle.R2, Circle.R3)
_GIVE = Direction.GIVE
_OPEN = (CardStatus.TO_GIVE, CardStatus.DOING)


@dataclass(frozen=True, slots=True)
class Counts:
    gives: int = 0
    asks: int = 0

    @property
    def total(self) -> int:
        return self.gives + self.asks


@dataclass(frozen=True, slots=True)
class Funnel:
    """Who entered the outer circle and who moved in, in the month (R3 -> R2 -> R1)."""

    met: tuple[Contact, ...]  # added (or, without `created`, met) in the month, in R3 then
    r3_to_r2: tuple[Contact, ...]  # moved from R3 to R2 in the month
    r2_to_r1: tuple[Contact, ...]  # moved from R2 to R1 in the month


@dataclass(frozen=True, slots=True)
class Review:
    month: date  # the first day of the month
    gives: int
    asks: int
    by_circle: dict[Circle, Counts]  # always the three circles, R1 first
    by_kind: dict[ExchangeKind, Counts]  # only the kinds with something, in ExchangeKind's order
    months: tuple[tuple[date, Counts], ...]  # the 12 months ending with this one, oldest first
    most_given: tuple[tuple[Contact, int], ...]  # at most 5, most first, then by name
    most_asked: tuple[tuple[Contact, int], ...]
    only_asked: tuple[tuple[Contact, int], ...]  # (contact, asks in the 12 months), most first, then by name
    overdue: dict[Circle, tuple[Due, ...]]  # always the three circles, each in the order given
    funnel: Funnel
    cards_given: int  # cards given in the month
    cards_dropped: int  # cards dropped in the month
    cards_open: int  # cards to give or doing, created by the month's end
    unknown: Counts  # the month's exchanges whose people were all deleted since

    @property
    def is_empty(self) -> bool:
        """Nothing given or asked, no card given or dropped, nobody met or moved in the month."""
        funnel = self.funnel
        return not (
            self.gives
            or self.asks
            or self.cards_given
            or self.cards_dropped
            or funnel.met
            or funnel.r3_to_r2
            or funnel.r2_to_r1
        )


def ledger_by_month(exchanges: Iterable[Exchange]) -> dict[date, list[Exchange]]:
    """The exchanges by month (first day of the month -> that month's exchanges, in the order given)."""
    by_month: dict[date, list[Exchange]] = {}
    for exchange in exchanges:
        on = exchange.on
        key = on.replace(day=1)
        bucket = by_month.get(key)
        if bucket is None:
            by_month[key] = [exchange]
        else:
            bucket.append(exchange)
    return by_month


def window(month: date) -> list[date]:
    """The first days of the 12 months ending with `month`'s, oldest first (fewer before year 1)."""
    months = [month.replace(day=1)]
    while len(months) < MONTHS and (before := previous_month(months[-1])) is not None:
        months.append(before)
    months.reverse()
    return months


def review(
    month: date,
    exchanges: Iterable[Exchange],
    contacts: Iterable[Contact],
    cards: Iterable[Card],
    overdue: Sequence[Due] = (),
) -> Review:
    """The review of `month` (any day of it), reading `exchanges` (the whole ledger, any order) once."""
    first = month.replace(day=1)
    last = month_end(first)
    months = window(first)
    start = months[0]
    in_window: list[Exchange] = []
    given_before: set[str] = set()  # everyone given to before the twelve months
    keep = in_window.append
    for exchange in exchanges:
        on = exchange.on
        if on > last:
            continue
        if on >= start:
            keep(exchange)
        elif exchange.direction == _GIVE:
            given_before.update(exchange.contact_ids)
    tally = _tally(first, months, in_window)
    only = {cid: n for cid, n in tally.asked_window.items() if cid not in tally.given_window and cid not in given_before}
    return _build(first, last, months, tally, only, contacts, cards, overdue)


def review_from_index(
    month: date,
    by_month: Mapping[date, Sequence[Exchange]],
    contacts: Iterable[Contact],
    cards: Iterable[Card],
    overdue: Sequence[Due] = (),
    given_before: Collection[str] | None = None,
) -> Review:
    """The same review as `review`, from the ledger by month (`ledger_by_month`).

    Reads the twelve months of the chart; earlier months only while someone
    asked of in them may have been given to before (see the module's doc).
    `by_month` may hold only the twelve months (`window(month)`): then pass
    `given_before`, the ids of everyone given to before them, or "only asked"
    means "not given to in the twelve months".
    """
    first = month.replace(day=1)
    last = month_end(first)
    months = window(first)
    in_window: list[Exchange] = []
    for key in months:
        bucket = by_month.get(key)
        if bucket:
            in_window.extend(bucket)
    tally = _tally(first, months, in_window)
    only = {cid: n for cid, n in tally.asked_window.items() if cid not in tally.given_window}
    if given_before is not None:
        only = {cid: n for cid, n in only.items() if cid not in given_before}
    if only:
        start = months[0]
        for key in sorted((k for k in by_month if k < start), reverse=True):
            for exchange in by_month[key]:
                if exchange.direction == _GIVE:
                    for cid in exchange.contact_ids:
                        only.pop(cid, None)
            if not only:
                break
    return _build(first, last, months, tally, only, contacts, cards, overdue)


@dataclass(slots=True)
class _Tally:
    """What one read of the twelve months' exchanges found."""

    per_month: dict[tuple[int, int], list[int]]  # (year, month) -> [gives, asks]
    asked_window: dict[str, int]  # contact id -> exchanges asking them, in the twelve months
    given_window: set[str]  # contact ids given to in the twelve months
    in_month: list[Exchange]  # the reviewed month's exchanges


def _tally(first: date, months: list[date], exchanges: Iterable[Exchange]) -> _Tally:
    per_month = {(m.year, m.month): [0, 0] for m in months}
    asked: dict[str, int] = {}
    given: set[str] = set()
    in_month: list[Exchange] = []
    for exchange in exchanges:
        on = exchange.on
        ids = exchange.contact_ids
        if exchange.direction == _GIVE:
            per_month[on.year, on.month][0] += 1
            given.update(ids)
        else:
            per_month[on.year, on.month][1] += 1
            for cid in dict.fromkeys(ids) if len(ids) > 1 else ids:
                asked[cid] = asked.get(cid, 0) + 1
        if on >= first:
            in_month.append(exchange)
    return _Tally(per_month, asked, given, in_month)


def _name_key(contact: Contact) -> tuple[str, str, str]:
    return (contact.name.casefold(), contact.name, contact.id)


def _ranked(counts: Mapping[str, int], people: Mapping[str, Contact], limit: int | None) -> tuple[tuple[Contact, int], ...]:
    """(contact, count), most first, then by name; people deleted since left out."""
    found = [(people[cid], n) for cid, n in counts.items() if cid in people]

    def key(pair: tuple[Contact, int]) -> tuple[int, str, str, str]:
        return (-pair[1], *_name_key(pair[0]))

    if limit is None:
        return tuple(sorted(found, key=key))
    return tuple(heapq.nsmallest(limit, found, key=key))


def _build(
    first: date,
    last: date,
    months: list[date],
    tally: _Tally,
    only: Mapping[str, int],
    contacts: Iterable[Contact],
    cards: Iterable[Card],
    overdue: Sequence[Due],
) -> Review:
    contacts = list(contacts)
    people = {c.id: c for c in contacts}
    gives = asks = 0
    circles = {circle: [0, 0] for circle in _CIRCLES}
    kinds: dict[ExchangeKind, list[int]] = {}
    unknown = [0, 0]
    given_to: dict[str, int] = {}
    asked_of: dict[str, int] = {}
    for exchange in tally.in_month:
        slot = 0 if exchange.direction == _GIVE else 1
        if slot:
            asks += 1
        else:
            gives += 1
        kind = kinds.get(exchange.kind)
        if kind is None:
            kinds[exchange.kind] = kind = [0, 0]
        kind[slot] += 1
        ids = exchange.contact_ids
        if not ids:
            continue
        per_person = given_to if slot == 0 else asked_of
        seen: set[Circle] = set()
        for cid in dict.fromkeys(ids):
            contact = people.get(cid)
            if contact is None:
                continue
            per_person[cid] = per_person.get(cid, 0) + 1
            if contact.circle not in seen:
                seen.add(contact.circle)
                circles[contact.circle][slot] += 1
        if not seen:
            unknown[slot] += 1

    grouped: dict[Circle, list[Due]] = {circle: [] for circle in _CIRCLES}
    for item in overdue:
        grouped[item.contact.circle].append(item)

    given = dropped = still_open = 0
    for card in cards:
        status = card.status
        if status in _OPEN:
            if card.created is None or card.created.date() <= last:
                still_open += 1
        elif card.done is not None and first <= card.done.date() <= last:
            if status == CardStatus.GIVEN:
                given += 1
            elif status == CardStatus.DROPPED:
                dropped += 1

    return Review(
        month=first,
        gives=gives,
        asks=asks,
        by_circle={circle: Counts(*pair) for circle, pair in circles.items()},
        by_kind={kind: Counts(*kinds[kind]) for kind in ExchangeKind if kind in kinds},
        months=tuple((m, Counts(*tally.per_month[m.year, m.month])) for m in months),
        most_given=_ranked(given_to, people, TOP),
        most_asked=_ranked(asked_of, people, TOP),
        only_asked=_ranked(only, people, None),
        overdue={circle: tuple(items) for circle, items in grouped.items()},
        funnel=_funnel(first, last, contacts),
        cards_given=given,
        cards_dropped=dropped,
        cards_open=still_open,
        unknown=Counts(*unknown),
    )


def first_circle(contact: Contact) -> Circle:
    """The circle a contact was added in: before their first move, else the one they are in."""
    return contact.moves[0].from_circle if contact.moves else contact.circle


def _funnel(first: date, last: date, contacts: Iterable[Contact]) -> Funnel:
    met: list[Contact] = []
    r3_to_r2: list[Contact] = []
    r2_to_r1: list[Contact] = []
    for contact in contacts:
        added = contact.created if contact.created is not None else contact.met_on
        if added is not None and first <= added <= last and first_circle(contact) == Circle.R3:
            met.append(contact)
        if contact.moves:
            closer_r2 = closer_r1 = False
            for move in contact.moves:
                if first <= move.on <= last:
                    if move.from_circle == Circle.R3 and move.to_circle == Circle.R2:
                        closer_r2 = True
                    elif move.from_circle == Circle.R2 and move.to_circle == Circle.R1:
                        closer_r1 = True
            if closer_r2:
                r3_to_r2.append(contact)
            if closer_r1:
                r2_to_r1.append(contact)
    return Funnel(
        met=tuple(sorted(met, key=_name_key)),
        r3_to_r2=tuple(sorted(r3_to_r2, key=_name_key)),
        r2_to_r1=tuple(sorted(r2_to_r1, key=_name_key)),
    )
