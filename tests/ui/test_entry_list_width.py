"""Emoji sequences in entries keep the list's and the preview's borders straight in any terminal.

Textual lays lines out with Rich's measure, which counts 👩‍💻 or 👋🏽 as one 2-cell picture. Many
terminals draw them codepoint by codepoint (xterm, VTE; tmux draws 👋🏽 as 4 cells and 🏳️‍🌈 as 1).
A line that is wider or narrower on screen than Textual measured pushes the border. So every line
drawn must measure the same both ways.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest
from rich.cells import cell_len

from journal.domain.models import Entry
from journal.tui.cells import shorten, steady_width
from journal.tui.widgets.entry_list import EntryList, entry_prompt
from journal.tui.widgets.entry_preview import EntryPreview

BODIES = [
    "Pairing with Sam 👩‍💻 on the portfolio, then a call with the family 👨‍👩‍👧‍👦 about the move #famille",
    "Pride 5 à 7 🏳️‍🌈 downtown, met folks from 🇨🇦 Ottawa 👋🏽 and got 1️⃣ intro to @Karine for the UX role #5a7",
    "❤️ 👍🏿 🧑🏽‍🤝‍🧑🏻 🇫🇷🇨🇦🇯🇵 2️⃣ #️⃣ 👩‍👩‍👧 🏴‍☠️ " * 4,
]
BODY_IDS = ["joined", "flag-tone-keycap", "many"]


def codepoint_width(text: str) -> int:
    """The width a terminal that draws codepoint by codepoint (wcwidth, as xterm and VTE do) gives."""
    width = 0
    for character in text:
        if unicodedata.category(character) in ("Mn", "Me", "Cf"):
            continue  # combining marks, joiners, variation selectors
        width += 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
    return width


def test_the_two_measures_disagree_on_the_raw_sequences():
    # What the fix is about: if this stops failing, a Rich or Unicode update changed the premise.
    for sequence in ["👩‍💻", "👋🏽", "🏳️‍🌈", "1️⃣", "❤️"]:
        assert cell_len(sequence) != codepoint_width(sequence)


@pytest.mark.parametrize("body", BODIES, ids=BODY_IDS)
def test_steady_text_measures_the_same_both_ways(body):
    steady = steady_width(body)
    assert cell_len(steady) == codepoint_width(steady)


@pytest.mark.parametrize("body", BODIES, ids=BODY_IDS)
def test_the_excerpt_is_cut_by_cells_between_characters(body):
    for width in range(1, 80):
        excerpt = shorten(steady_width(body), width)
        assert cell_len(excerpt) <= width
        # Never half a flag: flags come in pairs of regional indicators.
        indicators = sum(0x1F1E6 <= ord(c) <= 0x1F1FF for c in excerpt)
        assert indicators % 2 == 0, excerpt


def test_only_the_start_of_a_long_text_is_measured_and_the_cut_still_shows():
    for text in ["e\u0301" * 100_000, " " * 100_000 + "x", "🇨🇦" * 100_000]:
        excerpt = shorten(text, 10)
        assert excerpt.endswith("…") and cell_len(excerpt) <= 10


def test_the_prompt_keeps_the_words_and_drops_only_the_joiners():
    prompt = entry_prompt(Entry(at=datetime(2026, 11, 21, 8, 0), body=BODIES[1]), width=200)
    assert "🏳🌈" in prompt.plain and "👋 and got" in prompt.plain and "🇨🇦 Ottawa" in prompt.plain
    assert not {"\u200d", "\ufe0f", "\U0001f3fd"} & set(prompt.plain)


def right_border_column(line: str, column: int) -> str:
    """The character a codepoint-by-codepoint terminal draws at `column` of `line`."""
    position = 0
    for character in line:
        if position == column:
            return character
        position += codepoint_width(character)
    return ""


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_borders_stay_straight_with_emoji_sequences(size, repository, make_test_app):
    for minute, body in enumerate(BODIES):
        repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, minute), body=body))
    app = make_test_app(repository)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        entry_list = app.screen.query_one(EntryList)
        for highlighted in range(len(BODIES)):
            entry_list.highlighted = highlighted
            await pilot.pause(0.2)  # the preview's Markdown
            # The frame as the terminal receives it (the compositor is private, but it is what is drawn).
            lines = [strip.text for strip in app.screen._compositor.render_strips()]
            for y, line in enumerate(lines):
                assert codepoint_width(line) == cell_len(line) == size[0], f"line {y} is off: {line!r}"
            for widget in (entry_list, app.screen.query_one(EntryPreview)):
                region = widget.region
                for y in range(region.y, region.bottom):
                    assert right_border_column(lines[y], region.right - 1) in "│╮╯", f"line {y}: {lines[y]!r}"
