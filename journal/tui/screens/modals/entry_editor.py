"""Write or edit an entry: Markdown text, its kind and time. Nothing typed is lost on a failed save."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Protocol

from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label, Select, Static, TextArea

from journal import labels
from journal.tui.widgets.footer import Footer
from journal.domain.days import day_problem, parse_time
from journal.domain.models import Contact, Entry, EntryKind
from journal.i18n import _
from journal.store import JournalError
from journal.tui.widgets.mention_completion import MentionCompletion


class DraftKeeper(Protocol):
    def keep_draft(self, entry: Entry) -> None: ...

    def discard_draft(self, entry_id: str) -> None: ...


class EntryEditor(ModalScreen[Entry | None]):
    """Dismisses with the saved entry, or None when the user cancels."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), priority=True, id="editor.save"),
        # Priority: the text area would otherwise take esc for itself.
        Binding("escape", "cancel", _("Cancel"), priority=True, id="editor.cancel"),
        # The app's own ctrl+q is held back while a dialog is open; this one keeps the words first.
        Binding("ctrl+q", "quit", _("Quit (the entry is kept as a draft)"), priority=True, show=False, id="editor.quit"),
        # Only while the @mention list is shown (they skip otherwise, so the text area gets
        # the key as before): priority, or the text area would take them first.
        Binding("down,ctrl+n", "mention_move(1)", priority=True, show=False, id="editor.mention-next"),
        Binding("up,ctrl+p", "mention_move(-1)", priority=True, show=False, id="editor.mention-previous"),
        Binding("tab,enter", "mention_accept", priority=True, show=False, id="editor.mention-insert"),
        # A screen's tab is the base Screen's; binding tab here replaces it unless it is said again.
        Binding("tab", "app.focus_next", show=False),
    ]
    # Keys of the text area and fields, for the help (`?`).
    HELP_EXTRA = [
        ("enter", _("New line (the entry is Markdown)")),
        ("← → ↑ ↓", _("Move in the text; home / end to the line's ends")),
        ("tab / shift+tab", _("To the kind and the time, and back to the text")),
        ("ctrl+z / ctrl+y", _("Undo / redo")),
    ]

    DEFAULT_CSS = """
    EntryEditor {
        align: center middle;
    }
    EntryEditor #editor {
        width: 90%;
        max-width: 110;
        height: 85%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    EntryEditor #editor-title {
        text-style: bold;
        padding-bottom: 1;
    }
    EntryEditor #editor-fields {
        height: auto;
    }
    EntryEditor #editor-kind {
        width: 24;
    }
    EntryEditor #editor-time {
        width: 12;
    }
    EntryEditor TextArea {
        height: 1fr;
    }
    EntryEditor #editor-hint {
        color: $text-muted;
    }
    EntryEditor #editor-error {
        color: $text-error;
        display: none;
    }
    EntryEditor #editor-warning {
        color: $text-warning;
        display: none;
    }
    EntryEditor #editor-error.shown, EntryEditor #editor-warning.shown {
        display: block;
    }
    """

    # Seconds of quiet typing before the draft is written beside the journal.
    DRAFT_DELAY = 0.5

    def __init__(
        self,
        entry: Entry,
        save: Callable[[Entry, Entry | None], Entry],
        *,
        is_new: bool,
        drafts: DraftKeeper | None = None,
        body: str | None = None,
        contacts: Callable[[], Sequence[Contact]] | None = None,
    ) -> None:
        """`body` reopens a recovered draft's text over the entry's own.

        `contacts` gives the contacts an `@` completes from; it is asked when a mention
        starts to be typed. None: no completion.
        """
        super().__init__()
        self.entry = entry
        self._save = save
        self.is_new = is_new
        self._drafts = drafts
        self._initial_body = entry.body if body is None else body
        self._draft_timer: Timer | None = None
        self._contacts = contacts
        self._completion: MentionCompletion | None = None

    def compose(self) -> ComposeResult:
        title = _("New entry") if self.is_new else _("Edit entry")
        with Vertical(id="editor"):
            yield Label(Content(f"{title} — {labels.long_date(self.entry.day)}"), id="editor-title")
            with Horizontal(id="editor-fields"):
                yield Select(
                    [(labels.entry_kind(kind), kind) for kind in EntryKind],
                    value=self.entry.kind,
                    allow_blank=False,
                    id="editor-kind",
                )
                yield Input(f"{self.entry.at:%H:%M}", placeholder="HH:MM", max_length=14, id="editor-time")
            body = TextArea(self._initial_body, soft_wrap=True, tab_behavior="focus", id="editor-body")
            yield body
            hint = _("ctrl+s save · esc cancel · tab to kind and time · @Name or @\"Two Names\" · #tag · Markdown")
            if self._contacts is not None:
                hint = _(
                    "ctrl+s save · esc cancel · tab to kind and time · @Name or @\"Two Names\" (@ completes names)"
                    " · #tag · Markdown"
                )
            yield Static(hint, id="editor-hint", markup=False)
            yield Static(id="editor-warning", markup=False)
            yield Static(id="editor-error", markup=False)
            if self._contacts is not None:
                # Drawn over the text (overlay), placed by the cursor; never focused.
                self._completion = MentionCompletion(body, self._contacts, id="editor-mentions")
                yield self._completion
        yield Footer()

    def on_mount(self) -> None:
        body = self.query_one(TextArea)
        body.focus()
        body.move_cursor(body.document.end)
        if self._completion is not None:
            # Scrolling the text (the wheel) moves the cursor's line: the list follows it.
            self.watch(body, "scroll_y", self._completion.place, init=False)

    def _body(self) -> str:
        return self.query_one(TextArea).text

    # --- @mention completion (only with `contacts`) -------------------------------------------

    _edited = False  # the text changed since the editor opened (loading it is a change too)

    @on(TextArea.Changed)
    def _follow_mention(self) -> None:
        # Opened by typing only: an entry opened with its cursor after "@Amina" shows no list.
        if self._completion is None:
            return
        if not self._edited and self._body() == self._initial_body:
            return
        self._edited = True
        self._completion.update()

    @on(TextArea.SelectionChanged)
    def _cursor_moved(self) -> None:
        if self._completion is not None and self._completion.is_open:
            self._completion.update()

    @on(events.DescendantBlur)
    def _focus_moved(self) -> None:
        # Tab to the kind, a click on the time: the list goes (typing brings it back).
        if self._completion is not None and self._completion.is_open and self.is_mounted:
            self._completion.update()

    def on_resize(self) -> None:
        if self._completion is not None and self._completion.is_open:
            self.call_after_refresh(self._completion.place)

    def _completing(self) -> MentionCompletion:
        """The shown list, while the text area has the focus; else the key is not ours (SkipAction)."""
        completion = self._completion
        if completion is None or not completion.is_open or self.focused is not completion.target:
            raise SkipAction()
        return completion

    def action_mention_move(self, step: int) -> None:
        self._completing().move(step)

    def action_mention_accept(self) -> None:
        if not self._completing().accept():
            raise SkipAction()

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(Select.Changed)
    def _schedule_draft(self) -> None:
        if self._drafts is None or not self.is_mounted:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(self.DRAFT_DELAY, self._keep_draft)

    def _current(self) -> Entry:
        kind = self.query_one(Select).value
        return dataclasses.replace(
            self.entry, body=self._body(), kind=kind if isinstance(kind, EntryKind) else self.entry.kind
        )

    def _keep_draft(self) -> None:
        if self._drafts is None or not self._changed():
            return
        try:
            self._drafts.keep_draft(self._current())
        except OSError as error:
            # The text is still here on screen; the draft is only a safety net. Say
            # that it is down, in the editor itself: a toast would cover the error line.
            warning = self.query_one("#editor-warning", Static)
            warning.update(
                _("Drafts cannot be kept ({error}): until it is saved, this entry is only on screen.").format(
                    error=error.strerror or error
                )
            )
            warning.add_class("shown")

    def _drop_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        if self._drafts is not None:
            self._drafts.discard_draft(self.entry.id)

    def _changed(self) -> bool:
        return self._body() != self.entry.body or self.query_one(Select).value != self.entry.kind

    def _show_error(self, message: str) -> None:
        error = self.query_one("#editor-error", Static)
        error.update(message)
        error.add_class("shown")

    def action_save(self) -> None:
        body = self._body().strip("\n").rstrip()
        if not body.strip():
            self._show_error(_("The entry is empty. Write something, or press esc to leave."))
            return
        raw_time = self.query_one("#editor-time", Input).value.strip()
        try:
            # Untouched, the field keeps the time as stored, seconds included.
            at = self.entry.at if raw_time == f"{self.entry.at:%H:%M}" else parse_time(raw_time, self.entry.day)
        except ValueError:
            self._show_error(_("{value!r} is not a time; write it as HH:MM, e.g. 18:30.").format(value=raw_time))
            self.query_one("#editor-time", Input).focus()
            return
        if at.date() != self.entry.day and day_problem(at.date(), self.app.clock.today()) is not None:
            # An offset (23:30-05:00) can carry the time into another day; never into the future.
            self._show_error(_("{value} is on {day}, a day the journal cannot take.").format(
                value=raw_time, day=labels.long_date(at.date())
            ))
            return
        entry = dataclasses.replace(self._current(), body=body, at=at.replace(microsecond=0))
        try:
            # The entry as the editor opened it lets the save notice a change made
            # elsewhere meanwhile; the save returns what it stored.
            entry = self._save(entry, None if self.is_new else self.entry)
        except JournalError as error:
            # Keep the dialog and every word in it; the user can retry or copy the text.
            self._show_error(_("Not saved: {error}").format(error=error))
            self._keep_draft()
            return
        self._drop_draft()
        self.dismiss(entry)

    def action_cancel(self) -> None:
        kind = self.query_one(Select)
        if kind.expanded:
            kind.expanded = False
            return
        if self._completion is not None and self._completion.is_open:
            # Esc closes the @mention list only; the words stay, the editor stays.
            self._completion.close(dismiss=True)
            return
        if not self._changed():
            self._drop_draft()
            self.dismiss(None)
            return
        from journal.tui.screens.modals.confirm import ask_before_leaving

        def leave() -> None:
            self._drop_draft()
            self.dismiss(None)

        ask_before_leaving(self, _("What you wrote in this entry will be lost."), _("Keep writing"), leave)

    def action_quit(self) -> None:
        """Quit Tricot from the editor: keep what is written as a draft, then ask."""
        if not self._changed():
            self.app.exit()
            return
        from journal.tui.screens.modals.confirm import ConfirmScreen

        try:
            if self._drafts is None:
                raise OSError(_("drafts are not kept here"))
            self._drafts.keep_draft(self._current())
        except OSError as error:
            detail = _("It cannot be kept as a draft ({error}): quitting now loses it.").format(
                error=getattr(error, "strerror", None) or error
            )
            confirm = _("Quit and lose it")
        else:
            detail = _("What you wrote is kept as a draft: press r when Tricot starts to reopen it.")
            confirm = _("Quit")

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.app.exit()

        self.app.push_screen(
            ConfirmScreen(_("Quit Tricot?"), detail, confirm_label=confirm, cancel_label=_("Keep writing")), leave
        )
