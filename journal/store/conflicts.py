"""Conflict copies: the files sync tools write beside journal.json when both devices changed it.

Recognised (`name` is journal.json, so STEM is "journal" and SUFFIX ".json"):

- Syncthing: STEM.sync-conflict-20261122-101500-ABCDEFG.SUFFIX
- Dropbox: STEM (Someone's conflicted copy 2026-11-22).SUFFIX, also in French
  ("copie en conflit"), with or without a " (1)" after it
- Nextcloud and ownCloud: STEM (conflicted copy 2026-11-22 101500).SUFFIX,
  and the older STEM_conflict-20261122-101500.SUFFIX
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path


@cache
def _pattern(name: str) -> re.Pattern[str]:
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem, suffix = re.escape(stem), re.escape(f".{suffix}" if suffix else "")
    return re.compile(
        rf"{stem}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Za-z0-9]+{suffix}"
        rf"|{stem} \([^()]*(?:conflicted copy|copie en conflit)[^()]*\)(?: \(\d+\))?{suffix}"
        rf"|{stem}_conflict-\d{{8}}-\d{{6}}{suffix}",
        re.IGNORECASE,
    )


def is_conflict_copy(candidate: str, name: str) -> bool:
    """Whether `candidate` is a sync tool's conflict copy of the file called `name`."""
    return _pattern(name).fullmatch(candidate) is not None


def conflict_copies(folder: Path, name: str) -> list[Path]:
    """Conflict copies of `name` in `folder`, oldest name first (sorted, so every device sees one order)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [folder / found for found in sorted(names) if is_conflict_copy(found, name)]
