"""journal.json's codec: checks the whole file, builds only the tables in use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal.store import JournalCorrupt
from journal.store.codec import Tables, decode, encode

PATH = Path("journal.json")


def _file(**tables) -> bytes:
    tables.setdefault("meta", {"schema": {"schema_version": 2}})
    # Compact, as Tricot writes it (a hand-formatted file takes the strict slow path).
    return json.dumps(tables, ensure_ascii=False, separators=(",", ":")).encode()


def _join(chunks) -> bytes:
    return b"".join(bytes(chunk) for chunk in chunks)


def test_tables_are_built_only_when_used():
    tables = decode(_file(entries={"a": {"body": "x"}}, exchanges={"b": {"note": "y"}}), PATH)
    assert "exchanges" not in tables.keys()
    assert tables["entries"] == {"a": {"body": "x"}}
    assert "entries" in tables.keys() and "exchanges" not in tables.keys()


def test_untouched_tables_are_written_back_byte_for_byte():
    exchanges = b'{ "b" : {"note":"spaced  out", "n": 1.50} }'
    data = b'{"entries":{"a":{"body":"x"}},"exchanges":' + exchanges + b',"meta":{"schema":{"schema_version":2}}}'
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


def test_a_hand_formatted_file_opens_whole():
    data = json.dumps({"meta": {"schema": {"schema_version": 1}}, "entries": {"a": {"body": "x"}}}, indent=2)
    assert decode(data.encode() + b"\n", PATH)["entries"] == {"a": {"body": "x"}}


@pytest.mark.parametrize(
    "data",
    [
        b'{"meta":{"schema":{"schema_version":1}},"entries":{"a":{"body":"first"}},"entries":{"b":{"body":"second"}}}',
        b'{"meta":{"schema":{"schema_version":1}},"entries":{"a":{"body":"first"},"a":{"body":"second"}}}',
        b'{"meta":{"schema":{"schema_version":1}},"entries":{"a":{"body":"first","body":"second"}}}',
        b'{\n "meta": {"schema": {"schema_version": 1}},\n "entries": {"a": {"body": "x"}, "a": {"body": "y"}}\n}',
        b'{"meta":{"schema":{"schema_version":1},"schema":{"schema_version":1}}}',
    ],
    ids=["two-entries-tables", "one-id-twice", "one-field-twice", "hand-formatted-id-twice", "meta-twice"],
)
def test_duplicate_keys_are_refused_not_collapsed(data):
    with pytest.raises(JournalCorrupt, match="appears twice"):
        tables = decode(data, PATH)
        tables["entries"]  # a table is checked whole when it is first built


@pytest.mark.parametrize(
    "data, reason",
    [
        (b'{"meta":{"schema":{"schema_version":1}},"entries":' + b"[" * 10_000 + b"]" * 10_000 + b"}", "nested"),
        (b'{"meta":{"schema":{"schema_version":' + b"9" * 5000 + b"}}}", "number"),
        (b'{"meta":{"schema":{"schema_version":1}},"entries":{"a":{"n":' + b"7" * 5000 + b"}}}", "number"),
        (b'{"meta":{"schema":{"schema_version":1}},"entries":{"a":{"n":1e999}}}', "number"),
        (b'{"meta":{"schema":{"schema_version":1}},"entries":{"a":{"n":NaN}}}', "number"),
        (b'{"meta":{"schema":{"schema_version":' + b"9" * 50 + b"}}}", "version"),
    ],
    ids=["nested-10000", "huge-version", "huge-int-in-record", "infinite-float", "nan", "absurd-version"],
)
def test_hostile_json_is_a_corrupt_file_not_a_traceback(data, reason):
    with pytest.raises(JournalCorrupt, match=reason):
        tables = decode(data, PATH)
        tables["entries"]
