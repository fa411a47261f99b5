"""The way out of a problem with the journal file, worded for the user.

Only what is true on this disk is suggested: a backup is named only if it
exists and opens as a journal, a permission problem is called one.
"""

from __future__ import annotations

import errno
import shlex
from pathlib import Path

from journal.i18n import _
from journal.store.codec import decode
from journal.store.errors import JournalError

BACKUP_GLOB = "{stem}-*{suffix}"


def backups_of(path: Path, backup_dir: Path) -> list[Path]:
    """Daily backups of `path`, newest first."""
    try:
        found = sorted(backup_dir.glob(BACKUP_GLOB.format(stem=path.stem, suffix=path.suffix)))
    except OSError:
        return []
    return [p for p in reversed(found) if p.is_file()]


def _opens(backup: Path) -> bool:
    try:
        decode(backup.read_bytes(), backup)
    except (OSError, JournalError):
        return False
    return True


def restore(path: Path, backup_dir: Path) -> str:
    """For a file whose content is damaged: the newest good backup and the command to restore it."""
    backups = backups_of(path, backup_dir)
    good = next((b for b in backups if _opens(b)), None)
    if good is not None:
        # The damaged file is moved aside, not overwritten: it may hold entries
        # written since the backup, to copy back by hand.
        aside = path.with_name(f"{path.stem}-damaged{path.suffix}")
        return _(
            "Tricot has not changed it. To go back to the last good backup ({name}), keeping the damaged "
            "file aside: mv {path} {aside} && cp {backup} {path}"
        ).format(
            name=good.name,
            backup=shlex.quote(str(good)),
            path=shlex.quote(str(path)),
            aside=shlex.quote(str(aside)),
        )
    if backups:
        return _(
            "Tricot has not changed it. None of the backups in {folder} opens either: repair the file by hand "
            "(it is JSON), or start another journal with --data-dir."
        ).format(folder=backup_dir)
    return _(
        "Tricot has not changed it. There is no backup of it yet: repair the file by hand (it is JSON), "
        "or start another journal with --data-dir."
    ).format(folder=backup_dir)


def restore_missing(path: Path, backup_dir: Path) -> str:
    """For a journal that vanished while backups of it remain."""
    good = next((b for b in backups_of(path, backup_dir) if _opens(b)), None)
    if good is not None:
        return _(
            "If a sync tool or a stray rm took it, bring it back from its sync history or restore the last "
            "backup: cp {backup} {path}. To start a new journal here instead, move {folder} away."
        ).format(backup=shlex.quote(str(good)), path=shlex.quote(str(path)), folder=shlex.quote(str(backup_dir)))
    return _(
        "If a sync tool or a stray rm took it, bring it back from its sync history. To start a new journal "
        "here instead, move {folder} away."
    ).format(folder=shlex.quote(str(backup_dir)))


def cannot_read(path: Path, error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM):
        return _(
            "Your user may not read it: check its owner and permissions with ls -l {path} "
            "(a `sudo tricot` leaves files owned by root; sudo chown $USER {path} gives it back)."
        ).format(path=shlex.quote(str(path)))
    return _("Check the disk and the file, then start again.")


def cannot_write(path: Path, error: OSError) -> str:
    folder = shlex.quote(str(path.parent))
    if error.errno in (errno.EACCES, errno.EPERM):
        return _(
            "Your user may not write in {folder}: check its owner and permissions with ls -ld {folder} "
            "(a `sudo tricot` leaves files owned by root)."
        ).format(folder=folder)
    if error.errno == errno.ENOSPC:
        return _("The disk is full: free some space, then save again.")
    if error.errno == errno.EROFS:
        return _("{folder} is on a read-only disk.").format(folder=folder)
    return _("Nothing was lost; try again.")
