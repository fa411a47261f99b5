"""Conflict copies: the files sync tools write beside journal.json when both devices changed it.

Recognised (`name` is journal.json, so STEM is "journal" and SUFFIX ".json"):

- Syncthing: STEM.sync-conflict-20261122-101500-ABCDEFG.SUFFIX
- Dropbox: STEM (Someone's conflicted copy 2026-11-22).SUFFIX, the computer's
  name possibly holding parentheses, in English, French ("copie en conflit"),
  German, Spanish, Italian, Portuguese or Dutch, with or without a " (1)" after it
- Nextcloud and ownCloud: STEM (conflicted copy 2026-11-22 101500).SUFFIX,
  and the older STEM_conflict-20261122-101500.SUFFIX
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from functools import cache
from pathlib import Path

from journal.store.atomic import ensure_private_dir


# How Dropbox and Nextcloud name a conflicted copy in the languages our users' computers run.
_DROPBOX_WORDS = "|".join(
    re.escape(words)
    for words in (
        "conflicted copy",
        "copie en conflit",
        "Konfliktkopie",
        "copia en conflicto",
        "copia in conflitto",
        "cópia em conflito",
        "conflicterende kopie",
    )
)
# Text inside the parentheses, itself holding parentheses one deep: "Jean's MacBook Pro (2)'s conflicted copy".
_INNER = r"(?:[^()]|\([^()]*\))*?"


@cache
def _pattern(name: str) -> re.Pattern[str]:
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem, suffix = re.escape(stem), re.escape(f".{suffix}" if suffix else "")
    return re.compile(
        rf"{stem}\.sync-conflict-\d{{8}}-\d{{6}}-[A-Za-z0-9]+{suffix}"
        rf"|{stem} \({_INNER}(?:{_DROPBOX_WORDS}){_INNER}\)(?: \(\d+\))?{suffix}"
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


def put_away(copy: Path, folder: Path) -> Path:
    """Move a merged copy into `folder` (made private if missing), under a name no other copy has. Raises OSError.

    Moved, not deleted: what a merge took in stays at hand. Across file
    systems (a journal linked into a synced folder elsewhere) it is copied,
    then removed; if it cannot be removed, the copy is undone.
    """
    ensure_private_dir(folder)
    destination = folder / copy.name
    stem, suffix = os.path.splitext(copy.name)
    counter = 1
    while os.path.lexists(destination):
        counter += 1
        destination = folder / f"{stem}-{counter}{suffix}"
    try:
        os.rename(copy, destination)
        return destination
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
    shutil.copy2(copy, destination)
    try:
        os.unlink(copy)
    except OSError:
        destination.unlink()
        raise
    return destination
