"""Entries -> one CommonMark document.

Names, tags and titles are escaped so they render as typed. Entry bodies are
Markdown on purpose and pass through, except that raw HTML is escaped (a
journal rendered in a browser must not run what a pasted mail contained), an
unclosed code fence is closed, so one entry cannot swallow the rest, and the
body's headings move below the entry's own `###`, so a `# Title` in an entry
does not sit beside the document's title in the outline.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from datetime import date

from journal import labels
from journal.domain import mentions
from journal.domain.models import Entry
from journal.i18n import _, ngettext
from journal.text import displayable, one_line

# Characters that can mean something anywhere in a line of CommonMark.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>&!~|#])")
# What makes a line a list item, block quote, heading underline or thematic break.
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
# `<` that would open an HTML tag, comment, declaration or processing instruction.
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
# What can come before a heading on its line: indentation, block quote and list markers.
_CONTAINERS = r"[ \t>*+\-0-9.)]*"
_LEADING_CONTAINERS = re.compile(_CONTAINERS)
# A line that could be a heading or a setext underline: containers, then 1-6 `#` and a space
# or the line's end, or only `=`s or `-`s. It may match more (a thematic break, `1. ---`):
# markdown-it decides; it must miss no heading.
_HEADING_LINE = _CONTAINERS + r"(?:#{1,6}(?:[ \t\n]|$)|(?:=+|-+)[ \t]*(?:\n|$))"
_FIRST_LINE_HEADING = re.compile(_HEADING_LINE)
# Starts with a literal "\n", which `re` finds fast; `^` with re.MULTILINE was ~20x slower.
_LATER_LINE_HEADING = re.compile("\n" + _HEADING_LINE)
# Heading levels in a body, one to six, become these: below the entry's `###`, at most `######`.
_SHIFTED = {level: "#" * min(level + 3, 6) for level in range(1, 7)}


@functools.lru_cache(maxsize=4096)  # names, tags and kinds repeat across thousands of entries
def escape_inline(text: str) -> str:
    """Text that renders literally inside a paragraph or heading, on one line.

    Escapes only what CommonMark could read as markup, so the file stays readable.
    """
    escaped = _INLINE_SPECIAL.sub(r"\\\1", one_line(text))
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)


def safe_body(body: str) -> str:
    """The entry's Markdown, unable to break the document around it.

    Raw HTML is neutralised, an open code fence closed, and headings moved below the entry's.
    """
    return _headings_below_entry(_open_fence_closed(_without_html(displayable(body))))


def _without_html(body: str) -> str:
    # Single characters first: a one-character search is several times faster.
    if "<" not in body and "`" not in body and "~" not in body:
        return body.strip("\n")  # nothing to neutralise: most entries
    lines = body.split("\n")
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        match = _FENCE.match(line)
        if fence is None:
            if match and not (match.group(1)[0] == "`" and "`" in match.group(2)):
                fence = match.group(1)
                out.append(line)
            else:
                out.append(_escape_html(line))
        else:
            out.append(line)
            closing = match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence)
            if closing and not match.group(2).strip():
                fence = None
    return "\n".join(out).strip("\n")


def _open_fence_closed(body: str) -> str:
    """`body` with a code fence left open at its end closed, so it cannot swallow the next entries.

    Only a fence outside any list or quote can run on past the body (a list or
    quote ends at the next entry's heading, and its fences with it), so
    markdown-it says which fence that is; the closing line copies its indent.
    """
    if ("`" not in body or "```" not in body) and ("~" not in body or "~~~" not in body):
        return body
    lines = body.split("\n")
    fences = [t for t in _markdown().parse(body) if t.type == "fence" and t.level == 0]
    if not fences or fences[-1].map is None:
        return body
    fence = fences[-1]  # an open one runs to the end, so it can only be the last
    start, end = fence.map
    closing = _FENCE.match(lines[end - 1]) if end - 1 > start else None
    if closing and closing.group(1)[0] == fence.markup[0] and len(closing.group(1)) >= len(fence.markup):
        if not closing.group(2).strip():
            return body  # closed on the last line
    opening = lines[start]
    return body + "\n" + opening[: len(opening) - len(opening.lstrip(" "))] + fence.markup


def _escape_html(line: str) -> str:
    """Escape `<` that starts HTML, outside `code spans`; autolinks stay links."""
    if "<" not in line:
        return line
    parts = re.split(r"(`+[^`]*`+)", line)
    for i in range(0, len(parts), 2):
        segment = parts[i]
        pieces = _AUTOLINK.split(segment)
        links = _AUTOLINK.findall(segment)
        escaped = [_HTML_START.sub(r"\\<", piece) for piece in pieces]
        parts[i] = "".join(p + (links[k] if k < len(links) else "") for k, p in enumerate(escaped))
    return "".join(parts)


def _headings_below_entry(body: str) -> str:
    """`body` with `#` as `####`, `##` as `#####`, deeper as `######`; setext headings too.

    markdown-it says which lines are headings, so `# comment` in a code block, a
    `#hashtag` or an escaped `\\#` stay as typed, and `> # Title` moves too.
    """
    if not (_FIRST_LINE_HEADING.match(body) or _LATER_LINE_HEADING.search(body)):
        return body  # no line could be a heading: most entries, and markdown-it is slow to load
    lines = body.split("\n")
    # Each heading's first line -> the line after it, and what replaces those lines.
    headings: dict[int, tuple[int, str]] = {}
    tokens = _markdown().parse(body)
    for token, inline in zip(tokens, tokens[1:]):
        if token.type != "heading_open" or token.map is None:
            continue
        start, end = token.map
        level = int(token.tag[1])
        line = lines[start]
        if token.markup in ("=", "-"):
            headings[start] = (end, _atx_heading(line, inline.content, _SHIFTED[level]))
        else:
            # The line's first `#` opens the heading: the markers before it
            # (spaces, `>`, `-`, `1.`) hold none.
            at = line.index("#")
            headings[start] = (start + 1, line[:at] + _SHIFTED[level] + line[at + level :])
    if not headings:
        return body
    out: list[str] = []
    number = 0
    while number < len(lines):
        if number in headings:
            number, heading = headings[number]
            out.append(heading)
        else:
            out.append(lines[number])
            number += 1
    return "\n".join(out)


@functools.cache
def _markdown():
    # Imported here: loading markdown-it costs about 50 ms, more than most exports
    # spend on their bodies, and only entries that hold a heading need it.
    from markdown_it import MarkdownIt

    # Only the blocks are read (a heading's text is its inline token's `content`),
    # so inline parsing, a sixth of the time, is skipped.
    return MarkdownIt("commonmark").disable(["inline", "text_join"])


def _atx_heading(first_line: str, content: str, marks: str) -> str:
    """A setext heading (`Title` over `===`) as one ATX line, in the containers of its first line.

    `content` is markdown-it's: the heading's lines without their block quote or
    list markers. Its first line ends the heading's first source line, so the
    markers are in what comes before it there.
    """
    lines = content.split("\n")
    head = first_line.rstrip()
    # Not all of what comes before: markdown-it strips Unicode spaces too, which are text.
    markers = _LEADING_CONTAINERS.match(head, 0, len(head) - len(lines[0].rstrip())).group()
    parts = [part.strip(" \t") for part in [first_line[len(markers) :], *lines[1:]]]
    for n, part in enumerate(parts[:-1]):
        # An odd `\` ends a line with a hard break, which an ATX heading cannot hold:
        # on one line it would show as a backslash.
        if (len(part) - len(part.rstrip("\\"))) % 2:
            parts[n] = part[:-1]
    text = " ".join(parts)
    # A last word of `#`s would be read as the ATX closing sequence and dropped.
    bare = text.rstrip("#")
    if bare != text and (not bare or bare[-1] in " \t"):
        text = text[:-1] + "\\#"
    return f"{markers}{marks} {text}"


def entry_block(entry: Entry) -> str:
    at = entry.at
    heading = f"### {at.hour:02d}:{at.minute:02d} · {escape_inline(labels.entry_kind(entry.kind))}"
    if entry.starred:
        heading += " ★"
    meta = []
    tags = mentions.tags(entry.body)
    if tags:
        meta.append(_("Tags:") + " " + ", ".join([escape_inline("#" + t) for t in tags]))
    names = mentions.mentions(entry.body)
    if names:
        meta.append(_("With:") + " " + ", ".join([escape_inline(n) for n in names]))
    parts = [heading]
    if meta:
        parts.append("*" + "* · *".join(meta) + "*")
    body = safe_body(entry.body)
    if body:
        parts.append(body)
    return "\n\n".join(parts)


def export_entries(entries: Iterable[Entry], title: str, first: date | None = None, last: date | None = None) -> str:
    """A whole document: a title, then a `##` heading per day and a `###` per entry."""
    entries = sorted(entries, key=lambda e: e.at)
    parts = ["# " + escape_inline(title)]
    if first and last:
        count = len(entries)
        parts.append(
            escape_inline(
                ngettext("{count} entry from {first} to {last}.", "{count} entries from {first} to {last}.", count).format(
                    count=count, first=first.isoformat(), last=last.isoformat()
                )
            )
        )
    current: date | None = None
    for entry in entries:
        if entry.day != current:
            current = entry.day
            parts.append(f"## {current.isoformat()} — {escape_inline(labels.weekday(current))}")
        parts.append(entry_block(entry))
    if not entries:
        parts.append(escape_inline(_("No entries in this period.")))
    return "\n\n".join(parts) + "\n"
