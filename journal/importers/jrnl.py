"""Read the file `jrnl --export json` writes.

Shape: {"tags": {...}, "entries": [{"title", "body", "date": "YYYY-MM-DD",
"time": "HH:MM", "tags": [...], "starred": bool}, ...]}. jrnl splits an
entry's text at the end of its first sentence into title and body; we join
them back. Each entry gets a source key from its content (and its rank among
identical twins), so importing the same file again adds nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any

from journal.domain.models import Entry
from journal.i18n import _


class NotAJrnlExport(ValueError):
    """The file is not a jrnl JSON export; the message says why."""


@dataclass
class JrnlImport:
    new: list[Entry] = field(default_factory=list)
    already_imported: int = 0
    unreadable: list[str] = field(default_factory=list)  # one reason per entry left out


def read_export(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise NotAJrnlExport(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise NotAJrnlExport(_("{path}: is a folder, not a jrnl export").format(path=path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise NotAJrnlExport(_("{path}: not JSON; make it with `jrnl --export json -o FILE.json`").format(path=path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise NotAJrnlExport(_("{path}: not a jrnl JSON export (expected an object with an \"entries\" list)").format(path=path))
    return data["entries"]


def join_text(title: str, body: str) -> str:
    title, body = title.strip(), body.strip()
    if not body:
        return title
    if not title:
        return body
    # jrnl cut at the first sentence end (then a space followed) or the first line break.
    separator = " " if title[-1] in ".!?" else "\n"
    return title + separator + body


def _source_key(raw: dict[str, Any], twin: int) -> str:
    material = json.dumps(
        [raw.get("date"), raw.get("time"), raw.get("title"), raw.get("body"), twin], ensure_ascii=False
    )
    return "jrnl:" + hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def to_entry(raw: Any, twin: int) -> Entry:
    """One jrnl entry; ValueError with a reason when it cannot be read."""
    if not isinstance(raw, dict):
        raise ValueError(_("not an object"))
    title, body = raw.get("title", ""), raw.get("body", "")
    if not isinstance(title, str) or not isinstance(body, str):
        raise ValueError(_("title and body must be text"))
    text = join_text(title, body)
    if not text:
        raise ValueError(_("no text"))
    try:
        day = datetime.strptime(str(raw["date"]), "%Y-%m-%d").date()
    except (KeyError, ValueError):
        raise ValueError(_("no valid date ({value!r})").format(value=raw.get("date"))) from None
    try:
        at_time = datetime.strptime(str(raw.get("time") or "00:00"), "%H:%M").time()
    except ValueError:
        at_time = time(0, 0)
    return Entry(
        at=datetime.combine(day, at_time),
        body=text,
        starred=raw.get("starred") is True,
        source=_source_key(raw, twin),
    )


def plan_import(raw_entries: list[Any], known_sources: set[str]) -> JrnlImport:
    """What importing these entries into a journal that already holds `known_sources` adds."""
    result = JrnlImport()
    twins: dict[str, int] = {}
    for number, raw in enumerate(raw_entries, start=1):
        base = _source_key(raw, 0) if isinstance(raw, dict) else ""
        twin = twins.get(base, 0)
        twins[base] = twin + 1
        try:
            entry = to_entry(raw, twin)
        except ValueError as reason:
            result.unreadable.append(_("entry {number}: {reason}").format(number=number, reason=reason))
            continue
        if entry.source in known_sources:
            result.already_imported += 1
        else:
            result.new.append(entry)
    return result
