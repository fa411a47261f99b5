"""Headings in entry bodies sit below the entry's `###`, so the export's outline holds.

Every check parses Markdown with markdown-it-py, as a reader's renderer would.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from journal.domain.models import Entry
from journal.export.markdown import export_entries, safe_body

md = MarkdownIt("commonmark")


def headings(markdown: str) -> list[tuple[str, str]]:
    """(tag, text a reader sees) of every heading, in order.

    Line breaks and runs of spaces read as one space, as a browser shows them.
    """
    tokens = md.parse(markdown)
    found = []
    for token, inline in zip(tokens, tokens[1:]):
        if token.type == "heading_open":
            text = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in inline.children
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            )
            found.append((token.tag, " ".join(text.split())))
    return found


def shifted(tag: str) -> str:
    return f"h{min(int(tag[1]) + 3, 6)}"


@pytest.mark.parametrize("level", range(1, 7))
def test_atx_headings_move_three_levels_down_and_stop_at_six(level):
    body = "#" * level + " Plan for *Monday*"
    assert headings(safe_body(body)) == [(f"h{min(level + 3, 6)}", "Plan for Monday")]


def test_seven_hashes_are_a_paragraph_and_stay_one():
    assert safe_body("####### not a heading") == "####### not a heading"


@pytest.mark.parametrize(("underline", "marks"), [("===", "####"), ("---", "#####"), ("  -", "#####")])
def test_setext_headings_become_atx_below_the_entry(underline, marks):
    out = safe_body(f"Coffee with Karine\n{underline}\n\nShe knows the team.")
    assert out == f"{marks} Coffee with Karine\n\nShe knows the team."
    assert headings(out) == [(f"h{len(marks)}", "Coffee with Karine")]


def test_a_setext_heading_over_several_lines_becomes_one_line():
    out = safe_body("Coffee with\n  Karine at *the* `café`\n===")
    assert out == "#### Coffee with Karine at *the* `café`"
    assert headings(out) == [("h4", "Coffee with Karine at the café")]


def test_a_hard_break_in_a_setext_heading_does_not_leave_a_backslash():
    assert headings(safe_body("one\\\ntwo\n---")) == [("h5", "one two")]


@pytest.mark.parametrize(("body", "expected"), [("# Title #", "#### Title #"), ("## Title ###  ", "##### Title ###  ")])
def test_closing_hashes_stay_a_closing_sequence(body, expected):
    assert safe_body(body) == expected
    assert [text for _, text in headings(expected)] == ["Title"]


@pytest.mark.parametrize("text", ["Title #", "C# and F#", "a ## #", "\\#"])
def test_a_setext_heading_ending_in_hashes_keeps_them(text):
    assert headings(safe_body(f"{text}\n===")) == [("h4", text.replace("\\", ""))]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("> # Title", "> #### Title"),
        ("> > ## Deeper", "> > ##### Deeper"),
        ("- # Item", "- #### Item"),
        ("1. ### Third", "1. ###### Third"),
        ("- a\n\n  # In the item", "- a\n\n  #### In the item"),
        ("> - # Both", "> - #### Both"),
        ("> Quoted\n> ===", "> #### Quoted"),
        ("- Listed\n  ---", "- ##### Listed"),
        ("1. 2024\n   ===", "1. #### 2024"),
    ],
)
def test_headings_in_block_quotes_and_list_items_move_too(body, expected):
    assert safe_body(body) == expected
    assert [shifted(tag) for tag, _ in headings(body)] == [tag for tag, _ in headings(expected)]


@pytest.mark.parametrize(
    "body",
    [
        "```\n# a comment\nTitle\n===\n```",
        "~~~python\n## not a heading\n~~~",
        "    # indented code\n    ===",
        "#hashtag at the start\n#5a7",
        "\\# escaped\n\\## also",
        "tea\n\n---\n\nbreak above",
        "- item\n---",
        "    code\n---",
        "a * b\n#nospace",
    ],
)
def test_lines_that_are_not_headings_stay_as_typed(body):
    assert safe_body(body) == body


def test_an_unclosed_fence_is_still_closed_and_its_lines_are_not_headings():
    assert safe_body("```\n# inside") == "```\n# inside\n```"


def test_html_is_still_escaped_next_to_a_heading():
    out = safe_body("# Notes\n<b>bold</b>")
    assert out == "#### Notes\n\\<b>bold\\</b>"


def test_the_document_outline_keeps_title_day_and_entry_levels():
    entries = [
        Entry(at=datetime(2026, 11, 21, 9, 0), body="# Big news\n\nSub\n---\n\n> # Quoted"),
        Entry(at=datetime(2026, 11, 21, 10, 0), body="```\n# comment\n```"),
    ]
    assert headings(export_entries(entries, "Tricot journal")) == [
        ("h1", "Tricot journal"),
        ("h2", "2026-11-21 — Saturday"),
        ("h3", "09:00 · Check-in"),
        ("h4", "Big news"),
        ("h5", "Sub"),
        ("h4", "Quoted"),
        ("h3", "10:00 · Check-in"),
    ]


def test_bodies_without_headings_do_not_load_markdown_it():
    # Export speed is measured against jrnl; loading markdown-it costs ~50 ms.
    # (Bodies with code fences do load it: only a real parser can tell whether
    # a fence inside a list was closed.)
    code = (
        "import sys; from datetime import datetime; from journal.domain.models import Entry; "
        "from journal.export.markdown import export_entries; "
        "export_entries([Entry(at=datetime(2026, 1, 1, 9), body=b) for b in "
        "['#5a7 coffee', 'a\\n\\n- list\\n> quote', 'C# talk', 'x <b>', 'inline `code`']], 't'); "
        "print('markdown_it' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "False"


# Bodies built from the Markdown lines that move headings or look like they do.
words = st.sampled_from(["tea", "Karine", "#5a7", "C#", "\\#", "a # b", "*x*", "`# c`", "#", "5", "-", "=", "\\"])
text = st.lists(words, min_size=1, max_size=4).map(" ".join)
indent = st.sampled_from(["", " ", "   ", "    ", "\t"])
atx = st.builds(
    lambda i, n, t, close: f"{i}{'#' * n} {t}{close}",
    indent,
    st.integers(1, 7),
    text,
    st.sampled_from(["", " #", " ###", "#"]),
)
underline = st.builds(lambda i, c, n: i + c * n, indent, st.sampled_from("=-"), st.integers(1, 4))
setext = st.builds(lambda lines, u: "\n".join([*lines, u]), st.lists(text, min_size=1, max_size=3), underline)
fence = st.builds(
    lambda mark, inner, close: "\n".join([mark, *inner, *([mark] if close else [])]),
    st.sampled_from(["```", "~~~", "````"]),
    st.lists(st.one_of(atx, text, underline), max_size=3),
    st.booleans(),
)
simple_line = st.one_of(atx, text, underline, st.just(""), st.just("***"))
quote = st.builds(lambda m, line: m + line, st.sampled_from(["> ", ">", "> > "]), simple_line)
item = st.builds(lambda m, line: m + line, st.sampled_from(["- ", "* ", "1. ", "2) ", "- > "]), simple_line)
continuation = st.builds(lambda line: "  " + line, simple_line)
block = st.one_of(atx, setext, fence, quote, item, continuation, text, st.just(""))
bodies = st.lists(block, min_size=1, max_size=8).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(bodies, min_size=1, max_size=4))
def test_any_bodies_keep_the_outline_and_their_headings(bodies):
    entries = [Entry(at=datetime(2026, 11, 20 + n % 2, 8 + n, 0), body=b) for n, b in enumerate(bodies)]
    document = export_entries(entries, "Journal")
    tokens = md.parse(document)
    kinds = {child.type for t in tokens if t.children for child in t.children} | {t.type for t in tokens}
    assert "html_block" not in kinds and "html_inline" not in kinds

    found = headings(document)
    assert found[0] == ("h1", "Journal")
    assert [h for h in found if h[0] == "h1"] == [found[0]]
    assert [h for h in found if h[0] == "h2"] == [("h2", "2026-11-20 — Friday"), ("h2", "2026-11-21 — Saturday")][
        : min(len(bodies), 2)
    ]
    # The headings after each entry's `###` are its body's, three levels down (at most h6).
    order = sorted(range(len(bodies)), key=lambda n: entries[n].at)
    per_entry: list[list[tuple[str, str]]] = []
    for tag, content in found[1:]:
        if tag == "h3":
            per_entry.append([])
        elif tag != "h2":
            per_entry[-1].append((tag, content))
    assert [h[1] for h in found if h[0] == "h3"] == [f"{entries[n].at:%H}:00 · Check-in" for n in order]
    assert all(tag in ("h4", "h5", "h6") for entry in per_entry for tag, _ in entry)
    assert per_entry == [[(shifted(tag), content) for tag, content in headings(bodies[n])] for n in order]


# -- one entry never swallows the ones after it ----------------------------------------


_CONTAINER_LINES = st.sampled_from(
    ["- a", "- ```", "  ```", "   ```", "1. b", "   ~~~", "> ```", "> q", "", "text", "    code", "```", "~~~~", "  - c"]
)


def test_an_unclosed_fence_in_a_list_item_does_not_swallow_the_next_entries():
    """Found in review: the closing fence added at column 0 opened a new fence after the list."""
    first = Entry(at=datetime(2026, 11, 20, 9, 0), body="- a\n\n  ```\n  code")
    second = Entry(at=datetime(2026, 11, 20, 10, 0), body="the next entry")
    document = export_entries([first, second], "t")
    tokens = MarkdownIt("commonmark").parse(document)
    h3 = [t for t in tokens if t.type == "heading_open" and t.tag == "h3"]
    assert len(h3) == 2
    assert "the next entry" in MarkdownIt("commonmark").render(document).split("</pre>")[-1]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_CONTAINER_LINES, max_size=6).map("\n".join), min_size=1, max_size=4))
def test_every_entry_keeps_its_heading_whatever_its_fences(bodies):
    entries = [Entry(at=datetime(2026, 11, 20, 9, n), body=body or "x") for n, body in enumerate(bodies)]
    tokens = MarkdownIt("commonmark").parse(export_entries(entries, "t"))
    assert sum(1 for t in tokens if t.type == "heading_open" and t.tag == "h3") == len(entries)
