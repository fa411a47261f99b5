"""`x` on the review: the month's review written as Markdown, the same document as `tricot review --markdown`."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from journal import labels
from journal.domain.balance import Review
from journal.domain.days import month_key
from journal.i18n import _
from journal.tui.screens.modals.export import check_target, default_folder, replace_if_asked, shown_path
from journal.tui.widgets.footer import Footer


def write_review(app: App, target: Path, document: str) -> None:
    """In a worker thread: write the document, then say how it went."""
    from journal.store.atomic import write_atomic

    try:
        write_atomic(target, document.encode("utf-8", "surrogateescape"))
    except OSError as error:
        message = _("{path} was not written: {error}").format(path=shown_path(target), error=error.strerror or error)
        app.call_from_thread(app.notify, message, title=_("Export failed"), severity="error", timeout=15, markup=False)
        return
    app.call_from_thread(app.notify, _("Wrote the review to {path}.").format(path=shown_path(target)), title=_("Exported"), timeout=8, markup=False)


class ReviewExportScreen(ModalScreen[Path | None]):
    """Dismisses with the file written, or None."""

    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="review-export.cancel")]
    DEFAULT_CSS = """
    ReviewExportScreen {
        align: center middle;
    }
    ReviewExportScreen #review-export {
        width: 76;
        max-width: 100%;
        height: auto;
        border: thick $primary;
        background: $surface;
        padding: 1 2;
    }
    ReviewExportScreen #review-export-title {
        text-style: bold;
        padding-bottom: 1;
    }
    ReviewExportScreen #review-export-hint {
        color: $text-muted;
    }
    ReviewExportScreen #review-export-error {
        color: $text-error;
        display: none;
    }
    ReviewExportScreen #review-export-error.shown {
        display: block;
    }
    """

    def __init__(self, review: Review, summary: Mapping[str, int], data_dir: Path | None) -> None:
        super().__init__()
        self.review = review
        self.summary = summary
        self.data_dir = data_dir if data_dir is not None else Path.home()

    def compose(self) -> ComposeResult:
        with Vertical(id="review-export"):
            yield Label(Content(_("Export the review of {month} to Markdown").format(month=labels.month_year(self.review.month))), id="review-export-title")
            suggested = shown_path(default_folder() / f"tricot-review-{month_key(self.review.month)}.md")
            yield Input(suggested, placeholder=_("file to write"), id="review-export-path")
            yield Static(_("enter export · esc cancel · ~ is your home folder"), id="review-export-hint", markup=False)
            yield Static(id="review-export-error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        path = self.query_one(Input)
        path.focus()
        path.cursor_position = len(path.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        target, problem = check_target(self.query_one(Input).value, self.data_dir)
        if target is None:
            error = self.query_one("#review-export-error", Static)
            error.update(problem)
            error.add_class("shown")
            return
        replace_if_asked(self, target, self._export)

    def _export(self, target: Path) -> None:
        from journal.export.review import to_markdown

        document = to_markdown(self.review, self.summary)  # on the app's thread; only the writing goes behind
        app = self.app
        app.run_worker(partial(write_review, app, target, document), thread=True, group="export")
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)
