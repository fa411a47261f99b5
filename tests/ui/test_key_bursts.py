"""Keys that arrive in one burst (a laggy SSH link, a text expander) are handled in order, none lost.

Found by a tester: `n`, then text and ctrl+s sent at once saved a truncated
body in 5 of 6 tries and deleted the draft. These tests post the keys to the
app all at once, as the terminal driver does, without waiting in between.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime

from textual import events
from textual.widgets import Input

from journal.domain.models import Entry
from journal.tui.screens.modals.confirm import ConfirmScreen
from journal.tui.screens.modals.entry_editor import EntryEditor
from journal.tui.screens.modals.export import ExportScreen
from journal.tui.screens.today import TodayScreen

SIZE = (120, 40)
NAMED = {" ": "space", "@": "at", "#": "number_sign", ",": "comma", ".": "full_stop", "'": "apostrophe"}


def key(name: str) -> events.Key:
    if len(name) == 1:
        return events.Key(NAMED.get(name, name), name)
    return events.Key(name, None)


def burst(app, *parts: str) -> None:
    """Each part is literal text, or a key name in angle brackets: <ctrl+s>, <enter>."""
    for part in parts:
        if part.startswith("<") and part.endswith(">"):
            app.post_message(key(part[1:-1]))
        else:
            for character in part:
                app.post_message(key(character))


async def settle(pilot, until, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not until():
        assert asyncio.get_running_loop().time() < deadline, "the app did not settle"
        await pilot.pause(0.02)


async def test_text_then_ctrl_s_in_one_burst_saves_every_word(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for attempt in range(6):
            await pilot.press("n")
            await settle(pilot, lambda: isinstance(app.screen, EntryEditor))
            text = f"race test number {attempt} with @Karine, every word counts"
            burst(app, text, "<ctrl+s>")
            await settle(pilot, lambda: isinstance(app.screen, TodayScreen))
        bodies = [e.body for e in repository.entries_on(date(2026, 11, 21))]
        assert bodies == [f"race test number {n} with @Karine, every word counts" for n in range(6)]
        assert repository.drafts() == []


async def test_keys_typed_right_after_n_go_into_the_new_entry(repository, make_test_app):
    """`d`, `e`, `t` and `q` typed before the editor is up are words, never commands."""
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "<n>", "quick date note: tea with @Emma", "<ctrl+s>")
        await settle(pilot, lambda: isinstance(app.screen, TodayScreen) and repository.entries())
        assert [e.body for e in repository.entries()] == ["quick date note: tea with @Emma"]
        assert app.is_running


async def test_text_then_escape_in_one_burst_asks_before_discarding(repository, make_test_app):
    """Escape must see the text typed before it: it asks, instead of closing an 'unchanged' editor."""
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, EntryEditor))
        burst(app, "words that must not vanish", "<escape>")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        burst(app, "<escape>")  # keep writing
        await settle(pilot, lambda: isinstance(app.screen, EntryEditor))
        assert app.screen.query_one("TextArea").text == "words that must not vanish"


async def test_a_paste_then_ctrl_s_saves_the_paste(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, EntryEditor))
        app.post_message(events.Paste("pasted from a mail\nsecond line"))
        burst(app, " and typed", "<ctrl+s>")
        await settle(pilot, lambda: isinstance(app.screen, TodayScreen))
        assert [e.body for e in repository.entries()] == ["pasted from a mail\nsecond line and typed"]


async def test_a_long_burst_with_screen_changes_stays_in_order(repository, make_test_app):
    """Three entries written in one go, with the saves and new-entry keys between them."""
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "<n>", "first", "<ctrl+s>", "<n>", "second", "<ctrl+s>", "<n>", "third", "<ctrl+s>")
        await settle(pilot, lambda: len(repository.entries()) == 3 and isinstance(app.screen, TodayScreen))
        assert sorted(e.body for e in repository.entries()) == ["first", "second", "third"]


async def test_keys_after_enter_in_the_palette_wait_for_the_command(repository, make_test_app):
    """Found by a tester: `ctrl+p hier enter n…` edited today's entry instead of writing one yesterday."""

    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 0), body="existing entry"))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst(app, "<ctrl+p>", "hier", "<enter>", "<n>", "burst after palette", "<ctrl+s>")
        await settle(pilot, lambda: len(repository.entries()) == 2 and isinstance(app.screen, TodayScreen))
        bodies = {e.body: e.day for e in repository.entries()}
        assert bodies == {"existing entry": date(2026, 11, 21), "burst after palette": date(2026, 11, 20)}


async def test_a_key_after_enter_in_the_export_dialog_is_not_part_of_the_file_name(repository, make_test_app, tmp_path):
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 0), body="x"))
    app = make_test_app(repository)
    target = tmp_path / "all.md"
    async with app.run_test(size=SIZE) as pilot:
        app.action_export()
        await settle(pilot, lambda: isinstance(app.screen, ExportScreen) and app.screen.query(Input))
        app.screen.query_one(Input).value = str(target)
        burst(app, "<enter>", "x")
        await settle(pilot, lambda: isinstance(app.screen, TodayScreen) and target.exists())
    assert not (tmp_path / "all.mdx").exists()


async def test_a_closing_widget_with_messages_left_never_stalls_or_recurses(repository, make_test_app):
    """Found by the bench: a closing widget refused the settle callback and the app recursed to death."""
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = app._keys
        widget = app.screen.query_one("EntryPreview")
        widget.post_message(events.Callback(callback=lambda: None))  # something queued...
        original = widget.call_later
        widget.call_later = lambda *args, **kwargs: False  # ...in a node that is closing
        try:
            keys._token += 1
            keys._busy_since = 0.0
            keys._settled(keys._token)
            await settle(pilot, lambda: keys._busy_since is None, timeout=2)
        finally:
            widget.call_later = original


async def test_keys_go_on_while_a_widget_animates(repository, make_test_app):
    """A widget that never stops posting (an animation) must not hold every key for the watchdog."""
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        widget = app.screen.query_one("EntryPreview")
        ticking = app.set_interval(0.001, lambda: widget.post_message(events.Callback(callback=lambda: None)))
        started = asyncio.get_running_loop().time()
        burst(app, "<n>", "quick", "<ctrl+s>")
        await settle(pilot, lambda: repository.entries() and isinstance(app.screen, TodayScreen))
        ticking.stop()
        assert asyncio.get_running_loop().time() - started < 2.5  # three keys, never a watchdog wait each
