"""journal.json <-> tables, fast enough for ten years of daily use.

Opening the file checks all of it (JSON syntax with msgspec, which skips
over values without building them, and UTF-8), but builds Python objects
only for the tables that are used: a check-in touches `entries` and none of
the 20,000 exchanges. A table never used is written back as the exact bytes
it was read from, so an untouched table costs nothing to load or save.
"""

from __future__ import annotations

import codecs
import uuid
import json
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import msgspec

from journal.files import DuplicateKey, no_duplicate_keys
from journal.i18n import _
from journal.store import migrations
from journal.store.errors import JournalCorrupt, JournalTooNew

TABLES = ("contacts", "entries", "exchanges", "cards", "tombstones", "meta")
META_DOC = "schema"
# A journal's identity, made once with it: a file that replaces ours with another
# id is another journal (started anew by a process that found none), not our next version.
JOURNAL_DOC = "journal"

_SPLIT = msgspec.json.Decoder(dict[str, msgspec.Raw])
# Far beyond any schema Tricot will have; a bigger "version" is damage, not the future.
_MAX_VERSION = 10_000
_ENCODER = msgspec.json.Encoder()


class Tables(dict):
    """Table name -> {doc id: doc}. Tables still holding raw JSON are built on first access."""

    def __init__(
        self,
        tables: Iterable = (),
        raw: dict[str, msgspec.Raw] | None = None,
        path: Path = Path("journal.json"),
        advise: Callable[[], str] | None = None,
    ) -> None:
        super().__init__(tables)
        self.raw: dict[str, msgspec.Raw] = raw or {}
        # Built table -> the very object its bytes in `raw` are the content of. A save replaces
        # the tables it changes (TinyDB, merges) and keeps the others: those are not encoded again.
        self.sources: dict[str, object] = {}
        # Named in the error, with the way out, if a table turns out to be unusable when built.
        self.path = path
        self.advise = advise

    def __missing__(self, name: str) -> dict[str, Any]:
        raw = self.raw.get(name)
        if raw is None:
            raise KeyError(name)
        try:
            table = _build_table(raw, self.path, name)
        except JournalCorrupt as error:
            error.advice = self.advise() if self.advise else ""
            raise
        self[name] = table
        self.sources[name] = table
        return table

    def names(self) -> list[str]:
        """Every table, built or raw, the known ones first."""
        present = set(self) | set(self.raw)
        return [n for n in TABLES if n in present] + sorted(present - set(TABLES))

    def copy(self) -> Tables:
        # Raw tables are immutable bytes and built tables are replaced whole by
        # TinyDB, so sharing both with the copy is safe.
        copied = Tables(self, self.raw, self.path, self.advise)
        copied.sources = dict(self.sources)
        return copied

    def build_all(self) -> Tables:
        """Build every table now, keeping the raw bytes: damage anywhere raises JournalCorrupt
        before anything is merged (a half-merged copy would be worse than none)."""
        for name in self.names():
            self[name]
        return self

    def built(self) -> Tables:
        """Every table as Python objects (what a schema upgrade works on)."""
        return Tables({name: self[name] for name in self.names()}, path=self.path, advise=self.advise)


def empty_tables() -> Tables:
    tables = Tables({name: {} for name in TABLES})
    tables["meta"][META_DOC] = {"schema_version": migrations.CURRENT_VERSION}
    tables["meta"][JOURNAL_DOC] = {"id": uuid.uuid4().hex}
    return tables


def journal_id(tables: Tables) -> str | None:
    doc = tables["meta"].get(JOURNAL_DOC) if "meta" in tables.names() else None
    value = doc.get("id") if isinstance(doc, dict) else None
    return value if isinstance(value, str) else None


def with_journal_id(tables: Tables) -> Tables:
    """`tables` with an id in meta (journals from before ids get one at their next save)."""
    if journal_id(tables) is not None:
        return tables
    tables["meta"] = {**tables["meta"], JOURNAL_DOC: {"id": uuid.uuid4().hex}}
    return tables


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999: it would come back as null
        raise ValueError(text)
    return value


