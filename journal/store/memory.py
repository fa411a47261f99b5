"""What this device remembers of one journal, in the state dir (never synced).

    STATE/journals/FOLDER/tables/NAME.json   each table as this device last wrote it
    STATE/journals/FOLDER/sync.json          the journal's id, the file it last saw, the merges it made

FOLDER names the journal's folder (its name and a digest of its path): a
copy of the journal put elsewhere on purpose (a backup opened to look at
it, a test copy) is not the journal this device writes, and is left as it
is. The journal's id is not part of the name: a journal from before ids
gets one at its first save on each device, a different one on each.

When journal.json is not the file this device last wrote or checked, its
tables are merged with the remembered ones: a copy put back by a sync tool
or a restore cannot take away what this device wrote. Tables are written
without fsync (a safety net, not the data) and only when they changed, so a
check-in writes the entries table here, not the whole journal.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import msgspec

from journal.files import read_regular
from journal.store.atomic import ensure_private_dir, write_atomic
from journal.store.codec import Tables
from journal.store.errors import JournalCorrupt

MERGES_KEPT = 20
# A set-aside folder whose records were merged back in (`tricot sync merge-in`) is renamed so: kept, no longer listed.
MERGED_IN = ".merged-in"
_TABLE_NAME = re.compile(r"[a-z0-9_-]{1,64}")

Signature = tuple[int, int, int]


def folder_digest(folder: Path) -> str:
    """A name for a folder: its own name, readable, and 64 bits of checksums of its whole path."""
    path = os.fsencode(os.path.abspath(folder))
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", os.path.basename(os.path.abspath(folder)))[:40]
    return f"{name}-{zlib.crc32(path):08x}{zlib.adler32(path):08x}"


class JournalMemory:
    def __init__(self, state_dir: Path, journal_folder: Path) -> None:
        self.folder = state_dir / "journals" / folder_digest(journal_folder)
        self._tables_dir = self.folder / "tables"
        self._state = self._read_state()

    @property
    def journal_id(self) -> str | None:
        """The id of the journal remembered (None: nothing remembered yet, or from before ids)."""
        value = self._state.get("journal")
        return value if isinstance(value, str) else None

    def set_aside(self) -> Path:
        """Keep what is remembered under another name (the folder now holds another journal). Raises OSError."""
        aside = self.folder.with_name(f"{self.folder.name}.{self.journal_id or 'unknown'}")
        counter = 1
        while aside.exists():
            counter += 1
            aside = self.folder.with_name(f"{self.folder.name}.{self.journal_id or 'unknown'}-{counter}")
        os.rename(self.folder, aside)
        self._state = {}
        return aside

    def set_aside_folders(self) -> list[Path]:
        """What this device remembered of journals that were replaced here by another (see `set_aside`)."""
        prefix = f"{self.folder.name}."
        try:
            return sorted(
                p
                for p in self.folder.parent.iterdir()
                if p.name.startswith(prefix) and not p.name.endswith(MERGED_IN) and p.is_dir()
            )
        except OSError:
            return []

    def reload(self) -> None:
        self._state = self._read_state()

    def _read_state(self) -> dict[str, Any]:
        try:
            doc = json.loads(read_regular(self.folder / "sync.json"))
        except (OSError, ValueError, RecursionError):
            return {}
        return doc if isinstance(doc, dict) else {}

    @property
    def signature(self) -> Signature | None:
        """The journal file (inode, size, mtime) this device last wrote, or checked held all it remembers."""
        value = self._state.get("signature")
        if isinstance(value, list) and len(value) == 3 and all(isinstance(v, int) for v in value):
            return (value[0], value[1], value[2])
        return None

    def merges(self) -> list[dict[str, Any]]:
        """The last merges made on this device, oldest first."""
        found = self._state.get("merges")
        return [m for m in found if isinstance(m, dict)] if isinstance(found, list) else []

    def table_names(self) -> set[str]:
        try:
            return {name[:-5] for name in os.listdir(self._tables_dir) if name.endswith(".json")}
        except OSError:
            return set()

    def tables(self) -> Tables:
        """The remembered tables, raw (built when merged). Unreadable ones are left out."""
        return _read_tables(self._tables_dir)

    def intact_tables(self) -> tuple[Tables, list[str]]:
        """The remembered tables that can be built, and the names of damaged ones, now set aside.

        One damaged table (a power cut while it was written, say) costs only
        itself: the others are still merged. The damaged file is renamed, not
        deleted, and a fresh one is written at the next save.
        """
        tables = self.tables()
        damaged = _drop_damaged(tables)
        for name in damaged:
            self._set_table_aside(name)
        return tables, damaged

    def _set_table_aside(self, name: str) -> None:
        source = self._tables_dir / f"{name}.json"
        counter = 1
        while True:
            aside = self._tables_dir / f"{name}.damaged-{counter}"
            if not aside.exists():
                break
            counter += 1
        try:
            os.rename(source, aside)
        except OSError:
            pass  # it is overwritten at the next save: unreadable either way

    def remember(
        self, tables: Mapping[str, bytes | memoryview], signature: Signature | None, journal_id: str | None = None
    ) -> None:
        """Keep these tables as written, and the file they are in. Raises OSError."""
        if tables:
            ensure_private_dir(self._tables_dir)
        for name, data in tables.items():
            if _TABLE_NAME.fullmatch(name):  # a table name from the file is not trusted as a file name
                write_atomic(self._tables_dir / f"{name}.json", [data], durable=False)
        if journal_id is not None:
            self._state["journal"] = journal_id
        if signature is not None or journal_id is not None:
            if signature is not None:
                self._state["signature"] = list(signature)
            self._save_state()

    def log_merges(self, entries: list[dict[str, Any]]) -> None:
        """Add merges to the log `tricot sync status` shows. Raises OSError."""
        if entries:
            self._state["merges"] = [*self.merges(), *entries][-MERGES_KEPT:]
            self._save_state()

    def _save_state(self) -> None:
        ensure_private_dir(self.folder)
        write_atomic(self.folder / "sync.json", json.dumps(self._state, ensure_ascii=False).encode("utf-8"), durable=False)



def _read_tables(tables_dir: Path) -> Tables:
    raw: dict[str, msgspec.Raw] = {}
    try:
        names = [name[:-5] for name in os.listdir(tables_dir) if name.endswith(".json")]
    except OSError:
        names = []
    for name in names:
        try:
            raw[name] = msgspec.Raw(read_regular(tables_dir / f"{name}.json"))
        except OSError:
            continue
    return Tables(raw=raw, path=tables_dir)


def remembered_tables(folder: Path) -> Tables:
    """The tables kept in a memory folder (this device's, or one set aside); damaged ones left out."""
    tables = _read_tables(folder / "tables")
    _drop_damaged(tables)
    return tables


def _drop_damaged(tables: Tables) -> list[str]:
    """Build every table; leave out (and name) those that cannot be built."""
    damaged = []
    for name in tables.names():
        try:
            tables[name]
        except JournalCorrupt:
            damaged.append(name)
            del tables.raw[name]
    return damaged
