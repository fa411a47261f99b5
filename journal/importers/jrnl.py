"""Read the file `jrnl --export json` writes.

Shape: {"tags": {"@work": 3, "#5a7": 1}, "entries": [{"title", "body",
"date": "YYYY-MM-DD", "time": "HH:MM", "tags": ["@work"], "starred": bool}, ...]}.
jrnl splits an entry's text at the end of its first sentence into title and
body; we join them back. Each entry gets a source key from its content as jrnl
wrote it (and its rank among identical twins), so importing the same file
again adds nothing, whatever the import does to the text.

Tags. jrnl marks tags with `#` and, by default, `@` too (its `tagsymbols`
setting), while to Tricot `@Name` is a person. A word jrnl listed as a tag
(the entry's `tags`, else the file's) and wrote with a symbol other than `#`
becomes a Tricot tag: `@work` is imported as `#work` (see
`mentions.rewrite_as_tags`). People come only from mentions jrnl did not take
for tags: `@"Amina Diallo"` (jrnl has no multi-word tags), or an `@Name` it
did not list.

Days. An entry comes in only on a day the journal accepts (FIRST_DAY to
today, see `days.day_problem`); others are left out with a reason. An entry
whose time is missing or unreadable comes in at 00:00 and is counted in
`untimed` rather than left out: its day and its text are what matter, and
since jrnl always writes a time, the file was edited by hand.
"""

from __future__ import annotations

import hashlib
import json
import reprlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from journal.domain.days import FIRST_DAY, DayProblem, day_problem, parse_day, parse_time
from journal.domain.mentions import rewrite_as_tags
from journal.domain.models import Entry
from journal.files import DuplicateKey, no_duplicate_keys, read_regular
from journal.i18n import _


class NotAJrnlExport(ValueError):
    """The file is not a jrnl JSON export; the message says why."""


@dataclass(frozen=True)
class JrnlExport:
    entries: list[Any]  # as read: each is checked when it is imported
    tags: tuple[str, ...] = ()  # every tag the file lists, with its symbol ("@work", "#5a7")


@dataclass
class JrnlImport:
    new: list[Entry] = field(default_factory=list)
    already_imported: int = 0
    unreadable: list[str] = field(default_factory=list)  # one reason per entry left out
    retagged: int = 0  # words jrnl took for tags, written `@word`, imported as `#word`
    untimed: int = 0  # new entries with no readable time, put at 00:00
    # The same two, per new entry's source: what is reported must be what was added
    # (another import running at once may add some of these entries first).
    retagged_in: dict[str, int] = field(default_factory=dict)
    untimed_in: set[str] = field(default_factory=set)

    def retagged_among(self, added: list[Entry]) -> int:
        return sum(self.retagged_in.get(entry.source or "", 0) for entry in added)

    def untimed_among(self, added: list[Entry]) -> int:
        return sum(1 for entry in added if entry.source in self.untimed_in)


def read_export(path: Path) -> JrnlExport:
    """The export in `path`; NotAJrnlExport, with one line saying why, when it is not one."""
    try:
        content = read_regular(path)
    except FileNotFoundError:
        raise NotAJrnlExport(_("{path}: no such file").format(path=path)) from None
    except IsADirectoryError:
        raise NotAJrnlExport(_("{path}: is a folder, not a jrnl export").format(path=path)) from None
    except PermissionError:
        if path.is_dir():  # Windows refuses to read a folder with "permission denied"
            raise NotAJrnlExport(_("{path}: is a folder, not a jrnl export").format(path=path)) from None
        raise NotAJrnlExport(
            _("{path}: permission denied; check the file's owner and permissions (ls -l)").format(path=path)
        ) from None
    except OSError as error:
        raise NotAJrnlExport(
            _("{path}: cannot be read: {reason}").format(path=path, reason=error.strerror or error)
        ) from None
    try:
        # jrnl writes UTF-8; json's own detection also lets through the UTF-16 a
        # Windows shell redirect (`> file.json`) writes.
        text = content.decode(json.detect_encoding(content))
    except UnicodeDecodeError:
        raise NotAJrnlExport(
            _("{path}: not UTF-8 text, so not a file jrnl wrote; make one with `jrnl --export json -o FILE.json`").format(
                path=path
            )
        ) from None
    try:
        data = json.loads(text, object_pairs_hook=no_duplicate_keys)
    except DuplicateKey as duplicate:
        raise NotAJrnlExport(
            _("{path}: the key {key} appears twice; jrnl never writes that, so the file was changed by hand").format(
                path=path, key=json.dumps(duplicate.key, ensure_ascii=False)[:60]
            )
        ) from None
    except json.JSONDecodeError:
        raise NotAJrnlExport(
            _("{path}: not JSON; make it with `jrnl --export json -o FILE.json`").format(path=path)
        ) from None
    except RecursionError:
        raise NotAJrnlExport(_("{path}: JSON nested too deeply to be a jrnl export").format(path=path)) from None
    except ValueError:  # Python refuses to read an integer of thousands of digits
        raise NotAJrnlExport(_("{path}: holds a number too long to read; not a jrnl export").format(path=path)) from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise NotAJrnlExport(
            _('{path}: not a jrnl JSON export (expected an object with an "entries" list)').format(path=path)
        )
    return JrnlExport(entries=data["entries"], tags=_strings(data.get("tags")))


