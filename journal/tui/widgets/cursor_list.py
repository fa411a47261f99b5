"""A list drawn line by line with a cursor on one of its rows: only what is on screen is drawn.

Thousands of rows (contacts, cards) scroll without a widget per row; a new list
is one refresh. Subclasses draw with `render_line` and say how many lines a row takes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView

from journal.i18n import _


class CursorList(ScrollView, can_focus=True):
    ROW_LINES = 1  # lines each row takes
    BINDINGS = [
        Binding("up,k", "move(-1)", _("Up"), show=False),
        Binding("down,j", "move(1)", _("Down"), show=False),
        Binding("pageup", "page(-1)", _("Page up"), show=False),
        Binding("pagedown", "page(1)", _("Page down"), show=False),
        Binding("home", "edge(0)", _("First"), show=False),
        Binding("end", "edge(1)", _("Last"), show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False, always_update=True)

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.rows: Sequence[Any] = []  # each with an `id`
        # Called at once when the highlighted row changes (a message would arrive a frame later).
        self.on_highlight: Callable[[], None] | None = None
        self._announced: str | None = None

    def set_rows(self, rows: Sequence[Any], keep: str | None, default: int = 0) -> None:
        """Replace the rows; the cursor goes to row `keep` if it is there, else to `default`."""
        self.rows = rows
        index = default
        if keep is not None:
            for i, row in enumerate(rows):
                if row.id == keep:
                    index = i
                    break
        self.virtual_size = Size(self.size.width, self.content_lines())
        self.cursor = index
        self.refresh()

    def content_lines(self) -> int:
        return len(self.rows) * self.ROW_LINES

    @property
    def highlighted_id(self) -> str | None:
        return self.rows[self.cursor].id if 0 <= self.cursor < len(self.rows) else None

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh()
        if self.highlighted_id != self._announced:
            self._announced = self.highlighted_id
            if self.on_highlight is not None:
                self.on_highlight()

    def _scroll_to_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = round(self.scroll_y)
        first = self.cursor * self.ROW_LINES
        last = first + max(self.ROW_LINES - 2, 0)  # a row's last line is a gap, when it has several
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=last - height + 1, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.content_lines())
        self._scroll_to_cursor()

    def _go(self, index: int) -> None:
        if self.rows:
            self.cursor = max(0, min(index, len(self.rows) - 1))

    def action_move(self, step: int) -> None:
        self._go(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._go(self.cursor + direction * max(self.scrollable_content_region.height // self.ROW_LINES - 1, 1))

    def action_edge(self, end: int) -> None:
        self._go(len(self.rows) - 1 if end else 0)

    def row_at(self, y: int) -> int | None:
        """The row shown at line `y` of the widget, if any."""
        index = (y + round(self.scroll_y)) // self.ROW_LINES
        return index if 0 <= index < len(self.rows) else None
