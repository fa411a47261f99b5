"""Views derived from the journal, built once and kept current: who each contact has talked to, and when.

Reading each entry's mentions is what costs (a regular expression over ten
years of bodies); it is done once per entry body and kept, so after a save
only the entries that changed are read again. The rest — resolving names to
contacts, grouping by contact — is dictionary work, redone when the journal's
generation changes, never per key press.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from journal.domain.cadence import Activity, Exchanged, Mentioned, collect
from journal.domain.days import wall_clock
from journal.domain.mentions import People, mentions


def _entry_time(at: Any) -> datetime | None:
    if not isinstance(at, str):
        return None
    try:
        return wall_clock(datetime.fromisoformat(at))
    except ValueError:
        return None


class MentionCache:
    """Each entry's mentions, read once per body."""

    def __init__(self) -> None:
        self._by_id: dict[str, tuple[str, tuple[str, ...]]] = {}

    def _names(self, entry_id: str, body: str) -> tuple[tuple[str, ...], bool]:
        """The names `body` mentions, and whether they had to be read (not kept from before)."""
        cached = self._by_id.get(entry_id)
        if cached is not None and (cached[0] is body or cached[0] == body):
            return cached[1], False
        return (tuple(mentions(body)) if "@" in body else ()), True

    def prime(self, docs: Mapping[str, Any], limit: int) -> bool:
        """Read the mentions of up to `limit` entries not read yet; True when every entry is read.

        Lets the app read them a few hundred at a time while it is idle, so the first
        open of the contacts pane does not read ten years of entries at once.
        """
        for entry_id, doc in docs.items():
            body = _body(doc)
            if body is None:
                continue
            names, read = self._names(entry_id, body)
            if read:
                if limit <= 0:
                    return False
                self._by_id[entry_id] = (body, names)
                limit -= 1
        return True

    def mentioned(self, docs: Mapping[str, Any]) -> list[Mentioned]:
        """The entries that mention someone, as the activity index reads them."""
        fresh: dict[str, tuple[str, tuple[str, ...]]] = {}
        found: list[Mentioned] = []
        for entry_id, doc in docs.items():
            body = _body(doc)
            if body is None:
                continue
            names = self._names(entry_id, body)[0]
            fresh[entry_id] = (body, names)
            if names:
                at = _entry_time(doc.get("at"))
                kind = doc.get("kind", "check-in")
                if at is not None:
                    found.append(Mentioned(entry_id, at, kind if isinstance(kind, str) else "check-in", names))
        self._by_id = fresh
        return found


def _body(doc: Any) -> str | None:
    body = doc.get("body") if isinstance(doc, dict) else None
    return body if isinstance(body, str) else None


def exchanged(docs: Mapping[str, Any]) -> list[Exchanged]:
    """The exchanges as the activity index reads them; undecodable ones left out (the repository reports them)."""
    found = []
    for exchange_id, doc in docs.items():
        if not isinstance(doc, dict):
            continue
        ids, on = doc.get("contact_ids"), doc.get("on")
        if not isinstance(ids, list) or not ids or not isinstance(on, str):
            continue
        try:
            day = date.fromisoformat(on)
        except ValueError:
            continue
        found.append(Exchanged(exchange_id, day, [i for i in ids if isinstance(i, str)]))
    return found


class ActivityIndex:
    """Contact id -> Activity, rebuilt only when the journal's generation moved."""

    def __init__(self) -> None:
        self._mentions = MentionCache()
        self._built: tuple[tuple[object, ...], dict[str, Activity]] | None = None
        self._exchange_docs: Mapping[str, Any] | None = None
        self._exchanged: list[Exchanged] = []

    def prime(self, entries: Mapping[str, Any], exchanges: Mapping[str, Any], limit: int) -> bool:
        """One step of the work `get` will need: entries' mentions a few hundred at a time, then the exchanges."""
        if not self._mentions.prime(entries, limit):
            return False
        if exchanges is not self._exchange_docs:
            self._exchanges(exchanges)
            return False  # a step of its own (~40 ms for 20,000)
        return True

    def _exchanges(self, docs: Mapping[str, Any]) -> list[Exchanged]:
        # A save replaces the tables it changes and keeps the others as they are: an
        # exchanges table that is the very same object is read already.
        if docs is not self._exchange_docs:
            self._exchange_docs, self._exchanged = docs, exchanged(docs)
        return self._exchanged

    def get(self, version: tuple[object, ...], entries: Mapping[str, Any], exchanges: Mapping[str, Any], people: People) -> dict[str, Activity]:
        """`version`: the objects the index is built from; the same objects (by identity), the same index."""
        if self._built is not None and len(self._built[0]) == len(version) and all(a is b for a, b in zip(self._built[0], version)):
            return self._built[1]
        activities = collect(self._mentions.mentioned(entries), self._exchanges(exchanges), people)
        self._built = (version, activities)
        return activities


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


class LedgerIndex:
    """The ledger by day and by month, read from the exchanges table once per version of it.

    Per day: the actions for the streak (an exchange a given card recorded is the card's, counted
    once with it) and the gives for the week's goal. Per month: which exchanges, so a review
    decodes the twelve months it shows, not ten years.
    """

    def __init__(self) -> None:
        self._docs: Mapping[str, Any] | None = None
        self.actions: dict[date, int] = {}
        self.gives: dict[date, int] = {}
        self.by_month: dict[date, list[str]] = {}
        self.first_give: dict[str, date] = {}  # contact id -> the day of the first give to them

    def read(self, docs: Mapping[str, Any]) -> LedgerIndex:
        if docs is self._docs:
            return self
        actions: dict[date, int] = {}
        gives: dict[date, int] = {}
        by_month: dict[date, list[str]] = {}
        first_give: dict[str, date] = {}
        for exchange_id, doc in docs.items():
            if not isinstance(doc, dict):
                continue
            day = _day(doc.get("on"))
            if day is None:
                continue
            if doc.get("card_id") is None:
                actions[day] = actions.get(day, 0) + 1
            if doc.get("direction") == "give":
                gives[day] = gives.get(day, 0) + 1
                ids = doc.get("contact_ids")
                for contact_id in ids if isinstance(ids, list) else ():
                    if isinstance(contact_id, str) and (contact_id not in first_give or day < first_give[contact_id]):
                        first_give[contact_id] = day
            by_month.setdefault(day.replace(day=1), []).append(exchange_id)
        self._docs, self.actions, self.gives, self.by_month = docs, actions, gives, by_month
        self.first_give = first_give
        return self


class CardDays:
    """Given cards per day (each an action for the streak), once per version of the cards table."""

    def __init__(self) -> None:
        self._docs: Mapping[str, Any] | None = None
        self.given: dict[date, int] = {}

    def read(self, docs: Mapping[str, Any]) -> dict[date, int]:
        if docs is not self._docs:
            given: dict[date, int] = {}
            for doc in docs.values():
                if isinstance(doc, dict) and doc.get("status") == "given":
                    day = _entry_time(doc.get("done"))
                    if day is not None:
                        given[day.date()] = given.get(day.date(), 0) + 1
            self._docs, self.given = docs, given
        return self.given
