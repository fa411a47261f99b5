"""Persistence: the only package that imports TinyDB."""

from journal.store.errors import (
    JournalCorrupt,
    JournalError,
    JournalLocked,
    JournalTooNew,
    WriteFailed,
)

__all__ = ["JournalCorrupt", "JournalError", "JournalLocked", "JournalTooNew", "WriteFailed"]
