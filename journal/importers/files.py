"""Reading an address book the user pointed at: any file, maybe the wrong one."""

from __future__ import annotations

from pathlib import Path

from journal.files import read_regular
from journal.i18n import _

# Far beyond any address book (5,000 cards are ~2 MB): a bigger file is the wrong file.
MAX_ADDRESS_BOOK = 256 << 20


class NotAnAddressBook(ValueError):
    """The file cannot be read as one; the message is one line for the user."""


def read_address_book(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_ADDRESS_BOOK:
            raise NotAnAddressBook(
                _("{path}: {size} MB is far larger than an address book; is it the right file?").format(
                    path=path, size=size >> 20
                )
            )
        return read_regular(path)
    except OSError as error:
        raise NotAnAddressBook(
            _("{path}: cannot be read: {error}").format(path=path, error=error.strerror or error)
        ) from None


def nothing_found(parsed, source: str, path: Path) -> str | None:
    """Why a parse that found nobody is not an import at all (the wrong file), or None.

    A file whose every card was skipped has its report; a file with no card,
    or whose whole layout was refused (no header row), is not an address book.
    """
    if parsed.contacts or any(skip.line for skip in parsed.skipped):
        return None
    if parsed.skipped:
        return _("{path}: {reason}").format(path=path, reason=parsed.skipped[0].reason)
    if source == "vcard":
        return _("{path}: no vCard in it (BEGIN:VCARD … END:VCARD); is it the right file?").format(path=path)
    return _("{path}: no connection in it; is it LinkedIn's Connections.csv?").format(path=path)
