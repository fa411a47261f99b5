"""Record-level merge of two versions of a journal: what a sync tool brings back is merged, never obeyed.

Every stored record carries when it last changed (`_changed`, UTC to the
microsecond) and on which device (`_device`); a deleted record leaves a
tombstone (in the `tombstones` table, keyed "table/id") with the same two
fields. Merging is, for every key, the newest of the candidates both sides
hold, in one total order: later change first, then the device id, then a
record before a tombstone of the same instant (a deletion must be *after*
the change it removes), then the document's canonical JSON. A maximum over a
total order is commutative, associative and idempotent, so devices that
merge in any order agree, and merging a copy twice changes nothing.

A change is always stamped after the version it replaces (`next_stamp`),
so an edit beats what it edited even when the devices' clocks disagree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

import msgspec

_ENCODE = msgspec.json.Encoder().encode

CHANGED = "_changed"
DEVICE = "_device"
TOMBSTONES = "tombstones"
META = "meta"


Docs = Mapping[str, Any]


def stamp(moment: datetime) -> str:
    """A moment as a stamp: fixed width (years padded to four digits), so comparing the text compares the times."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def next_stamp(now: datetime | str, *previous: object) -> str:
    """`now` (a moment or its stamp), or just after the latest of `previous` if that is not before now."""
    latest = max((p for p in previous if isinstance(p, str)), default="")
    candidate = stamp(now) if isinstance(now, datetime) else now
    if latest < candidate:
        return candidate
    try:
        if not latest.endswith("Z"):
            raise ValueError(latest)
        after = datetime.fromisoformat(latest[:-1]).replace(tzinfo=timezone.utc) + timedelta(microseconds=1)
    except (ValueError, OverflowError):  # a hand-edited stamp, or the end of time: it cannot be passed
        return latest
    following = stamp(after)
    # A short form ("...10:15:00Z") parses too, but its successor written in full sorts before it.
    return following if following > latest else latest


def version(doc: Any) -> tuple[str, str]:
    """(when it changed, on which device); records from before stamps sort first."""
    if not isinstance(doc, dict):
        return ("", "")
    changed, device = doc.get(CHANGED), doc.get(DEVICE)
    return (changed if isinstance(changed, str) else "", device if isinstance(device, str) else "")


def _canonical(doc: Any) -> str:
    return json.dumps(doc, sort_keys=True, ensure_ascii=True, separators=(",", ":"))


def _same(a: Any, b: Any) -> bool:
    """The same JSON: Python's == alone calls 1, 1.0 and true equal, and the merge must keep one spelling."""
    if a is b:
        return True
    if a != b:
        return False
    try:
        return _ENCODE(a) == _ENCODE(b)
    except (UnicodeEncodeError, TypeError):  # a lone surrogate: the slow, exact way
        return _canonical(a) == _canonical(b)


def _wins(challenger: tuple[Any, bool], holder: tuple[Any, bool]) -> bool:
    """True if `challenger` (doc, is a tombstone) comes after `holder` in the merge order."""
    ours = (*version(challenger[0]), not challenger[1])
    theirs = (*version(holder[0]), not holder[1])
    if ours != theirs:
        return ours > theirs
    return _canonical(challenger[0]) > _canonical(holder[0])


def merge_records(
    a_docs: Docs, a_tombs: Docs, b_docs: Docs, b_tombs: Docs
) -> tuple[dict[str, Any], dict[str, Any], int]:
    """One table of each side (records by id, tombstones by id) -> (records, tombstones, changed).

    `changed` counts the ids where the result is not what side `a` held: what `b` brought.
    """
    docs = dict(a_docs)
    tombs = dict(a_tombs)
    changed = 0
    for incoming, is_tomb in ((b_docs, False), (b_tombs, True)):
        for key, doc in incoming.items():
            if key in docs:
                holder = (docs[key], False)
            elif key in tombs:
                holder = (tombs[key], True)
            else:
                holder = None
            if holder is not None and (
                (holder[1] == is_tomb and _same(holder[0], doc)) or not _wins((doc, is_tomb), holder)
            ):
                continue
            if holder is not None and holder[1] != is_tomb:
                (tombs if holder[1] else docs).pop(key)
            (tombs if is_tomb else docs)[key] = doc
            changed += 1
    return docs, tombs, changed


def tombstones_by_table(tombs: Docs) -> dict[str, dict[str, Any]]:
    """{"entries/ab12": t} -> {"entries": {"ab12": t}}."""
    grouped: dict[str, dict[str, Any]] = {}
    for key, doc in tombs.items():
        table, slash, record_id = key.partition("/")
        if not slash or not table:  # not a key Tricot writes: kept as it is, under no table
            table, record_id = "", key
        grouped.setdefault(table, {})[record_id] = doc
    return grouped


