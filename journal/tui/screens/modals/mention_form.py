"""A dialog whose text areas complete `@mentions` (the card form, the give/ask form).

Each completing text area gets its own popup; the keys that choose a name
(up/down, tab, enter, esc) are the popup's only while it is shown, so every
key does what it always did when it is not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from textual import events
from textual.actions import SkipAction
from textual.binding import Binding
from textual.widgets import TextArea

from journal.domain.models import Contact
from journal.tui.screens.modals.form import FormScreen
from journal.tui.widgets.mention_completion import MentionCompletion

R = TypeVar("R")


class MentionForm(FormScreen[R], Generic[R]):
    BINDINGS = [
        Binding("down,ctrl+n", "mention_move(1)", priority=True, show=False, id="form.mention-next"),
        Binding("up,ctrl+p", "mention_move(-1)", priority=True, show=False, id="form.mention-previous"),
        Binding("tab", "mention_accept", priority=True, show=False, id="form.mention-insert"),
        # A screen's tab is the base Screen's; binding tab here replaces it unless it is said again.
        Binding("tab", "app.focus_next", show=False),
    ]

    def __init__(self, contacts: Callable[[], Sequence[Contact]]) -> None:
        super().__init__()
        self._contacts = contacts
        self._completions: list[MentionCompletion] = []

    def completion_for(self, area: TextArea) -> MentionCompletion:
        """A popup completing names in `area` (yield it in compose)."""
        completion = MentionCompletion(area, self._contacts)
        self._completions.append(completion)
        return completion

    def on_mount(self) -> None:
        for completion in self._completions:
            # Scrolling the text (the wheel) moves the cursor's line: the list follows it.
            self.watch(completion.target, "scroll_y", completion.place, init=False)

    def _completion_of(self, area: TextArea) -> MentionCompletion | None:
        return next((c for c in self._completions if c.target is area), None)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        completion = self._completion_of(event.text_area)
        if completion is not None and event.text_area.has_focus:
            completion.update()

    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        completion = self._completion_of(event.text_area)
        if completion is not None and completion.is_open:
            completion.update()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        for completion in self._completions:
            if completion.is_open:
                completion.update()

    def open_completion(self) -> MentionCompletion | None:
        """The popup shown for the focused text area, if any."""
        for completion in self._completions:
            if completion.is_open and self.focused is completion.target:
                return completion
        return None

    def close_completion(self) -> bool:
        """esc: close a shown popup (True), or nothing to close (False)."""
        for completion in self._completions:
            if completion.is_open:
                completion.close(dismiss=True)
                return True
        return False

    def action_mention_move(self, step: int) -> None:
        completion = self.open_completion()
        if completion is None:
            raise SkipAction()
        completion.move(step)

    def action_mention_accept(self) -> None:
        completion = self.open_completion()
        if completion is None or not completion.accept():
            raise SkipAction()
