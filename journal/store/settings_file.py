"""settings.json in the config dir. A broken file falls back to defaults; it is not overwritten silently."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from journal.domain.settings import Settings
from journal.files import read_regular
from journal.i18n import _
from journal.store.atomic import ensure_private_dir, write_atomic
from journal.store.records import from_doc, to_doc


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The settings and, when the file could not be used, one line saying why."""
    try:
        doc = json.loads(read_regular(path))
    except FileNotFoundError:
        return Settings(), None
    except (OSError, ValueError) as error:
        return Settings(), _("{path}: unreadable ({error}); using default settings").format(path=path, error=error)
    except RecursionError:
        return Settings(), _("{path}: nested too deeply to be settings; using default settings").format(path=path)
    if not isinstance(doc, dict):
        return Settings(), _("{path}: not a settings object; using default settings").format(path=path)
    known = {f.name for f in dataclasses.fields(Settings)}
    try:
        return from_doc(Settings, "", {k: v for k, v in doc.items() if k in known}), None
    except (TypeError, ValueError) as error:
        return Settings(), _("{path}: {error}; using default settings").format(path=path, error=error)


def save_settings(path: Path, settings: Settings) -> None:
    """Raises OSError when it cannot be written."""
    ensure_private_dir(path.parent)
    doc = to_doc(settings)
    write_atomic(path, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
