"""Who an excerpt would interest: the contacts whose tags, organisation or role match the card's tags.

A short list to tick instead of a whole address book to remember (share.py says how they are found).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList, Static

from journal.domain.models import Card
from journal.domain.share import Suggestion
from journal.i18n import _
from journal.tui.widgets.footer import Footer
from journal.tui.cells import cell_line


def _prompt(found: Suggestion) -> Content:
    contact = found.contact
    why = [f"#{tag}" for tag in found.tags] + [f"≈ {tag}" for tag in found.where]
    work = " · ".join(cell_line(v, 30) for v in (contact.role, contact.organisation) if v.strip())
    return Content.assemble(
        (cell_line(contact.name, 40), "bold"),
        "  ",
        (contact.circle.value, "$text-accent"),
        "  ",
        (work, "$text-muted"),
        "  ",
        (" ".join(cell_line(w, 30) for w in why), "$text-secondary"),
    )


class ShareScreen(ModalScreen[list[str] | None]):
    """Dismisses with the ids of the contacts ticked, or None."""

    BINDINGS = [
        Binding("enter", "done", _("Add to the card"), priority=True, id="share.done"),
        Binding("escape", "cancel", _("Cancel"), id="share.cancel"),
    ]
    HELP_EXTRA = [("space", _("Tick or untick a person"))]
    DEFAULT_CSS = """
    ShareScreen {
        align: center middle;
    }
    ShareScreen #share {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ShareScreen #share-title {
        text-style: bold;
    }
    ShareScreen #share-hint {
        color: $text-muted;
        padding-bottom: 1;
    }
    ShareScreen SelectionList {
        height: auto;
        max-height: 20;
    }
    """

    def __init__(self, card: Card, found: list[Suggestion]) -> None:
        super().__init__()
        self.card = card
        self.found = found

    def compose(self) -> ComposeResult:
        with Vertical(id="share"):
            yield Label(Content(_("Who would this interest?")), id="share-title")
            yield Static(
                Content(_("Their tags, organisation or role match the card's tags. space ticks, enter adds them to the card.")),
                id="share-hint",
            )
            yield SelectionList[str](*[(_prompt(s), s.contact.id) for s in self.found])
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_done(self) -> None:
        self.dismiss(list(self.query_one(SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)
