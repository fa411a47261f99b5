"""What this device remembers of one journal, in the state dir (never synced).

    STATE/journals/JOURNAL_ID-FOLDER/tables/NAME.json   each table as this device last wrote it
    STATE/journals/JOURNAL_ID-FOLDER/sync.json          the file it last saw, and the merges it made

FOLDER is a digest of the journal's folder: a copy of the journal put
elsewhere on purpose (a backup opened to look at it, a test copy) is not
the journal this device writes, and is left as it is.

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

MERGES_KEPT = 20
_TABLE_NAME = re.compile(r"[a-z0-9_-]{1,64}")

Signature = tuple[int, int, int]


def folder_digest(folder: Path) -> str:
    """A short name for a folder (a CRC: enough to tell apart one device's few journal folders)."""
    return f"{zlib.crc32(os.fsencode(os.path.abspath(folder))):08x}"


class JournalMemory:
    def __init__(self, state_dir: Path, journal_id: str, journal_folder: Path) -> None:
        self.journal_id = journal_id
        digest = folder_digest(journal_folder)
        self.folder = state_dir / "journals" / f"{journal_id[:40]}-{digest}"
        self._tables_dir = self.folder / "tables"
        self._state = self._read_state()

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
        raw: dict[str, msgspec.Raw] = {}
        for name in self.table_names():
            try:
                raw[name] = msgspec.Raw(read_regular(self._tables_dir / f"{name}.json"))
            except OSError:
                continue
        return Tables(raw=raw, path=self._tables_dir)

    def remember(self, tables: Mapping[str, bytes | memoryview], signature: Signature | None) -> None:
        """Keep these tables as written, and the file they are in. Raises OSError."""
        if tables:
            ensure_private_dir(self._tables_dir)
        for name, data in tables.items():
            if _TABLE_NAME.fullmatch(name):  # a table name from the file is not trusted as a file name
                write_atomic(self._tables_dir / f"{name}.json", [data], durable=False)
        if signature is not None:
            self._state["signature"] = list(signature)
            self._save_state()

    def log_merge(self, entry: dict[str, Any]) -> None:
        """Add a merge to the log `tricot sync status` shows. Raises OSError."""
        self._state["merges"] = [*self.merges(), entry][-MERGES_KEPT:]
        self._save_state()

    def _save_state(self) -> None:
        ensure_private_dir(self.folder)
        write_atomic(self.folder / "sync.json", json.dumps(self._state, ensure_ascii=False).encode("utf-8"), durable=False)
