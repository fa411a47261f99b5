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

Two devices (store/merge.py): whenever the file is read again it is merged
with what this process holds, at open with what this device remembers of it
(store/memory.py), and conflict copies a sync tool left beside it are merged
in, then moved to backups/merged/. So a file put back in time, or the other
device's version winning a sync, never takes away a record: it comes back at
the next save. What was merged is in `notices`, for the user to be told once.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from journal import paths
from journal.clock import Clock
from journal.files import read_regular
from journal.i18n import _, ngettext
from journal.store import advice
from journal.store.atomic import ensure_private_dir, real_target, remove_stale_temps, write_atomic
from journal.store.codec import Tables, decode, empty_tables, encode, encode_tables, encode_value, journal_id, with_journal_id
from journal.store.conflicts import conflict_copies, put_away
from journal.store.device import Device, this_device
from journal.store.errors import JournalCorrupt, JournalError, JournalLocked, JournalMissing, JournalUnreadable, WriteFailed
from journal.store.lock import LOCKS_FOLDERS, FileLock
from journal.store.memory import MERGES_KEPT, JournalMemory
from journal.store.merge import CHANGED, DEVICE, META, TOMBSTONES, merge_into, next_stamp, stamp

BACKUPS_TO_KEEP = 7
# How many times a damaged file that is still changing is read again (0.1 s apart) before it is refused.
WRITE_IN_PLACE_RETRIES = 3
# A conflict copy larger than this (or four times the journal) is not read: no journal grows so
# far between two syncs, and reading gigabytes would stall start-up.
COPY_SIZE_LIMIT = 256 << 20

Signature = tuple[int, int, int]


