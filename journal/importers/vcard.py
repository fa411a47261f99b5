"""Read vCard files (2.1, 3.0, 4.0): what phones, Google, Apple, Outlook and khard export.

One broken card costs only itself. The file is cut into BEGIN:VCARD ...
END:VCARD blocks here, before any parsing, so a card that never ends, holds
a line no one can read, or is not a person (a group) becomes a `Skip` with
its line, and every other card still comes in.

Bytes. Lines are unfolded as bytes, then each is decoded: UTF-8 (a BOM is
dropped), else its CHARSET parameter, else Windows-1252 (what Outlook wrote),
else Latin-1 (which never fails), so one card in another encoding does not
garble the rest. vCard 2.1's quoted-printable values are decoded here too,
joined across their soft line breaks (`=` at the end of a line).

vobject reads each property line (group, name, parameters with their
quoting). Two things it does are done here instead: its text decoding keeps
only what comes before the first unescaped comma (`NICKNAME:Johnny,JQP`
gives "Johnny", and a NOTE written by a tool that does not escape commas is
cut short), and its quoted-printable decoding raises on a charset it does not
know. Its line grammar also backtracks exponentially on a line whose
parameters never reach a colon, so a line is checked with `_SHAPE` (the same
grammar, without backtracking) before vobject sees it.

Text is data: a name like `[bold red]Eve[/]` or holding an ESC character is
kept as written (display code cleans it); only NUL and surrounding
whitespace go.
"""

from __future__ import annotations

import binascii
import codecs
import re
import reprlib
from contextlib import suppress
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from vobject.base import ParseError, parseLine

from journal.domain.contacts import parse_cadence
from journal.domain.days import day_problem, parse_day
from journal.domain.models import Circle, Contact
from journal.i18n import _
from journal.importers.people import Parsed, Progress, Skip, clean, finish_progress, report_progress, tidy

# Not bytes.splitlines: a vertical tab or form feed inside a value is not a line end.
_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")
_BOUNDARY = re.compile(rb"[ \t]*(?:BEGIN|END)[ \t]*:[ \t]*VCARD[ \t]*", re.IGNORECASE)
_BEGIN = re.compile(r"[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*", re.IGNORECASE)
_END = re.compile(r"[ \t]*END[ \t]*:[ \t]*VCARD[ \t]*", re.IGNORECASE)
_CHARSET = re.compile(rb";[ \t]*CHARSET[ \t]*=[ \t]*\"?([A-Za-z0-9._:-]+)", re.IGNORECASE)
# A property's name (after an optional group like Apple's "item1."): enough to know whether we use it.
_NAME = re.compile(r"(?:[A-Za-z0-9_-]+\.)?([A-Za-z0-9_-]+)[ \t]*[;:]")
# vobject's line grammar (vobject.base.patterns["line"]) up to the colon, with possessive
# quantifiers: it accepts the same lines, in linear time on the lines it refuses.
_SHAPE = re.compile(r'(?:[A-Za-z0-9_-]++\.)?+[A-Za-z0-9_-]++;?(?:;[A-Za-z0-9_-]++(?:[=,](?:"[^"]*+"|[^";:,]*+))*+)*+:')

_USED = frozenset(
    {
        "FN", "N", "KIND", "X-ADDRESSBOOKSERVER-KIND", "NICKNAME", "EMAIL", "TEL", "URL", "X-SOCIALPROFILE",
        "ORG", "TITLE", "ROLE", "NOTE", "BDAY", "CATEGORIES", "X-TRICOT-CADENCE", "X-TRICOT-MET",
        "X-TRICOT-MET-WHERE",
    }
)  # fmt: skip
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
# Google adds every contact to the group "myContacts": as a tag it would say nothing.
_NOT_TAGS = frozenset({"mycontacts"})


class _Unusable(ValueError):
    """The card cannot become a contact; the message says why, for the user."""


@dataclass
class _Block:
    line: int  # where BEGIN:VCARD is
    lines: list[tuple[int, str]] = field(default_factory=list)  # logical lines, with where each starts
    problem: str | None = None  # set when the block itself is broken (no END:VCARD)


@dataclass
class _Property:
    name: str  # upper case, group dropped: Apple's "item1.ORG" is an ORG
    # Upper-case keys. vCard 2.1 writes parameters bare: its "CELL" is a TYPE, its "QUOTED-PRINTABLE" an ENCODING.
    params: dict[str, list[str]]
    value: str  # decoded to text, still backslash-escaped


