"""Which Markdown files an export writes, shared by `tricot export` and the app's Export command.

Nothing here writes: the caller checks the plan (files that exist, a path
that is the journal itself) and writes it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from journal.domain.days import month_end, month_key
from journal.domain.models import Entry
from journal.export.markdown import export_entries

EntriesBetween = Callable[[date, date], list[Entry]]


def one_document(entries_between: EntriesBetween, span: tuple[date, date] | None, title: str) -> str:
    entries = entries_between(*span) if span else []
    return export_entries(entries, title, *(span or ()))


def monthly_documents(
    entries_between: EntriesBetween, span: tuple[date, date] | None, folder: Path, title: str
) -> dict[Path, str]:
    """One `YYYY-MM.md` per month of `span` that has entries.

    Entries are read once and grouped, never month by month: a span from year 1
    to 9999 is 120,000 months, almost all of them empty.
    """
    by_month: dict[date, list[Entry]] = {}
    for entry in entries_between(*span) if span else []:
        by_month.setdefault(entry.day.replace(day=1), []).append(entry)
    documents: dict[Path, str] = {}
    for month, entries in sorted(by_month.items()):
        start, end = max(span[0], month), min(span[1], month_end(month))
        key = month_key(month)
        documents[folder / f"{key}.md"] = export_entries(entries, f"{title} — {key}", start, end)
    return documents


def _real(path: Path) -> str:
    return os.path.realpath(os.path.abspath(path))


def is_journal_file(target: Path, data_dir: Path) -> bool:
    """Whether writing `target` would overwrite the journal or one of its backups or drafts."""
    real = _real(target)
    journal = _real(data_dir / "journal.json")
    if real == journal:
        return True
    for folder in (data_dir / "backups", data_dir / "drafts", Path(journal).parent / "backups"):
        if real.startswith(_real(folder) + os.sep):
            return True
    return False
