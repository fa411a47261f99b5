"""Contacts as a virtual table: only the rows on screen are ever drawn.

Five thousand contacts, filtered on every keystroke: a DataTable rebuilds its
rows each time (clear + add_rows of 5,000 took ~50 ms here, before drawing),
so this widget takes a list of rows and draws the visible ones, line by line.
A new filter is a new list and one refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from journal.i18n import _
from journal.text import one_line
from journal.tui.cells import shorten, steady_width


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
    text = shorten(steady_width(one_line(text)), width) if width > 0 else ""
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


class ContactTable(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up,k", "move(-1)", _("Up"), show=False),
        Binding("down,j", "move(1)", _("Down"), show=False),
        Binding("pageup", "page(-1)", _("Page up"), show=False),
        Binding("pagedown", "page(1)", _("Page down"), show=False),
        Binding("home", "edge(0)", _("First"), show=False),
        Binding("end", "edge(1)", _("Last"), show=False),
        Binding("enter", "select", _("Open"), show=False),
    ]
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

    cursor: reactive[int] = reactive(0, init=False, always_update=True)

    class Selected(Message):
        def __init__(self, table: ContactTable, contact_id: str) -> None:
            super().__init__()
            self.table = table
            self.contact_id = contact_id

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.rows: list[ContactRow] = []
        # Called at once when the highlighted row changes (a message would arrive a frame later).
        self.on_highlight: Callable[[], None] | None = None
        self._announced: str | None = None

    # -- content -----------------------------------------------------------------

    def show(self, rows: list[ContactRow], keep: str | None = None) -> None:
        """Replace the rows; the cursor stays on contact `keep` if it is still there, else on the first row."""
        self.rows = rows
        index = 0
        if keep is not None:
            for i, row in enumerate(rows):
                if row.id == keep:
                    index = i
                    break
        self.virtual_size = Size(self.size.width, len(rows))
        self.cursor = index
        self.refresh()
        self.call_after_refresh(self._refresh_header)  # a scrollbar may have come or gone

    def _refresh_header(self) -> None:
        if self.parent is not None:
            for header in self.parent.query(ContactTableHeader):
                header.refresh()

    @property
    def highlighted_id(self) -> str | None:
        return self.rows[self.cursor].id if 0 <= self.cursor < len(self.rows) else None

    def watch_cursor(self, cursor: int) -> None:
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
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))
        self._scroll_to_cursor()

    # -- keys and mouse -----------------------------------------------------------

    def _go(self, index: int) -> None:
        if self.rows:
            self.cursor = max(0, min(index, len(self.rows) - 1))

    def action_move(self, step: int) -> None:
        self._go(self.cursor + step)

    def action_page(self, direction: int) -> None:
        self._go(self.cursor + direction * max(self.scrollable_content_region.height - 1, 1))

    def action_edge(self, end: int) -> None:
        self._go(len(self.rows) - 1 if end else 0)

    def action_select(self) -> None:
        if self.highlighted_id is not None:
            self.post_message(self.Selected(self, self.highlighted_id))

    def on_click(self, event: events.Click) -> None:
        index = event.y + round(self.scroll_y)
        if 0 <= index < len(self.rows):
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
