"""The record-level merge: any two devices that merge in any order agree, and nothing anyone kept is lost."""

from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from journal.store.merge import merge, merge_counting, next_stamp, stamp

# Small pools on purpose: ids, stamps and devices collide often, so the interesting
# cases (same key on both sides, same instant on two devices, record vs tombstone at
# one instant) come up in most examples rather than almost never.
TABLES = ("entries", "contacts")
IDS = ("a", "b", "c", "d", "e", "f")
STAMPS = (
    "2026-11-22T10:15:00.123456Z",
    "2026-11-22T10:15:00.123457Z",
    "2026-11-23T08:00:00.000000Z",
)
DEVICES = ("dev-a", "dev-b", "dev-c")
END_OF_TIME = "9999-12-31T23:59:59.999999Z"

# Only values where Python equality is JSON equality: bools and floats are left out
# here because True == 1 == 1.0 in Python (test_merge_is_commutative_in_the_json_it_saves covers them).
scalars = st.one_of(st.none(), st.integers(-2, 2), st.sampled_from(("", "x", "café")))
bodies = st.dictionaries(st.sampled_from(("body", "name", "tags")), scalars | st.lists(scalars, max_size=2), max_size=2)
# A stamp or device may be missing (records from before stamps) or not even text.
stamp_fields = st.fixed_dictionaries(
    {}, optional={"_changed": st.sampled_from((*STAMPS, None)), "_device": st.sampled_from((*DEVICES, None))}
)
records = st.builds(lambda body, fields: {**body, **fields}, bodies, stamp_fields)
# One table's keys, each either a live record or a tombstone (is_tomb, doc): never both.
table_states = st.dictionaries(
    st.sampled_from(IDS), records.map(lambda d: (False, d)) | stamp_fields.map(lambda d: (True, d)), max_size=4
)


@st.composite
def journals(draw):
    """A well-formed journal: every key is a live record or a tombstone, never both (what Tricot writes)."""
    journal: dict[str, dict] = {}
    tombstones: dict[str, dict] = {}
    for table in TABLES:
        held = draw(table_states)
        # A table may be missing, unless it holds records (its tombstones can outlive it).
        if draw(st.booleans()) or not all(is_tomb for is_tomb, _ in held.values()):
            journal[table] = {key: doc for key, (is_tomb, doc) in held.items() if not is_tomb}
        tombstones.update((f"{table}/{key}", doc) for key, (is_tomb, doc) in held.items() if is_tomb)
    if tombstones or draw(st.booleans()):  # older journals have no tombstones table at all
        journal["tombstones"] = tombstones
    if draw(st.booleans()):
        journal["meta"] = draw(st.dictionaries(st.sampled_from(("schema", "device", "settings")), bodies, max_size=2))
    return journal


def canonical(journal) -> str:
    """Byte-for-byte what would be saved: stricter than ==, which calls 1 and True equal."""
    return json.dumps(journal, sort_keys=True, ensure_ascii=True)


def version(doc) -> tuple[str, str]:
    """(_changed, _device), a missing or non-text field counting as the earliest."""
    changed, device = doc.get("_changed"), doc.get("_device")
    return (changed if isinstance(changed, str) else "", device if isinstance(device, str) else "")


def normalised(journal) -> dict:
    """What merge returns for a journal with itself: the same, with an (empty) tombstones table."""
    return {"tombstones": {}, **journal}


def state(journal, table: str, record_id: str):
    """What a journal holds at one key: ("record", doc), ("tomb", doc) or None."""
    if record_id in journal.get(table, {}):
        return ("record", journal[table][record_id])
    tomb = journal.get("tombstones", {}).get(f"{table}/{record_id}")
    return None if tomb is None else ("tomb", tomb)


SETTINGS = settings(max_examples=200, deadline=None)


@SETTINGS
@given(journals(), journals())
def test_merge_is_commutative(a, b):
    assert canonical(merge(a, b)) == canonical(merge(b, a))


@SETTINGS
@given(journals(), journals(), journals())
def test_merge_is_associative(a, b, c):
    assert canonical(merge(merge(a, b), c)) == canonical(merge(a, merge(b, c)))


@SETTINGS
@given(journals(), journals())
def test_merge_is_idempotent(a, b):
    assert canonical(merge(a, a)) == canonical(normalised(a))
    merged = merge(a, b)
    # Merging the same copy again (a sync tool bringing it back twice) changes nothing.
    assert canonical(merge(merged, b)) == canonical(merged)
    assert canonical(merge(a, merged)) == canonical(merged)


@SETTINGS
@given(journals(), journals())
def test_merge_never_drops_a_record(a, b):
    """Never drops a record that either side has and the other did not delete after it changed.

    For a record r at table/id on either side, the merge holds a record there at
    least as new as r, unless the other side has a tombstone strictly newer than r
    (a deletion at the same instant loses: it must be *after* what it removes).
    """
    merged = merge(a, b)
    for side, other in ((a, b), (b, a)):
        for table in TABLES:
            for record_id, record in side.get(table, {}).items():
                tomb = other.get("tombstones", {}).get(f"{table}/{record_id}")
                if tomb is not None and version(tomb) > version(record):
                    continue
                assert record_id in merged[table]
                assert version(merged[table][record_id]) >= version(record)
                assert f"{table}/{record_id}" not in merged["tombstones"]


