"""The floors: a bare Textual app (Header, a Label, Footer).

    python bench/bare_app.py          # start-up: the label shows
    python bench/bare_app.py --keys   # a key press: `j` rewrites the label ("key 1.", "key 2.", ...)

The second is the floor for a key press to an updated screen: the least any
Textual app does for a key (dispatch it, run a binding, update one widget,
render and write the frame). The bench times it through the same terminal,
alternating with Tricot's key presses.
"""

import sys

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label

TEXT = "A bare Textual app"


def key_text(count: int) -> str:
    return f"{TEXT} · key {count}."


class Bare(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(TEXT)
        yield Footer()


class BareKeys(Bare):
    BINDINGS = [("j", "count", "Count"), ("q", "quit", "Quit")]
    count = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label(key_text(0), markup=False)
        yield Footer()

    def action_count(self) -> None:
        self.count += 1
        self.query_one(Label).update(key_text(self.count))


if __name__ == "__main__":
    (BareKeys() if "--keys" in sys.argv[1:] else Bare()).run()
