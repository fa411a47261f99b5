"""journal.json on disk: the storage contract of PRODUCT.md.

The file is checked once and kept in memory (each table is built into Python
objects the first time it is used, see codec.py); reads never touch the disk.
Every change runs inside `transaction()`, which takes a short exclusive OS
lock, re-reads the file if another process changed it since we loaded it,
lets TinyDB apply the change to that fresh copy, and writes the result
atomically before the lock is released. So no process loses another's change.

journal.json may be a symbolic link (into a synced folder, say): it is read and
written through, the lock is taken where the real file is, and a link to
nothing is an error, never an empty journal. Side jobs of a save (the daily
backup, tidying temp files) never stop the save; their problems are kept in
`warnings` for the user to be told once.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journal.clock import Clock
from journal.i18n import _, ngettext
from journal.store import advice
from journal.store.atomic import ensure_private_dir, real_target, remove_stale_temps, write_atomic
from journal.store.codec import Tables, add_missing, decode, empty_tables, encode, journal_id, with_journal_id
from journal.store.errors import JournalLocked, JournalMissing, JournalUnreadable, WriteFailed
from journal.store.lock import LOCKS_FOLDERS, FileLock

BACKUPS_TO_KEEP = 7

Signature = tuple[int, int, int]


class JournalStorage:
    """TinyDB's storage interface (read, write, close) over journal.json, held in memory,
    written atomically under a lock. Reading needs no TinyDB, so it is imported only to write."""

    def __init__(self, path: Path, clock: Clock, *, lock_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self.clock = clock
        self.lock_timeout = lock_timeout
        # Beside the path as given (the data dir), not beside a link's target:
        # backups are this device's, not something to sync.
        self.backup_dir = self.path.with_name("backups")
        self.generation = 0  # bumped whenever the in-memory tables change
        # Problems of side jobs (backups), each kept once until taken by `take_warnings`.
        self.warnings: list[str] = []
        self._warned: set[str] = set()
        self._tables: Tables = empty_tables()
        self._signature: Signature | None = None
        self._staged: Tables | None = None
        self._dirty = False
        self._locked = False
        self._owes_write = False  # records were put back into a replacing journal, not yet written
        self._holds_a_journal = False  # loaded from, or written to, a file
        self._load()

    # -- where the file is -----------------------------------------------------

    def _target(self) -> Path:
        """The real file: the path, or its link's target. JournalMissing for a link to nothing."""
        target = real_target(self.path)
        if os.path.islink(target):  # realpath stops where links loop
            raise JournalMissing(
                self.path,
                _("it is a symbolic link that leads back to itself"),
                _("Point the link at the journal file (ls -l shows where each link goes)."),
            )
        if target != self.path and not os.path.exists(target):
            raise JournalMissing(
                self.path,
                _("it is a link to {target}, which does not exist").format(target=target),
                _(
                    "Is the synced folder there (mounted, signed in)? Fix the link or put the file back; "
                    "Tricot will not start an empty journal in its place."
                ),
            )
        return target

    @property
    def in_transaction(self) -> bool:
        """True while a change is being applied: reads then see uncommitted tables."""
        return self._staged is not None

    # -- reading -------------------------------------------------------------

    def _current_signature(self) -> Signature | None:
        try:
            st = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):  # gone, or its folder is gone
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _load(self) -> None:
        target = self._target()
        try:
            # Non-blocking, so a named pipe put in the journal's place cannot hang us.
            fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            self._refuse_to_start_anew()
            return
        except OSError as error:
            raise self._unreadable(error) from None
        st = os.fstat(fd)  # the signature of exactly what we read
        if stat.S_ISDIR(st.st_mode):
            os.close(fd)
            raise self._unreadable(OSError(errno.EISDIR, os.strerror(errno.EISDIR)))
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            raise JournalUnreadable(
                self.path,
                _("it is not a regular file"),
                _("Move it away; Tricot keeps the journal in a plain file."),
            )
        with open(fd, "rb") as handle:
            try:
                data = handle.read()
            except OSError as error:
                raise self._unreadable(error) from None
        tables = decode(data, self.path, advise=self._restore_advice)
        held = journal_id(self._tables) if self._holds_a_journal else None
        if held is not None and journal_id(tables) != held:
            # Another journal took our file's place: most likely ours vanished and a
            # `tricot checkin` started a new one. What we hold goes into it, now.
            added = add_missing(self._tables, tables)
            if added:
                self._owes_write = True
                self.warnings.append(
                    ngettext(
                        "{path} was replaced by another journal; the {count} record this Tricot held was put back into it.",
                        "{path} was replaced by another journal; the {count} records this Tricot held were put back into it.",
                        added,
                    ).format(path=self.path, count=added)
                )
        self._tables = tables
        self._holds_a_journal = True
        self._signature = (st.st_ino, st.st_size, st.st_mtime_ns)
        self.generation += 1

    def _refuse_to_start_anew(self) -> None:
        """No journal.json, but backups of one: a sync tool or a stray `rm` took it, most likely.

        Starting an empty journal there would bury the real one (and a Tricot
        still open elsewhere, holding it, would then adopt the empty one).
        """
        if advice.backups_of(self.path, self.backup_dir):
            raise JournalMissing(
                self.path,
                _("the journal is missing, but {folder} holds backups of it").format(folder=self.backup_dir),
                advice.restore_missing(self.path, self.backup_dir),
            )

    def _restore_advice(self) -> str:
        return advice.restore(self.path, self.backup_dir)

    def check_tables(self, names: tuple[str, ...]) -> None:
        """Build these tables now, so a damaged one is refused at open rather than at first use."""
        tables = self.read()
        for name in names:
            if name in tables.names():
                tables[name]

    def _unreadable(self, error: OSError) -> JournalUnreadable:
        if error.errno == errno.EISDIR:
            reason = _("it is a folder, not a journal file")
        else:
            reason = _("cannot be read: {error}").format(error=error.strerror or error)
        return JournalUnreadable(self.path, reason, advice.cannot_read(self.path, error))

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
        if self._owes_write and not self._locked:
            self._write_owed()
        return True

    def _write_owed(self) -> None:
        """Write the records put back into a replacing journal now, before anything can lose them.

        A transaction with no change of its own: the write itself is the change.
        """
        with self.transaction():
            self._dirty = True

    def read(self) -> Tables:
        return self._staged if self._staged is not None else self._tables

    def take_warnings(self) -> list[str]:
        """Problems of side jobs not yet shown to the user; each is given once."""
        taken, self.warnings = self.warnings, []
        return taken

    def _warn_once(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            self.warnings.append(message)

    # -- writing -------------------------------------------------------------

    def write(self, data: Tables) -> None:
        if self._staged is None:
            raise RuntimeError("journal writes must run inside JournalStorage.transaction()")
        self._staged = data
        self._dirty = True

    def _lock(self, target: Path) -> list[FileLock]:
        """The journal's write lock: its real folder (or a side file where folders cannot be locked).

        A lock file left by an older Tricot is locked too while it exists, so a
        Tricot of before the upgrade, still open in another terminal, is kept out.
        """
        legacy = target.with_name(f".{target.name}.lock")
        if LOCKS_FOLDERS:
            locks = [FileLock(target.parent, self.lock_timeout, folder=True)]
            if legacy.exists():
                locks.append(FileLock(legacy, self.lock_timeout, create=False))
        else:  # pragma: no cover - Windows
            locks = [FileLock(legacy, self.lock_timeout)]
        taken: list[FileLock] = []
        try:
            for lock in locks:
                try:
                    taken.append(lock.__enter__())
                except FileNotFoundError:
                    continue  # the old lock file went away: nothing left to keep out
        except BaseException:
            for lock in reversed(taken):
                lock.__exit__(None, None, None)
            raise
        return taken

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Lock, catch up with the file, let the caller change the tables, write once, unlock.

        If anything fails the file and the in-memory tables are left as they were.
        """
        if self._staged is not None:  # nested: the outer transaction writes
            yield
            return
        target = self._target()
        try:
            ensure_private_dir(target.parent)
        except OSError as error:
            raise WriteFailed(
                self.path,
                _("cannot create the folder: {error}").format(error=error.strerror or error),
                advice.cannot_write(target, error),
            ) from None
        try:
            locks = self._lock(target)
        except TimeoutError:
            raise JournalLocked(
                self.path,
                _("another Tricot kept it locked for {seconds:g} s").format(seconds=self.lock_timeout),
                _("Try again in a moment, or close the other Tricot."),
            ) from None
        except OSError as error:
            raise WriteFailed(
                self.path,
                _("cannot take the write lock: {error}").format(error=error.strerror or error),
                advice.cannot_write(target, error),
            ) from None
        self._locked = True
        try:
            self.refresh()
            # TinyDB replaces whole table dicts and never mutates documents in
            # place as long as the repository avoids Table.update, so a
            # shallow copy keeps the committed tables safe until the write lands.
            self._staged = self._tables.copy()
            self._dirty = False
            yield
            if self._dirty or self._owes_write:
                self._commit(self._staged, target)
                self._owes_write = False
        finally:
            self._staged = None
            self._dirty = False
            self._locked = False
            for lock in reversed(locks):
                lock.__exit__(None, None, None)

    def _commit(self, tables: Tables, target: Path) -> None:
        tables = with_journal_id(tables)
        data = encode(tables)
        self._keep_daily_backup(target)
        try:
            write_atomic(target, data)
        except OSError as error:
            raise WriteFailed(
                self.path,
                _("could not be saved ({error}); the file on disk is unchanged").format(error=error.strerror or error),
                advice.cannot_write(target, error),
            ) from None
        self._tables = tables
        self._holds_a_journal = True
        self._signature = self._current_signature()
        self.generation += 1
        # Under the lock no other save is in flight: every temp file left there is a killed save's.
        remove_stale_temps(target.parent, target.name, older_than=0)
        remove_stale_temps(self.backup_dir, older_than=0)

    def _keep_daily_backup(self, target: Path) -> None:
        """Before the first save of a day, copy the file to backups/; keep the last few days.

        A backup that cannot be made never stops the save: the user is told once.
        """
        if self._signature is None:
            return
        backup = self.backup_dir / f"{self.path.stem}-{self.clock.today().isoformat()}{self.path.suffix}"
        try:
            if backup.exists():
                return
            ensure_private_dir(self.backup_dir)
            write_atomic(backup, target.read_bytes())
            backups = advice.backups_of(self.path, self.backup_dir)
            for old in backups[BACKUPS_TO_KEEP:]:
                old.unlink()
        except OSError as error:
            self._warn_once(
                "backup",
                _(
                    "Daily backups are not being kept: {folder} cannot be written ({error}). "
                    "Your journal itself is saved. Check that folder's owner and permissions."
                ).format(folder=self.backup_dir, error=error.strerror or error),
            )

    def close(self) -> None:
        """Part of TinyDB's interface. Nothing stays open: each read and write closes the file."""
