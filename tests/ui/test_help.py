"""The help screen: fits down to 80x24, scrolls from the keyboard, keeps keys and descriptions in two columns."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll

from journal.tui.screens.modals.entry_editor import EntryEditor
from journal.tui.screens.modals.help import KEY_WIDTH, HelpScreen, _binding_rows, _extra_rows
from journal.tui.screens.today import TodayScreen

SIZES = [(80, 24), (120, 40)]
LONG = "A description long enough that it cannot fit on one line of the help at any width we support, so it wraps"


async def open_help(pilot) -> HelpScreen:
    await pilot.pause()
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HelpScreen)
    return pilot.app.screen


def screen_lines(app) -> list[str]:
    # The frame as the terminal receives it (the compositor is private, but it is what is drawn).
    return [strip.text for strip in app.screen._compositor.render_strips()]


def descriptions(help_screen) -> list[str]:
    under = help_screen.under
    rows = _binding_rows(help_screen.app, list(type(under).BINDINGS)) + _extra_rows(under)
    rows += _binding_rows(help_screen.app, list(EntryEditor.BINDINGS)) + _extra_rows(EntryEditor)
    return [description for _, description in rows]


def drawn(app) -> str:
    return " ".join(" ".join(line.replace("█", " ").replace("▌", " ").split()) for line in screen_lines(app))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_row_can_be_scrolled_into_view_and_end_shows_the_last(size, repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=size) as pilot:
        help_screen = await open_help(pilot)
        keys = help_screen.query_one("#help-keys", VerticalScroll)
        assert app.focused is keys, "the list must have focus for the keys to scroll it"
        seen = drawn(app)
        while keys.scroll_y < keys.max_scroll_y:
            before = keys.scroll_y
            await pilot.press("down")
            await pilot.pause()
            assert keys.scroll_y > before, "down scrolls the list"
            seen += " " + drawn(app)
        missing = [d for d in descriptions(help_screen) if " ".join(d.split()[:4]) not in seen]
        assert missing == []

        await pilot.press("home")
        await pilot.pause()
        assert keys.scroll_y == 0 and "Today: your journal" in drawn(app)
        await pilot.press("end")
        await pilot.pause()
        await pilot.pause(0.5)  # end scrolls with an animation
        # The title and the closing hint stay on screen whatever the scroll.
        text = drawn(app)
        assert "Keys" in text and "esc or ? to close" in text
        assert "Quit (from the editor" in text  # the last row, drawn


async def test_page_keys_scroll_at_80x24(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        help_screen = await open_help(pilot)
        keys = help_screen.query_one("#help-keys", VerticalScroll)
        assert keys.max_scroll_y > 0, "at 80x24 the list is taller than the screen"
        await pilot.press("pagedown")
        await pilot.pause()
        assert keys.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause()
        assert keys.scroll_y == 0


@pytest.mark.parametrize("key", ["escape", "question_mark", "q"])
async def test_esc_question_mark_and_q_close_it(key, repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_help(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        assert app.is_running  # q closed the help, it did not quit


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_extra_rows_are_listed_and_long_descriptions_wrap_in_their_own_column(
    size, repository, make_test_app, monkeypatch
):
    # raising=False: the screens may or may not declare HELP_EXTRA themselves.
    monkeypatch.setattr(TodayScreen, "HELP_EXTRA", [("↑ / ↓", "Move through the day's entries")], raising=False)
    monkeypatch.setattr(EntryEditor, "HELP_EXTRA", [("enter", LONG)], raising=False)
    app = make_test_app(repository)
    async with app.run_test(size=size) as pilot:
        help_screen = await open_help(pilot)
        keys = help_screen.query_one("#help-keys", VerticalScroll)
        section = keys.query(".help-rows")[1]  # the editor's keys
        keys.scroll_to_widget(section, animate=False, top=True)
        await pilot.pause()
        lines = screen_lines(app)
        left = section.content_region.x
        key_column = slice(left, left + KEY_WIDTH)
        rows = [lines[y] for y in range(section.content_region.y, section.content_region.bottom) if y < len(lines)]
        starts = [i for i, line in enumerate(rows) if line[key_column].strip() == "enter"]
        assert starts, "the enter row is drawn"
        first = starts[-1]
        continued = [row for row in rows[first + 1 :] if not row[key_column].strip()]
        assert continued, "the long description wraps"
        words = " ".join(rows[first][left + KEY_WIDTH :].split() + [w for r in continued for w in r[left + KEY_WIDTH :].split()])
        assert LONG.replace("█", "") in words.replace("█", "").replace("▌", "").strip() or LONG.split()[-1] in words
        for row in continued:
            assert row[key_column].strip() == "", "nothing wraps into the key column"
