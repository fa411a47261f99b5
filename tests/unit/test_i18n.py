"""A catalogue is data: dropping a .mo file in place translates the app's words and dates."""

import struct
from datetime import date

import pytest

from journal import i18n, labels


def write_mo(path, messages: dict[str, str]) -> None:
    """A minimal GNU .mo file (what msgfmt writes), enough for gettext to read."""
    keys = sorted(messages)
    ids = b"".join(k.encode() + b"\0" for k in keys)
    strs = b"".join(messages[k].encode() + b"\0" for k in keys)
    header = 7 * 4
    table = header + 2 * 8 * len(keys)
    id_offsets, str_offsets, offset = [], [], table
    for k in keys:
        id_offsets += [len(k.encode()), offset]
        offset += len(k.encode()) + 1
    for k in keys:
        str_offsets += [len(messages[k].encode()), offset]
        offset += len(messages[k].encode()) + 1
    path.parent.mkdir(parents=True)
    path.write_bytes(
        struct.pack("<7I", 0x950412DE, 0, len(keys), header, header + 8 * len(keys), 0, 0)
        + struct.pack(f"<{len(id_offsets)}I", *id_offsets)
        + struct.pack(f"<{len(str_offsets)}I", *str_offsets)
        + ids
        + strs
    )


@pytest.fixture
def french(tmp_path):
    write_mo(
        tmp_path / "fr" / "LC_MESSAGES" / "tricot.mo",
        {
            "Saturday": "samedi",
            "November": "novembre",
            "{weekday} {day} {month} {year}": "{weekday} {day} {month} {year}",
            "Today": "Aujourd'hui",
        },
    )
    i18n.set_language("fr", tmp_path)
    yield
    i18n.set_language("en")


def test_a_catalogue_translates_words_and_dates(french):
    assert labels.long_date(date(2026, 11, 21)) == "samedi 21 novembre 2026"
    assert labels.relative_day(date(2026, 11, 21), date(2026, 11, 21)) == "Aujourd'hui"


def test_without_a_catalogue_the_english_source_shows():
    i18n.set_language("xx")
    assert i18n._("Today") == "Today"
