"""Shown instead of the journal when its file cannot be used. The file is not touched."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from journal.tui.widgets.footer import Footer
from journal.i18n import _
from journal.store import JournalError, JournalLocked, JournalTooNew
from journal.text import displayable


def advice(problem: JournalError) -> str:
    """The way out: what the store found on disk (which backup, whose permission), else by kind."""
    if problem.advice:
        return problem.advice
    if isinstance(problem, JournalTooNew):
        return _("Install the newest Tricot to open it. This version will not change the file.")
    if isinstance(problem, JournalLocked):
        return _("Close the other Tricot, or wait for it to finish, then start again.")
    return _("Tricot has not changed the file. Start again once it is fixed, or open another journal with --data-dir.")


class ProblemScreen(Screen[None]):
    BINDINGS = [Binding("q,escape", "app.quit", _("Quit"), id="problem.quit")]

    DEFAULT_CSS = """
    ProblemScreen {
        align: center middle;
    }
    ProblemScreen #problem {
        width: 80;
        max-width: 100%;
        height: auto;
        border: thick $error;
        padding: 1 2;
    }
    ProblemScreen #problem-title {
        text-style: bold;
        color: $text-error;
        padding-bottom: 1;
    }
    ProblemScreen #problem-advice {
        padding-top: 1;
    }
    """

    def __init__(self, problem: JournalError) -> None:
        super().__init__()
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="problem"):
            yield Static(_("The journal cannot be opened"), id="problem-title")
            yield Static(Content(displayable(str(self.problem))), id="problem-reason")
            yield Static(Content(advice(self.problem)), id="problem-advice")
        yield Footer()
