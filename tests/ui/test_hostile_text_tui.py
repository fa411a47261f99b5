"""Torture: any text in an entry is drawn as text by the TUI: no crash, no markup, no escapes."""

from __future__ import annotations

import asyncio
import os
from datetime import datetime

from hypothesis import HealthCheck, given, settings

from journal.domain.models import Entry
from journal.domain.settings import Settings
from journal.store.repository import JournalRepository
from journal.text import one_line
from journal.tui.cells import shorten, steady_width
from journal.tui.app import make_app
from journal.tui.screens.today import TodayScreen
from journal.tui.widgets.entry_list import EntryList
from tests.unit.test_hostile_text import HOSTILE

LONG = os.environ.get("TRICOT_LONG_TESTS") == "1"

UNSAFE = ("\x1b", "\x00", "\x07", "\u202e")


async def _drawn(data_dir, clock) -> tuple[str, str]:
    """The text of the screen as drawn, and the entry list's first option."""
    app = make_app(JournalRepository.open(data_dir, clock), clock, Settings(), user_themes=False, watch_interval=None)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        await pilot.pause()  # the Markdown preview takes over after the first frame
        assert isinstance(app.screen, TodayScreen)
        option = app.screen.query_one(EntryList).get_option_at_index(0)
        # The characters of every cell, as the compositor hands them to the terminal.
        lines = ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]
        return "\n".join(lines), str(option.prompt)


@settings(max_examples=200 if LONG else 15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=HOSTILE)
def test_any_entry_text_is_drawn_as_text(tmp_path_factory, clock, body):
    data_dir = tmp_path_factory.mktemp("journal")
    JournalRepository.open(data_dir, clock).save_entry(Entry(at=datetime(2026, 11, 21, 9, 30), body=body))
    screen, prompt = asyncio.run(_drawn(data_dir, clock))
    # The list shows the opening words exactly as typed (cleaned of controls and of
    # the emoji joiners terminals disagree on), so nothing in them was read as markup.
    assert shorten(steady_width(one_line(body)), 60) in prompt
    assert not any(bad in prompt for bad in UNSAFE)
    assert not any(bad in screen for bad in UNSAFE)


def test_a_one_megabyte_entry_opens_and_previews_its_start(data_dir, clock):
    body = ("Un très long compte rendu 🧶 #suivi @Karine. " * 25_000)[:1_000_000]
    JournalRepository.open(data_dir, clock).save_entry(Entry(at=datetime(2026, 11, 21, 9, 30), body=body))
    screen, prompt = asyncio.run(_drawn(data_dir, clock))
    assert "Un très long compte rendu" in prompt and "Un très long compte rendu" in screen