def tombstone_key(table: str, record_id: str) -> str:
    return f"{table}/{record_id}" if table else record_id


def merge_meta(a: Docs, b: Docs) -> tuple[dict[str, Any], int]:
    """Meta documents by key, the same order as records (they carry no stamps: their JSON decides)."""
    merged, _, changed = merge_records(a, {}, b, {})
    return merged, changed


def merge(a: Mapping[str, Docs], b: Mapping[str, Docs]) -> dict[str, dict[str, Any]]:
    """Two journals' tables (name -> {id: document}) -> their merge. Pure: neither side is changed."""
    merged, _ = merge_counting(a, b)
    return merged


def merge_counting(a: Mapping[str, Docs], b: Mapping[str, Docs]) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """The merge, and per table how many ids `b` changed in `a` (what a restore or conflict copy brought)."""
    a_tombs = tombstones_by_table(a.get(TOMBSTONES, {}))
    b_tombs = tombstones_by_table(b.get(TOMBSTONES, {}))
    result: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    tombs: dict[str, Any] = {}
    names = (set(a) | set(b) | set(a_tombs) | set(b_tombs)) - {TOMBSTONES}
    for name in sorted(names):
        if name == META:  # meta documents are never deleted: a tombstone for one is only kept
            if META in a or META in b:
                result[META], counts[META] = merge_meta(a.get(META, {}), b.get(META, {}))
            _, meta_tombs, _ = merge_records({}, a_tombs.get(META, {}), {}, b_tombs.get(META, {}))
            tombs.update((tombstone_key(META, key), doc) for key, doc in meta_tombs.items())
            continue
        docs, table_tombs, changed = merge_records(
            a.get(name, {}), a_tombs.get(name, {}), b.get(name, {}), b_tombs.get(name, {})
        )
        if name in a or name in b:
            result[name] = docs
        counts[name] = changed
        tombs.update((tombstone_key(name, key), doc) for key, doc in table_tombs.items())
    result[TOMBSTONES] = tombs
    return result, counts


def _table(tables: Mapping[str, Docs], name: str) -> Docs:
    names = tables.names() if hasattr(tables, "names") else tables  # lazy Tables list raw ones too
    return tables[name] if name in names else {}


def _same_bytes(base: Any, other: Any, name: str) -> bool:
    """Both hold table `name` as identical bytes (read or written that way), so nothing to merge."""
    ours = getattr(base, "raw", {}).get(name)
    theirs = getattr(other, "raw", {}).get(name)
    return ours is not None and theirs is not None and memoryview(ours) == memoryview(theirs)


def merge_into(base: Any, other: Any) -> dict[str, int]:
    """Merge journal `other` into `base` (codec.Tables, changed in place); per table, the ids `other` changed.

    The result has a key for every table whose bytes differed (0 when the
    merge changed nothing there). Tables with identical bytes are not even
    built, so merging the same file costs a comparison.
    """
    names = set(base.names()) | set(other.names())
    differing = {name for name in names if not _same_bytes(base, other, name)}
    counts: dict[str, int] = {}
    if not differing:
        return counts
    ours_tombs = tombstones_by_table(_table(base, TOMBSTONES))
    theirs_tombs = tombstones_by_table(_table(other, TOMBSTONES)) if TOMBSTONES in differing else dict(ours_tombs)
    tombs_changed = False
    for name in sorted((differing | set(ours_tombs) | set(theirs_tombs)) - {TOMBSTONES}):
        if name not in other.names() and not theirs_tombs.get(name):
            counts[name] = 0  # nothing to bring: not even worth building ours
            continue
        if name == META:
            merged, counts[META] = merge_meta(_table(base, META), _table(other, META))
            if counts[META]:
                base[META] = merged
                base.raw.pop(META, None)
            continue
        if name not in differing and ours_tombs.get(name, {}) == theirs_tombs.get(name, {}):
            continue
        docs, table_tombs, changed = merge_records(
            _table(base, name), ours_tombs.get(name, {}), _table(other, name), theirs_tombs.get(name, {})
        )
        counts[name] = changed
        if changed:
            if name in base.names() or name in other.names():
                base[name] = docs
                base.raw.pop(name, None)
            if table_tombs != ours_tombs.get(name, {}):
                ours_tombs[name] = table_tombs
                tombs_changed = True
    if TOMBSTONES in differing:
        counts.setdefault(TOMBSTONES, 0)
    if tombs_changed:
        base[TOMBSTONES] = {
            tombstone_key(table, key): doc for table, docs in ours_tombs.items() for key, doc in docs.items()
        }
        base.raw.pop(TOMBSTONES, None)
    return counts
