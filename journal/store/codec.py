"""journal.json <-> tables, fast enough for ten years of daily use.

Opening the file checks all of it (JSON syntax with msgspec, which skips
over values without building them, and UTF-8), but builds Python objects
only for the tables that are used: a check-in touches `entries` and none of
the 20,000 exchanges. A table never used is written back as the exact bytes
it was read from, so an untouched table costs nothing to load or save.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec

from journal.i18n import _
from journal.store import migrations
from journal.store.errors import JournalCorrupt, JournalTooNew

TABLES = ("contacts", "entries", "exchanges", "cards", "meta")
META_DOC = "schema"

_SPLIT = msgspec.json.Decoder(dict[str, msgspec.Raw])
_ENCODER = msgspec.json.Encoder()


class Tables(dict):
    """Table name -> {doc id: doc}. Tables still holding raw JSON are built on first access."""

    def __init__(self, tables: Iterable = (), raw: dict[str, msgspec.Raw] | None = None) -> None:
        super().__init__(tables)
        self.raw: dict[str, msgspec.Raw] = raw or {}

    def __missing__(self, name: str) -> dict[str, Any]:
        raw = self.raw.get(name)
        if raw is None:
            raise KeyError(name)
        table = _decode_value(raw)
        self[name] = table
        return table

    def names(self) -> list[str]:
        """Every table, built or raw, the known ones first."""
        present = set(self) | set(self.raw)
        return [n for n in TABLES if n in present] + sorted(present - set(TABLES))

    def copy(self) -> Tables:
        # Raw tables are immutable bytes and built tables are replaced whole by
        # TinyDB, so sharing both with the copy is safe.
        return Tables(self, self.raw)

    def built(self) -> Tables:
        """Every table as Python objects (what a schema upgrade works on)."""
        return Tables({name: self[name] for name in self.names()})


def empty_tables() -> Tables:
    tables = Tables({name: {} for name in TABLES})
    tables["meta"][META_DOC] = {"schema_version": migrations.CURRENT_VERSION}
    return tables


def _decode_value(data: Any) -> Any:
    try:
        return msgspec.json.decode(data)
    except msgspec.DecodeError:
        # Lone surrogates written as \u escapes (undecodable bytes that came in
        # through argv) are valid JSON that only the stdlib reads back.
        return json.loads(bytes(data))


def encode_value(value: Any) -> bytes:
    try:
        return _ENCODER.encode(value)
    except UnicodeEncodeError:
        # A lone surrogate cannot be UTF-8; \u escapes keep it exactly and still parse back.
        return json.dumps(value, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def encode(tables: Tables) -> list[bytes | msgspec.Raw]:
    """The file's bytes as chunks: built tables encoded, raw ones as they were read."""
    chunks: list[bytes | msgspec.Raw] = [b"{"]
    for i, name in enumerate(tables.names()):
        chunks.append((b"," if i else b"") + encode_value(name) + b":")
        chunks.append(encode_value(dict.__getitem__(tables, name)) if name in tables.keys() else tables.raw[name])
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
        raw = _SPLIT.decode(data)
    except msgspec.ValidationError:
        raise JournalCorrupt(path, _("the JSON does not have the shape of a Tricot journal")) from None
    except msgspec.DecodeError:
        try:
            # Slow path: lone-surrogate escapes, or a broken file whose error
            # the stdlib reports with a line and column.
            full = json.loads(data)
        except json.JSONDecodeError as error:
            raise JournalCorrupt(
                path,
                _("not valid JSON (line {line}, column {column}: {message})").format(
                    line=error.lineno, column=error.colno, message=error.msg
                ),
            ) from None
        if not isinstance(full, dict):
            raise JournalCorrupt(path, _("the JSON does not have the shape of a Tricot journal")) from None
        return Tables(full)
    return Tables(raw=raw)


def _is_object(value: Any) -> bool:
    if isinstance(value, msgspec.Raw):
        return memoryview(value)[:1] == b"{"
    return isinstance(value, dict)


def decode(data: bytes, path: Path) -> Tables:
    """Check a journal file and split it into tables, upgrading old schemas.

    Raises JournalCorrupt or JournalTooNew with a message for the user.
    """
    if not data.strip():
        raise JournalCorrupt(path, _("the file is empty, so it is not a Tricot journal"))
    if not _check_utf8(data):
        raise JournalCorrupt(path, _("the file is not UTF-8 text, so it is not a Tricot journal"))
    tables = _split(data, path)
    if not all(_is_object(tables.raw.get(name, dict.get(tables, name))) for name in tables.names()):
        raise JournalCorrupt(path, _("the JSON does not have the shape of a Tricot journal"))
    meta = tables["meta"] if "meta" in tables.names() else {}
    schema = meta.get(META_DOC)
    version = schema.get("schema_version") if isinstance(schema, dict) else None
    if not isinstance(version, int) or isinstance(version, bool):
        raise JournalCorrupt(path, _("no schema_version in its meta table, so it is not a Tricot journal"))
    if version > migrations.CURRENT_VERSION:
        raise JournalTooNew(
            path,
            _(
                "written by a newer Tricot (schema version {version}, this one knows up to {known}); "
                "upgrade Tricot to open it"
            ).format(version=version, known=migrations.CURRENT_VERSION),
        )
    if version < migrations.CURRENT_VERSION:
        try:
            tables = Tables(migrations.upgrade(tables.built(), version))
        except Exception as error:  # an upgrade bug must not cost the user the file
            raise JournalCorrupt(
                path, _("could not upgrade from schema version {version}: {error}").format(version=version, error=error)
            ) from None
        tables.setdefault("meta", {})[META_DOC] = {"schema_version": migrations.CURRENT_VERSION}
    for name in TABLES:
        if name not in tables.names():
            tables[name] = {}
    return tables
