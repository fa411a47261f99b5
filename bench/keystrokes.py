"""Key press -> updated screen, in the running app on a 10-year journal (headless Pilot).

Each sample is the time from sending the key until the app has handled it
and refreshed the screen. Each action is checked to have done its work, so a
key that silently does nothing cannot look fast.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from journal.clock import FixedClock
from journal.domain.settings import Settings
from journal.store.repository import JournalRepository
from journal.tui.app import make_app
from journal.tui.screens.modals.entry_editor import EntryEditor
from journal.tui.screens.modals.help import HelpScreen
from journal.tui.screens.today import TodayScreen


async def measure(data_dir: Path, now: datetime, samples: int = 40) -> dict[str, list[float]]:
    """Seconds per key press for each action, `samples` of each."""
    clock = FixedClock(now)
    app = make_app(JournalRepository.open(data_dir, clock), clock, Settings(), user_themes=False, watch_interval=None)
    results: dict[str, list[float]] = {"day switch": [], "open editor": [], "switch screen": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        async def timed(key: str, done: Callable[[], bool]) -> float:
            start = time.perf_counter()
            await pilot.press(key)
            await pilot.pause()
            elapsed = time.perf_counter() - start
            if not done():
                raise AssertionError(f"pressing {key!r} did not do its work")
            return elapsed

        async def untimed(key: str) -> None:
            await pilot.press(key)
            await pilot.pause()

        today = app.screen
        assert isinstance(today, TodayScreen)
        for i in range(samples):
            before = today.day
            results["day switch"].append(await timed("left_square_bracket", lambda: today.day < before))
        for i in range(samples):
            results["open editor"].append(await timed("e", lambda: isinstance(app.screen, EntryEditor)))
            await untimed("escape")
            await untimed("left_square_bracket")  # a different entry each time
        for i in range(samples):
            results["switch screen"].append(await timed("question_mark", lambda: isinstance(app.screen, HelpScreen)))
            await untimed("escape")
    return results

