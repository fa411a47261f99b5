"""JournalRepository: typed access to the journal. Screens and the CLI get domain objects only."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from journal.clock import Clock
from journal.domain.days import wall_clock
from journal.domain.board import Change
from journal.domain.cadence import NEVER, Activity, Due, due, due_as_of
from journal.domain.contacts import edited, moved
from journal.domain.mentions import People
from journal.domain.models import Card, Contact, Entry, Exchange, new_id
from journal.domain.settings import Settings
from journal.files import read_regular
from journal import paths
from journal.paths import JOURNAL_FILE
from journal.store.atomic import ensure_private_dir, write_atomic
from journal.store.records import from_doc, to_doc, with_unknown_fields
from journal.store.codec import TABLES, encode_value
from journal.store.device import this_device
from journal.store.indexes import ActivityIndex, CardDays, LedgerIndex
from journal.store.memory import folder_digest
from journal.store.merge import TOMBSTONES, tombstone_key, version
from journal.store.storage import JournalStorage

T = TypeVar("T")
P = TypeVar("P")


def _tinydb(storage: JournalStorage):
    """TinyDB over our storage, for writes (reads go to the tables directly)."""
    from tinydb import TinyDB
    from tinydb.table import Table

    class _Table(Table):
        # Our ids are uuids chosen by the writer, so two processes adding records
        # at once can never pick the same id (TinyDB's default is max(id) + 1).
        document_id_class = str

    class _Database(TinyDB):
        table_class = _Table

    return _Database(storage=lambda: storage)


def _day_of(at: str) -> date:
    """The day of an entry's stored time, read from its text without building the entry.

    Tricot writes "YYYY-MM-DDTHH:MM:SS", whose first ten characters are the day.
    A time with a zone (synced or hand-edited) is on the day of its local time,
    as the entry itself will be (records.from_doc).
    """
    tail = at[19:]
    if not tail or (tail[0] == "." and tail[1:].isdigit()):
        return date.fromisoformat(at[:10])
    return wall_clock(datetime.fromisoformat(at)).date()


class JournalRepository:
    """The one owner of the data. Every change is on disk before the method returns."""

    def __init__(self, storage: JournalStorage) -> None:
        self.storage = storage
        self._db = None  # TinyDB, made on the first write: a check-in or export needs none of it
        self._views: dict[str, tuple[object, dict[str, object]]] = {}
        self._sorted_contacts: tuple[object, list[Contact]] | None = None
        self._entries_by_day: tuple[int, dict[date, list[str]]] | None = None
        self._people: tuple[object, People] | None = None
        self._activity = ActivityIndex()
        self._ledger = LedgerIndex()
        self._card_days = CardDays()
        self._action_days: tuple[int, dict[date, int]] | None = None
        # Documents that did not decode (a hand-edited file): shown to the user,
        # kept in the file untouched, left out of every list.
        self.unreadable: dict[str, str] = {}

    @classmethod
    def open(
        cls, data_dir: Path, clock: Clock, *, tables: tuple[str, ...] = ("entries",), state_dir: Path | None = None
    ) -> JournalRepository:
        """Load `data_dir/journal.json` (or start empty). Raises JournalError for a bad file.

        `tables` are checked whole now (the others when first used), so damage
        in what the caller works on is refused before it starts. `state_dir` is
        this device's own folder (default: paths.state_dir()).
        """
        device = this_device(state_dir if state_dir is not None else paths.state_dir())
        storage = JournalStorage(Path(data_dir) / JOURNAL_FILE, clock, device=device)
        storage.check_tables(tables)
        storage.settle()  # what a merge at open brought back is written at once
        return cls(storage)

    @property
    def path(self) -> Path:
        return self.storage.path

    @property
    def generation(self) -> int:
        """Changes whenever the data changes, here or (after `refresh`) in another process."""
        return self.storage.generation

    def take_warnings(self) -> list[str]:
        """Problems of side jobs (a backup that could not be kept), each given once, to show the user."""
        return self.storage.take_warnings()

    def take_notices(self) -> list[str]:
        """Merges from another device (nothing lost, just said), each given once."""
        return self.storage.take_notices()

    def refresh(self) -> bool:
        """Pick up changes another process wrote. True when something changed."""
        if not self.storage.refresh():
            return False
        if self._db is not None:
            for name in TABLES:
                self._db.table(name).clear_cache()
        return True

    # -- generic record access ------------------------------------------------

    def _records(self, table: str, cls: type[T]) -> dict[str, T]:
        # Kept per version of the table, not of the journal: a save replaces the tables it
        # changes and keeps the others, so giving a card does not decode 5,000 contacts again.
        docs = self.storage.read()[table]
        cached = self._views.get(table)
        if cached is not None and cached[0] is docs:
            return cached[1]  # type: ignore[return-value]
        records: dict[str, T] = {}
        for doc_id, doc in docs.items():
            try:
                records[doc_id] = from_doc(cls, doc_id, doc)
            except (TypeError, ValueError, KeyError) as error:
                self.unreadable[f"{table}/{doc_id}"] = str(error)
        if not self.storage.in_transaction:  # staged tables may yet be rolled back
            self._views[table] = (docs, records)  # type: ignore[assignment]
        return records

    def _database(self):
        if self._db is None:
            self._db = _tinydb(self.storage)
        return self._db

    def _save(self, table: str, records: Iterable[object]) -> None:
        from tinydb.table import Document

        records = list(records)
        with self.storage.transaction():
            stored = self.storage.read()[table]  # as it is now, under the lock
            tombs = self.storage.read()[TOMBSTONES]
            tinytable = self._database().table(table)
            existing = [r.id for r in records if tinytable.contains(doc_id=r.id)]  # type: ignore[attr-defined]
            revived = [tombstone_key(table, r.id) for r in records if tombstone_key(table, r.id) in tombs]  # type: ignore[attr-defined]
            docs = []
            for record in records:
                old = stored.get(record.id)  # type: ignore[attr-defined]
                doc = with_unknown_fields(to_doc(record), old)
                # Stamped after the version it replaces, or the deletion it undoes: it wins any merge with them.
                doc.update(self.storage.stamp(version(old)[0], version(tombs.get(tombstone_key(table, record.id)))[0]))  # type: ignore[attr-defined]
                docs.append(Document(doc, doc_id=record.id))  # type: ignore[attr-defined]
            if existing:
                tinytable.remove(doc_ids=existing)
            if revived:
                self._database().table(TOMBSTONES).remove(doc_ids=revived)
            # Never Table.update: it mutates documents in place (see JournalStorage.transaction).
            tinytable.insert_multiple(docs)

    def _delete(self, table: str, record_id: str) -> None:
        """Remove a record, leaving a tombstone so a merge with an older copy does not bring it back."""
        from tinydb.table import Document

        with self.storage.transaction():
            tinytable = self._database().table(table)
            if not tinytable.contains(doc_id=record_id):
                return
            old = self.storage.read()[table].get(record_id)
            key = tombstone_key(table, record_id)
            tombs = self._database().table(TOMBSTONES)
            previous = self.storage.read()[TOMBSTONES].get(key)
            tinytable.remove(doc_ids=[record_id])
            if previous is not None:
                tombs.remove(doc_ids=[key])
            tombs.insert(Document(self.storage.stamp(version(old)[0], version(previous)[0]), doc_id=key))

    # -- entries -------------------------------------------------------------
    # A day index built from the raw "at" text lets a day's entries be decoded
    # alone: switching days or counting today's entries costs a handful of
    # records, not ten years of them.

    def save_entry(self, entry: Entry, *, opened: Entry | None = None) -> Entry:
        """Add a new entry or replace the one with the same id; returns what was stored.

        `opened` is the entry as it was when the user began editing it. If the
        stored entry differs from it now (another terminal, a sync tool), the
        edit is saved as a new entry beside it: neither version is lost.
        """
        with self.storage.transaction():  # the check sees the file as it is under the lock
            if opened is not None:
                stored = self.get_entry(entry.id)
                if stored is not None and stored != opened:
                    entry = dataclasses.replace(entry, id=new_id())
            self._save("entries", [entry])
        return entry

    def save_entries(self, entries: Iterable[Entry]) -> None:
        """Many at once, in one write."""
        self._save("entries", entries)

    def import_entries(self, entries: Iterable[Entry]) -> tuple[list[Entry], int]:
        """Save the entries whose `source` the journal does not hold yet, in one write.

        The check runs under the write lock on the file as it is then, so two
        imports of one file at once (two terminals, a script run twice) add
        everything exactly once. Returns (the entries added, how many were already there).
        """
        entries = list(entries)
        with self.storage.transaction():
            known = self.entry_sources()
            new = [e for e in entries if e.source is None or e.source not in known]
            already = sum(1 for e in entries if e.source is not None and e.source in known)
            if new:
                self._save("entries", new)
        return new, already

    def delete_entry(self, entry_id: str) -> None:
        self._delete("entries", entry_id)

    def _decode_entry(self, entry_id: str, doc: dict) -> Entry | None:
        try:
            return from_doc(Entry, entry_id, doc)
        except (TypeError, ValueError, KeyError) as error:
            self.unreadable[f"entries/{entry_id}"] = str(error)
            return None

    def get_entry(self, entry_id: str) -> Entry | None:
        doc = self.storage.read()["entries"].get(entry_id)
        return None if doc is None else self._decode_entry(entry_id, doc)

    def entries(self) -> list[Entry]:
        """Every entry, oldest first."""
        return sorted(self._records("entries", Entry).values(), key=lambda e: e.at)

    def _day_index(self) -> dict[date, list[str]]:
        if self._entries_by_day is not None and self._entries_by_day[0] == self.generation:
            return self._entries_by_day[1]
        index: dict[date, list[str]] = {}
        for entry_id, doc in self.storage.read()["entries"].items():
            at = doc.get("at") if isinstance(doc, dict) else None
            try:
                day = _day_of(at)  # type: ignore[arg-type]
            except (TypeError, ValueError, IndexError):
                self.unreadable[f"entries/{entry_id}"] = f"bad date {at!r}"
                continue
            index.setdefault(day, []).append(entry_id)
        if not self.storage.in_transaction:
            self._entries_by_day = (self.generation, index)
        return index

    def entries_on(self, day: date) -> list[Entry]:
        """The day's entries in time order."""
        docs = self.storage.read()["entries"]
        found = (self._decode_entry(i, docs[i]) for i in self._day_index().get(day, ()))
        return sorted((e for e in found if e is not None), key=lambda e: e.at)

    def entries_between(self, first: date, last: date) -> list[Entry]:
        """Entries from `first` to `last`, both included, oldest first."""
        docs = self.storage.read()["entries"]
        found = (
            self._decode_entry(entry_id, docs[entry_id])
            for day, ids in self._day_index().items()
            if first <= day <= last
            for entry_id in ids
        )
        return sorted((e for e in found if e is not None), key=lambda e: e.at)

    def entry_days(self) -> list[date]:
        """Days that have at least one entry, in order."""
        return sorted(self._day_index())

    def entry_sources(self) -> set[str]:
        docs = self.storage.read()["entries"].values()
        return {doc["source"] for doc in docs if isinstance(doc, dict) and isinstance(doc.get("source"), str)}

    # -- drafts: what the editor holds before it is saved -----------------------
    # One small file per entry being written, beside the journal, so a closed
    # terminal or a crash mid-sentence loses nothing. Not part of journal.json:
    # a draft is not an entry until the user saves it.

    # Drafts are this device's, never synced: they live in the state dir, beside
    # what the device remembers of this journal. Drafts of older Tricots, kept
    # beside the journal, are still found and restored.

    @property
    def drafts_dir(self) -> Path:
        """STATE/drafts/FOLDER-HASH: by the journal's folder, which a journal not yet saved has too."""
        state_dir = self.storage.device.state_dir
        if state_dir is None:  # nowhere of its own: beside the journal, as before
            return self._old_drafts_dir
        folder = self.path.parent
        return state_dir / "drafts" / f"{folder.resolve().name[:40]}-{folder_digest(folder)}"

    @property
    def _old_drafts_dir(self) -> Path:
        return self.path.with_name("drafts")

    def keep_draft(self, entry: Entry) -> None:
        """Raises OSError when the draft cannot be written."""
        ensure_private_dir(self.drafts_dir)
        write_atomic(self.drafts_dir / f"{entry.id}.json", encode_value({"id": entry.id, **to_doc(entry)}))

    def discard_draft(self, entry_id: str) -> None:
        for folder in {self.drafts_dir, self._old_drafts_dir}:
            try:
                (folder / f"{entry_id}.json").unlink()
            except OSError:
                pass  # gone already, or not a folder (then no draft was ever kept there)

    def drafts(self) -> list[Entry]:
        """Unsaved drafts, most recently written first. Unreadable ones are left on disk, unlisted."""
        found: dict[str, tuple[float, Entry]] = {}
        for folder in (self._old_drafts_dir, self.drafts_dir):
            for path in folder.glob("*.json"):
                try:
                    doc = json.loads(read_regular(path))
                    found[path.stem] = (path.stat().st_mtime, from_doc(Entry, path.stem, doc))
                except (OSError, ValueError, TypeError, KeyError, RecursionError):
                    continue
        return [entry for _, entry in sorted(found.values(), key=lambda pair: pair[0], reverse=True)]

    # -- contacts, exchanges, cards ---------------------------------------------

    def save_contact(self, contact: Contact) -> None:
        self._save("contacts", [contact])

    def save_contacts(self, contacts: Iterable[Contact]) -> None:
        self._save("contacts", contacts)

    def import_contacts(self, plan: Callable[[list[Contact]], P]) -> P:
        """Run an import's plan on the contacts as they are under the write lock, and save it in one write.

        `plan(contacts)` returns an object with `new` and `updated` lists of contacts
        (importers.people.ImportPlan). Two imports at once, or a contact added in the
        TUI meanwhile, still match and merge: the plan sees the file as it is then.
        """
        with self.storage.transaction():
            result = plan(self.contacts())
            changed = [*result.new, *result.updated]  # type: ignore[attr-defined]
            if changed:
                self._save("contacts", changed)
        return result

    def update_contact(self, contact: Contact, on: date) -> Contact:
        """Save an edit: over the contact as it is now on disk, keeping an old name as an alias
        and a circle change as a move (contacts.edited). Returns what was saved."""
        with self.storage.transaction():
            stored = self.get_contact(contact.id)
            if stored is not None:
                contact = edited(stored, contact, on)
            self._save("contacts", [contact])
        return contact

    def move_contact(self, contact_id: str, closer: bool, on: date) -> Contact | None:
        """One circle closer (R3 -> R2 -> R1) or further; the move kept with its day. None if gone."""
        with self.storage.transaction():
            contact = self.get_contact(contact_id)
            if contact is None:
                return None
            to = contact.circle.closer() if closer else contact.circle.further()
            contact = moved(contact, to, on)
            self._save("contacts", [contact])
        return contact

    def delete_contact(self, contact_id: str) -> None:
        """Entries keep their text: a mention of them stays as text, naming nobody."""
        self._delete("contacts", contact_id)

    def contacts(self) -> list[Contact]:
        """Every contact by name (the same list until the contacts change: do not modify it)."""
        records = self._records("contacts", Contact)
        if self._sorted_contacts is not None and self._sorted_contacts[0] is records:
            return self._sorted_contacts[1]
        found = sorted(records.values(), key=lambda c: (c.name.casefold(), c.id))
        if not self.storage.in_transaction:
            self._sorted_contacts = (records, found)
        return found

    def get_contact(self, contact_id: str) -> Contact | None:
        if self.storage.in_transaction:  # the staged table: what this change sees
            doc = self.storage.read()["contacts"].get(contact_id)
            try:
                return None if doc is None else from_doc(Contact, contact_id, doc)
            except (TypeError, ValueError, KeyError):
                return None
        return self._records("contacts", Contact).get(contact_id)

    def people(self) -> People:
        """Contacts by the names mentions use, rebuilt when the journal changes."""
        contacts = self.contacts()
        if self._people is None or self._people[0] is not contacts:
            self._people = (contacts, People(contacts))
        return self._people[1]

    def activities(self) -> dict[str, Activity]:
        """Contact id -> their interactions (entries mentioning them, exchanges), from an index kept current."""
        read = self.storage.read()
        # Rebuilt when the entries, the exchanges or the contacts change: moving a card changes none.
        version = (read["entries"], read["exchanges"], self.contacts())
        return self._activity.get(version, read["entries"], read["exchanges"], self.people())

    def prepare_activities(self, limit: int = 300) -> bool:
        """Do a little of what the first `activities()` costs (reading entries' mentions); True when done."""
        if self.storage.in_transaction:
            return False
        read = self.storage.read()
        if not self._activity.prime(read["entries"], read["exchanges"], limit):
            return False
        self.people()  # the contacts decoded, and their names folded
        return True

    def activity(self, contact_id: str) -> Activity:
        return self.activities().get(contact_id, NEVER)

    def due(self, today: date, settings: Settings) -> list[Due]:
        """Who is due for a word: event follow-ups first, then the overdue (cadence.due)."""
        return due(self.contacts(), self.activities(), today, settings)

    def due_at_end_of(self, day: date, settings: Settings) -> list[Due]:
        """Who was due for a word at the end of a day gone by (the review of a past month)."""
        return due_as_of(self.contacts(), self.activities(), day, settings)

    # -- the habit and the balance: activity days, the ledger by month ------------------------

    def action_days(self) -> dict[date, int]:
        """Actions per day: entries, exchanges, given cards (a card's own gives counted once, with it)."""
        if self._action_days is not None and self._action_days[0] == self.generation:
            return self._action_days[1]
        read = self.storage.read()
        counts = {day: len(ids) for day, ids in self._day_index().items()}
        for source in (self._ledger.read(read["exchanges"]).actions, self._card_days.read(read["cards"])):
            for day, n in source.items():
                counts[day] = counts.get(day, 0) + n
        if not self.storage.in_transaction:
            self._action_days = (self.generation, counts)
        return counts

    def give_days(self) -> dict[date, int]:
        """Gives per day (each ledger line with direction give)."""
        return self._ledger.read(self.storage.read()["exchanges"]).gives

    def exchanges_by_month(self, months: Iterable[date]) -> dict[date, list[Exchange]]:
        """The ledger of the given months (first days), decoded for those months only."""
        docs = self.storage.read()["exchanges"]
        index = self._ledger.read(docs).by_month
        found: dict[date, list[Exchange]] = {}
        for month in months:
            decoded = []
            for exchange_id in index.get(month, ()):
                try:
                    decoded.append(from_doc(Exchange, exchange_id, docs[exchange_id]))
                except (TypeError, ValueError, KeyError):
                    continue
            found[month] = decoded
        return found

    def given_before(self, day: date) -> set[str]:
        """Everyone given to before `day` (the review's "never given to" looks further back than its months)."""
        first = self._ledger.read(self.storage.read()["exchanges"]).first_give
        return {contact_id for contact_id, on in first.items() if on < day}

    def save_exchange(self, exchange: Exchange) -> None:
        self._save("exchanges", [exchange])

    def save_exchanges(self, exchanges: Iterable[Exchange]) -> None:
        self._save("exchanges", exchanges)

    def delete_exchange(self, exchange_id: str) -> None:
        self._delete("exchanges", exchange_id)

    def get_exchange(self, exchange_id: str) -> Exchange | None:
        return self._records("exchanges", Exchange).get(exchange_id)

    def exchanges(self) -> list[Exchange]:
        return sorted(self._records("exchanges", Exchange).values(), key=lambda x: x.on)

    def save_card(self, card: Card) -> None:
        self._save("cards", [card])

    def save_cards(self, cards: Iterable[Card]) -> None:
        self._save("cards", cards)

    def delete_card(self, card_id: str) -> None:
        self._delete("cards", card_id)

    def cards(self) -> list[Card]:
        return list(self._records("cards", Card).values())

    def get_card(self, card_id: str) -> Card | None:
        doc = self.storage.read()["cards"].get(card_id)
        try:
            return None if doc is None else from_doc(Card, card_id, doc)
        except (TypeError, ValueError, KeyError):
            return None

    def card_records(self, card_id: str) -> list[Exchange]:
        """The ledger lines a card recorded when it was given (board.gives_for)."""
        exchanges = self.storage.read()["exchanges"]
        found = []
        for exchange_id, doc in exchanges.items():  # raw documents: no need to decode 20,000 exchanges
            if isinstance(doc, dict) and doc.get("card_id") == card_id:
                try:
                    found.append(from_doc(Exchange, exchange_id, doc))
                except (TypeError, ValueError, KeyError):
                    continue
        return found

    def apply_card_change(self, change: Change) -> bool:
        """Save a board change (the card, the gives it adds and removes) in one write.

        False, and nothing written, when the card is no longer what the change started
        from (edited or moved in another terminal or on another device meanwhile).
        """
        with self.storage.transaction():
            if self.get_card(change.before.id) != change.before:
                return False
            added_ids = {x.id for x in change.added}
            for exchange in change.removed:
                if exchange.id not in added_ids:
                    self._delete("exchanges", exchange.id)
            self._save("cards", [change.after])
            if change.added:
                self._save("exchanges", change.added)
        return True

    def settle_capture(self, entry_id: str, key: str, *, card: Card | None = None, exchange: Exchange | None = None) -> bool:
        """A `give:` / `ask:` line of an entry handled: the card or ask it became saved, and the
        line marked settled on the entry as it is now on disk, in one write. False if the entry is gone."""
        with self.storage.transaction():
            entry = self.get_entry(entry_id)
            if entry is None:
                return False
            if card is not None:
                self._save("cards", [card])
            if exchange is not None:
                self._save("exchanges", [exchange])
            if key not in entry.settled:
                self._save("entries", [dataclasses.replace(entry, settled=(*entry.settled, key))])
        return True

    def add_card(self, card: Card) -> None:
        """A new card (an edit goes through apply_card_change)."""
        self._save("cards", [card])