@SETTINGS
@given(journals(), journals())
def test_each_key_holds_the_maximum_of_what_the_sides_hold(a, b):
    # An independent model of the documented order: newest change, then device id,
    # then a record before a tombstone of the same instant, then the canonical JSON.
    def rank(held):
        kind, doc = held
        return (*version(doc), kind == "record", json.dumps(doc, sort_keys=True, ensure_ascii=True, separators=(",", ":")))

    merged = merge(a, b)
    for table in TABLES:
        for record_id in IDS:
            candidates = [s for s in (state(a, table, record_id), state(b, table, record_id)) if s is not None]
            expected = max(candidates, key=rank) if candidates else None
            assert state(merged, table, record_id) == expected
            # Well-formed out as well as in: never a record and a tombstone at one key.
            assert not (record_id in merged.get(table, {}) and f"{table}/{record_id}" in merged["tombstones"])
    meta_keys = set(a.get("meta", {})) | set(b.get("meta", {}))
    for key in meta_keys:
        docs = [side["meta"][key] for side in (a, b) if key in side.get("meta", {})]
        assert merged["meta"][key] == max(docs, key=lambda d: rank(("record", d)))


@SETTINGS
@given(journals(), journals())
def test_merge_does_not_change_its_inputs(a, b):
    before = copy.deepcopy((a, b))
    merge_counting(a, b)
    assert canonical((a, b)) == canonical(before)


# A tombstone against a record, explicit: the cases a reader checks first.

OLD, NEW = STAMPS[0], STAMPS[2]


def journal_with(record=None, tomb=None) -> dict:
    journal = {"entries": {}, "tombstones": {}}
    if record is not None:
        journal["entries"]["a"] = {"body": "coffee", **record}
    if tomb is not None:
        journal["tombstones"]["entries/a"] = tomb
    return journal


@pytest.mark.parametrize("flip", [False, True], ids=["record-first", "tomb-first"])
@pytest.mark.parametrize(
    "record, tomb, record_wins",
    [
        # A deletion after the last change removes the record...
        ({"_changed": OLD, "_device": "dev-a"}, {"_changed": NEW, "_device": "dev-a"}, False),
        # ...but an edit after the deletion brings it back (the edit did not see the delete).
        ({"_changed": NEW, "_device": "dev-a"}, {"_changed": OLD, "_device": "dev-a"}, True),
        # Same instant, same device: the record wins (a deletion must be after what it removes).
        ({"_changed": OLD, "_device": "dev-a"}, {"_changed": OLD, "_device": "dev-a"}, True),
        # Same instant, two devices: the higher device id wins, whichever it is.
        ({"_changed": OLD, "_device": "dev-b"}, {"_changed": OLD, "_device": "dev-a"}, True),
        ({"_changed": OLD, "_device": "dev-a"}, {"_changed": OLD, "_device": "dev-b"}, False),
        # A record from before stamps loses to any stamped deletion.
        ({}, {"_changed": OLD, "_device": "dev-a"}, False),
    ],
)
def test_a_tombstone_beats_older_changes_and_loses_to_newer(record, tomb, record_wins, flip):
    sides = (journal_with(record=record), journal_with(tomb=tomb))
    merged = merge(*(reversed(sides) if flip else sides))
    if record_wins:
        assert merged["entries"] == {"a": {"body": "coffee", **record}} and merged["tombstones"] == {}
    else:
        assert merged["entries"] == {} and merged["tombstones"] == {"entries/a": tomb}


@pytest.mark.parametrize("flip", [False, True])
def test_two_edits_at_one_instant_are_settled_by_device_id_on_every_device(flip):
    ours = journal_with(record={"_changed": OLD, "_device": "dev-a", "body": "ours"})
    theirs = journal_with(record={"_changed": OLD, "_device": "dev-b", "body": "theirs"})
    merged = merge(theirs, ours) if flip else merge(ours, theirs)
    assert merged["entries"]["a"]["body"] == "theirs"


# merge_counting: what a restore or a conflict copy brought.


@SETTINGS
@given(journals())
def test_merging_a_journal_into_itself_counts_nothing(a):
    _, counts = merge_counting(a, copy.deepcopy(a))
    assert all(count == 0 for count in counts.values())


@SETTINGS
@given(journals(), st.sampled_from(TABLES), records)
def test_one_extra_record_counts_one_for_its_table(a, table, record):
    b = copy.deepcopy(a)
    b.setdefault(table, {})["new"] = record  # "new" is outside IDS: a key `a` does not hold
    merged, counts = merge_counting(a, b)
    assert merged[table]["new"] == record
    assert counts[table] == 1
    assert all(count == 0 for name, count in counts.items() if name != table)


