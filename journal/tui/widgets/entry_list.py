"""The day's entries as a virtual list: time, kind, star, and the first words."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from journal import labels
from journal.domain import mentions
from journal.domain.models import Entry
from journal.tui.cells import cell_line

def entry_prompt(entry: Entry, width: int = 60) -> Content:
    """Two lines: '09:14  Check-in ★  #tag' then the opening words. User text is never markup.

    `width` is in terminal cells, not characters: one emoji is two cells, an accent none.
    """
    head = [(f"{entry.at:%H:%M}", "bold"), "  ", (labels.entry_kind(entry.kind), "$text-secondary")]
    if entry.starred:
        head += ["  ", ("★", "$text-warning")]
    tags = mentions.tags(entry.body)
    if tags:
        head += ["  ", (cell_line(" ".join("#" + t for t in tags), 40), "$text-accent")]
    excerpt = cell_line(entry.body, width) or "…"
    return Content.assemble(*head, "\n", (excerpt, "$text-muted"))


class EntryList(OptionList):
    DEFAULT_CSS = """
    EntryList {
        height: 1fr;
        border: round $panel;
        padding: 0 1;
    }
    EntryList:focus {
        border: round $primary;
    }
    EntryList > .option-list--option {
        padding: 0 0 1 0;
    }
    """

    def show(self, entries: list[Entry], keep: str | None = None) -> None:
        """Replace the options; highlight `keep` (an entry id) if present, else the last entry."""
        self.set_options(Option(entry_prompt(e), id=e.id) for e in entries)
        if not entries:
            return
        ids = [e.id for e in entries]
        self.highlighted = ids.index(keep) if keep in ids else len(ids) - 1
