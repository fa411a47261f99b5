"""Contacts as a virtual table: only the rows on screen are ever drawn.

Five thousand contacts, filtered on every keystroke: a DataTable rebuilds its
rows each time (clear + add_rows of 5,000 took ~50 ms here, before drawing),
so this widget takes a list of rows and draws the visible ones, line by line.
A new filter is a new list and one refresh.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from journal.i18n import _
from journal.tui.widgets.cursor_list import CursorList
from journal.tui.cells import cell_line


@dataclass(frozen=True, slots=True)
class ContactRow:
    id: str
    name: str
    circle: str  # "R1", "R2", "R3"
    org: str
    last: str  # "12 d ago", "never"
    due: str  # "" or "5 d overdue", "follow up within 2 d"
    follow_up: bool = False


def column_widths(width: int) -> tuple[int, int, int, int, int]:
    """(name, circle, org, last, due) for a table `width` cells wide, one cell between columns.

    Narrow (80 columns, the detail pane beside it), the organisation gives way: it is in the
    detail pane, and the name must stay readable.
    """
    circle, last = 2, 9
    due = 20 if width >= 64 else 13
    rest = width - circle - last - due - 4
    if width < 60:
        return max(rest + 1, 6), circle, 0, last, due
    name = max(rest * 3 // 5, 8)
    return name, circle, rest - name, last, due


def _cell(text: str, width: int) -> str:
    text = cell_line(text, width) if width > 0 else ""
    return text + " " * max(width - cell_len(text), 0)


class ContactTableHeader(Widget):
    """The column titles, drawn with the same widths as the rows."""

    DEFAULT_CSS = """
    ContactTableHeader {
        height: 1;
        color: $text-muted;
        text-style: bold;
        padding: 0 1;
    }
    """

    def render_line(self, y: int) -> Strip:
        # The table's width without its scrollbar, so the titles stand over their columns.
        table = self.parent.query_one(ContactTable) if self.parent is not None else None
        width = table.scrollable_content_region.width if table is not None and table.display else self.size.width
        name, circle, org, last, due = column_widths(width)
        titles = [(_("Name"), name), ("", circle), (_("Organisation"), org), (_("Last"), last), (_("Due"), due)]
        text = " ".join(_cell(title, width) for title, width in titles if width)
        return Strip([Segment(text, self.rich_style)]).crop_extend(0, self.size.width, self.rich_style)


class ContactTable(CursorList):
    BINDINGS = [Binding("enter", "select", _("Open"), show=False)]
    COMPONENT_CLASSES = {
        "contact-table--cursor",
        "contact-table--r1",
        "contact-table--r2",
        "contact-table--r3",
        "contact-table--muted",
        "contact-table--overdue",
        "contact-table--follow-up",
    }
    DEFAULT_CSS = """
    ContactTable {
        height: 1fr;
        padding: 0 1;
        overflow-x: hidden;
    }
    ContactTable > .contact-table--cursor {
        background: $block-cursor-blurred-background;
    }
    ContactTable:focus > .contact-table--cursor {
        background: $block-cursor-background;
        text-style: bold;
    }
    ContactTable > .contact-table--r1 {
        color: $text-primary;
        text-style: bold;
    }
    ContactTable > .contact-table--r2 {
        color: $text-accent;
        text-style: bold;
    }
    ContactTable > .contact-table--r3 {
        color: $text-secondary;
        text-style: bold;
    }
    ContactTable > .contact-table--muted {
        color: $text-muted;
    }
    ContactTable > .contact-table--overdue {
        color: $text-warning;
    }
    ContactTable > .contact-table--follow-up {
        color: $text-error;
        text-style: bold;
    }
    """

    class Selected(Message):
        def __init__(self, table: ContactTable, contact_id: str) -> None:
            super().__init__()
            self.table = table
            self.contact_id = contact_id

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.rows: list[ContactRow] = []

    # -- content -----------------------------------------------------------------

    def show(self, rows: list[ContactRow], keep: str | None = None) -> None:
        """Replace the rows; the cursor stays on contact `keep` if it is still there, else on the first row."""
        self.set_rows(rows, keep)
        self.call_after_refresh(self._refresh_header)  # a scrollbar may have come or gone

    def _refresh_header(self) -> None:
        if self.parent is not None:
            for header in self.parent.query(ContactTableHeader):
                header.refresh()

    def action_select(self) -> None:
        if self.highlighted_id is not None:
            self.post_message(self.Selected(self, self.highlighted_id))

    def on_click(self, event: events.Click) -> None:
        index = self.row_at(event.y)
        if index is not None:
            if index == self.cursor and event.chain > 1:
                self.action_select()
            self.cursor = index

    # -- drawing -------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + round(self.scroll_y)
        base = self.rich_style
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        name_w, circle_w, org_w, last_w, due_w = column_widths(width)
        cursor = self.get_component_rich_style("contact-table--cursor", partial=True) if index == self.cursor else Style()
        muted = self.get_component_rich_style("contact-table--muted", partial=True)
        due_style = self.get_component_rich_style(
            "contact-table--follow-up" if row.follow_up else "contact-table--overdue", partial=True
        )
        circle_style = self.get_component_rich_style(f"contact-table--{row.circle.lower()}", partial=True)
        gap = Segment(" ", base + cursor)
        segments = [
            Segment(_cell(row.name, name_w), base + cursor),
            gap,
            Segment(_cell(row.circle, circle_w), base + circle_style + cursor),
            gap,
        ]
        if org_w:
            segments += [Segment(_cell(row.org, org_w), base + muted + cursor), gap]
        segments += [
            Segment(_cell(row.last, last_w), base + muted + cursor),
            gap,
            Segment(_cell(row.due, due_w), base + due_style + cursor),
        ]
        return Strip(segments).crop_extend(0, width, base + cursor)
