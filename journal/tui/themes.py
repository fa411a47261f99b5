"""Theme files (TOML) -> Textual themes: the bundled ones, then the user's own."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from textual.theme import Theme

from journal.i18n import _

_FIELDS = {f.name for f in dataclasses.fields(Theme)}


def read_theme(path: Path) -> Theme:
    """One theme file; ValueError saying what is wrong with it."""
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path.name}: {error}") from None
    unknown = sorted(set(values) - _FIELDS)
    if unknown:
        raise ValueError(_("{file}: unknown keys {keys}").format(file=path.name, keys=", ".join(unknown)))
    if not isinstance(values.get("name"), str) or not isinstance(values.get("primary"), str):
        raise ValueError(_("{file}: needs at least `name` and `primary`").format(file=path.name))
    try:
        theme = Theme(**values)
        theme.to_color_system()  # parses every colour now, not at the first paint
    except Exception as error:  # Textual raises several kinds for bad colours
        raise ValueError(f"{path.name}: {error}") from None
    return theme


def load_themes(*directories: Path) -> tuple[list[Theme], list[str]]:
    """Every *.toml theme in the directories (later ones win by name), and one line per broken file."""
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    for directory in directories:
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.toml")):
            try:
                theme = read_theme(path)
            except ValueError as error:
                problems.append(str(error))
                continue
            themes[theme.name] = theme
    return list(themes.values()), problems
