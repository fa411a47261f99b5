"""Import contacts from a vCard file or LinkedIn's Connections.csv, with progress and a report."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Select, Static

from journal.tui.widgets.footer import Footer
from journal.i18n import _
from journal.store import JournalError
from journal.text import one_line

VCARD, LINKEDIN = "vcard", "linkedin"


def guess_format(path: str) -> str | None:
    """By the file's name: .vcf/.vcard is vCard, .csv is LinkedIn's export."""
    suffix = os.path.splitext(path.strip())[1].lower()
    return {".vcf": VCARD, ".vcard": VCARD, ".csv": LINKEDIN}.get(suffix)


class ImportContactsScreen(ModalScreen[int | None]):
    """Dismisses with how many contacts were added or updated (None if nothing was imported)."""

    BINDINGS = [Binding("escape", "close", _("Close"), priority=True, id="import.close")]
    DEFAULT_CSS = """
    ImportContactsScreen {
        align: center middle;
    }
    ImportContactsScreen #import {
        width: 90%;
        max-width: 100;
        height: auto;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    ImportContactsScreen #import-title {
        text-style: bold;
        padding-bottom: 1;
    }
    ImportContactsScreen #import-format {
        width: 40;
    }
    ImportContactsScreen #import-hint {
        color: $text-muted;
    }
    ImportContactsScreen ProgressBar {
        display: none;
        margin: 1 0;
    }
    ImportContactsScreen ProgressBar.shown {
        display: block;
    }
    ImportContactsScreen #import-report {
        height: auto;
        max-height: 16;
        overflow-y: auto;
    }
    ImportContactsScreen #import-error {
        color: $text-error;
    }
    """

    def __init__(self, start_dir: Path | None = None) -> None:
        super().__init__()
        self.start_dir = start_dir
        self.busy = False
        self.changed = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="import"):
            yield Label(Content(_("Import contacts")), id="import-title")
            yield Select(
                [(_("vCard file (.vcf)"), VCARD), (_("LinkedIn Connections.csv"), LINKEDIN)],
                value=VCARD,
                allow_blank=False,
                id="import-format",
            )
            yield Input(placeholder=_("Path of the file, e.g. ~/Downloads/contacts.vcf"), id="import-path")
            yield Static(
                _(
                    "enter imports · esc closes. Someone already here (same email, LinkedIn profile or name) only "
                    "gets what their contact lacks; importing a file twice changes nothing. New people go in R3."
                ),
                id="import-hint",
                markup=False,
            )
            yield ProgressBar(total=None, show_eta=False, id="import-progress")
            yield Static(id="import-error", markup=False)
            yield Static(id="import-report", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    @on(Input.Changed, "#import-path")
    def _guess(self, event: Input.Changed) -> None:
        found = guess_format(event.value)
        if found is not None:
            self.query_one("#import-format", Select).value = found

    @on(Input.Submitted, "#import-path")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.busy:
            return
        raw = event.value.strip()
        error = self.query_one("#import-error", Static)
        if not raw:
            error.update(_("Type the path of the file to import."))
            return
        path = Path(os.path.expanduser(raw))
        if not path.is_absolute() and self.start_dir is not None:
            path = self.start_dir / path
        error.update("")
        self.query_one("#import-report", Static).update("")
        kind = self.query_one("#import-format", Select).value
        self.busy = True
        bar = self.query_one(ProgressBar)
        bar.update(total=None, progress=0)
        bar.add_class("shown")
        self._read(path, kind if kind in (VCARD, LINKEDIN) else VCARD)

    @work(thread=True, exclusive=True)
    def _read(self, path: Path, kind: str) -> None:
        """Read and parse off the main thread (5,000 cards take a moment); the save is the main thread's."""
        from journal.importers.files import NotAnAddressBook, nothing_found, read_address_book
        from journal.importers.linkedin import parse_linkedin
        from journal.importers.vcard import parse_vcards

        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self.query_one(ProgressBar).update, total=max(total, 1), progress=done)

        try:
            data = read_address_book(path)
            parse = parse_vcards if kind == VCARD else parse_linkedin
            parsed = parse(data, today=self.app.clock.today(), progress=progress)
        except NotAnAddressBook as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        problem = nothing_found(parsed, kind, path)
        if problem is not None:
            self.app.call_from_thread(self._failed, problem + " " + _("Nothing was imported."))
            return
        self.app.call_from_thread(self._save, path, parsed)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.query_one(ProgressBar).remove_class("shown")
        self.query_one("#import-error", Static).update(message)

    def _save(self, path: Path, parsed) -> None:
        from journal.importers.people import plan_import

        self.busy = False
        try:
            plan = self.app.repository.import_contacts(lambda existing: plan_import(existing, parsed))
        except JournalError as error:
            self._failed(_("Nothing was imported: {error}").format(error=error.line()))
            return
        self.app.tell_warnings()
        self.changed += len(plan.new) + len(plan.updated)
        lines = [_("Imported from {file}: {summary}.").format(file=path.name, summary=plan.summary())]
        for skip in plan.skipped[:30]:
            where = _("line {line}").format(line=skip.line) if skip.line else _("the file")
            lines.append("  " + _("skipped, {where}: {reason}").format(where=where, reason=one_line(skip.reason, 160)))
        if len(plan.skipped) > 30:
            lines.append("  " + _("… and {n} more").format(n=len(plan.skipped) - 30))
        lines.append(_("esc closes; the contacts pane (3) lists them."))
        self.query_one("#import-report", Static).update(one_line_keep_breaks("\n".join(lines)))

    def action_close(self) -> None:
        select = self.query_one("#import-format", Select)
        if select.expanded:
            select.expanded = False
            return
        if self.busy:
            self.notify(_("Still reading the file; the import finishes in a moment."), timeout=3)
            return
        self.dismiss(self.changed or None)


def one_line_keep_breaks(text: str) -> str:
    """Each line displayable (no control characters), the line breaks kept."""
    return "\n".join(one_line(line) for line in text.split("\n"))
