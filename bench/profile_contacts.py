"""Where a key press on the Contacts pane spends its time: the app headless (Pilot), on the bench's journal.

    .venv/bin/python bench/profile_contacts.py [DATA_DIR] [--presses 40] [--profile KEY] [--top 30]

Without DATA_DIR the bench's dataset is generated into a temporary folder
(ten years ending today, as bench/run.py makes it). Each key runs `--presses`
times at 120x40, like the terminal rows: `3` from Today (after one cold open),
a filter keystroke (typed one letter at a time), `j`. For each, the wall time
in the process from the key to the screen idle again (Pilot's press, then
pause: handlers, layout, compositor; headless, so no escape codes written),
then the inclusive time per press in the functions that matter, measured by
wrapping them. `--profile j` (or `3`, `filter`) also prints cProfile's top
functions for that key, by cumulative time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import functools
import shutil
import os
import pstats
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.keystrokes import FILTER_WORDS  # noqa: E402

SIZE = (120, 40)


class Timings:
    """Inclusive seconds and calls per wrapped function, reset per key."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    def wrap(self, owner: object, name: str, label: str | None = None) -> None:
        original = getattr(owner, name)
        label = label or f"{getattr(owner, '__name__', owner)}.{name}"
        seconds, calls = self.seconds, self.calls
        if asyncio.iscoroutinefunction(original):

            @functools.wraps(original)
            async def timed_async(*args, **kwargs):
                start = time.perf_counter()
                try:
                    return await original(*args, **kwargs)
                finally:
                    seconds[label] += time.perf_counter() - start
                    calls[label] += 1

            setattr(owner, name, timed_async)
            return

        @functools.wraps(original)
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                seconds[label] += time.perf_counter() - start
                calls[label] += 1

        setattr(owner, name, timed)

    def reset(self) -> None:
        self.seconds.clear()
        self.calls.clear()


class Presses:
    """Timed presses in a Pilot session: the wall time from key to idle, and the time per press
    in the wrapped functions (and cProfile for one row, if asked)."""

    def __init__(self, pilot, timings: Timings, profile: str | None) -> None:
        self.pilot = pilot
        self.timings = timings
        self.profile = profile
        self.results: dict[str, list[float]] = {}
        self.per_key: dict[str, tuple[defaultdict[str, float], defaultdict[str, int]]] = {}
        self.profiler = cProfile.Profile()

    async def key(self, row: str, keys: str) -> None:
        """One timed press; only what happens between the key and idle counts in the wrapped functions."""
        self.timings.reset()
        if self.profile == row:
            self.profiler.enable()
        start = time.perf_counter()
        await self.pilot.press(keys)
        await self.pilot.pause()
        self.results.setdefault(row, []).append(time.perf_counter() - start)
        if self.profile == row:
            self.profiler.disable()
        seconds, calls = self.per_key.setdefault(row, (defaultdict(float), defaultdict(int)))
        for label, value in self.timings.seconds.items():
            seconds[label] += value
            calls[label] += self.timings.calls[label]

    async def untimed(self, keys: str) -> None:
        await self.pilot.press(keys)
        await self.pilot.pause()

    def report(self, presses: int, top: int) -> None:
        print(f"In the process, headless at {SIZE[0]}x{SIZE[1]}, {presses} presses each: key to idle (ms)\n")
        print("| key | p50 | p95 | max |")
        print("|---|---:|---:|---:|")
        for row, values in self.results.items():
            ordered = sorted(values)
            p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
            print(f"| {row} | {statistics.median(values) * 1000:.1f} | {p95 * 1000:.1f} | {max(values) * 1000:.1f} |")
        for row, (seconds, calls) in self.per_key.items():
            count = len(self.results[row])
            print(f"\n{row}: inclusive ms per press, calls per press\n")
            for label, total in sorted(seconds.items(), key=lambda item: -item[1]):
                if total * 1000 / count >= 0.05:
                    print(f"  {total * 1000 / count:8.2f} ms  {calls[label] / count:6.1f}x  {label}")
        if self.profile:
            print(f"\ncProfile, key {self.profile!r}, {presses} presses, by cumulative time:\n")
            pstats.Stats(self.profiler).sort_stats("cumulative").print_stats(top)


def main_for(description: str, keys: list[str], drive, *, copy: bool) -> None:
    """The command line of a profile script: DATA_DIR (or the bench's dataset made now), --presses,
    --profile KEY, --top. With `copy`, DATA_DIR is copied first (the script writes the journal)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("data_dir", type=Path, nargs="?")
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--profile", choices=keys, help="cProfile this key's presses")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tricot-profile-") as scratch:
        os.environ.setdefault("TRICOT_STATE_DIR", str(Path(scratch) / "state"))
        os.environ.setdefault("TRICOT_CONFIG_DIR", str(Path(scratch) / "config"))
        data_dir = args.data_dir
        if data_dir is None or copy:
            target = Path(scratch) / "tricot"
            if data_dir is None:
                from bench.dataset import generate

                generate(target, end=date.today())
            else:
                shutil.copytree(data_dir, target)
            data_dir = target
        asyncio.run(drive(data_dir, args.presses, args.profile, args.top))


def instrument(timings: Timings) -> None:
    from textual._compositor import Compositor
    from textual.screen import Screen
    from textual.widget import Widget
    from textual.widgets import Footer, OptionList, Static

    from journal.store.repository import JournalRepository
    from journal.tui.screens import contacts
    from journal.tui.widgets import contact_detail
    from journal.tui.widgets.contact_table import ContactTable

    screen = contacts.ContactsScreen
    # (@on handlers are registered when the class is made: wrapping them here would not be seen.)
    for name in ("_index", "_show", "_draw_bar", "_show_detail", "_highlighted", "refresh_bindings"):
        timings.wrap(screen, name, f"ContactsScreen.{name}")
    timings.wrap(contact_detail.ContactDetail, "show", "ContactDetail.show")
    timings.wrap(contact_detail, "describe", "contact_detail.describe")
    timings.wrap(contact_detail, "history_option", "contact_detail.history_option")
    timings.wrap(ContactTable, "show", "ContactTable.show")
    timings.wrap(ContactTable, "render_line", "ContactTable.render_line")
    timings.wrap(ContactTable, "watch_cursor", "ContactTable.watch_cursor")
    for name in ("exchanges", "activities", "activity", "get_entry", "get_contact", "contacts", "due"):
        timings.wrap(JournalRepository, name, f"JournalRepository.{name}")
    timings.wrap(contacts, "sort_contacts", "domain.sort_contacts")
    timings.wrap(contacts, "query_words", "domain.query_words")
    timings.wrap(OptionList, "set_options", "OptionList.set_options")
    timings.wrap(Static, "update", "Static.update")
    timings.wrap(Footer, "recompose", "Footer.recompose (after the frame)")
    timings.wrap(Widget, "recompose", "Widget.recompose (others)")
    timings.wrap(Screen, "_refresh_layout", "textual Screen._refresh_layout (layout)")
    timings.wrap(Screen, "_compositor_refresh", "textual Screen._compositor_refresh (render)")
    timings.wrap(Compositor, "reflow", "textual Compositor.reflow")
    timings.wrap(Compositor, "render_update", "textual Compositor.render_update")


async def drive(data_dir: Path, presses: int, profile: str | None, top: int) -> None:
    from textual.widgets import Input

    from journal.clock import SystemClock
    from journal.domain.settings import Settings
    from journal.store.repository import JournalRepository
    from journal.tui.app import make_app

    timings = Timings()
    instrument(timings)
    repository = JournalRepository.open(data_dir, SystemClock())
    app = make_app(repository, SystemClock(), Settings(), user_themes=False, watch_interval=None)

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        timed = Presses(pilot, timings, profile)
        key, untimed = timed.key, timed.untimed

        await key("first open (cold)", "3")
        for _ in range(presses):
            await untimed("1")
            await key("3", "3")
        await untimed("slash")
        field = app.screen.query_one("#contacts-filter", Input)
        typed = 0
        for word in FILTER_WORDS * presses:
            for letter in word[: presses - typed]:
                await key("filter", letter)
                typed += 1
            field.value = ""  # cleared between words, not timed
            await pilot.pause()
            if typed == presses:
                break
        await untimed("escape")
        for _ in range(presses):
            await key("j", "j")

    timed.report(presses, top)


def main() -> None:
    main_for(__doc__.splitlines()[0], ["3", "filter", "j"], drive, copy=False)


if __name__ == "__main__":
    main()