class JournalStorage:
    """TinyDB's storage interface (read, write, close) over journal.json, held in memory,
    written atomically under a lock. Reading needs no TinyDB, so it is imported only to write."""

    def __init__(self, path: Path, clock: Clock, *, lock_timeout: float = 10.0, device: Device | None = None) -> None:
        self.path = Path(path)
        self.clock = clock
        self.lock_timeout = lock_timeout
        self.device = device if device is not None else this_device(paths.state_dir())
        self.memory: JournalMemory | None = None  # what this device remembers of this journal
        # Merges the user is told about once, quietly (they lost nothing: that is the point).
        self.notices: list[str] = []
        self.refused: dict[str, str] = {}  # conflict copies that could not be merged -> why
        self._merges: list[dict] = []  # merges made, logged in the memory once written
        # Conflict copies merged (and how many records each brought), moved to backups/merged/ once written.
        self._put_away: list[tuple[Path, int]] = []
        self._seen_copies: dict[Path, Signature] = {}  # copies already read: not read again each second
        self._memory_stale: set[str] = set()  # tables this device has read but not remembered yet
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
        if self.device.problem:
            self._warn_once("device", self.device.problem)
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

    def _read_file(self, target: Path) -> tuple[bytes, os.stat_result] | None:
        """The file's bytes and the stat of exactly what was read; None if there is no file."""
        try:
            # Non-blocking, so a named pipe put in the journal's place cannot hang us.
            fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            return None
        except OSError as error:
            raise self._unreadable(error) from None
        st = os.fstat(fd)
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
                return handle.read(), st
            except OSError as error:
                raise self._unreadable(error) from None

    def _current_signature(self) -> Signature | None:
        try:
            st = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):  # gone, or its folder is gone
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def _load(self) -> None:
        target = self._target()
        for attempt in range(WRITE_IN_PLACE_RETRIES + 1):
            read = self._read_file(target)
            if read is None:
                self._refuse_to_start_anew()
                return
            data, st = read
            try:
                tables = decode(data, self.path, advise=self._restore_advice)
                break
            except JournalCorrupt:
                # A sync tool or `cp` writing the file in place shows it half written for a moment:
                # damage that is still changing is read again; damage that stays is refused.
                if attempt == WRITE_IN_PLACE_RETRIES:
                    raise
                time.sleep(0.1)
                if self._current_signature() == (st.st_ino, st.st_size, st.st_mtime_ns):
                    raise
        signature = (st.st_ino, st.st_size, st.st_mtime_ns)
        if self._holds_a_journal:
            self._take_back_held(tables)
        # Also while open: another process of this device may have written what the file lost.
        self._recall(tables, signature)
        self._merge_copies(tables)
        self._tables = tables
        self._holds_a_journal = True
        self._signature = signature
        self.generation += 1

    # -- merging (see store/merge.py) --------------------------------------------

    def stamp(self, *previous: object) -> dict[str, str]:
        """The merge fields of a change made now, on this device, after the `previous` stamps."""
        return {CHANGED: next_stamp(self.clock.utc_now(), *previous), DEVICE: self.device.id}

    @staticmethod
    def _count(counts: dict[str, int]) -> int:
        """How many records (or deletions) a merge brought, by its per-table counts."""
        return sum(count for name, count in counts.items() if name != META)

    def _log_merge(self, source: str, brought: int) -> None:
        """Keep a merge for the log `tricot sync status` shows (written with the memory)."""
        self._merges = [*self._merges, {"at": stamp(self.clock.utc_now()), "source": source, "records": brought}]
        del self._merges[:-MERGES_KEPT]

    def _merged(self, source: str, counts: dict[str, int]) -> int:
        """Note a merge of what this Tricot held or remembered; how many records it brought."""
        brought = self._count(counts)
        if brought:
            self._log_merge(source, brought)
            self._owes_write = True
        return brought

    def _take_back_held(self, tables: Tables) -> None:
        """The file changed under us: merge what we hold into it, so nothing it lost is lost."""
        held = journal_id(self._tables)
        replaced = held is not None and journal_id(tables) not in (None, held)
        brought = self._merged("held", merge_into(tables, self._tables))
        if not brought:
            return
        if replaced:
            # Most likely ours vanished and a `tricot checkin` started a new one.
            self.warnings.append(
                ngettext(
                    "{path} was replaced by another journal; the {count} record this Tricot held was put back into it.",
                    "{path} was replaced by another journal; the {count} records this Tricot held were put back into it.",
                    brought,
                ).format(path=self.path, count=brought)
            )
        else:
            self.notices.append(
                ngettext(
                    "Merged changes from another device: the journal file had lost {count} change this Tricot held "
                    "(an older copy put back?); it is back.",
                    "Merged changes from another device: the journal file had lost {count} changes this Tricot held "
                    "(an older copy put back?); they are back.",
                    brought,
                ).format(count=brought)
            )

    def _bind_memory(self) -> None:
        if self.memory is None and self.device.state_dir is not None:
            self.memory = JournalMemory(self.device.state_dir, self.path.parent)

    def _recall(self, tables: Tables, signature: Signature) -> None:
        """If the file is not the one this device last wrote or checked, merge what it remembers."""
        self._bind_memory()
        if self.memory is None:
            return
        self.memory.reload()  # another process of this device may have written since
        if self.memory.signature == signature:
            return
        remembered, damaged = self.memory.intact_tables()
        if damaged:
            self._warn_once(
                "memory",
                ngettext(
                    "What this device remembers of the journal's {names} table ({folder}) is damaged; "
                    "it was set aside, the rest was used.",
                    "What this device remembers of the journal's {names} tables ({folder}) is damaged; "
                    "they were set aside, the rest was used.",
                    len(damaged),
                ).format(names=", ".join(damaged), folder=self.memory.folder),
            )
            self._memory_stale.update(damaged)
        if not self._same_journal(tables, remembered):
            self._set_memory_aside()
            self._memory_stale.update(tables.names())
            return
        counts = merge_into(tables, remembered)
        brought = self._merged("memory", counts)
        self._memory_stale.update(counts)
        if brought:
            self.notices.append(
                ngettext(
                    "Merged changes from another device: {count} change this device made was missing from the "
                    "journal file (a sync tool or a restore put an older copy back); it is back.",
                    "Merged changes from another device: {count} changes this device made were missing from the "
                    "journal file (a sync tool or a restore put an older copy back); they are back.",
                    brought,
                ).format(count=brought)
            )
        elif not self._memory_stale:
            self._remember_quietly(signature)

    def _same_journal(self, tables: Tables, remembered: Tables) -> bool:
        """Whether the file is the journal this device remembers, in another version.

        The same id, or no id on one side; or different ids but records in
        common: a journal from before ids, upgraded on two devices, got a
        different id on each. A journal started anew shares no record.
        """
        ours, theirs = self.memory.journal_id, journal_id(tables)  # type: ignore[union-attr]
        if ours is None or theirs is None or ours == theirs:
            return True
        common = (set(tables.names()) & set(remembered.names())) - {META, TOMBSTONES}
        return any(not tables[name].keys().isdisjoint(remembered[name]) for name in common)

    def _still_same_journal(self, tables: Tables) -> bool:
        return self._same_journal(tables, self.memory.intact_tables()[0])  # type: ignore[union-attr]

    def _set_memory_aside(self) -> None:
        try:
            aside = self.memory.set_aside()  # type: ignore[union-attr]
        except OSError:
            return  # overwritten at the next save: the file was chosen over it anyway
        self._warn_once(
            "memory-aside",
            _(
                "{path} is not the journal this device last wrote there (no record in common); "
                "what this device remembered of that one is kept in {folder}."
            ).format(path=self.path, folder=aside),
        )

    def _remember_quietly(self, signature: Signature) -> None:
        """The file holds all this device remembers: note it, so the next open skips the comparison."""
        try:
            self.memory.remember({}, signature)  # type: ignore[union-attr]
        except OSError:
            pass  # only costs the comparison again next time

    def _merge_copies(self, tables: Tables) -> bool:
        """Merge the conflict copies beside the file into `tables`. True if one brought records."""
        brought_any = False
        for copy in self.conflict_copies():
            try:
                st = os.stat(copy)
            except OSError:
                if os.path.islink(copy):  # a link to nothing: never a copy to wait for
                    self._seen_copies[copy] = (0, 0, 0)
                    self._refuse_copy(copy, _("it is a symbolic link to nothing"))
                continue  # gone meanwhile: another Tricot put it away
            seen = (st.st_ino, st.st_size, st.st_mtime_ns)
            if self._seen_copies.get(copy) == seen:
                continue
            self._seen_copies[copy] = seen
            limit = max(COPY_SIZE_LIMIT, 4 * (self._signature[1] if self._signature else 0))
            if st.st_size > limit:
                self._refuse_copy(
                    copy,
                    _("it is {size} MB, far larger than this journal could be").format(size=st.st_size // (1 << 20)),
                )
                continue
            try:
                theirs = decode(read_regular(copy), copy).build_all()
            except OSError as error:
                self._refuse_copy(copy, error.strerror or str(error))
                continue
            except JournalError as error:
                self._refuse_copy(copy, error.reason)
                continue
            self.refused.pop(copy.name, None)
            brought = self._count(merge_into(tables, theirs))
            self._put_away.append((copy, brought))
            if brought:
                brought_any = True
                self._owes_write = True
        return brought_any

    def _refuse_copy(self, copy: Path, reason: str) -> None:
        self.refused[copy.name] = reason
        self._warn_once(
            f"copy:{copy.name}:{self._seen_copies.get(copy)}",
            _("{copy} looks like a conflict copy of the journal but cannot be merged ({reason}); it is left where it is.").format(
                copy=copy, reason=reason
            ),
        )

    def conflict_copies(self) -> list[Path]:
        """Sync tools' conflict copies of the journal, beside the real file (a link's target, if it is one)."""
        try:
            target = self._target()
        except JournalError:
            return []
        return conflict_copies(target.parent, target.name)

    @property
    def merged_dir(self) -> Path:
        return self.backup_dir / "merged"

    def _put_away_copies(self) -> None:
        """Move merged conflict copies to backups/merged/: kept, and never merged twice.

        A copy that cannot be moved stays, and is not read again while it is
        unchanged; the next Tricot merges it again, which changes nothing.
        """
        for copy, brought in self._put_away:
            try:
                put_away(copy, self.merged_dir)
                kept_in: Path | None = self.merged_dir
            except FileNotFoundError:
                kept_in = None  # another Tricot put it away first
            except OSError as error:
                self._warn_once(
                    f"put-away:{copy.name}",
                    _("{copy} was merged but could not be moved to {folder} ({error}); it is harmless to merge again.").format(
                        copy=copy, folder=self.merged_dir, error=error.strerror or error
                    ),
                )
                if brought:
                    self._tell_copy_merged(copy, brought, None)
                continue
            self._seen_copies.pop(copy, None)
            self._log_merge(copy.name, brought)  # a copy is worth a line even when it held nothing new
            if brought:
                self._tell_copy_merged(copy, brought, kept_in)
        self._put_away = []
        if self._merges and self.memory is not None:
            try:
                self.memory.log_merges(self._merges)
                self._merges = []
            except OSError:
                pass  # kept for the next save's memory write

    def _tell_copy_merged(self, copy: Path, brought: int, kept_in: Path | None) -> None:
        notice = ngettext(
            "Merged changes from another device: {count} change from {copy}, a conflict copy left by your sync tool.",
            "Merged changes from another device: {count} changes from {copy}, a conflict copy left by your sync tool.",
            brought,
        ).format(count=brought, copy=copy.name)
        if kept_in is not None:
            notice += " " + _("It is kept in {folder}.").format(folder=kept_in)
        self.notices.append(notice)

    def _remember(self, tables: Tables, before: dict) -> None:
        """After a save: keep in the memory the tables that changed (all, the first time)."""
        self._bind_memory()
        if self.memory is None:
            return
        if self.memory.journal_id not in (None, journal_id(tables)) and not self._still_same_journal(tables):
            self._set_memory_aside()  # a journal started anew here: the old one's memory is kept, apart
        known = self.memory.table_names()
        # A table's raw bytes, where it has them, are its content (read so, or just written).
        parts = {name: tables.raw.get(name) or encode_value(tables[name]) for name in tables.names()}
        changed = {
            name: part
            for name, part in parts.items()
            if name in self._memory_stale
            or name not in known
            or name not in before
            or not (before[name] is part or memoryview(before[name]) == memoryview(part))
        }
        try:
            self.memory.remember(changed, self._signature, journal_id(tables))
            self.memory.log_merges(self._merges)
        except OSError as error:
            self._warn_once(
                "memory-write",
                _(
                    "{folder} cannot be written ({error}): this device cannot remember what it wrote, so a journal "
                    "put back in time by a sync tool is not noticed between runs."
                ).format(folder=self.memory.folder, error=error.strerror or error),
            )
            return
        self._merges = []
        self._memory_stale.clear()

    def merge_in(self, other: Tables, source: str) -> int:
        """Merge another version of the journal (a backup, a memory set aside) into it and save; records brought."""
        with self.transaction():
            staged = self._staged
            assert staged is not None
            staged.raw = dict(staged.raw)  # shared with the committed tables, which must stay as they are
            brought = self._count(merge_into(staged, other))
            if brought:
                self._log_merge(source, brought)
                self._dirty = True
        return brought

    def take_notices(self) -> list[str]:
        """Merges not yet told to the user; each is given once."""
        taken, self.notices = self.notices, []
        return taken

    def settle(self) -> None:
        """Write now what opening owes: records a merge brought back, copies to put away, the memory.

        A problem here never stops a command that only reads: it is a warning.
        """
        if not (self._owes_write or self._put_away or self._memory_stale):
            return
        try:
            with self.transaction():
                pass
        except JournalError as error:
            self._warn_once("settle", _("Merged changes could not be saved yet: {error}").format(error=error.line()))

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
        """Reload if another process changed the file, merge conflict copies. True when the data changed."""
        if self.changed_on_disk():
            self._load()
            changed = True
        else:
            changed = self._merge_copies(self._tables)
            if changed:
                self.generation += 1
        if not self._locked:
            if self._owes_write:
                self._write_owed()
            elif self._put_away:  # merged, but they brought nothing: the file holds them already
                self._put_away_copies()
        return changed

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
            elif self._memory_stale:
                self._remember(self._tables, self._tables.raw)
            self._put_away_copies()
        finally:
            self._staged = None
            self._dirty = False
            self._locked = False
            for lock in reversed(locks):
                lock.__exit__(None, None, None)

    def _commit(self, tables: Tables, target: Path) -> None:
        tables = with_journal_id(tables)
        parts = encode_tables(tables)
        data = encode(tables, parts)
        self._keep_daily_backup(target)
        try:
            written = write_atomic(target, data)
        except OSError as error:
            raise WriteFailed(
                self.path,
                _("could not be saved ({error}); the file on disk is unchanged").format(error=error.strerror or error),
                advice.cannot_write(target, error),
            ) from None
        before = self._tables.raw
        tables.raw = dict(parts)  # each table's bytes are its content now: merges compare them
        tables.sources = {name: dict.__getitem__(tables, name) for name in tables.keys()}
        self._tables = tables
        self._holds_a_journal = True
        # What we wrote, not what is there now: a sync tool may have replaced it already.
        self._signature = (written.st_ino, written.st_size, written.st_mtime_ns)
        self.generation += 1
        self._remember(tables, before)
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

