"""The floor for start-up: a bare Textual app (Header, a Label, Footer)."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Label


class Bare(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("A bare Textual app")
        yield Footer()


if __name__ == "__main__":
    Bare().run()