@SETTINGS
@given(journals(), journals())
def test_counts_are_the_ids_where_the_merge_differs_from_a(a, b):
    merged, counts = merge_counting(a, b)
    for table in TABLES:
        differ = sum(state(merged, table, i) != state(a, table, i) for i in IDS)
        assert counts.get(table, 0) == differ
    meta_differ = sum(merged.get("meta", {}).get(k) != a.get("meta", {}).get(k) for k in merged.get("meta", {}))
    assert counts.get("meta", 0) == meta_differ


# next_stamp: an edit is always stamped after the version it replaces.

# Aware moments in any zone, a day short of each end of the calendar so that UTC
# can be reached from every zone (astimezone overflows otherwise).
zones = st.one_of(
    st.just(timezone.utc),
    st.builds(timezone, st.timedeltas(min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23, minutes=59))),
    st.timezones(),
)
moments = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=zones)
# Valid previous stamps stop one microsecond short of the end of time, which cannot be passed.
utc_moments = st.datetimes(max_value=datetime(9999, 12, 31, 23, 59, 59, 999998)).map(lambda d: d.replace(tzinfo=timezone.utc))
valid_stamps = utc_moments.map(stamp)


@SETTINGS
@given(moments, st.lists(st.one_of(valid_stamps, st.none(), st.integers()), max_size=4))
def test_next_stamp_is_after_every_previous_and_not_before_now(now, previous):
    result = next_stamp(now, *previous)
    assert result >= stamp(now)
    assert all(result > p for p in previous if isinstance(p, str))
    assert len(result) == len(END_OF_TIME)  # still a stamp: fixed width, so text order is time order
    assert next_stamp(stamp(now), *previous) == result  # `now` may be given as its stamp


def test_a_clock_behind_gives_one_microsecond_after():
    now = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
    assert next_stamp(now, "2026-11-22T10:15:00.123456Z") == "2026-11-22T10:15:00.123457Z"
    assert next_stamp(now, "2026-12-31T23:59:59.999999Z") == "2027-01-01T00:00:00.000000Z"
    # A clock that reads exactly the previous stamp is behind too: equal is not after.
    assert next_stamp(now, stamp(now)) == "2026-11-22T09:00:00.000001Z"
    assert next_stamp(now, None, 3) == stamp(now)  # non-text previous stamps are ignored


def test_the_end_of_time_does_not_raise():
    now = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)
    assert next_stamp(now, END_OF_TIME) >= END_OF_TIME


# Stamps another tool may have written: ISO 8601, but not Tricot's fixed width.
foreign_stamps = st.one_of(
    st.tuples(utc_moments, st.sampled_from(("minutes", "seconds", "milliseconds"))).map(
        lambda m: m[0].replace(tzinfo=None).isoformat(timespec=m[1]) + "Z"
    ),
    utc_moments.map(lambda d: d.strftime("%Y%m%dT%H%M%SZ")),
    st.text(max_size=30),
)


@SETTINGS
@example(datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc), ["2026-11-22T10:15:00Z"])
@example(datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc), ["2026-11-22T10:15:00.123Z"])  # JavaScript's toISOString
@given(moments, st.lists(st.one_of(valid_stamps, foreign_stamps), max_size=3))
def test_next_stamp_never_sorts_before_a_previous_stamp_whatever_its_form(now, previous):
    # The merge compares stamps as text, so text order is what must hold: a stamp
    # that cannot be passed may be repeated, never gone back on.
    result = next_stamp(now, *previous)
    assert all(result >= p for p in previous)


@SETTINGS
@given(moments, moments)
def test_stamps_compare_as_times(d1, d2):
    # The instant, computed without astimezone; `<` between two aware datetimes in
    # the same zone compares wall clocks and ignores `fold`, so it is not used.
    def instant(d):
        return d.replace(tzinfo=None) - d.utcoffset()

    assert (stamp(d1) < stamp(d2)) == (instant(d1) < instant(d2))
    assert (stamp(d1) == stamp(d2)) == (instant(d1) == instant(d2))


def test_stamps_before_the_year_1000_keep_their_width():
    # strftime's %Y does not pad on Linux, and "999-..." would sort after "1000-...".
    assert stamp(datetime(999, 12, 31, tzinfo=timezone.utc)) < stamp(datetime(1000, 1, 1, tzinfo=timezone.utc))
    assert stamp(datetime(1, 1, 1, tzinfo=timezone.utc)) == "0001-01-01T00:00:00.000000Z"


@pytest.mark.parametrize("spelling", [True, 1.0])
def test_merge_keeps_one_spelling_of_a_value_python_calls_equal(spelling):
    # Python calls 1, 1.0 and True equal; a merge that trusted == would keep side a's
    # spelling, and two devices merging in opposite orders would save different JSON.
    record = {"_changed": OLD, "_device": "dev-a"}
    a = {"entries": {"a": {**record, "pinned": 1}}}
    b = {"entries": {"a": {**record, "pinned": spelling}}}
    assert canonical(merge(a, b)) == canonical(merge(b, a))
