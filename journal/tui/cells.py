"""Text as wide on the terminal as Textual measures it: the display side of user text.

Textual lays out lines by the widths Rich computes; a terminal that draws a
character wider or narrower shifts the rest of the line, and the box's right
border with it. These helpers are for display only: entries are stored as typed.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, split_graphemes

from journal.text import one_line

# Characters whose width terminals do not agree on, and that Rich (Textual's measure) counts
# differently from many of them. Measured in tmux 3.3a against Rich 15 (cells Rich / tmux):
#   the zero-width joiner that glues emoji into one picture: 🏳️‍🌈 2 / 1 (and a terminal that
#     draws codepoint by codepoint, as wcwidth says, shows 👩‍💻 as 👩💻 in 4 cells, not 2);
#   VS16, the emoji-presentation selector: ❤️ 2 / 1, 1️⃣ 2 / 1;
#   the skin-tone modifiers: 👋🏽 2 / 4.
# A line drawn wider or narrower than Textual measured it shifts everything after it, and the
# box's right border with it. Without these characters Rich and the terminals agree, at the cost
# of a plainer picture: 👩💻 for 👩‍💻, 👋 for 👋🏽, ❤ for ❤️. The entry is stored as typed.
_UNSTEADY_WIDTH = re.compile("[\u200d\ufe0f\U0001f3fb-\U0001f3ff]")
_REGIONAL_INDICATOR = re.compile("[\U0001f1e6-\U0001f1ff]")


def steady_width(text: str) -> str:
    """`text` without the characters whose width Textual and the terminal may disagree on."""
    return _UNSTEADY_WIDTH.sub("", text)


def shorten(text: str, cells: int) -> str:
    """`text` cut to at most `cells` terminal cells, between two characters, with an ellipsis if cut."""
    # Only the start can show, and measuring all of a book-sized entry would stall the list.
    # A character takes at most two cells and may take none, but a line rarely holds 8 per cell.
    start = text[: cells * 8]
    if start == text and cell_len(text) <= cells:
        return text
    end = used = 0
    # A grapheme keeps its accents (e + ◌́); the ellipsis takes the last cell.
    for _start, stop, width in split_graphemes(start)[0]:
        if used + width > cells - 1:
            break
        used += width
        end = stop
    # A flag is two regional indicators: never keep half of one.
    indicators = 0
    while indicators < end and _REGIONAL_INDICATOR.fullmatch(text[end - indicators - 1]):
        indicators += 1
    if indicators % 2:
        end -= 1
    return text[:end].rstrip() + "…"


def cell_line(text: str, cells: int | None = None) -> str:
    """User text as a screen shows it on one line: no control characters, line breaks or
    unsteady widths, cut to `cells` terminal cells (with an ellipsis) when given."""
    line = steady_width(one_line(text))
    return shorten(line, cells) if cells is not None else line
