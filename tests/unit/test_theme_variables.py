"""A theme file's `[variables]` table: overrides of Textual's derived colours, checked when read."""

from __future__ import annotations

import pytest

from journal import paths
from journal.tui.themes import load_themes, read_theme

BASE = "name = 'mine'\nprimary = '#336699'\n"


def test_the_bundled_themes_override_the_block_cursor():
    for path in sorted(paths.bundled_themes_dir().glob("*.toml")):
        assert "block-cursor-background" in read_theme(path).variables


def test_a_variables_table_is_read_into_the_theme(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        BASE + "[variables]\nblock-cursor-background = '#603826'\ntext-disabled = 'auto 55%'\n"
        "block-cursor-text-style = 'bold underline'\ninput-selection-background = '#81a1c1 35%'\n"
    )
    theme = read_theme(path)
    assert theme.variables["block-cursor-background"] == "#603826"
    assert theme.variables["text-disabled"] == "auto 55%"


@pytest.mark.parametrize(
    "table, says",
    [
        ("block-cursor-backround = '#603826'", "unknown variables block-cursor-backround"),
        ("block-cursor-background = 'not a colour'", "variable block-cursor-background"),
        ("block-cursor-background = ''", "variable block-cursor-background"),
        ("block-cursor-text-style = 'shiny'", "variable block-cursor-text-style"),
        ("block-cursor-background = 3", "must give each name a string"),
    ],
)
def test_a_bad_variable_is_reported_and_the_other_themes_still_load(tmp_path, table, says):
    (tmp_path / "broken.toml").write_text(BASE + "[variables]\n" + table + "\n")
    themes, problems = load_themes(paths.bundled_themes_dir(), tmp_path)
    assert {"tricot-dark", "tricot-light"} <= {t.name for t in themes}
    assert len(problems) == 1 and problems[0].startswith("broken.toml") and says in problems[0]
