"""Key press to screen on the board (mode 2), taken apart: the app in the bench's terminal, with a trace.

    .venv/bin/python bench/trace_board.py [DATA_DIR] [--presses 40]

As bench/trace_contacts.py, for the board's rows of bench/run.py: the app
runs in the same 120x40 pseudo-terminal, started through this file, which
wraps the functions that matter and logs a line per call, per frame written
and per garbage collection (time.perf_counter, the same clock in both
processes). The driver presses the board's keys as `measure_board` does
(`2` from Today, `j`, `l`/`h`, `space`/`u`), each until the screen shows its
result, with the same pauses, then splits each press into: the journal write
(`apply_card_change`: TinyDB, the tables encoded, journal.json written and
fsynced, this device's memory of the tables), the board's redraw (`_draw`),
and Textual's layout, render and frame. DATA_DIR is changed (every change
is undone, but it is written); without it, the bench's dataset is generated
into a temporary folder.

`--patch` runs the app with fixes proposed for journal/ applied by
monkeypatching (an experiment, to measure what each would buy; see PATCHES),
e.g. `--patch store,views,board,gc`.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.tracing import TEXTUAL_CATEGORIES, Child, Driver, patched_main  # noqa: E402

CATEGORIES = [
    # (name, labels it covers); each is the union of its calls' intervals, so nesting counts once.
    (
        "Tricot's handlers (screen, columns, repository)",
        ("BoardScreen.", "CardColumn.", "JournalRepository.", "share_suggestions", "App.notify"),
    ),
    ("  the journal write (JournalRepository.apply_card_change)", ("JournalRepository.apply_card_change",)),
    ("    TinyDB's table updates (_save, _delete)", ("JournalRepository._save", "JournalRepository._delete")),
    ("    every built table encoded again (encode_tables)", ("store: encode_tables",)),
    ("    journal.json written, fsync, rename (write_atomic)", ("store: write_atomic",)),
    ("    the device's memory: compare, write (_remember)", ("store: _remember",)),
    ("    the daily backup (first save of a day)", ("store: _keep_daily_backup",)),
    ("  the board redrawn (BoardScreen._draw)", ("BoardScreen._draw",)),
    ("    share suggestions over the contacts", ("share_suggestions",)),
    ("  toast (App.notify)", ("App.notify",)),
    *TEXTUAL_CATEGORIES,
]


# -- the experiments: fixes proposed for journal/, applied in the traced app only ----------------

PATCHES = {
    "store": "a save encodes only the tables it changed: the others' bytes are kept with the table object they encode",
    "views": "the repository's decoded views (contacts(), ...) kept per table object, not per journal generation; "
    "contacts() sorted once per version",
    "board": "the detail drawn once per change (not from every column's cursor), share suggestions once per card "
    "and contacts version, the fixed-size detail and title updated without a layout",
    "gc": "the board's own saves do not unfreeze the journal for the collector (what a save replaces is freed "
    "by reference counting; only a reload from disk replaces it all)",
    "columns": "a column's virtual size only grows, by 20 cards at a time, so a card leaving or joining it repaints "
    "the columns without a layout of the screen",
    "toast": "the toast of a give or an undo is shown just after the frame that shows the card moved",
    "footer": "the Footer recomposes only when the keys it shows change (not on every focus move between columns)",
}


def _patch(names: set[str]) -> None:
    from textual.widgets import Static

    from journal.store import codec, storage
    from journal.store.repository import JournalRepository
    from journal.tui import app as tricot_app
    from journal.tui.screens import board

    if "store" in names:
        encoded: dict[str, tuple[object, bytes]] = {}

        def encode_tables(tables):
            parts = {}
            for name in tables.names():
                if name not in tables:  # built tables only (dict membership: nothing is built)
                    parts[name] = tables.raw[name]
                    continue
                table = dict.__getitem__(tables, name)
                kept = encoded.get(name)
                if kept is None or kept[0] is not table:
                    kept = encoded[name] = (table, codec.encode_value(table))
                parts[name] = kept[1]
            return parts

        storage.encode_tables = encode_tables
    if "views" in names:
        from journal.domain.models import Contact
        from journal.store.records import from_doc

        def records(self, table, cls):
            docs = self.storage.read()[table]
            cached = self._views.get(table)
            if cached is not None and cached[0] is docs:
                return cached[1]
            found = {}
            for doc_id, doc in docs.items():
                try:
                    found[doc_id] = from_doc(cls, doc_id, doc)
                except (TypeError, ValueError, KeyError) as error:
                    self.unreadable[f"{table}/{doc_id}"] = str(error)
            if not self.storage.in_transaction:
                self._views[table] = (docs, found)
            return found

        sorted_contacts: dict[int, tuple[object, list[Contact]]] = {}

        def contacts(self):
            view = self._records("contacts", Contact)
            kept = sorted_contacts.get(id(self))
            if kept is None or kept[0] is not view:
                kept = sorted_contacts[id(self)] = (view, sorted(view.values(), key=lambda c: (c.name.casefold(), c.id)))
            return list(kept[1])

        JournalRepository._records = records  # type: ignore[method-assign]
        JournalRepository.contacts = contacts  # type: ignore[method-assign]
    if "board" in names:
        screen = board.BoardScreen
        show_detail, draw = screen._show_detail, screen._draw
        suggested: dict[tuple, object] = {}
        share = board.share_suggestions

        def share_once(card, contacts, *, limit=8):
            key = (card, len(contacts), contacts[0].id if contacts else None, limit)  # (experiment: contacts unchanged)
            if key not in suggested:
                suggested[key] = share(card, contacts, limit=limit)
            return suggested[key]

        def detail_once(self):
            if not getattr(self, "_drawing", False):
                show_detail(self)

        def draw_then_detail(self, keep=None):
            self._drawing = True
            try:
                draw(self, keep)
            finally:
                self._drawing = False
            show_detail(self)

        update = Static.update

        def update_in_place(self, content="", *, layout=True):
            if self.id in ("card-detail", "board-title"):
                layout = False  # fixed sizes: the detail 9 lines, the title 1fr
            elif self.id == "board-count":  # width auto: laid out again only when its text changes
                if str(content) == getattr(self, "_bench_shown", None):
                    return
                self._bench_shown = str(content)
            update(self, content, layout=layout)

        board.share_suggestions = share_once
        screen._show_detail = detail_once  # type: ignore[method-assign]
        screen._draw = draw_then_detail  # type: ignore[method-assign]
        Static.update = update_in_place  # type: ignore[method-assign]
    if "gc" in names:
        tricot_app.TricotApp.release_journal = lambda self: None  # type: ignore[method-assign]
    if "columns" in names:
        from textual.geometry import Size

        from journal.tui.widgets.card_column import CardColumn

        def set_rows_keeping_size(self, rows, keep, default=0):
            """CursorList.set_rows, but for the virtual size (a reactive that lays the screen out when it changes)."""
            self.rows = rows
            index = default
            if keep is not None:
                index = next((i for i, row in enumerate(rows) if row.id == keep), default)
            step = 20 * self.ROW_LINES
            height = max(self.virtual_size.height, -(-self.content_lines() // step) * step)
            if self.virtual_size != Size(self.size.width, height):
                self.virtual_size = Size(self.size.width, height)
            self.cursor = index
            self.refresh()

        CardColumn.set_rows = set_rows_keeping_size  # type: ignore[method-assign]
    if "footer" in names:
        from journal.tui.widgets.footer import Footer as TricotFooter

        changed = TricotFooter.bindings_changed

        def bindings_changed(self, screen):
            if self.is_attached and screen is self.screen and screen.app.app_focus:
                shown = tuple(
                    (binding.key, binding.description, binding.action, enabled, tooltip)
                    for (_, binding, enabled, tooltip) in screen.active_bindings.values()
                    if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
                )
                if self._bindings_ready and shown == getattr(self, "_bench_shown", None):
                    return
                self._bench_shown = shown
            changed(self, screen)

        TricotFooter.bindings_changed = bindings_changed  # type: ignore[method-assign]
    if "toast" in names:
        notify = board.BoardScreen.notify

        def notify_after_frame(self, *args, **kwargs):
            self.call_after_refresh(notify, self, *args, **kwargs)

        board.BoardScreen.notify = notify_after_frame  # type: ignore[method-assign]


# -- the child: the app, traced ---------------------------------------------------------------


def _child(log_path: str, argv: list[str], patches: set[str]) -> int:
    from textual.app import App

    from journal.store import storage
    from journal.store.repository import JournalRepository
    from journal.tui import app as tricot_app
    from journal.tui.screens import board
    from journal.tui.widgets.card_column import CardColumn

    _patch(patches)  # before the wrapping: a patched function is traced under its name
    child = Child(log_path)
    child.hook()
    wrap = child.wrap
    screen = board.BoardScreen
    for name in (
        "reload", "_draw", "_draw_bar", "_show_detail", "_apply", "refresh_bindings",
        "action_move_card", "action_give", "action_undo", "on_screen_resume",
    ):  # fmt: skip
        wrap(screen, name, f"BoardScreen.{name}")
    wrap(board, "share_suggestions", "share_suggestions")
    for name in ("show", "watch_cursor", "render_line"):
        wrap(CardColumn, name, f"CardColumn.{name}")
    for name in ("apply_card_change", "card_records", "cards", "contacts", "_save", "_delete"):
        wrap(JournalRepository, name, f"JournalRepository.{name}")
    wrap(storage, "encode_tables", "store: encode_tables")
    wrap(storage, "write_atomic", "store: write_atomic")  # journal.json, and the daily backup's copy
    wrap(storage.JournalStorage, "_remember", "store: _remember")
    wrap(storage.JournalStorage, "_keep_daily_backup", "store: _keep_daily_backup")
    wrap(tricot_app.TricotApp, "release_journal", "App.release_journal")
    wrap(App, "notify", "App.notify")
    return child.run(argv)


# -- the driver ---------------------------------------------------------------------------------


def _drive(data_dir: Path, presses: int, scratch: Path, patches: set[str]) -> None:
    from bench.keystrokes import GIVE_SETTLE, BoardPane, _moved_to_top

    app = Driver(__file__, ",".join(sorted(patches)) or "-", data_dir, scratch)
    try:
        press = app.press
        pane = BoardPane(app.repository, app.today)
        press("first open (cold)", b"2", pane.check())
        press(None, b"1", app.today_shown)
        for _ in range(presses):
            press("open (2 from Today)", b"2", pane.check())
            press(None, b"1", app.today_shown)
        press(None, b"2", pane.check())
        for _ in range(min(presses, len(pane.rows[0]) - 1)):
            pane.move_selection(1)
            press("move selection (j)", b"j", pane.check())
        press(None, b"\x1b[H", _moved_to_top(pane))
        for i in range(presses + presses % 2):
            step = -1 if i % 2 else 1
            pane.move_card(step)
            press("move a card: h (writes)" if step < 0 else "move a card: l (writes)", b"h" if step < 0 else b"l", pane.check())
            if step < 0:
                pane.move_selection(1)
                press(None, b"j", pane.check())
        press(None, b"\x1b[H", _moved_to_top(pane))
        for i in range(presses + presses % 2):
            if i % 2:
                pane.undo_last()
                press("undo a give: u (writes)", b"u", pane.check(), GIVE_SETTLE)
                pane.move_selection(1)
                press(None, b"j", pane.check())
            else:
                pane.give()
                press("give a card: space (writes)", b" ", pane.check(), GIVE_SETTLE)
    except BaseException:
        app.close()
        raise
    events = app.finish(CATEGORIES)
    first_shown = app.done[0][2]
    walked = [label.split() for label, start, _ in events if label.startswith("gc walked") and start >= first_shown]
    if walked:
        objects = sorted(int(w[2]) for w in walked)
        frozen = sorted(int(w[4]) for w in walked)
        print(
            f"objects the full collections walked: median {objects[len(objects) // 2]:,} (max {objects[-1]:,}); "
            f"frozen out of their way: median {frozen[len(frozen) // 2]:,} (min {frozen[0]:,})"
        )
    released = [start for label, start, _ in events if label == "App.release_journal"]
    if released and "gc" not in patches:
        print(f"App.release_journal called {len(released)} times: the first write unfreezes the journal for the collector")


def main() -> None:
    patched_main(__doc__.splitlines()[0], _child, _drive, PATCHES)


if __name__ == "__main__":
    main()
