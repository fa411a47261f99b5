"""Torture: `tricot checkin` from shells and the TUI writing one journal at the same time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.widgets import TextArea

from journal.store.repository import JournalRepository
from journal.tui.screens.modals.entry_editor import EntryEditor

LONG = os.environ.get("TRICOT_LONG_TESTS") == "1"
ROOT = Path(__file__).resolve().parents[2]


def _shell_checkins(data_dir: Path, name: str, count: int) -> subprocess.Popen:
    """A shell loop of check-ins; it prints each body once `tricot checkin` has succeeded."""
    script = (
        f'for i in $(seq {count}); do "$PYTHON" -m journal --data-dir "$DATA" checkin "{name} $i" >/dev/null '
        f'&& echo "{name} $i"; done'
    )
    env = {**os.environ, "PYTHON": sys.executable, "DATA": str(data_dir), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(["bash", "-c", script], stdout=subprocess.PIPE, text=True, env=env)


async def test_checkins_from_shells_and_the_tui_at_once_lose_nothing_and_double_nothing(
    repository, make_test_app, clock
):
    per_shell, tui_writes = (40, 60) if LONG else (6, 8)
    shells = [_shell_checkins(repository.path.parent, f"shell{n}", per_shell) for n in range(2)]
    written_by_tui = []
    app = make_test_app(repository)
    async with app.run_test(size=(110, 32)) as pilot:
        for number in range(tui_writes):
            app.check_for_changes()  # what the app's one-second poll does
            await pilot.press("n")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, EntryEditor)
            body = f"tui {number}"
            editor.query_one(TextArea).insert(body)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(app.screen, EntryEditor), "the save failed"
            written_by_tui.append(body)
    acknowledged = list(written_by_tui)
    for shell in shells:
        out, _ = shell.communicate(timeout=120)
        acknowledged += out.split("\n")[:-1]
    assert len(acknowledged) == tui_writes + 2 * per_shell
    bodies = [e.body for e in JournalRepository.open(repository.path.parent, clock).entries()]
    assert sorted(bodies) == sorted(acknowledged)
