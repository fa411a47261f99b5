"""Making user text safe to show: it is stored exactly as typed, cleaned only for display."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls (but tab and newline), DEL, and the bidi embedding/override/isolate
# controls that can make text display in another order than it was typed.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Lone surrogates (undecodable bytes from argv or a pipe) cannot be printed.
_SURROGATES = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\s*[\n\r\u2028\u2029]+\s*")


def displayable(text: str) -> str:
    """`text` without control characters or bidi overrides (newlines and tabs kept)."""
    # isprintable() is False for every control, format (bidi) and surrogate
    # character, so True means nothing to clean; it is ~20x faster than the regexes.
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return text
    text = _UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _SURROGATES.sub("\ufffd", text)


def one_line(text: str, limit: int | None = None) -> str:
    """Displayable and on one line, shortened with an ellipsis past `limit` characters."""
    flat = _LINE_BREAKS.sub(" ", displayable(text)).replace("\t", " ").strip()
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)].rstrip() + "…"
    return flat


def width(text: str) -> int:
    """Terminal cells `text` takes, near enough for plain-text columns: wide East Asian characters 2, marks 0."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, cells: int) -> str:
    """`text` cut to `cells` cells (with an ellipsis) and padded with spaces to exactly that width."""
    if width(text) > cells:
        while text and width(text) > cells - 1:
            text = text[:-1]
        text += "…"
    return text + " " * max(cells - width(text), 0)
