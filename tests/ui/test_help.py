"""The help screen: fits down to 80x24, scrolls from the keyboard, keeps keys and descriptions in two columns."""

from __future__ import annotations

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Static

from journal.tui.screens.modals.entry_editor import EntryEditor
from journal.tui.screens.modals.help import HelpScreen
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


def fully_visible(widget, viewport) -> bool:
    region = widget.region
    return region.height > 0 and viewport.contains_region(region)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_row_can_be_scrolled_into_view_and_end_shows_the_last(size, repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=size) as pilot:
        help_screen = await open_help(pilot)
        keys = help_screen.query_one("#help-keys", VerticalScroll)
        assert app.focused is keys, "the list must have focus for the keys to scroll it"
        rows = list(keys.query(".help-row, .help-heading"))
        seen: set[int] = set()
        while True:
            seen |= {i for i, row in enumerate(rows) if fully_visible(row, keys.content_region)}
            if keys.scroll_y >= keys.max_scroll_y:
                break
            before = keys.scroll_y
            await pilot.press("down")
            await pilot.pause()
            assert keys.scroll_y > before, "down scrolls the list"
        assert seen == set(range(len(rows))), [str(rows[i].query(Static).first().render()) for i in set(range(len(rows))) - seen]

        await pilot.press("home")
        await pilot.pause()
        assert keys.scroll_y == 0 and fully_visible(rows[0], keys.content_region)
        await pilot.press("end")
        await pilot.pause()
        assert fully_visible(rows[-1], keys.content_region)
        # The title and the closing hint stay on screen whatever the scroll.
        text = "\n".join(screen_lines(app))
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
        rows = list(keys.query(".help-row"))
        texts = {str(row.query_one(".help-description", Static).render()) for row in rows}
        assert "Move through the day's entries" in texts and LONG in texts

        for row in rows:
            keys.scroll_to_widget(row, animate=False, top=True)
            await pilot.pause()
            key = row.query_one(".help-key", Static)
            description = row.query_one(".help-description", Static)
            lines = screen_lines(app)
            key_column = slice(key.region.x, description.region.x)
            for y in range(row.region.y, row.region.bottom):
                if not keys.content_region.contains(key.region.x, y):
                    continue
                in_key_column = lines[y][key_column].strip()
                if y == row.region.y:
                    assert in_key_column == str(key.render()).strip()
                else:
                    assert in_key_column == "", f"{in_key_column!r} wrapped into the key column"
        long_row = next(r for r in rows if str(r.query_one(".help-description", Static).render()) == LONG)
        assert long_row.region.height > 1, "the long description wraps"
