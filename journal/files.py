"""Reading a small file the user may have replaced with anything: a folder, a named pipe, a device.

A named pipe put where settings.json or a theme should be would make a plain
read wait forever at start-up. Opened without blocking and checked to be a
regular file first, it is an OSError like any other unreadable file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def read_regular(path: Path) -> bytes:
    """The bytes of `path`; OSError (EISDIR, or EINVAL for pipes and devices) if it is not a regular file."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        with open(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)