def _not_a_number(text: str) -> float:
    raise ValueError(text)  # NaN, Infinity: Python's parser takes them, JSON does not


def _strict_loads(data: bytes, path: Path, table: str | None) -> Any:
    """Python's parser, refusing what a load-and-save would silently change.

    Duplicate keys (the last would win and the first vanish at the next save),
    numbers that cannot be written back, and nesting too deep to read all
    raise JournalCorrupt with a line for the user.
    """
    where = _("the {table} table").format(table=table) if table else _("the file")
    try:
        return json.loads(data, object_pairs_hook=no_duplicate_keys, parse_float=_finite, parse_constant=_not_a_number)
    except DuplicateKey as duplicate:
        raise JournalCorrupt(
            path,
            _("the key {key} appears twice in {where}; opening it would silently drop one of them").format(
                key=json.dumps(duplicate.key, ensure_ascii=False)[:80], where=where
            ),
        ) from None
    except json.JSONDecodeError as error:
        raise JournalCorrupt(
            path,
            _("not valid JSON (line {line}, column {column}: {message})").format(
                line=error.lineno, column=error.colno, message=error.msg
            ),
        ) from None
    except RecursionError:
        raise JournalCorrupt(path, _("{where} is nested too deeply to be a Tricot journal").format(where=where)) from None
    except ValueError:  # an integer of thousands of digits, NaN, 1e999
        raise JournalCorrupt(
            path, _("{where} holds a number Tricot cannot keep (NaN, infinite, or too large)").format(where=where)
        ) from None


def _build_table(raw: msgspec.Raw, path: Path, name: str) -> dict[str, Any]:
    """A raw table as Python objects, refused (JournalCorrupt) if anything in it would be lost.

    Fast path: msgspec builds it, and writing it back gives the very bytes read,
    which proves nothing was dropped (a duplicate key would be missing). Files
    Tricot wrote always take it. Hand-formatted ones take the strict slow path.
    """
    try:
        table = msgspec.json.decode(raw)
        if isinstance(table, dict) and memoryview(raw) == _ENCODER.encode(table):
            return table
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError, OverflowError, UnicodeEncodeError):
        pass  # lone surrogates, huge numbers, deep nesting: the slow path decides
    table = _strict_loads(bytes(raw), path, name)
    if not isinstance(table, dict):
        raise JournalCorrupt(path, _("the JSON does not have the shape of a Tricot journal"))
    return table


def encode_value(value: Any) -> bytes:
    try:
        return _ENCODER.encode(value)
    except UnicodeEncodeError:
        # A lone surrogate cannot be UTF-8; \u escapes keep it exactly and still parse back.
        return json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def encode_tables(tables: Tables) -> dict[str, bytes | msgspec.Raw]:
    """Each table's bytes: raw ones as they were read or last written, built ones encoded
    unless they are the very table those bytes came from."""
    parts: dict[str, bytes | msgspec.Raw] = {}
    for name in tables.names():
        if name not in tables.keys():
            parts[name] = tables.raw[name]
            continue
        table = dict.__getitem__(tables, name)
        known = tables.raw.get(name)
        parts[name] = known if known is not None and tables.sources.get(name) is table else encode_value(table)
    return parts


def encode(tables: Tables, parts: dict[str, bytes | msgspec.Raw] | None = None) -> list[bytes | msgspec.Raw]:
    """The file's bytes as chunks (from `encode_tables`, given or made)."""
    parts = encode_tables(tables) if parts is None else parts
    chunks: list[bytes | msgspec.Raw] = [b"{"]
    for i, (name, part) in enumerate(parts.items()):
        chunks.append((b"," if i else b"") + encode_value(name) + b":")
        chunks.append(part)
    chunks.append(b"}")
    return chunks


