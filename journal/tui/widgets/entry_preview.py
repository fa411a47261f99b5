"""The highlighted entry rendered as Markdown, with its tags and mentions.

The Markdown machinery (markdown-it, Textual's Markdown widget, Pygments)
takes longer to import than the rest of the screen takes to show. So the
first paint shows the entry as plain text, and the Markdown widget takes its
place right after: the words are there at once, the formatting a moment later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from journal import labels
from journal.domain import mentions
from journal.domain.models import Entry
from journal.i18n import _
from journal.text import displayable
from journal.tui.cells import cell_line, steady_width

# Rendering a book-sized entry would stall every keystroke; show the start and say so.
PREVIEW_LIMIT = 20_000


if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from textual.widgets import Markdown


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # Raw HTML in an entry is text, never markup.
    return MarkdownIt("gfm-like", {"html": False})


def meta_line(entry: Entry, people: mentions.People | None = None) -> Content:
    """Date, time, kind; who the entry mentions (as the contact they resolve to: `@KT` is Karine Tremblay); tags."""
    parts: list[str | tuple[str, str]] = [
        (labels.long_date(entry.day), "bold"),
        f" · {entry.at:%H:%M} · ",
        (labels.entry_kind(entry.kind), "$text-secondary"),
    ]
    names = mentions.mentions(entry.body)
    if people is not None:
        names = list(dict.fromkeys((found.name if (found := people.resolve(n)) else n) for n in names))
    if names:
        parts += ["\n", (_("With: "), "$text-muted"), cell_line(", ".join(names))]
    tags = mentions.tags(entry.body)
    if tags:
        tag_line = cell_line(" ".join("#" + t for t in tags))
        parts += ["\n", (_("Tags: "), "$text-muted"), (tag_line, "$text-accent")]
    return Content.assemble(*parts)


class EntryPreview(VerticalScroll):
    DEFAULT_CSS = """
    EntryPreview {
        border: round $panel;
        padding: 0 1;
    }
    /* Tab brings the preview focus (to scroll a long entry): show where focus went, as the list does. */
    EntryPreview:focus {
        border: round $primary;
    }
    EntryPreview #preview-meta {
        padding-bottom: 1;
        border-bottom: dashed $panel;
    }
    EntryPreview Markdown {
        margin: 0;
        padding: 0;
    }
    EntryPreview #preview-plain {
        padding: 1 0;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._body = ""
        self._markdown: Markdown | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="preview-meta")
        yield Static(id="preview-plain", markup=False)

    def on_mount(self) -> None:
        # Not call_after_refresh: that can run before the first frame is drawn.
        if self.screen in self.app.shown_screens:
            self.call_later(self._use_markdown, self.screen)
        else:
            self.app.screen_shown.subscribe(self, self._use_markdown)

    def _use_markdown(self, shown: object) -> None:
        from textual.widgets import Markdown

        if shown is not self.screen or self._markdown is not None:
            return
        self.app.screen_shown.unsubscribe(self)
        self._markdown = Markdown(self._body, parser_factory=_parser, open_links=False)
        plain = self.query_one("#preview-plain", Static)
        self.mount(self._markdown, after=plain)
        plain.remove()

    def show(self, entry: Entry | None) -> None:
        meta = self.query_one("#preview-meta", Static)
        if entry is None:
            meta.update("")
            self._show_body("")
            return
        repository = getattr(self.app, "repository", None)
        meta.update(meta_line(entry, repository.people() if repository is not None else None))
        # The same characters as in the list are left out, or a wrapped line can come out wider
        # than Textual measured it and push the preview's border (see entry_list.steady_width).
        body = steady_width(displayable(entry.body))
        if len(body) > PREVIEW_LIMIT:
            note = _("(The entry is long: the preview shows its start; press e to see it whole.)")
            body = body[:PREVIEW_LIMIT] + "\n\n*" + note + "*"
        self._show_body(body)
        self.scroll_home(animate=False)

    def _show_body(self, body: str) -> None:
        self._body = body
        if self._markdown is not None:
            self._markdown.update(body)
        else:
            self.query_one("#preview-plain", Static).update(Content(body))
