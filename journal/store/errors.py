"""Problems with the journal file, each with one clear sentence for the user."""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """Base: the message is one line that names the file."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class JournalCorrupt(JournalError):
    """The file does not parse as a journal. It is never overwritten."""


class JournalTooNew(JournalError):
    """Written by a newer Tricot (unknown schema version). It is never overwritten."""


class JournalLocked(JournalError):
    """Another process held the write lock for too long."""


class WriteFailed(JournalError):
    """The new file could not be written (disk full, permissions); the old file is intact."""
