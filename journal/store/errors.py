"""Problems with the journal file, each with one clear sentence for the user.

`reason` says what is wrong; `advice`, when there is one, says the way out
(which backup to restore and the command that does it, who to ask for the
lock...). `str(error)` is the file and the reason; `error.line()` adds the
advice, for the one line the command line prints.
"""

from __future__ import annotations

from pathlib import Path


class JournalError(Exception):
    """Base: the message is one line that names the file."""

    def __init__(self, path: Path, reason: str, advice: str = "") -> None:
        self.path = path
        self.reason = reason
        self.advice = advice
        super().__init__(f"{path}: {reason}")

    def line(self) -> str:
        """The reason and the way out, on one line."""
        return f"{self}. {self.advice}" if self.advice else str(self)


class JournalCorrupt(JournalError):
    """The file does not parse as a journal. It is never overwritten."""


class JournalUnreadable(JournalError):
    """The file is there but cannot be read (permissions, not a regular file, I/O error)."""


class JournalMissing(JournalError):
    """journal.json is a link to a file that does not exist: never an empty journal."""


class JournalTooNew(JournalError):
    """Written by a newer Tricot (unknown schema version). It is never overwritten."""


class JournalLocked(JournalError):
    """Another process held the write lock for too long."""


class WriteFailed(JournalError):
    """The new file could not be written (disk full, permissions); the old file is intact."""
