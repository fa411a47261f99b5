"""Every key of the screen underneath and of the app, read from their bindings.

A screen may list keys that are not bindings (arrows in a list, enter in the editor) in a class
attribute `HELP_EXTRA: list[tuple[str, str]]`: (keys as displayed, translated description).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from journal.tui.widgets.footer import Footer
from journal.i18n import _


def _binding_rows(app, bindings: list[Binding]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for binding in bindings:
        if not binding.description:
            continue
        keys = " / ".join(app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(","))
        if binding.key_display:
            keys = binding.key_display
        # A tooltip, where there is one, says more than the footer's short label.
        rows.append((keys, binding.tooltip or binding.description))
    return rows


def _extra_rows(screen: object) -> list[tuple[str, str]]:
    # Optional: screens that have no keys beyond their bindings leave it out.
    return list(getattr(screen, "HELP_EXTRA", []))


KEY_WIDTH = 18


def _rows_table(rows: list[tuple[str, str]], key_colour: str):
    """Keys and descriptions as two columns in one widget: a long description wraps under itself.

    One widget per section rather than two per row: the help opens twice as fast.
    Cells are Text, never markup (keys come from the user's keymap, words from translations).
    """
    from rich.table import Table
    from rich.text import Text

    table = Table.grid(padding=(0, 1), pad_edge=False, expand=True)
    table.add_column(width=KEY_WIDTH, no_wrap=True, style=f"bold {key_colour}")
    table.add_column(ratio=1)
    for keys, description in rows:
        table.add_row(Text(keys), Text(description))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", _("Close"), id="help.close")]

    # The keys scroll, the title and the closing hint stay: at 80x24 the list is taller than the
    # screen. Each row is two columns so a long description wraps under itself, not under the keys.
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    HelpScreen #help {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    HelpScreen #help-title {
        dock: top;
        text-style: bold;
        padding-bottom: 1;
    }
    HelpScreen #help-keys {
        height: auto;
        max-height: 100%;
    }
    HelpScreen .help-heading {
        color: $text-primary;
        text-style: bold;
    }
    HelpScreen .help-rows {
        padding: 0 1 1 2;
    }
    HelpScreen #help-close {
        dock: bottom;
        padding-top: 1;
        color: $text-muted;
    }
    """

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        from journal.tui.screens.modals.entry_editor import EntryEditor

        screen_name = getattr(self.under, "HELP_TITLE", None) or _("This screen")
        everywhere = _binding_rows(self.app, list(type(self.app).BINDINGS))
        everywhere += [
            ("^p", _("Command palette: new entry, go to a day, export, theme, keys, quit")),
            ("tab / shift+tab", _("Move between parts of the screen")),
            ("^q", _("Quit (from the editor, the entry is kept as a draft and Tricot asks first)")),
        ]
        sections = [
            (screen_name, _binding_rows(self.app, list(type(self.under).BINDINGS)) + _extra_rows(self.under)),
            (_("Writing an entry"), _binding_rows(self.app, list(EntryEditor.BINDINGS)) + _extra_rows(EntryEditor)),
            (_("Everywhere"), everywhere),
        ]
        # Resolved from the theme: the table is Rich, which knows no theme variables.
        key_colour = self.app.get_css_variables().get("text-accent", "")
        with Vertical(id="help"):
            yield Label(_("Keys"), id="help-title", markup=False)
            with VerticalScroll(id="help-keys"):
                for title, rows in sections:
                    yield Static(title, classes="help-heading", markup=False)
                    yield Static(_rows_table(rows, key_colour), classes="help-rows")
            yield Label(_("esc or ? to close"), id="help-close", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        # The arrows, page keys, home and end scroll the list only while it has focus.
        self.query_one("#help-keys", VerticalScroll).focus()
