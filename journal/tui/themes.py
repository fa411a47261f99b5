"""Theme files (TOML) -> Textual themes: the bundled ones, then the user's own."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import Theme

from journal.files import read_regular
from journal.i18n import _

_FIELDS = {f.name for f in dataclasses.fields(Theme)}
# The variables Textual derives from a theme; a `[variables]` table may override any of them.
_VARIABLES = set(Theme(name="names", primary="#000000").to_color_system().generate())
_PERCENT = re.compile(r"\d+(\.\d+)?%")


def _readable(name: str, word: str) -> bool:
    if name.endswith("-style"):
        return word in VALID_STYLE_FLAGS
    if word in ("auto", "initial") or _PERCENT.fullmatch(word):
        return True
    try:
        Color.parse(word)
    except ColorParseError:
        return False
    return True


def _check_variables(variables: object, file: str) -> None:
    """ValueError unless `variables` maps Textual's variable names to values Textual can read.

    Textual ignores a misspelt name, and fails on a bad value only when it applies the theme:
    for a user's theme, in the middle of a session.
    """
    if not isinstance(variables, dict) or not all(isinstance(v, str) for v in variables.values()):
        raise ValueError(_("{file}: [variables] must give each name a string").format(file=file))
    unknown = sorted(set(variables) - _VARIABLES)
    if unknown:
        raise ValueError(_("{file}: unknown variables {names}").format(file=file, names=", ".join(unknown)))
    for name, value in variables.items():
        words = value.split()
        if not words or not all(_readable(name, word) for word in words):
            raise ValueError(_("{file}: variable {name} cannot be {value!r}").format(file=file, name=name, value=value))


def read_theme(path: Path) -> Theme:
    """One theme file; ValueError saying what is wrong with it."""
    try:
        values = tomllib.loads(read_regular(path).decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ValueError(f"{path.name}: {error}") from None
    except RecursionError:
        raise ValueError(_("{file}: nested too deeply to be a theme").format(file=path.name)) from None
    unknown = sorted(set(values) - _FIELDS)
    if unknown:
        raise ValueError(_("{file}: unknown keys {keys}").format(file=path.name, keys=", ".join(unknown)))
    if not isinstance(values.get("name"), str) or not isinstance(values.get("primary"), str):
        raise ValueError(_("{file}: needs at least `name` and `primary`").format(file=path.name))
    _check_variables(values.get("variables", {}), path.name)
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