def _check_utf8(data: bytes) -> bool:
    if data.isascii():
        return True
    # In slices, so a 10 MB journal never becomes a 20-40 MB str at once.
    decoder = codecs.getincrementaldecoder("utf-8")()
    step = 1 << 20
    try:
        for start in range(0, len(data), step):
            decoder.decode(data[start : start + step])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _split(data: bytes, path: Path) -> Tables:
    try:
        raw: dict[str, msgspec.Raw] | None = _SPLIT.decode(data)
    except msgspec.ValidationError:
        raise JournalCorrupt(path, _("the JSON does not have the shape of a Tricot journal")) from None
    except (msgspec.DecodeError, RecursionError):
        raw = None  # not msgspec's to judge: the slow path below reads it or says where it breaks
    if raw is not None and _ENCODER.encode(raw) == data.strip():
        # Written by Tricot: no duplicate table names, tables left raw until used.
        return Tables(raw=raw, path=path)
    # Slow path: lone-surrogate escapes, a hand-formatted file, duplicate keys,
    # or damage, which the stdlib reports with a line and column.
    full = _strict_loads(data, path, None)
    if not isinstance(full, dict):
        raise JournalCorrupt(path, _("the JSON does not have the shape of a Tricot journal")) from None
    return Tables(full, path=path)


def _is_object(value: Any) -> bool:
    if isinstance(value, msgspec.Raw):
        return memoryview(value)[:1] == b"{"
    return isinstance(value, dict)


def decode(data: bytes, path: Path, advise: Callable[[], str] | None = None) -> Tables:
    """Check a journal file and split it into tables, upgrading old schemas.

    Raises JournalCorrupt or JournalTooNew with a message for the user;
    `advise()` gives a JournalCorrupt its way out (now, or when a table is built later).
    """
    try:
        return _decode(data, path, advise)
    except JournalCorrupt as error:
        if advise is not None and not error.advice:
            error.advice = advise()
        raise


def _decode(data: bytes, path: Path, advise: Callable[[], str] | None) -> Tables:
    if not data.strip():
        raise JournalCorrupt(path, _("the file is empty, so it is not a Tricot journal"))
    if not _check_utf8(data):
        raise JournalCorrupt(path, _("the file is not UTF-8 text, so it is not a Tricot journal"))
    tables = _split(data, path)
    tables.advise = advise
    if not all(_is_object(tables.raw.get(name, dict.get(tables, name))) for name in tables.names()):
        raise JournalCorrupt(path, _("the JSON does not have the shape of a Tricot journal"))
    meta = tables["meta"] if "meta" in tables.names() else {}
    schema = meta.get(META_DOC)
    version = schema.get("schema_version") if isinstance(schema, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        raise JournalCorrupt(path, _("no schema_version in its meta table, so it is not a Tricot journal"))
    if migrations.CURRENT_VERSION < version <= _MAX_VERSION:
        raise JournalTooNew(
            path,
            _(
                "written by a newer Tricot (schema version {version}, this one knows up to {known}); "
                "upgrade Tricot to open it"
            ).format(version=version, known=migrations.CURRENT_VERSION),
        )
    if version > _MAX_VERSION:
        raise JournalCorrupt(path, _("its schema_version is not a version number, so it is not a Tricot journal"))
    if version < migrations.CURRENT_VERSION:
        built = tables.built()  # a table that cannot be built is corrupt, not an upgrade bug
        try:
            tables = Tables(migrations.upgrade(built, version), path=path, advise=advise)
        except Exception as error:  # an upgrade bug must not cost the user the file
            raise JournalCorrupt(
                path, _("could not upgrade from schema version {version}: {error}").format(version=version, error=error)
            ) from None
        tables.setdefault("meta", {})[META_DOC] = {"schema_version": migrations.CURRENT_VERSION}
    for name in TABLES:
        if name not in tables.names():
            tables[name] = {}
    return tables