def join_text(title: str, body: str) -> str:
    title, body = title.strip(), body.strip()
    if not body:
        return title
    if not title:
        return body
    # jrnl cut at the first sentence end (then a space followed) or the first line break.
    separator = " " if title[-1] in ".!?" else "\n"
    return title + separator + body


def plan_import(export: JrnlExport, known_sources: set[str], today: date) -> JrnlImport:
    """What importing `export` into a journal that already holds `known_sources` adds, on `today`."""
    result = JrnlImport()
    twins: dict[str, int] = {}
    for number, raw in enumerate(export.entries, start=1):
        try:
            if not isinstance(raw, dict):
                raise ValueError(_("not an object"))
            base = _source_key(raw, 0)
            twin = twins.get(base, 0)
            twins[base] = twin + 1
            source = _source_key(raw, twin)
            if source in known_sources:
                result.already_imported += 1
                continue
            entry, retagged, timed = _to_entry(raw, source, today, export.tags)
        except ValueError as reason:
            result.unreadable.append(_("entry {number}: {reason}").format(number=number, reason=reason))
            continue
        except RecursionError:  # a field nested ~1,000 deep: json read it but cannot write it for the key
            result.unreadable.append(
                _("entry {number}: {reason}").format(number=number, reason=_("nested too deeply"))
            )
            continue
        result.new.append(entry)
        result.retagged += retagged
        if retagged:
            result.retagged_in[source] = retagged
        if not timed:
            result.untimed += 1
            result.untimed_in.add(source)
    return result


def _source_key(raw: dict[str, Any], twin: int) -> str:
    # Never change: journals that imported a file before know its entries by this key.
    material = json.dumps(
        [raw.get("date"), raw.get("time"), raw.get("title"), raw.get("body"), twin], ensure_ascii=False
    )
    return "jrnl:" + hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _to_entry(raw: dict[str, Any], source: str, today: date, file_tags: tuple[str, ...]) -> tuple[Entry, int, bool]:
    """One jrnl entry, how many words became tags, and whether it had a time; ValueError with a reason."""
    title, body = raw.get("title", ""), raw.get("body", "")
    if not isinstance(title, str) or not isinstance(body, str):
        raise ValueError(_("title and body must be text"))
    text = join_text(title, body)
    if not text:
        raise ValueError(_("no text"))
    try:
        day = parse_day(raw["date"])
    except (KeyError, TypeError, AttributeError, ValueError):
        raise ValueError(_("no valid date ({value})").format(value=reprlib.repr(raw.get("date")))) from None
    try:
        at, timed = parse_time(raw["time"], day), True
    except (KeyError, TypeError, AttributeError, ValueError):
        at, timed = datetime.combine(day, time(0, 0)), False
    problem = day_problem(at.date(), today)
    if problem is DayProblem.TOO_EARLY:
        raise ValueError(
            _("dated before {first} ({day})").format(first=FIRST_DAY.isoformat(), day=at.date().isoformat())
        )
    if problem is DayProblem.FUTURE:
        raise ValueError(_("dated in the future ({day})").format(day=at.date().isoformat()))
    entry_tags = raw.get("tags")
    text, retagged = rewrite_as_tags(text, _strings(entry_tags) if isinstance(entry_tags, list) else file_tags)
    return Entry(at=at, body=text, starred=raw.get("starred") is True, source=source), retagged, timed


def _strings(values: Any) -> tuple[str, ...]:
    """The strings among a list's items or a dict's keys (jrnl lists tags both ways)."""
    if not isinstance(values, (list, dict)):
        return ()
    return tuple(value for value in values if isinstance(value, str))