def parse_vcards(
    data: bytes,
    *,
    today: date,
    circle: Circle = Circle.R3,
    progress: Progress | None = None,
) -> Parsed:
    """The people in a .vcf file, and the cards left out with their line and why."""
    blocks = list(_blocks(_logical_lines(data)))
    result = Parsed(contacts=[], skipped=[])
    for done, block in enumerate(blocks, start=1):
        try:
            if block.problem:
                raise _Unusable(block.problem)
            result.contacts.append(_contact(block, today, circle))
            result.lines.append(block.line)
        except _Unusable as reason:
            result.skipped.append(Skip(block.line, str(reason)))
        report_progress(progress, done, len(blocks))
    finish_progress(progress, len(blocks))
    return result


# --- Bytes to cards ------------------------------------------------------------------------------


def _logical_lines(data: bytes) -> Iterator[tuple[int, str]]:
    """Unfolded lines as text, with the number of the physical line each starts on.

    Unfolded as bytes, then decoded: a writer that folds at 75 octets may cut
    a UTF-8 character in two, and RFC 6350 (3.2) asks readers to put it back
    together. Three ways a line continues: a leading space or tab (folding); a
    quoted-printable value ending in `=` (a soft line break: the next line
    continues it whatever it starts with); and, in old vCard 2.1 files, base64
    data (a photo) running on over lines that hold no colon.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # a Windows "Unicode" export
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    parts: list[bytes] = []
    start = 0
    quoted = base64 = False
    for number, line in enumerate(_BYTE_BREAK.split(data), start=1):
        # Files exported one by one and concatenated carry a BOM at each card.
        line = line.removeprefix(codecs.BOM_UTF8)
        if parts:
            if quoted and parts[-1].endswith(b"=") and not _BOUNDARY.fullmatch(line):
                parts[-1] = parts[-1][:-1]
                parts.append(line)
                continue
            if line[:1] in (b" ", b"\t"):
                parts.append(line[1:])
                continue
            if base64 and line.strip() and b":" not in line:
                parts.append(line.strip())
                continue
            yield start, _decode_line(b"".join(parts))
            parts = []
        if not line.strip():
            continue
        start, parts = number, [line]
        head = line.split(b":", 1)[0].upper()
        quoted = b"QUOTED-PRINTABLE" in head
        base64 = b"BASE64" in head or b"ENCODING=B" in head
    if parts:
        yield start, _decode_line(b"".join(parts))


def _decode_line(raw: bytes) -> str:
    """UTF-8, else the line's CHARSET, else Windows-1252 (what Outlook wrote), else Latin-1 (never fails)."""
    with suppress(UnicodeDecodeError):
        return raw.decode("utf-8")
    match = _CHARSET.search(raw.split(b":", 1)[0])
    return _decode(raw, match.group(1).decode("ascii") if match else None)


def _decode(raw: bytes, charset: str | None) -> str:
    for encoding in ("utf-8", charset, "cp1252"):
        if encoding:
            try:
                return raw.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    return raw.decode("latin-1")


def _blocks(lines: Iterator[tuple[int, str]]) -> Iterator[_Block]:
    """BEGIN:VCARD ... END:VCARD blocks; one that never ends is yielded with its problem.

    A BEGIN:VCARD inside an open card means the open one lost its END (a file
    cut and pasted together). vCard 2.1's cards nested in AGENT are that rare
    and that old that reading them as two cards is the better guess.
    """
    block: _Block | None = None
    for number, line in lines:
        if _BEGIN.fullmatch(line):
            if block is not None:
                block.problem = _("no END:VCARD before the next card begins on line {line}").format(line=number)
                yield block
            block = _Block(number)
        elif _END.fullmatch(line):
            if block is not None:
                yield block
            block = None  # a stray END:VCARD outside any card ends nothing
        elif block is not None:
            block.lines.append((number, line))
        # Text outside cards (a mail's headers around an attached .vcf) is not ours.
    if block is not None:
        block.problem = _("no END:VCARD: the card stops at the end of the file")
        yield block


# --- A card to a contact -------------------------------------------------------------------------


def _properties(block: _Block) -> dict[str, list[_Property]]:
    """The card's properties we use, by name, in the card's order; unknown properties are not read at all."""
    found: dict[str, list[_Property]] = {}
    for number, line in block.lines:
        named = _NAME.match(line)
        if named is None or named.group(1).upper().replace("_", "-") not in _USED:
            continue
        found.setdefault(named.group(1).upper().replace("_", "-"), []).append(_property(number, line))
    return found


