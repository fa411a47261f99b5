"""One column of the give-first board: its cards drawn line by line, only those on screen.

Each card takes three lines (its title, then its kind, people and date, then a
gap), so a column of hundreds of cards scrolls without building a widget per
card; a new list is one refresh.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from journal.i18n import _
from journal.text import one_line
from journal.tui.cells import shorten, steady_width

LINES_PER_CARD = 3


@dataclass(frozen=True, slots=True)
class CardRow:
    id: str
    title: str
    kind: str  # short kind label: "offer", "intro"
    who: str  # the people it is for, shortened
    when: str  # "due in 3 d", "2 d late", "asked 9 d ago", "given 20 Nov"
    late: bool = False


def _text(text: str, width: int) -> str:
    return shorten(steady_width(one_line(text)), width) if width > 0 else ""


class CardColumn(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up,k", "move(-1)", _("Up"), show=False),
        Binding("down,j", "move(1)", _("Down"), show=False),
        Binding("pageup", "page(-1)", _("Page up"), show=False),
        Binding("pagedown", "page(1)", _("Page down"), show=False),
        Binding("home", "edge(0)", _("First"), show=False),
        Binding("end", "edge(1)", _("Last"), show=False),
    ]
    COMPONENT_CLASSES = {"card-column--cursor", "card-column--muted", "card-column--late", "card-column--kind"}
    DEFAULT_CSS = """
    CardColumn {
        width: 1fr;
        height: 1fr;
        border: round $panel;
        border-title-color: $text-muted;
        padding: 0 1;
        overflow-x: hidden;
    }
    CardColumn:focus {
        border: round $primary;
        border-title-color: $text-primary;
        border-title-style: bold;
    }
    CardColumn > .card-column--cursor {
        background: $block-cursor-blurred-background;
    }
    CardColumn:focus > .card-column--cursor {
        background: $block-cursor-background;
        text-style: bold;
    }
    CardColumn > .card-column--muted {
        color: $text-muted;
    }
    CardColumn > .card-column--kind {
        color: $text-secondary;
    }
    CardColumn > .card-column--late {
        color: $text-warning;
        text-style: bold;
    }
    """

    cursor: reactive[int] = reactive(0, init=False, always_update=True)

    def __init__(self, status_title: str, empty: str, **options) -> None:
        super().__init__(**options)
        self.status_title = status_title
        self.empty = empty  # what goes here, said when the column is empty
        self.rows: list[CardRow] = []
        self.more = ""  # a last line under the cards (the given ones collapsed into a count)
        # Called at once when the highlighted card changes (a message would arrive a frame later).
        self.on_highlight: Callable[[], None] | None = None
        self._announced: str | None = None

    # -- content -----------------------------------------------------------------------

    def show(self, rows: list[CardRow], keep: str | None = None, more: str = "", title: str = "") -> None:
        """Replace the cards; the cursor stays on card `keep` if it is still here."""
        self.rows = rows
        self.more = more
        self.border_title = title or self.status_title
        index = min(self.cursor, max(len(rows) - 1, 0))
        if keep is not None:
            for i, row in enumerate(rows):
                if row.id == keep:
                    index = i
                    break
        self.virtual_size = Size(self.size.width, self._height())
        self.cursor = index
        self.refresh()

    def _height(self) -> int:
        return len(self.rows) * LINES_PER_CARD + (1 if self.more else 0)

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
        first = self.cursor * LINES_PER_CARD
        last = first + LINES_PER_CARD - 2  # the gap line may stay out of sight
        if first < top:
            self.scroll_to(y=first, animate=False, immediate=True)
        elif last >= top + height:
            self.scroll_to(y=last - height + 1, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self._height())
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        if self.on_highlight is not None:
            self.on_highlight()

    # -- keys and mouse -------------------------------------------------------------------

    def _go(self, index: int) -> None:
        if self.rows:
            self.cursor = max(0, min(index, len(self.rows) - 1))

    def action_move(self, step: int) -> None:
        self._go(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._go(self.cursor + direction * max(self.scrollable_content_region.height // LINES_PER_CARD, 1))

    def action_edge(self, end: int) -> None:
        self._go(len(self.rows) - 1 if end else 0)

    def on_click(self, event: events.Click) -> None:
        index = (event.y + round(self.scroll_y)) // LINES_PER_CARD
        if 0 <= index < len(self.rows):
            self.cursor = index

    # -- drawing ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        muted = self.get_component_rich_style("card-column--muted", partial=True)
        line = y + round(self.scroll_y)
        if not self.rows:
            lines = textwrap.wrap(self.empty, max(width, 8))
            text = lines[line - 1] if 1 <= line <= len(lines) else ""
            return Strip([Segment(text, base + muted)]).crop_extend(0, width, base)
        index, part = divmod(line, LINES_PER_CARD)
        if index >= len(self.rows):
            text = _text(self.more, width) if line == len(self.rows) * LINES_PER_CARD else ""
            return Strip([Segment(text, base + muted)]).crop_extend(0, width, base)
        row = self.rows[index]
        cursor = self.get_component_rich_style("card-column--cursor", partial=True) if index == self.cursor else Style()
        if part == 0:
            return Strip([Segment(_text(row.title, width), base + cursor)]).crop_extend(0, width, base + cursor)
        if part == 1:
            kind = self.get_component_rich_style("card-column--kind", partial=True)
            when = self.get_component_rich_style("card-column--late" if row.late else "card-column--muted", partial=True)
            segments = [Segment(_text(row.kind, width), base + kind + cursor)]
            used = cell_len(segments[0].text)
            # The date before the people: "3 d late" must show even where names are cut.
            rest = [(row.when, base + when + cursor), (row.who, base + muted + cursor)]
            for text, style in rest:
                if text and used + 3 < width:
                    piece = _text(text, width - used - 3)
                    segments += [Segment(" · ", base + muted + cursor), Segment(piece, style)]
                    used += 3 + cell_len(piece)
            return Strip(segments).crop_extend(0, width, base + cursor)
        return Strip.blank(width, base)
