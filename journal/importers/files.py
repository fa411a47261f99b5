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
