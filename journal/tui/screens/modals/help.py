"""Every key of the screen underneath and of the app, read from their bindings."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Label, Static

from journal.i18n import _


def _binding_rows(app, bindings: list[Binding]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for binding in bindings:
        if not binding.description:
            continue
        keys = " / ".join(app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(","))
        if binding.key_display:
            keys = binding.key_display
        rows.append((keys, binding.description))
    return rows


def _section(title: str, rows: list[tuple[str, str]]) -> Content:
    lines = [Content.styled(title, "bold $text-primary")]
    for keys, description in rows:
        lines.append(Content.assemble(("  " + keys.ljust(18), "bold $text-accent"), description))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", _("Close"), id="help.close")]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen #help {
        width: 72;
        max-height: 90%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    HelpScreen #help-title {
        text-style: bold;
        padding-bottom: 1;
    }
    HelpScreen VerticalScroll {
        height: auto;
    }
    HelpScreen .help-section {
        padding-bottom: 1;
    }
    HelpScreen #help-close {
        color: $text-muted;
    }
    """

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        from journal.tui.screens.modals.entry_editor import EntryEditor

        sections = []
        screen_name = getattr(self.under, "HELP_TITLE", None) or _("This screen")
        sections.append((screen_name, _binding_rows(self.app, list(type(self.under).BINDINGS))))
        sections.append((_("Writing an entry"), _binding_rows(self.app, list(EntryEditor.BINDINGS))))
        everywhere = _binding_rows(self.app, list(type(self.app).BINDINGS))
        everywhere += [
            ("^p", _("Command palette (themes, keys, quit)")),
            ("tab / shift+tab", _("Move between parts of the screen")),
            ("^q", _("Quit (close a dialog first: it may hold your words)")),
        ]
        sections.append((_("Everywhere"), everywhere))
        with Vertical(id="help"):
            yield Label(_("Keys"), id="help-title")
            with VerticalScroll():
                for title, rows in sections:
                    yield Static(_section(title, rows), classes="help-section")
            yield Label(_("esc or ? to close"), id="help-close")
        yield Footer()
