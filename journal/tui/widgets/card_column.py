"""One column of the give-first board: its cards drawn line by line, only those on screen.

Each card takes three lines (its title, then its kind, people and date, then a
gap), so a column of hundreds of cards scrolls without building a widget per
card; a new list is one refresh.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.strip import Strip

from journal.tui.widgets.cursor_list import CursorList
from journal.tui.cells import cell_line

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
    return cell_line(text, width) if width > 0 else ""


class CardColumn(CursorList):
    ROW_LINES = LINES_PER_CARD
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

    def __init__(self, status_title: str, empty: str, **options) -> None:
        super().__init__(**options)
        self.status_title = status_title
        self.empty = empty  # what goes here, said when the column is empty
        self.rows: list[CardRow] = []
        self.more = ""  # a last line under the cards (the given ones collapsed into a count)

    # -- content -----------------------------------------------------------------------

    def show(self, rows: list[CardRow], keep: str | None = None, more: str = "", title: str = "") -> None:
        """Replace the cards; the cursor stays on card `keep` if it is still here."""
        self.more = more
        self.border_title = title or self.status_title
        self.set_rows(rows, keep, default=min(self.cursor, max(len(rows) - 1, 0)))

    def content_lines(self) -> int:
        return len(self.rows) * LINES_PER_CARD + (1 if self.more else 0)

    def on_focus(self) -> None:
        if self.on_highlight is not None:
            self.on_highlight()

    def on_click(self, event: events.Click) -> None:
        index = self.row_at(event.y)
        if index is not None:
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
