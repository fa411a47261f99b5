"""journal.json on disk: the storage contract of PRODUCT.md.

The file is checked once and kept in memory (each table is built into Python
objects the first time it is used, see codec.py); reads never touch the disk.
Every change runs inside `transaction()`, which takes a short exclusive OS
lock, re-reads the file if another process changed it since we loaded it,
lets TinyDB apply the change to that fresh copy, and writes the result
atomically before the lock is released. So no process loses another's change.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journal.clock import Clock
from journal.i18n import _
from journal.store.atomic import ensure_private_dir, write_atomic
from journal.store.codec import Tables, decode, empty_tables, encode
from journal.store.errors import JournalCorrupt, JournalLocked, WriteFailed
from journal.store.lock import FileLock

BACKUPS_TO_KEEP = 7

Signature = tuple[int, int, int]


class JournalStorage:
    """TinyDB's storage interface (read, write, close) over journal.json, held in memory,
    written atomically under a lock. Reading needs no TinyDB, so it is imported only to write."""

    def __init__(self, path: Path, clock: Clock, *, lock_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.clock = clock
        self.lock_timeout = lock_timeout
        self.lock_path = self.path.with_name(f".{self.path.name}.lock")
        self.backup_dir = self.path.with_name("backups")
        self.generation = 0  # bumped whenever the in-memory tables change
        self._tables: Tables = empty_tables()
        self._signature: Signature | None = None
        self._staged: Tables | None = None
        self._dirty = False
        self._load()

    # -- reading -------------------------------------------------------------

    def _current_signature(self) -> Signature | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _load(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                st = os.fstat(handle.fileno())  # the signature of exactly what we read
                data = handle.read()
        except FileNotFoundError:
            return
        except OSError as error:
            raise JournalCorrupt(self.path, _("cannot be read: {error}").format(error=error.strerror)) from None
        self._tables = decode(data, self.path)
        self._signature = (st.st_ino, st.st_size, st.st_mtime_ns)
        self.generation += 1

    def changed_on_disk(self) -> bool:
        current = self._current_signature()
        # A file that vanished (a sync tool mid-replace, a stray rm) is not an
        # empty journal: keep what we hold, the next save writes it back.
        return current is not None and current != self._signature

    def refresh(self) -> bool:
        """Reload if another process changed the file. True when the data changed."""
        if not self.changed_on_disk():
            return False
        self._load()
        return True

    def read(self) -> Tables:
        return self._staged if self._staged is not None else self._tables

    # -- writing -------------------------------------------------------------

    def write(self, data: Tables) -> None:
        if self._staged is None:
            raise RuntimeError("journal writes must run inside JournalStorage.transaction()")
        self._staged = data
        self._dirty = True

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock, catch up with the file, let the caller change the tables, write once, unlock.

        If anything fails the file and the in-memory tables are left as they were.
        """
        if self._staged is not None:  # nested: the outer transaction writes
            yield
            return
        try:
            ensure_private_dir(self.path.parent)
        except OSError as error:
            raise WriteFailed(self.path, _("cannot create the folder: {error}").format(error=error.strerror)) from None
        try:
            lock = FileLock(self.lock_path, self.lock_timeout).__enter__()
        except TimeoutError:
            raise JournalLocked(
                self.path,
                _("another Tricot kept it locked for {seconds:g} s; try again").format(seconds=self.lock_timeout),
            ) from None
        except OSError as error:
            raise WriteFailed(self.path, _("cannot take the write lock: {error}").format(error=error.strerror)) from None
        try:
            self.refresh()
            # TinyDB replaces whole table dicts and never mutates documents in
            # place as long as the repository avoids Table.update, so a
            # shallow copy keeps the committed tables safe until the write lands.
            self._staged = self._tables.copy()
            self._dirty = False
            yield
            if self._dirty:
                self._commit(self._staged)
        finally:
            self._staged = None
            self._dirty = False
            lock.__exit__(None, None, None)

    def _commit(self, tables: Tables) -> None:
        data = encode(tables)
        self._keep_daily_backup()
        try:
            write_atomic(self.path, data)
        except OSError as error:
            raise WriteFailed(
                self.path,
                _("could not be saved ({error}); the file on disk is unchanged").format(error=error.strerror or error),
            ) from None
        self._tables = tables
        self._signature = self._current_signature()
        self.generation += 1

    def _keep_daily_backup(self) -> None:
        """Before the first save of a day, copy the file to backups/; keep the last few days."""
        if self._signature is None:
            return
        target = self.backup_dir / f"{self.path.stem}-{self.clock.today().isoformat()}{self.path.suffix}"
        if target.exists():
            return
        try:
            ensure_private_dir(self.backup_dir)
            write_atomic(target, self.path.read_bytes())
            backups = sorted(self.backup_dir.glob(f"{self.path.stem}-*{self.path.suffix}"))
            for old in backups[:-BACKUPS_TO_KEEP]:
                old.unlink()
        except OSError:
            # A missing backup must not stop the save itself; the save reports its own failure.
            pass

    def close(self) -> None:
        """Part of TinyDB's interface. Nothing stays open: each read and write closes the file."""
