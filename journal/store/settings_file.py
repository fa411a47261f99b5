"""settings.json in the config dir. A broken file falls back to defaults; it is not overwritten silently.

Settings merge by key, the later change winning (`_changed` holds when each
key was last set): saving writes only the keys this Tricot changed onto the
file as it is now, and conflict copies a sync tool left beside it (when the
config dir is synced too, with dotfiles) are merged in and moved to
backups/merged/ there.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from journal.domain.settings import Settings
from journal.files import read_regular
from journal.i18n import _
from journal.store.atomic import ensure_private_dir, write_atomic
from journal.store.conflicts import conflict_copies, put_away
from journal.store.merge import next_stamp
from journal.store.records import from_doc, to_doc

CHANGED = "_changed"


def _read(path: Path) -> dict[str, Any]:
    """The document; OSError/ValueError/RecursionError if unreadable, ValueError if not an object."""
    doc = json.loads(read_regular(path))
    if not isinstance(doc, dict):
        raise ValueError(_("not a settings object"))
    return doc


def _stamps(doc: dict[str, Any]) -> dict[str, str]:
    found = doc.get(CHANGED)
    return {k: v for k, v in found.items() if isinstance(v, str)} if isinstance(found, dict) else {}


def merge_settings(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Two settings documents, key by key: the later change wins (a tie: the larger JSON, the same everywhere)."""
    stamps_a, stamps_b = _stamps(a), _stamps(b)
    merged: dict[str, Any] = {}
    stamps: dict[str, str] = {}
    for key in sorted((set(a) | set(b)) - {CHANGED}):
        candidates = [
            (side_stamps.get(key, ""), json.dumps(side[key], sort_keys=True), side[key], side_stamps.get(key))
            for side, side_stamps in ((a, stamps_a), (b, stamps_b))
            if key in side
        ]
        _, _, value, stamp = max(candidates, key=lambda c: (c[0], c[1]))
        merged[key] = value
        if stamp is not None:
            stamps[key] = stamp
    if stamps:
        merged[CHANGED] = stamps
    return merged


def _valid(doc: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The settings in `doc` Tricot can use, key by key, and a line for each it cannot.

    One bad value (a hand edit, a copy from a newer Tricot) costs only its own key.
    """
    known = {f.name for f in dataclasses.fields(Settings)}
    valid: dict[str, Any] = {}
    problems = []
    for key, value in doc.items():
        if key not in known:
            continue
        try:
            from_doc(Settings, "", {key: value})
        except (TypeError, ValueError) as error:
            problems.append(_("{key}: {error}").format(key=key, error=error))
            continue
        valid[key] = value
    return valid, problems


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings and, when a file or a value in it could not be used, one line saying why."""
    try:
        doc = _read(path)
    except FileNotFoundError:
        doc = {}
    except (OSError, ValueError) as error:
        return Settings(), _("{path}: unreadable ({error}); using default settings").format(path=path, error=error)
    except RecursionError:
        return Settings(), _("{path}: nested too deeply to be settings; using default settings").format(path=path)
    doc, copy_problem = _merge_copies(path, doc)
    valid, bad = _valid(doc)
    problems = [copy_problem] if copy_problem else []
    if bad:
        problems.append(_("{path}: {problems}; using the default for those").format(path=path, problems="; ".join(bad)))
    try:
        settings = from_doc(Settings, "", valid)
    except (TypeError, ValueError) as error:  # values valid alone but not together
        return Settings(), _("{path}: {error}; using default settings").format(path=path, error=error)
    return settings, "; ".join(problems) or None


def _merge_copies(path: Path, doc: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    """Merge conflict copies of settings.json into `doc`, save, and put the copies away."""
    merged, problems = [], []
    for copy in conflict_copies(path.parent, path.name):
        try:
            theirs = _read(copy)
            bad = _valid(theirs)[1]
            if bad:  # a copy is all or nothing: half of it merged and put away would be lost
                raise ValueError("; ".join(bad))
            doc = merge_settings(doc, theirs)
            merged.append(copy)
        except (OSError, ValueError, RecursionError) as error:
            problems.append(_("{copy} could not be merged ({error}); it is left where it is").format(copy=copy, error=error))
    if merged:
        try:
            write_atomic(path, _encode(doc))
            for copy in merged:
                put_away(copy, path.parent / "backups" / "merged")
        except OSError as error:
            problems.append(_("merged settings could not be saved ({error})").format(error=error.strerror or error))
    return doc, "; ".join(problems) or None


def _encode(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def save_settings(path: Path, settings: Settings, changed: Iterable[str], now: datetime) -> None:
    """Write the `changed` keys of `settings` onto the file as it is now, stamped `now`. Raises OSError.

    Keys another Tricot (or device) changed meanwhile are kept; a file that
    cannot be read is replaced by the settings this Tricot runs with.
    """
    ensure_private_dir(path.parent)
    values = to_doc(settings)
    try:
        doc = _read(path)
    except (OSError, ValueError, RecursionError):
        doc = dict(values)
    stamps = _stamps(doc)
    for key in changed:
        doc[key] = values[key]
        stamps[key] = next_stamp(now, stamps.get(key))
    doc[CHANGED] = stamps
    write_atomic(path, _encode(doc))
