"""Key press to screen on the Contacts pane, taken apart: the app in the bench's terminal, with a trace.

    .venv/bin/python bench/trace_contacts.py [DATA_DIR] [--presses 30] [--gc-freeze]

The app runs in the same pseudo-terminal as bench/run.py, but started through
this file, which wraps the functions that matter and logs a line per call,
frame written and garbage collection (bench/tracing.py). The driver presses
the keys of the contacts rows (`3` from Today, filter letters, `j`), each
until the screen shows its result, as the bench does, then splits each press
into the time to the app, the app's handlers, Textual's layout, render and
frame, and the time to the screen; and lists the functions called on the way
(inclusive, median per press), then what each press set off after its frame
(the Footer rebuilt, more frames).
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.tracing import TEXTUAL_CATEGORIES, Child, Driver, with_dataset  # noqa: E402

# -- the child: the app, traced ---------------------------------------------------------------


def _child(log_path: str, argv: list[str], freeze: bool) -> int:
    from textual.widgets import OptionList, Static

    from journal.store.repository import JournalRepository
    from journal.tui import app as tricot_app
    from journal.tui.screens import contacts
    from journal.tui.widgets.contact_detail import ContactDetail
    from journal.tui.widgets.contact_table import ContactTable

    child = Child(log_path)
    child.hook()
    wrap = child.wrap
    screen = contacts.ContactsScreen
    # (@on handlers are registered when the class is made: wrapping them here would not be seen.)
    for name in ("_index", "_show", "_show_detail", "_draw_bar", "on_screen_resume", "refresh_bindings"):
        wrap(screen, name, f"ContactsScreen.{name}")
    for name in ("show", "watch_cursor", "render_line"):
        wrap(ContactTable, name, f"ContactTable.{name}")
    wrap(ContactDetail, "show", "ContactDetail.show")
    wrap(OptionList, "set_options", "OptionList.set_options")
    wrap(Static, "update", "Static.update")
    for name in ("exchanges", "activity", "activities", "contacts", "due"):
        wrap(JournalRepository, name, f"JournalRepository.{name}")
    if freeze:  # the experiment: what is loaded stays out of the collector's way
        show = screen._show
        frozen: list[bool] = []

        def show_then_freeze(self) -> None:
            show(self)
            if not frozen:  # the first time: the contacts, their index and the exchanges are loaded now
                frozen.append(True)
                gc.collect()
                gc.freeze()

        screen._show = show_then_freeze  # type: ignore[method-assign]
        shown = tricot_app.TricotApp._tell_unreadable

        def shown_then_freeze(self, screen) -> None:
            shown(self, screen)
            gc.collect()
            gc.freeze()

        tricot_app.TricotApp._tell_unreadable = shown_then_freeze  # type: ignore[method-assign]
    return child.run(argv)


CATEGORIES = [
    # (name, labels it covers); each category is the union of its calls' intervals, so nesting counts once.
    (
        "Tricot's handlers (screen, table, detail, repository)",
        (
            "ContactsScreen.",
            "ContactTable.show",
            "ContactTable.watch_cursor",
            "ContactDetail.",
            "OptionList.",
            "Static.",
            "JournalRepository.",
        ),
    ),
    *TEXTUAL_CATEGORIES,
]


def _drive(data_dir: Path, presses: int, scratch: Path, freeze: bool) -> None:
    from bench.keystrokes import FILTER_PLACEHOLDER, FILTER_WORDS, ContactsPane, _all
    from bench.terminal import gone, showing

    app = Driver(__file__, "freeze" if freeze else "plain", data_dir, scratch)
    try:
        press = app.press
        pane = ContactsPane(app.repository, app.today)
        press("first open (cold)", b"3", pane.check())
        press(None, b"1", app.today_shown)
        for _ in range(presses):
            press("open (3 from Today)", b"3", pane.check())
            press(None, b"1", app.today_shown)
        press(None, b"3", pane.check())
        press(None, b"/", showing(FILTER_PLACEHOLDER))
        typed = 0
        for word in FILTER_WORDS * presses:
            word = word[: presses - typed]
            for size in range(1, len(word) + 1):
                pane.filter(word[:size])
                press("filter keystroke", word[size - 1].encode(), pane.check())
            typed += len(word)
            for size in range(len(word) - 1, -1, -1):
                pane.filter(word[:size])
            press(None, b"\x7f" * len(word), pane.check())
            if typed >= presses:
                break
        press(None, b"\x1b", _all(gone(FILTER_PLACEHOLDER), pane.check()))
        for _ in range(presses):
            pane.move(1)
            press("move selection (j)", b"j", pane.check())
    except BaseException:
        app.close()
        raise
    app.finish(CATEGORIES)


def main() -> None:
    if len(sys.argv) > 3 and sys.argv[1] == "--child":
        sys.exit(_child(sys.argv[3], sys.argv[4:], freeze=sys.argv[2] == "freeze"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, nargs="?")
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="an experiment: gc.freeze() in the app once the first screen is shown and once the contacts are first drawn",
    )
    args = parser.parse_args()
    with_dataset(args.data_dir, lambda data_dir, scratch: _drive(data_dir, args.presses, scratch, args.gc_freeze))


if __name__ == "__main__":
    main()
