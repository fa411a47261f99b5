"""A yes/no question. `y`/`enter` confirm, `n`/`esc` cancel."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from journal.tui.widgets.footer import Footer
from journal.i18n import _
from journal.text import displayable


class ConfirmScreen(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", _("Yes"), id="confirm.yes"),
        Binding("n,escape", "answer(False)", _("No"), id="confirm.no"),
    ]

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
    }
    ConfirmScreen #confirm {
        width: 64;
        max-width: 100%;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }
    ConfirmScreen #confirm-question {
        width: 100%;
        text-style: bold;
    }
    ConfirmScreen #confirm-detail {
        width: 100%;
        color: $text-muted;
        padding: 1 0;
    }
    ConfirmScreen #confirm-buttons {
        height: auto;
        align-horizontal: right;
    }
    ConfirmScreen Button {
        margin-left: 2;
    }
    """

    def __init__(self, question: str, detail: str = "", *, confirm_label: str = "", cancel_label: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.confirm_label = confirm_label or _("Yes")
        self.cancel_label = cancel_label or _("Cancel")

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Label(Content(displayable(self.question)), id="confirm-question")
            if self.detail:
                yield Label(Content(displayable(self.detail)), id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(f"{self.cancel_label} (n)"), id="confirm-cancel")
                yield Button(Content(f"{self.confirm_label} (y)"), variant="error", id="confirm-ok")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#confirm-cancel", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-ok")


def ask_before_leaving(screen: ModalScreen, detail: str, keep_label: str, leave: Callable[[], None]) -> None:
    """"Leave without saving?" over `screen`; `leave()` runs only if the user says so."""

    def answered(confirmed: bool | None) -> None:
        if confirmed:
            leave()

    screen.app.push_screen(
        ConfirmScreen(_("Leave without saving?"), detail, confirm_label=_("Discard"), cancel_label=keep_label), answered
    )
