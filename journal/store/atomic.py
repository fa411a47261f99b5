"""Write a whole file so that a crash at any moment leaves the old or the new one.

Every folder Tricot creates is private (0700), whatever the umask, and so is
every file it writes (0600). A path that is a symbolic link is written
through to its target: people link journal.json or settings.json into a
synced folder or a dotfiles repository, and the link must stay a link.

Temporary files are named `.~NAME.RANDOM.tmp`: hidden, and matching the
patterns Dropbox, Nextcloud and Resilio never sync (`.~*`, `*.~*`, `*.tmp`).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

TEMP_PREFIX = ".~"
TEMP_SUFFIX = ".tmp"
# A save writes its temp file and renames it within a second; one older than
# this was left by a writer that was killed.
STALE_AFTER_SECONDS = 60.0


def ensure_private_dir(directory: Path) -> None:
    """Create `directory` and any missing parents, each with mode 0700."""
    missing = []
    current = Path(directory)
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue  # another process made it meanwhile
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask; this is not
    if not Path(directory).is_dir():
        raise NotADirectoryError(20, "Not a directory", str(directory))


def fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable. Not possible on Windows, where it is not needed.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def real_target(path: Path) -> Path:
    """Where writing `path` must go: the file itself, or what its symbolic link(s) point to."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else path


def write_atomic(path: Path, data: bytes | Sequence[bytes | memoryview], *, durable: bool = True) -> os.stat_result:
    """Temp file in the same dir (0600), write, flush, fsync, os.replace, fsync the dir.

    `data` is the content or a list of chunks of it (written without joining them).
    `durable=False` skips the fsyncs: still never torn by a crashed process, but
    a power cut may lose it (for copies that are a safety net, not the data).
    A symbolic link is written through: its target is replaced, the link stays.

    Returns the written file's stat, taken before the rename: a stat after it
    could already see another process's file put in its place.
    Raises OSError with the old file untouched; the temp file is removed.
    """
    target = real_target(path)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f"{TEMP_PREFIX}{target.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
            written = os.fstat(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    if durable:
        fsync_dir(target.parent)
    return written


def is_temp_name(name: str, of: str | None = None) -> bool:
    """Whether `name` is a temp file Tricot writes (of file `of`, if given), old naming included."""
    if not name.endswith(TEMP_SUFFIX):
        return False
    if of is None:
        return name.startswith(TEMP_PREFIX) or (name.startswith(".") and ".json." in name)
    # Before temp files were named .~NAME.*.tmp they were .NAME.*.tmp.
    return name.startswith((f"{TEMP_PREFIX}{of}.", f".{of}."))


def remove_stale_temps(
    directory: Path, of: str | None = None, *, now: float | None = None, older_than: float = STALE_AFTER_SECONDS
) -> int:
    """Delete temp files a killed writer left in `directory`; returns how many.

    Only Tricot's own names (of file `of` in a folder shared with other
    things, any of Tricot's in its own folders), and only those older than
    `older_than` seconds: a live writer's temp file is never more than a
    second old (under the write lock, none is live: 0).
    """
    now = time.time() if now is None else now
    removed = 0
    try:
        names = os.listdir(directory)
    except OSError:
        return 0
    for name in names:
        if not is_temp_name(name, of):
            continue
        path = Path(directory) / name
        try:
            if now - path.lstat().st_mtime >= older_than:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed
