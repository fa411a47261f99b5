"""Where a key press on the board spends its time: the app headless (Pilot), on a copy of the bench's journal.

    .venv/bin/python bench/profile_board.py [DATA_DIR] [--presses 40] [--profile KEY] [--top 30]

Without DATA_DIR the bench's dataset is generated into a temporary folder
(ten years ending today, as bench/run.py makes it); DATA_DIR is copied, never
written. Each key runs `--presses` times at 120x40, as the board's rows of
bench/run.py do: `2` from Today (after one cold open), `j`, `l` and `h`
alternately (each writes the journal), `space` and `u` alternately (a give
and its undo, each written). For each, the wall time in the process from the
key to the screen idle again (Pilot's press, then pause: handlers, layout,
compositor; headless, so no escape codes written), then the inclusive time
per press in the functions that matter, measured by wrapping them: the
journal write taken apart (TinyDB, each table encoded, the file written and
fsynced, the device's memory), the board's redraw, Textual's layout and
render. `--profile l` (or `2`, `j`, `h`, `space`, `u`) also prints cProfile's
top functions for that key, by cumulative time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.profile_contacts import SIZE, Timings  # noqa: E402

KEYS = ("2", "j", "l", "h", "space", "u")


def instrument(timings: Timings) -> None:
    from textual._compositor import Compositor
    from textual.app import App
    from textual.screen import Screen
    from textual.widget import Widget
    from textual.widgets import Footer, Static

    from journal.store import codec, storage
    from journal.store.repository import JournalRepository
    from journal.tui import app as tricot_app
    from journal.tui.screens import board
    from journal.tui.widgets.card_column import CardColumn

    screen = board.BoardScreen
    for name in ("reload", "_draw", "_draw_bar", "_show_detail", "_apply", "refresh_bindings", "_row"):
        timings.wrap(screen, name, f"BoardScreen.{name}")
    timings.wrap(board, "share_suggestions", "share_suggestions")
    timings.wrap(board.board, "columns", "domain board.columns")
    for name in ("show", "render_line", "watch_cursor", "on_focus"):
        timings.wrap(CardColumn, name, f"CardColumn.{name}")
    for name in ("apply_card_change", "card_records", "cards", "contacts", "get_card", "_save", "_delete"):
        timings.wrap(JournalRepository, name, f"JournalRepository.{name}")
    timings.wrap(storage.JournalStorage, "refresh", "store: JournalStorage.refresh (in the transaction)")
    timings.wrap(storage.JournalStorage, "_lock", "store: the lock")
    timings.wrap(storage.JournalStorage, "_commit", "store: JournalStorage._commit")
    timings.wrap(storage, "encode_tables", "store: encode_tables")
    timings.wrap(storage, "write_atomic", "store: write_atomic (journal.json, fsync)")
    timings.wrap(storage.JournalStorage, "_remember", "store: _remember (the device's memory)")
    timings.wrap(storage.JournalStorage, "_keep_daily_backup", "store: _keep_daily_backup")
    timings.wrap(storage, "remove_stale_temps", "store: remove_stale_temps")
    timings.wrap(codec, "encode_value", "store: codec.encode_value (per table)")
    timings.wrap(tricot_app.TricotApp, "release_journal", "App.release_journal")
    timings.wrap(App, "notify", "App.notify")
    timings.wrap(Widget, "focus", "Widget.focus")
    timings.wrap(Static, "update", "Static.update")
    timings.wrap(Footer, "recompose", "Footer.recompose")
    timings.wrap(Screen, "_refresh_layout", "textual Screen._refresh_layout (layout)")
    timings.wrap(Screen, "_compositor_refresh", "textual Screen._compositor_refresh (render)")
    timings.wrap(Compositor, "reflow", "textual Compositor.reflow")
    timings.wrap(Compositor, "render_update", "textual Compositor.render_update")


async def drive(data_dir: Path, presses: int, profile: str | None, top: int) -> None:
    from bench.keystrokes import BoardPane
    from journal.clock import SystemClock
    from journal.domain.settings import Settings
    from journal.store.repository import JournalRepository
    from journal.tui.app import make_app

    timings = Timings()
    instrument(timings)
    repository = JournalRepository.open(data_dir, SystemClock())
    pane = BoardPane(JournalRepository.open(data_dir, SystemClock()), date.today())
    app = make_app(repository, SystemClock(), Settings(), user_themes=False, watch_interval=None)
    results: dict[str, list[float]] = {}
    per_key: dict[str, tuple[defaultdict[str, float], defaultdict[str, int]]] = {}
    profiler = cProfile.Profile()

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(2.5)  # what start-up does after its first frame is over (the journal decoded, frozen)

        async def key(row: str, keys: str) -> None:
            """One timed press; only what happens between the key and idle counts in the wrapped functions."""
            timings.reset()
            if profile == row:
                profiler.enable()
            start = time.perf_counter()
            await pilot.press(keys)
            await pilot.pause()
            results.setdefault(row, []).append(time.perf_counter() - start)
            if profile == row:
                profiler.disable()
            seconds, calls = per_key.setdefault(row, (defaultdict(float), defaultdict(int)))
            for label, value in timings.seconds.items():
                seconds[label] += value
                calls[label] += timings.calls[label]

        async def untimed(keys: str) -> None:
            await pilot.press(keys)
            await pilot.pause()

        await key("2 (first, cold)", "2")
        for _ in range(presses):
            await untimed("1")
            await key("2", "2")
        for _ in range(min(presses, len(pane.rows[0]) - 1)):
            await key("j", "j")
        await untimed("home")
        for _ in range(presses):
            await key("l", "l")
            await key("h", "h")
            await untimed("j")
        await untimed("home")
        for _ in range(presses):
            await key("space", "space")
            await key("u", "u")
            await untimed("j")

    print(f"In the process, headless at {SIZE[0]}x{SIZE[1]}, {presses} presses each: key to idle (ms)\n")
    print("| key | p50 | p95 | max |")
    print("|---|---:|---:|---:|")
    for row, values in results.items():
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(f"| {row} | {statistics.median(values) * 1000:.1f} | {p95 * 1000:.1f} | {max(values) * 1000:.1f} |")
    for row, (seconds, calls) in per_key.items():
        count = len(results[row])
        print(f"\n{row}: inclusive ms per press, calls per press\n")
        for label, total in sorted(seconds.items(), key=lambda item: -item[1]):
            if total * 1000 / count >= 0.05:
                print(f"  {total * 1000 / count:8.2f} ms  {calls[label] / count:6.1f}x  {label}")
    if profile:
        print(f"\ncProfile, key {profile!r}, {presses} presses, by cumulative time:\n")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, nargs="?")
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--profile", choices=KEYS, help="cProfile this key's presses")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tricot-profile-") as scratch:
        os.environ.setdefault("TRICOT_STATE_DIR", str(Path(scratch) / "state"))
        os.environ.setdefault("TRICOT_CONFIG_DIR", str(Path(scratch) / "config"))
        data_dir = Path(scratch) / "tricot"
        if args.data_dir is None:
            from bench.dataset import generate

            generate(data_dir, end=date.today())
        else:
            shutil.copytree(args.data_dir, data_dir)
        asyncio.run(drive(data_dir, args.presses, args.profile, args.top))


if __name__ == "__main__":
    main()
