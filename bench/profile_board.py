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

import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.profile_contacts import SIZE, Presses, Timings, main_for  # noqa: E402

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

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(2.5)  # what start-up does after its first frame is over (the journal decoded, frozen)
        timed = Presses(pilot, timings, profile)
        key, untimed = timed.key, timed.untimed

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

    timed.report(presses, top)


def main() -> None:
    main_for(__doc__.splitlines()[0], list(KEYS), drive, copy=True)


if __name__ == "__main__":
    main()
