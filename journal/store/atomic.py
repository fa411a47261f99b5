"""Write a whole file so that a crash at any moment leaves the old or the new one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path


def ensure_private_dir(directory: Path) -> None:
    """Create `directory` (and parents) with mode 0700 for the last level."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)


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


def write_atomic(path: Path, data: bytes | Sequence[bytes | memoryview]) -> None:
    """Temp file in the same dir (0600), write, flush, fsync, os.replace, fsync the dir.

    `data` is the content or a list of chunks of it (written without joining them).

    Raises OSError with the old file untouched; the temp file is removed.
    """
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    fsync_dir(path.parent)
