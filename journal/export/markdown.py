"""Entries -> one CommonMark document.

Names, tags and titles are escaped so they render as typed. Entry bodies are
Markdown on purpose and pass through, except that raw HTML is escaped (a
journal rendered in a browser must not run what a pasted mail contained) and
an unclosed code fence is closed, so one entry cannot swallow the rest.
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


@functools.lru_cache(maxsize=4096)  # names, tags and kinds repeat across thousands of entries
def escape_inline(text: str) -> str:
    """Text that renders literally inside a paragraph or heading, on one line.

    Escapes only what CommonMark could read as markup, so the file stays readable.
    """
    escaped = _INLINE_SPECIAL.sub(r"\\\1", one_line(text))
    return _LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], escaped)


def safe_body(body: str) -> str:
    """The entry's Markdown with raw HTML neutralised and any open code fence closed."""
    body = displayable(body)
    if "<" not in body and "```" not in body and "~~~" not in body:
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
    if fence is not None:
        out.append(fence)
    return "\n".join(out).strip("\n")


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
