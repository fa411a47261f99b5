"""Key press -> updated screen, in the app running on a 10-year journal in a real terminal.

Each sample is the time from typing the key into the terminal until the
screen shows its result (read through a terminal emulator), so a key that
does nothing, or a screen that is only half updated, never counts as fast.
"""

from __future__ import annotations

from datetime import date, timedelta

from bench.terminal import Terminal, gone, showing
from journal import labels
from journal.store.repository import JournalRepository

EDITOR_TITLE = "Edit entry"
NEW_TITLE = "New entry —"
HELP_FOOTER = "esc or ? to close"
PALETTE_PLACEHOLDER = "A command, or a day"
EXPORT_HINT = "enter export · esc cancel"


def _day_shown(repository: JournalRepository, day: date):
    """The header names the day and the preview shows its first entry."""
    first = repository.entries_on(day)[0]
    return showing(f"Tricot — {labels.long_date(day)}", f"{labels.long_date(day)} · {first.at:%H:%M}")


def measure(terminal: Terminal, repository: JournalRepository, today: date, samples: int) -> dict[str, list[float]]:
    """Seconds per key press for each action, `samples` of each; `terminal` shows today's screen."""
    results: dict[str, list[float]] = {
        "day switch": [],
        "open editor": [],
        "switch screen (help)": [],
        "command palette (ctrl+p)": [],
        "export dialog (palette, enter)": [],
        "save entry (ctrl+s)": [],
    }
    day = today
    for _ in range(samples):
        day -= timedelta(days=1)
        results["day switch"].append(terminal.press(b"[", _day_shown(repository, day)))
    for _ in range(samples):
        results["open editor"].append(terminal.press(b"e", showing(EDITOR_TITLE)))
        terminal.press(b"\x1b", gone(EDITOR_TITLE))
        day -= timedelta(days=1)
        terminal.press(b"[", _day_shown(repository, day))  # a different entry each time
    for _ in range(samples):
        results["switch screen (help)"].append(terminal.press(b"?", showing(HELP_FOOTER)))
        terminal.press(b"\x1b", gone(HELP_FOOTER))
    for _ in range(samples):
        results["command palette (ctrl+p)"].append(terminal.press(b"\x10", showing(PALETTE_PLACEHOLDER)))
        terminal.press(b"\x1b", gone(PALETTE_PLACEHOLDER))
    for _ in range(samples):
        terminal.press(b"\x10", showing(PALETTE_PLACEHOLDER))
        terminal.press(b"export", showing("Export to Markdown…"))
        results["export dialog (palette, enter)"].append(terminal.press(b"\r", showing(EXPORT_HINT)))
        terminal.press(b"\x1b", gone(EXPORT_HINT))
    terminal.press(b"t", showing(f"Tricot — {labels.long_date(today)}"))
    for number in range(samples):
        text = f"bench save {number:03d}"
        terminal.press(b"n", showing(NEW_TITLE))
        terminal.press(text.encode(), showing(text))
        # The whole save: the 11 MB file written atomically, the editor gone, the entry in the list.
        saved = lambda lines, text=text: gone(NEW_TITLE)(lines) and showing(text)(lines)  # noqa: E731
        results["save entry (ctrl+s)"].append(terminal.press(b"\x13", saved))
    return results
