"""Contacts as vCard 3.0: the version every address book reads (Apple, Google, Outlook, phones).

What has no vCard property travels as one every reader keeps and ignores:
the circle is the first CATEGORIES item ("R1"), the cadence and where and
when the person was met are X-TRICOT-* properties. `importers.vcard` reads
all of it back, so exporting and importing again gives the same contacts.

The text is written as the RFC says (CRLF line ends, lines folded at 75
octets, never inside a UTF-8 character): write it to a file as bytes, or
with `newline=""`, so Windows does not turn each CRLF into CR CR LF.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from journal.domain.models import Contact

_LINE_OCTETS = 75
_SURROGATE = re.compile("[\ud800-\udfff]")


def to_vcard(contacts: Iterable[Contact]) -> str:
    """One vCard 3.0 card per contact, in the order given."""
    return "".join(_card(contact) for contact in contacts)


def _card(contact: Contact) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Tricot//Tricot//EN", "UID:" + escape(contact.id)]
    lines.append("FN:" + escape(contact.name))
    lines.append("N:" + ";".join(map(escape, _name_parts(contact.name))))
    if contact.aliases:
        lines.append("NICKNAME:" + ",".join(map(escape, contact.aliases)))
    lines += ["EMAIL;TYPE=INTERNET:" + escape(email) for email in contact.emails]
    lines += ["TEL:" + escape(phone) for phone in contact.phones]
    lines += ["URL:" + escape(link) for link in contact.links]
    if contact.organisation:
        lines.append("ORG:" + escape(contact.organisation))
    if contact.role:
        lines.append("TITLE:" + escape(contact.role))
    if contact.notes:
        lines.append("NOTE:" + escape(contact.notes))
    lines.append("CATEGORIES:" + ",".join(map(escape, (contact.circle.value, *contact.tags))))
    if contact.cadence_days is not None:
        lines.append(f"X-TRICOT-CADENCE:{contact.cadence_days}")
    if contact.met_on is not None:
        lines.append("X-TRICOT-MET:" + contact.met_on.isoformat())
    if contact.met_where:
        lines.append("X-TRICOT-MET-WHERE:" + escape(contact.met_where))
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def _name_parts(name: str) -> tuple[str, str, str, str, str]:
    """N's family;given;additional;prefix;suffix from a full name: the last word is the family name.

    A single word is a given name: the journal is full of "Karine"s, and an
    address book showing N must not file her under a surname.
    """
    words = name.split()
    if len(words) < 2:
        return "", name.strip(), "", "", ""
    return words[-1], " ".join(words[:-1]), "", "", ""


def escape(text: str) -> str:
    """`text` as a vCard text value: backslash, comma, semicolon and line breaks escaped.

    A lone surrogate (undecodable bytes that reached a name) cannot be written
    as UTF-8 at all; it becomes U+FFFD rather than failing the whole export.
    """
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """`line` cut into lines of at most 75 octets, each continuation starting with a space (RFC 2425 5.8.1)."""
    if len(line) * 4 <= _LINE_OCTETS or len(line.encode("utf-8")) <= _LINE_OCTETS:
        return line
    pieces: list[str] = []
    start = size = 0
    for index, character in enumerate(line):
        octets = _octets(character)
        if size + octets > _LINE_OCTETS:
            pieces.append(line[start:index])
            start, size = index, 1  # the continuation's leading space
        size += octets
    pieces.append(line[start:])
    return "\r\n ".join(pieces)


def _octets(character: str) -> int:
    code = ord(character)
    return 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
