"""An exclusive OS lock that the OS drops when the process dies: no stale locks.

On Linux and macOS the lock is taken on the journal's folder itself, so there
is no lock file for a sync tool to copy, delete or replace. On Windows, where
a folder cannot be locked, it is a side file.

Either way, after taking the lock we check that the path still names the very
folder or file we locked. If someone deleted or replaced it meanwhile (`rm`,
a sync tool), another process could lock the new one while we hold the old:
so we let go and take it again.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    LOCKS_FOLDERS = False

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    LOCKS_FOLDERS = True

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _open(path: Path, create: bool, folder: bool) -> int:
    if folder:
        # O_DIRECTORY: a folder deleted meanwhile is an error, never a new file by its name.
        return os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    flags = os.O_RDWR | (os.O_CREAT if create else 0)
    return os.open(path, flags, 0o600)


def _still_names(path: Path, fd: int) -> bool:
    """Whether `path` still leads to the folder or file open as `fd`."""
    try:
        named = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


class FileLock:
    """`with FileLock(path, timeout):` holds the lock; TimeoutError if it cannot be had in time.

    `path` is a folder (locked as it is, `folder=True`) or a file (created if `create`).
    """

    def __init__(self, path: Path, timeout: float, *, create: bool = True, folder: bool = False) -> None:
        self.path = path
        self.timeout = timeout
        self.create = create and not folder
        self.folder = folder
        self._fd: int | None = None

    def __enter__(self) -> FileLock:
        deadline = time.monotonic() + self.timeout
        delay = 0.001
        while True:
            fd = _open(self.path, self.create, self.folder)
            while not _try_lock(fd):
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise TimeoutError(str(self.path))
                time.sleep(delay)
                delay = min(delay * 2, 0.05)
            if _still_names(self.path, fd):
                self._fd = fd
                return self
            # We hold a lock on something the path no longer names: worthless.
            _unlock(fd)
            os.close(fd)
            if not self.create and not self.path.exists():
                raise FileNotFoundError(str(self.path))

    def __exit__(self, *exc_info: object) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            try:
                _unlock(fd)
            finally:
                os.close(fd)
