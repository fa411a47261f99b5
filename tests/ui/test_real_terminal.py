"""The app in a real pseudo-terminal, fed bytes the way a terminal sends them.

These are the data-loss defects as they were found: keys arriving in one
burst before ctrl+s, and a bracketed paste holding an escape character.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyte")

from bench.terminal import Terminal, showing  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CTRL_S = b"\x13"


@pytest.fixture
def app_in_terminal(data_dir, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRICOT_CONFIG_DIR": str(tmp_path / "config")}
    terminal = Terminal([sys.executable, "-m", "journal", "--data-dir", str(data_dir)], env)
    terminal.wait_for(showing("Welcome to Tricot"), timeout=60)
    yield terminal
    terminal.close()


def bodies(data_dir: Path) -> list[str]:
    entries = json.loads((data_dir / "journal.json").read_bytes())["entries"].values()
    return sorted(entry["body"] for entry in entries)


def test_text_and_ctrl_s_in_one_write_save_every_word(app_in_terminal, data_dir):
    expected = []
    for attempt in range(6):
        app_in_terminal.press(b"n", showing("New entry"))
        text = f"race test number {attempt}: coffee with @Karine #5a7, every word counts"
        expected.append(text)
        app_in_terminal.press(text.encode() + CTRL_S, showing(f"{attempt + 1} entr"))
    assert bodies(data_dir) == sorted(expected)
    assert not list((data_dir / "drafts").glob("*.json"))


def test_n_text_and_ctrl_s_in_one_write(app_in_terminal, data_dir):
    app_in_terminal.press(b"ndinner, tea and a quick note with @Emma" + CTRL_S, showing("1 entry"))
    assert bodies(data_dir) == ["dinner, tea and a quick note with @Emma"]


def test_a_bracketed_paste_with_an_escape_keeps_its_order(app_in_terminal, data_dir):
    app_in_terminal.press(b"n", showing("New entry"))
    app_in_terminal.press(b"\x1b[200~alpha \x1b[31mbeta\x1b[201~ gamma" + CTRL_S, showing("1 entry"))
    assert bodies(data_dir) == ["alpha \x1b[31mbeta gamma"]


def test_palette_new_entry_then_text_in_one_write(app_in_terminal, data_dir):
    """Found by a second tester: the first character typed after the palette's New entry was lost."""
    app_in_terminal.press(b"\x10", showing("A command, or a day"))
    app_in_terminal.press(b"new entry", showing("Write an entry on the day shown"))
    app_in_terminal.press(b"\rvia palette" + CTRL_S, showing("1 entry"))
    assert bodies(data_dir) == ["via palette"]


def test_export_dialog_text_right_after_opening(app_in_terminal, data_dir, tmp_path):
    """Found by a second tester: the first character typed into the export dialog was lost."""
    app_in_terminal.press(b"nx" + CTRL_S, showing("1 entry"))
    target = tmp_path / "out.md"
    app_in_terminal.press(b"\x10", showing("A command, or a day"))
    app_in_terminal.press(b"export", showing("Export to Markdown"))
    # enter opens the dialog; ctrl+u clears its path field; then the path, enter, and an entry
    app_in_terminal.press(b"\r\x15" + str(target).encode() + b"\rnafter export" + CTRL_S, showing("2 entries"))
    assert target.exists()
    assert bodies(data_dir) == ["after export", "x"]
