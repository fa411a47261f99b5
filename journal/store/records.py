"""Domain dataclasses <-> JSON documents. One generic codec for every record type."""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import fields
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

import msgspec

from journal.domain.days import wall_clock

T = TypeVar("T")


def to_doc(record: object) -> dict[str, Any]:
    """Every field but `id` (the document id holds it), as JSON-ready values."""
    return {f.name: _encode(getattr(record, f.name)) for f in fields(record) if f.name != "id"}  # type: ignore[arg-type]


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    return value


def with_unknown_fields(doc: dict[str, Any], stored: Any) -> dict[str, Any]:
    """`doc` plus the fields of the `stored` version that this Tricot does not know.

    A newer Tricot, or another device, may have added fields ("mood"): saving an
    edit made here must not strip them.
    """
    if not isinstance(stored, dict):
        return doc
    unknown = {key: value for key, value in stored.items() if key not in doc and key != "id"}
    return {**doc, **unknown} if unknown else doc


def from_doc(cls: type[T], doc_id: str, doc: dict[str, Any]) -> T:
    """Build `cls` from a document; missing fields take their defaults. ValueError/TypeError if malformed.

    Times come out as the journal keeps them, naive local wall-clock time: a
    synced or hand-edited "2026-11-22T00:30:00Z" is converted (see days.wall_clock).
    """
    if not isinstance(doc, dict):
        raise TypeError("the record is not a JSON object")
    try:
        # msgspec's C validator builds a record ~7x faster than the loop below.
        record = msgspec.convert({**doc, "id": doc_id}, cls)
    except msgspec.ValidationError:
        # Hand-edited files: accept what Python itself reads (e.g. "2026-11-21 09:30")
        # and word the error for the user.
        record = _from_doc_leniently(cls, doc_id, doc)
    return _on_the_wall_clock(record)


@functools.cache
def _datetime_fields(cls: type) -> tuple[str, ...]:
    hints = _hints(cls)
    return tuple(f.name for f in fields(cls) if datetime in (hints[f.name], *typing.get_args(hints[f.name])))


def _on_the_wall_clock(record: T) -> T:
    aware = {}
    for name in _datetime_fields(type(record)):
        value = getattr(record, name)
        if value is not None and value.tzinfo is not None:
            aware[name] = wall_clock(value)
    return dataclasses.replace(record, **aware) if aware else record  # type: ignore[type-var]


def _from_doc_leniently(cls: type[T], doc_id: str, doc: dict[str, Any]) -> T:
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name == "id":
            values["id"] = doc_id
        elif f.name in doc:
            values[f.name] = _decode(hints[f.name], doc[f.name], f.name)
    return cls(**values)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(kind: Any, value: Any, name: str) -> Any:
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _decode(inner, value, name)
    if origin is tuple:
        if not isinstance(value, list):
            raise TypeError(f"{name} should be a list")
        inner = typing.get_args(kind)[0]
        return tuple(_decode(inner, item, name) for item in value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is bool:
        if not isinstance(value, bool):
            raise TypeError(f"{name} should be true or false")
        return value
    if kind in (int, str):
        if not isinstance(value, kind) or isinstance(value, bool):
            raise TypeError(f"{name} should be {kind.__name__}")
        return value
    raise TypeError(f"cannot decode field {name} of type {kind}")
