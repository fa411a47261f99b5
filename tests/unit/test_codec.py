"""journal.json's codec: checks the whole file, builds only the tables in use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal.store import JournalCorrupt
from journal.store.codec import Tables, decode, encode

PATH = Path("journal.json")


def _file(**tables) -> bytes:
    tables.setdefault("meta", {"schema": {"schema_version": 1}})
    return json.dumps(tables, ensure_ascii=False).encode()


def _join(chunks) -> bytes:
    return b"".join(bytes(chunk) for chunk in chunks)


def test_tables_are_built_only_when_used():
    tables = decode(_file(entries={"a": {"body": "x"}}, exchanges={"b": {"note": "y"}}), PATH)
    assert "exchanges" not in tables.keys()
    assert tables["entries"] == {"a": {"body": "x"}}
    assert "entries" in tables.keys() and "exchanges" not in tables.keys()


def test_untouched_tables_are_written_back_byte_for_byte():
    exchanges = b'{ "b" : {"note":"spaced  out", "n": 1.50} }'
    data = b'{"entries":{"a":{"body":"x"}},"exchanges":' + exchanges + b',"meta":{"schema":{"schema_version":1}}}'
    tables = decode(data, PATH)
    tables["entries"] = {"a": {"body": "changed"}}
    written = _join(encode(tables))
    assert exchanges in written
    assert json.loads(written)["entries"] == {"a": {"body": "changed"}}


def test_unknown_tables_are_kept():
    tables = decode(_file(entries={}, plugin_data={"k": {"v": 1}}), PATH)
    assert json.loads(_join(encode(tables)))["plugin_data"] == {"k": {"v": 1}}


@pytest.mark.parametrize(
    "data",
    [
        b'{"meta":{"schema":{"schema_version":1}},"entries":{"a":{"body":"\xff"}}}',
        b'{"meta":{"schema":{"schema_version":1}},"exchanges":{"a":{"n":01}}}',
        b'{"meta":{"schema":{"schema_version":1}},"exchanges":{"a":{"t":"a\\qb"}}}',
        b'{"meta":{"schema":{"schema_version":1}},"cards":{"a":{"t":1,}}}',
        b'{"meta":{"schema":{"schema_version":1}},"cards":[]}',
        b'{"meta":{"schema":{"schema_version":1}}} trailing',
    ],
    ids=["bad-utf8-deep-inside", "bad-number", "bad-escape", "trailing-comma", "table-not-object", "trailing-text"],
)
def test_damage_anywhere_in_an_unused_table_is_caught_on_open(data):
    with pytest.raises(JournalCorrupt):
        decode(data, PATH)


def test_lone_surrogates_round_trip_through_the_slow_path():
    tables = Tables({"entries": {"a": {"body": "lone \udcff"}}, "meta": {"schema": {"schema_version": 1}}})
    written = _join(encode(tables))
    assert decode(written, PATH)["entries"]["a"]["body"] == "lone \udcff"