def _property(number: int, line: str) -> _Property:
    if not _SHAPE.match(line):
        raise _Unusable(_("line {line} cannot be read: {text}").format(line=number, text=reprlib.repr(line)))
    try:
        name, raw_params, value, _group = parseLine(line, number)
    except ParseError:
        raise _Unusable(_("line {line} cannot be read: {text}").format(line=number, text=reprlib.repr(line))) from None
    params: dict[str, list[str]] = {}
    for key, *values in raw_params:
        if values:
            params.setdefault(key.upper(), []).extend(values)
        else:  # vCard 2.1 writes parameters bare: "TEL;CELL;QUOTED-PRINTABLE:..."
            params.setdefault("ENCODING" if key.upper() in _ENCODINGS else "TYPE", []).append(key)
    if any(encoding.upper() == "QUOTED-PRINTABLE" for encoding in params.get("ENCODING", ())):
        value = _unquote_printable(value, (params.get("CHARSET") or [None])[0])
    return _Property(name.upper(), params, value)


def _unquote_printable(value: str, charset: str | None) -> str:
    """A quoted-printable value as text, in its CHARSET if Python knows it, else as `_decode` guesses."""
    raw = binascii.a2b_qp(value.encode("utf-8"))
    if charset:
        with suppress(UnicodeDecodeError, LookupError):  # an unknown or wrong CHARSET: guessed instead
            return raw.decode(charset)
    return _decode(raw, None)


def _contact(block: _Block, today: date, circle: Circle) -> Contact:
    found = _properties(block)
    _check_is_a_person(found)
    circle, tags = _circle_and_tags(found, circle)
    return tidy(
        Contact(
            name=_name(found),
            circle=circle,
            aliases=tuple(alias for prop in found.get("NICKNAME", ()) for alias in _list(prop)),
            tags=tags,
            organisation=_organisation(found),
            role=_first(found, "TITLE") or _first(found, "ROLE"),
            met_where=_first(found, "X-TRICOT-MET-WHERE"),
            met_on=_met_on(found, today),
            notes=_notes(found),
            emails=tuple(_without_scheme(_text(prop), "mailto:") for prop in found.get("EMAIL", ())),
            phones=tuple(_without_scheme(_text(prop), "tel:") for prop in found.get("TEL", ())),
            links=_links(found),
            cadence_days=_cadence(found),
            created=today,
        )
    )


def _check_is_a_person(found: dict[str, list[_Property]]) -> None:
    """Groups, organisations and places have cards too (KIND, or Apple's X-ADDRESSBOOKSERVER-KIND)."""
    for prop in (*found.get("KIND", ()), *found.get("X-ADDRESSBOOKSERVER-KIND", ())):
        kind = _text(prop).casefold()
        if kind == "group":
            raise _Unusable(_("a group, not a person"))
        if kind == "org":
            raise _Unusable(_("an organisation, not a person"))
        if kind == "location":
            raise _Unusable(_("a place, not a person"))


def _name(found: dict[str, list[_Property]]) -> str:
    """FN, else the name N spells out; with alternatives (ALTID), the English one, else the first."""
    full = _pick(found.get("FN", ()), _text)
    if full:
        return full
    structured = _pick(found.get("N", ()), _name_from_parts)
    if structured:
        return structured
    raise _Unusable(_("no name (neither FN nor N)"))


def _pick(props: Iterable[_Property], read: Callable[[_Property], str]) -> str:
    """The English value among `props` (LANGUAGE=en, en-GB...), else the first that is not empty."""
    values = [(prop, value) for prop in props if (value := read(prop))]
    for prop, value in values:
        languages = [language.casefold() for language in prop.params.get("LANGUAGE", ())]
        if any(language == "en" or language.startswith("en-") for language in languages):
            return value
    return values[0][1] if values else ""


def _name_from_parts(prop: _Property) -> str:
    """N is family;given;additional;prefix;suffix (each maybe a comma list), said the other way round."""
    parts = [" ".join(filter(None, map(clean, _split(part, ",")))) for part in _split(prop.value, ";")]
    parts += [""] * (5 - len(parts))
    family, given, additional, prefix, suffix = parts[:5]
    return " ".join(part for part in (prefix, given, additional, family, suffix) if part)


