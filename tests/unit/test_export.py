"""Exports parsed back with markdown-it-py: valid CommonMark that renders what the user typed."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from journal.domain.models import Entry, EntryKind
from journal.export.markdown import escape_inline, export_entries, safe_body
from journal.text import one_line

md = MarkdownIt("commonmark")


def inline_text(tokens) -> str:
    """The text a reader sees in the first inline token (escapes and entities resolved)."""
    inline = next(t for t in tokens if t.type == "inline")
    parts = []
    for child in inline.children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def test_export_has_a_heading_per_day_and_the_entry_with_its_tag_and_mention():
    entries = [
        Entry(at=datetime(2026, 11, 21, 9, 14), body="coffee with @Karine #5a7"),
        Entry(at=datetime(2026, 11, 20, 18, 0), body="apéro", kind=EntryKind.EVENT),
    ]
    document = export_entries(entries, "Tricot journal")
    tokens = md.parse(document)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "Tricot journal",
        "2026-11-20 — Friday",
        "18:00 · Event",
        "2026-11-21 — Saturday",
        "09:14 · Check-in",
    ]
    html = md.render(document)
    assert "coffee with @Karine #5a7" in html
    assert "#5a7" in html and "Karine" in html


def test_raw_html_in_a_body_is_shown_not_run():
    body = 'hello <script>alert(1)</script> <img src=x onerror=y> and <!-- c --> but `<b>` in code and <https://example.org>'
    tokens = md.parse(safe_body(body))
    kinds = {child.type for t in tokens if t.children for child in t.children} | {t.type for t in tokens}
    assert "html_inline" not in kinds and "html_block" not in kinds
    html = md.render(safe_body(body))
    assert "&lt;script&gt;" in html
    assert "<code>&lt;b&gt;</code>" in html
    assert '<a href="https://example.org">' in html


def test_an_unclosed_code_fence_does_not_swallow_the_next_entries():
    entries = [
        Entry(at=datetime(2026, 11, 21, 9, 0), body="```python\nprint('never closed')"),
        Entry(at=datetime(2026, 11, 21, 10, 0), body="second entry"),
    ]
    tokens = md.parse(export_entries(entries, "t"))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert "10:00 · Check-in" in headings


def test_an_empty_period_says_so():
    assert "No entries in this period." in md.render(export_entries([], "Tricot journal"))


printable = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=300)
@given(printable)
def test_escaped_names_render_exactly_as_typed(text):
    expected = one_line(text)
    if not expected:
        return
    assert inline_text(md.parse(escape_inline(text))) == expected
    assert inline_text(md.parse("# " + escape_inline(text))) == expected


@settings(max_examples=150)
@given(st.lists(printable, min_size=1, max_size=4))
def test_any_bodies_keep_one_heading_per_entry(bodies):
    entries = [Entry(at=datetime(2026, 11, 21, 8 + n, 0), body=b) for n, b in enumerate(bodies)]
    tokens = md.parse(export_entries(entries, "t"))
    h3 = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3"]
    expected = [f"{8 + n:02d}:00 · Check-in" for n in range(len(bodies))]
    assert [h for h in h3 if h in expected] == expected
