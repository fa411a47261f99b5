"""The highlighted entry rendered as Markdown, with its tags and mentions."""

from __future__ import annotations

from markdown_it import MarkdownIt
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

from journal import labels
from journal.domain import mentions
from journal.domain.models import Entry
from journal.i18n import _
from journal.text import displayable, one_line

# Rendering a book-sized entry would stall every keystroke; show the start and say so.
PREVIEW_LIMIT = 20_000


def _parser() -> MarkdownIt:
    # Raw HTML in an entry is text, never markup.
    return MarkdownIt("gfm-like", {"html": False})


def meta_line(entry: Entry) -> Content:
    parts: list[str | tuple[str, str]] = [
        (labels.long_date(entry.day), "bold"),
        f" · {entry.at:%H:%M} · ",
        (labels.entry_kind(entry.kind), "$text-secondary"),
    ]
    names = mentions.mentions(entry.body)
    if names:
        parts += ["\n", (_("With: "), "$text-muted"), one_line(", ".join(names))]
    tags = mentions.tags(entry.body)
    if tags:
        parts += ["\n", (_("Tags: "), "$text-muted"), (one_line(" ".join("#" + t for t in tags)), "$text-accent")]
    return Content.assemble(*parts)


class EntryPreview(VerticalScroll):
    DEFAULT_CSS = """
    EntryPreview {
        border: round $panel;
        padding: 0 1;
    }
    EntryPreview #preview-meta {
        padding-bottom: 1;
        border-bottom: dashed $panel;
    }
    EntryPreview Markdown {
        margin: 0;
        padding: 0;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="preview-meta")
        yield Markdown(parser_factory=_parser, open_links=False)

    def show(self, entry: Entry | None) -> None:
        meta = self.query_one("#preview-meta", Static)
        markdown = self.query_one(Markdown)
        if entry is None:
            meta.update("")
            markdown.update("")
            return
        meta.update(meta_line(entry))
        body = displayable(entry.body)
        if len(body) > PREVIEW_LIMIT:
            note = _("(The entry is long: the preview shows its start; press e to see it whole.)")
            body = body[:PREVIEW_LIMIT] + "\n\n*" + note + "*"
        markdown.update(body)
        self.scroll_home(animate=False)
