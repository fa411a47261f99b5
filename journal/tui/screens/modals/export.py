"""Export entries to a Markdown file from the app (the palette's "Export to Markdown…").

The same document as `tricot export`. A file that exists is replaced only
after asking; the journal itself is never a target. The dialog closes on
enter and the file is written in a worker thread, from entries read on the
app's thread; a notice says how it went.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from journal import labels
from journal.tui.widgets.footer import Footer
from journal.clock import Clock
from journal.domain.days import month_end, month_key
from journal.domain.models import Entry
from journal.export.files import is_journal_file
from journal.export.markdown import export_entries
from journal.i18n import _, ngettext
from journal.store.repository import JournalRepository


def default_folder() -> Path:
    try:
        import platformdirs

        documents = Path(platformdirs.user_documents_dir())
    except Exception:  # platformdirs may find none on a bare server
        documents = Path.home()
    return documents if documents.is_dir() else Path.home()


def shown_path(path: Path) -> str:
    home = str(Path.home())
    text = str(path)
    return "~" + text[len(home) :] if text == home or text.startswith(home + os.sep) else text


def write_export(app: App, target: Path, entries: list[Entry], span: tuple[date, date] | None) -> None:
    """In a worker thread: write the document, then say how it went (a failure names the file)."""
    from journal.store.atomic import write_atomic

    document = export_entries(entries, _("Tricot journal"), *(span or ()))
    try:
        write_atomic(target, document.encode("utf-8", "surrogateescape"))
    except OSError as error:
        message = _("{path} was not written: {error}").format(path=shown_path(target), error=error.strerror or error)
        app.call_from_thread(app.notify, message, title=_("Export failed"), severity="error", timeout=15, markup=False)
        return
    message = ngettext("Wrote {count} entry to {path}.", "Wrote {count} entries to {path}.", len(entries)).format(
        count=len(entries), path=shown_path(target)
    )
    app.call_from_thread(app.notify, message, title=_("Exported"), timeout=8, markup=False)


def check_target(raw: str, data_dir: Path) -> tuple[Path | None, str]:
    """The file an export may write, from what was typed; or None and what is wrong."""
    raw = raw.strip()
    if not raw:
        return None, _("Type the file to write, e.g. ~/journal.md.")
    target = Path(raw).expanduser()
    if target.is_dir():
        return None, _("{path} is a folder; add a file name, e.g. {example}").format(
            path=raw, example=shown_path(target / "tricot.md")
        )
    if not target.parent.is_dir():
        if target.parent.exists():
            return None, _("{path} is a file, not a folder.").format(path=shown_path(target.parent))
        return None, _("The folder {folder} does not exist.").format(folder=shown_path(target.parent))
    if os.path.exists(target) and not os.path.isfile(target):
        return None, _("{path} is not a regular file (a device or a pipe).").format(path=shown_path(target))
    if is_journal_file(target, data_dir):
        return None, _("That is the journal itself, or in its backups or drafts; choose another file.")
    return target, ""


def replace_if_asked(screen: ModalScreen, target: Path, write: Callable[[Path], None]) -> None:
    """`write(target)` now, or after the user says yes when the file exists."""
    if not os.path.lexists(target):
        write(target)
        return
    from journal.tui.screens.modals.confirm import ConfirmScreen

    def replace(confirmed: bool | None) -> None:
        if confirmed:
            write(target)

    screen.app.push_screen(
        ConfirmScreen(
            _("Replace {name}?").format(name=target.name),
            _("{path} already exists; its content will be replaced by the export.").format(path=shown_path(target)),
            confirm_label=_("Replace"),
        ),
        replace,
    )


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the file written, or None."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="export.cancel")]

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
    }
    ExportScreen #export {
        width: 76;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    ExportScreen #export-title {
        text-style: bold;
        padding-bottom: 1;
    }
    ExportScreen RadioSet {
        width: 100%;
        margin-bottom: 1;
    }
    ExportScreen #export-hint {
        color: $text-muted;
    }
    ExportScreen #export-error {
        color: $text-error;
        display: none;
    }
    ExportScreen #export-error.shown {
        display: block;
    }
    """

    def __init__(self, repository: JournalRepository, clock: Clock, day: date, data_dir: Path | None) -> None:
        super().__init__()
        self.repository = repository
        self.clock = clock
        self.day = day
        self.data_dir = data_dir if data_dir is not None else repository.path.parent
        self._folder = default_folder()
        self._suggested = ""

    def _scopes(self) -> list[tuple[str, str]]:
        month = self.day.replace(day=1)
        return [
            ("month", _("The month shown ({month} {year})").format(month=labels.month_name(month.month), year=month.year)),
            ("day", _("The day shown ({day})").format(day=labels.long_date(self.day))),
            ("all", _("Everything")),
        ]

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Label(_("Export to Markdown"), id="export-title")
            with RadioSet(id="export-scope"):
                for index, (scope, text) in enumerate(self._scopes()):
                    yield RadioButton(Content(text), value=index == 0, name=scope)
            yield Input(self._suggest("month"), placeholder=_("file to write"), id="export-path")
            yield Static(_("enter export · esc cancel · ~ is your home folder"), id="export-hint", markup=False)
            yield Static(id="export-error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        path = self.query_one(Input)
        path.focus()
        path.cursor_position = len(path.value)

    def _suggest(self, scope: str) -> str:
        name = {
            "month": f"tricot-{month_key(self.day)}.md",
            "day": f"tricot-{self.day.isoformat()}.md",
            "all": "tricot.md",
        }[scope]
        self._suggested = shown_path(self._folder / name)
        return self._suggested

    def _scope(self) -> str:
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else "month"

    @on(RadioSet.Changed)
    def _scope_changed(self) -> None:
        path = self.query_one(Input)
        if path.value == self._suggested:  # never replace a name the user typed
            path.value = self._suggest(self._scope())
        path.focus()

    def _span(self) -> tuple[date, date] | None:
        scope = self._scope()
        if scope == "day":
            return self.day, self.day
        if scope == "month":
            return self.day.replace(day=1), month_end(self.day)
        days = self.repository.entry_days()
        return (days[0], days[-1]) if days else None

    def _show_error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(message)
        error.add_class("shown")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        target, problem = check_target(self.query_one(Input).value, self.data_dir)
        if target is None:
            self._show_error(problem)
            return
        replace_if_asked(self, target, self._export)

    def _export(self, target: Path) -> None:
        span = self._span()
        # Read here, on the app's thread: the repository is not for threads.
        entries = self.repository.entries_between(*span) if span else []
        # The dialog closes at once and the file is written behind it: keys typed
        # after enter go to the journal, not into a dialog about to vanish.
        app = self.app
        app.run_worker(partial(write_export, app, target, entries, span), thread=True, group="export")
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)
