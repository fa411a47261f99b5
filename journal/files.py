"""Reading files the user may have replaced with anything, or edited by hand.

A named pipe put where settings.json or a theme should be would make a plain
read wait forever at start-up. Opened without blocking and checked to be a
regular file first, it is an OSError like any other unreadable file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any


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


class DuplicateKey(ValueError):
    """A JSON object names the same key twice."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A `json.loads` object hook refusing what Python would take silently: the last of two
    same keys wins and the first vanishes (two "entries", one id twice)."""
    doc: dict[str, Any] = {}
    for key, value in pairs:
        if key in doc:
            raise DuplicateKey(key)
        doc[key] = value
    return doc