def _circle_and_tags(found: dict[str, list[_Property]], circle: Circle) -> tuple[Circle, tuple[str, ...]]:
    """CATEGORIES are tags, but a category that is a circle (R1, R2, R3: what the export writes) is the circle."""
    tags: list[str] = []
    circle_found: Circle | None = None
    for category in (category for prop in found.get("CATEGORIES", ()) for category in _list(prop)):
        if category.upper() in Circle.__members__:
            circle_found = circle_found or Circle(category.upper())
        elif category.casefold() not in _NOT_TAGS:
            tags.append(category)
    return circle_found or circle, tuple(tags)


def _organisation(found: dict[str, list[_Property]]) -> str:
    """ORG is organisation;unit;unit...: the organisation is the first part."""
    for prop in found.get("ORG", ()):
        organisation = clean(_unescape(_split(prop.value, ";")[0]))
        if organisation:
            return organisation
    return ""


def _notes(found: dict[str, list[_Property]]) -> str:
    lines = [_text(prop) for prop in found.get("NOTE", ())]
    birthday = _pick(found.get("BDAY", ()), _birthday)
    if birthday:
        lines.append(_("Birthday: {day}").format(day=birthday))
    return "\n".join(line for line in lines if line)


_FULL_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:T.*)?")
_YEARLESS_DAY = re.compile(r"--(\d{2})-?(\d{2})")


def _birthday(prop: _Property) -> str:
    """BDAY as an ISO day (1985-04-15, or --04-15 when the year is unknown), else as written ("circa 1800")."""
    text = _text(prop)
    full, yearless = _FULL_DAY.fullmatch(text), _YEARLESS_DAY.fullmatch(text)
    with suppress(ValueError):  # not a day of the calendar (2023-02-30): kept as written
        if full:
            year, month, day = full.groups()
            # Apple writes a birthday without a year as year 1604, and says so in X-APPLE-OMIT-YEAR.
            if year in prop.params.get("X-APPLE-OMIT-YEAR", ()):
                return f"--{month}-{day}"
            return date(int(year), int(month), int(day)).isoformat()
        if yearless:
            month, day = yearless.groups()
            date(2000, int(month), int(day))  # a leap year: --02-29 is a birthday
            return f"--{month}-{day}"
    return text


def _links(found: dict[str, list[_Property]]) -> tuple[str, ...]:
    """URL, and Apple's X-SOCIALPROFILE when it is a web address (that is where LinkedIn profiles are)."""
    links = [_text(prop) for prop in found.get("URL", ())]
    for prop in found.get("X-SOCIALPROFILE", ()):
        text = _text(prop)
        if text.casefold().startswith(("http://", "https://")):
            links.append(text)
    return tuple(links)


def _met_on(found: dict[str, list[_Property]], today: date) -> date | None:
    try:
        day = parse_day(_first(found, "X-TRICOT-MET"))
    except ValueError:
        return None
    return day if day_problem(day, today) is None else None


def _cadence(found: dict[str, list[_Property]]) -> int | None:
    try:
        return parse_cadence(_first(found, "X-TRICOT-CADENCE"))
    except ValueError:
        return None


# --- Values --------------------------------------------------------------------------------------


def _first(found: dict[str, list[_Property]], name: str) -> str:
    """The first non-empty value of property `name`, as text."""
    return next((text for prop in found.get(name, ()) if (text := _text(prop))), "")


def _text(prop: _Property) -> str:
    return clean(_unescape(prop.value))


def _list(prop: _Property) -> list[str]:
    """A comma-separated list (NICKNAME, CATEGORIES), each item as text."""
    return [item for item in (clean(_unescape(part)) for part in _split(prop.value, ",")) if item]


def _without_scheme(text: str, scheme: str) -> str:
    """"tel:+1-555" -> "+1-555"; "mailto:a@b" -> "a@b". A value without the scheme is kept as written."""
    return text[len(scheme) :].strip() if text[: len(scheme)].casefold() == scheme else text


_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_ESCAPED = {"n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":"}


def _unescape(text: str) -> str:
    """vCard text escapes (\\n \\, \\; \\\\) undone; a backslash before anything else is kept, it was meant."""
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda match: _ESCAPED.get(match.group(1), match.group(0)), text)


def _split(text: str, separator: str) -> list[str]:
    """`text` cut at each `separator` that is not escaped; the parts are still escaped."""
    if "\\" not in text:
        return text.split(separator)
    parts: list[str] = []
    current: list[str] = []
    characters = iter(text)
    for character in characters:
        if character == "\\":
            current.append(character + next(characters, ""))
        elif character == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(character)
    parts.append("".join(current))
    return parts
