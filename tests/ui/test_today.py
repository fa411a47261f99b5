"""The Today screen driven headless with Pilot."""

from __future__ import annotations

import json
from datetime import date, datetime

from textual.widgets import Markdown, Static, TextArea

from journal.domain.models import Entry
from journal.domain.settings import Settings
from journal.store import JournalCorrupt
from journal.store import storage as storage_module
from journal.store.repository import JournalRepository
from journal.tui.screens.modals.confirm import ConfirmScreen
from journal.tui.screens.modals.entry_editor import EntryEditor
from journal.tui.screens.modals.help import HelpScreen
from journal.tui.screens.problem import ProblemScreen
from journal.tui.screens.today import TodayScreen
from journal.tui.widgets.entry_list import EntryList

SIZE = (120, 40)


def screen_text(app) -> str:
    """Everything the statics on screen say (enough to assert on what a user reads)."""
    parts = []
    for widget in app.screen.query(Static):
        if widget.display:
            parts.append(str(widget.render()))
    return "\n".join(parts)


async def start_entry(pilot, text: str) -> EntryEditor:
    """Press n and type `text` into the editor."""
    await pilot.press("n")
    await pilot.pause()
    editor = pilot.app.screen
    assert isinstance(editor, EntryEditor)
    editor.query_one(TextArea).insert(text)
    return editor


async def write(pilot, text: str) -> None:
    await start_entry(pilot, text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_an_empty_journal_greets_a_new_user(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        text = screen_text(app)
        assert "Welcome to Tricot" in text and "Press n" in text
        assert app.screen.sub_title == "Saturday 21 November 2026"


async def test_write_an_entry_and_see_it_listed_and_previewed(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "Coffee with @Karine #5a7")
        assert isinstance(app.screen, TodayScreen)
        (entry,) = repository.entries_on(date(2026, 11, 21))
        assert entry.body == "Coffee with @Karine #5a7" and entry.at == datetime(2026, 11, 21, 9, 30)
        assert app.screen.query_one(EntryList).option_count == 1
        assert "With: Karine" in screen_text(app) and "#5a7" in screen_text(app)
        assert "1 entry" in screen_text(app)
    assert JournalRepository.open(repository.path.parent, app.clock).entries() == [entry]


async def test_edit_the_highlighted_entry_text_kind_and_time(repository, make_test_app):
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 0), body="first draft"))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert editor.query_one(TextArea).text == "first draft"
        editor.query_one(TextArea).insert(", then more")
        editor.query_one("#editor-time").value = "07:45"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (entry,) = repository.entries()
        assert entry.body == "first draft, then more" and entry.at == datetime(2026, 11, 21, 7, 45)


async def test_a_bad_time_is_explained_and_nothing_is_lost(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await start_entry(pilot, "keep me")
        app.screen.query_one("#editor-time").value = "9h"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        assert "not a time" in str(app.screen.query_one("#editor-error", Static).render())
        assert app.screen.query_one(TextArea).text == "keep me"
        assert repository.entries() == []


async def test_delete_asks_first_and_no_keeps_the_entry(repository, make_test_app):
    repository.save_entry(Entry(at=datetime(2026, 11, 20, 8, 0), body="yesterday"))
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 0), body="to delete"))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(repository.entries()) == 2
        await pilot.press("d", "y")
        await pilot.pause()
        assert [e.body for e in repository.entries()] == ["yesterday"]
        assert "Nothing written today yet." in screen_text(app)


async def test_browse_days_and_come_back_to_today(repository, make_test_app):
    repository.save_entry(Entry(at=datetime(2026, 11, 20, 18, 0), body="yesterday's apéro"))
    repository.save_entry(Entry(at=datetime(2026, 11, 2, 18, 0), body="long ago"))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.day == date(2026, 11, 20)
        assert "Yesterday" in screen_text(app) and "yesterday's apéro" in screen_text(app)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "Nothing written on Thursday 19 November 2026." in screen_text(app)
        await pilot.press("left_curly_bracket")
        await pilot.pause()
        assert screen.day == date(2026, 11, 2)
        await pilot.press("t")
        await pilot.pause()
        assert screen.day == date(2026, 11, 21)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.day == date(2026, 11, 21), "the journal does not go into the future"


async def test_backfilling_a_past_day_dates_the_entry_that_day(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left_square_bracket", "left_square_bracket")
        await write(pilot, "forgot to write this")
        (entry,) = repository.entries()
        assert entry.day == date(2026, 11, 19)


async def test_help_lists_every_key_and_closes(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        for words in ("New entry", "Previous day", "Next day", "Today", "Save", "Cancel", "Delete"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_keys_typed_in_the_editor_are_text_not_commands(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("q", "1", "question_mark", "d")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor) and app.is_running
        assert app.screen.query_one(TextArea).text == "q1?d"


async def test_leaving_the_editor_with_text_asks_and_can_keep_writing(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await start_entry(pilot, "precious words")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "precious words"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen) and repository.entries() == []


async def test_a_failed_save_keeps_the_editor_and_the_text(repository, make_test_app, monkeypatch):
    app = make_test_app(repository)

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(storage_module, "write_atomic", disk_full)
        await start_entry(pilot, "do not lose me")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        assert "No space left" in str(app.screen.query_one("#editor-error", Static).render())
        assert repository.entries() == [] and not repository.path.exists()
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [e.body for e in repository.entries()] == ["do not lose me"]


async def test_an_entry_changed_elsewhere_while_edited_keeps_both_versions(repository, make_test_app, clock):
    original = Entry(at=datetime(2026, 11, 21, 8, 0), body="coffee with Karine")
    repository.save_entry(original)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EntryEditor)
        # Meanwhile a sync tool brings the same entry, edited on the laptop.
        laptop = JournalRepository.open(repository.path.parent, clock)
        laptop.save_entry(Entry(at=original.at, body="coffee with Karine, she is hiring", id=original.id))
        editor.query_one(TextArea).text = "coffee with Karine and Joran"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EntryEditor)
        assert "Changed elsewhere" in str([n.title for n in app._notifications])
    bodies = sorted(e.body for e in JournalRepository.open(repository.path.parent, clock).entries())
    assert bodies == ["coffee with Karine and Joran", "coffee with Karine, she is hiring"]


async def test_a_journal_replaced_on_disk_while_writing_is_merged_not_overwritten(repository, make_test_app, clock, tmp_path):
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 7, 0), body="before"))
    # What a sync tool does: write a whole new file elsewhere and rename it over ours.
    elsewhere = tmp_path / "other-machine"
    other = JournalRepository.open(elsewhere, clock)
    other.save_entries(JournalRepository.open(repository.path.parent, clock).entries())
    other.save_entry(Entry(at=datetime(2026, 11, 21, 7, 30), body="from the laptop"))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await start_entry(pilot, "from this terminal")
        (elsewhere / "journal.json").replace(repository.path)
        await pilot.press("ctrl+s")
        await pilot.pause()
    bodies = sorted(e.body for e in JournalRepository.open(repository.path.parent, clock).entries())
    assert bodies == ["before", "from the laptop", "from this terminal"]


async def test_a_checkin_from_another_process_shows_up_and_survives_the_next_save(repository, make_test_app, clock):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        shell = JournalRepository.open(repository.path.parent, clock)  # another process's view
        shell.save_entry(Entry(at=datetime(2026, 11, 21, 9, 0), body="from the shell"))
        assert app.check_for_changes() is True
        await pilot.pause()
        assert "from the shell" in screen_text(app)
        await write(pilot, "from the TUI")
    bodies = sorted(e.body for e in JournalRepository.open(repository.path.parent, clock).entries())
    assert bodies == ["from the TUI", "from the shell"]


async def test_markup_escapes_and_control_characters_are_shown_as_text(repository, make_test_app):
    hostile = "[bold]x[/] [@click=app.quit]Alice[/] \x1b]52;c;aGk=\x07 ‮evil‬ 🧶 שלום <b>b</b>"
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 0), body=hostile))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.is_running
        markdown = app.screen.query_one(Markdown)
        assert "\x1b" not in markdown.source and "\u202e" not in markdown.source
        assert "[bold]x[/]" in markdown.source


async def test_a_corrupt_journal_shows_the_problem_and_only_quits(tmp_path, make_test_app):
    path = tmp_path / "journal.json"
    problem = JournalCorrupt(path, "not valid JSON (line 1, column 2: Expecting value)")
    app = make_test_app(None, problem=problem)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        text = screen_text(app)
        assert str(path) in text and "has not changed" in text and "backups" not in text  # none exist here
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_the_chosen_theme_is_remembered(repository, make_test_app, tmp_path):
    settings_path = tmp_path / "config" / "settings.json"
    app = make_test_app(repository, settings_path=settings_path)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "tricot-dark"
        app.theme = "tricot-light"
        await pilot.pause()
    assert json.loads(settings_path.read_text())["theme"] == "tricot-light"
    again = make_test_app(repository, settings=Settings(theme="tricot-light"))
    async with again.run_test(size=SIZE):
        assert again.theme == "tricot-light"


async def test_an_unsaved_entry_survives_the_app_dying_and_can_be_reopened(repository, make_test_app, clock):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await start_entry(pilot, "half a thought about @Karine")
        await pilot.pause(EntryEditor.DRAFT_DELAY + 0.3)
    # The app is gone without saving (a closed terminal, a crash): the draft is on disk.
    assert repository.entries() == []
    reopened = JournalRepository.open(repository.path.parent, clock)
    assert [d.body for d in reopened.drafts()] == ["half a thought about @Karine"]
    app = make_test_app(reopened)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        assert app.screen.query_one(TextArea).text == "half a thought about @Karine"
        app.screen.query_one(TextArea).insert(", finished")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [e.body for e in reopened.entries()] == ["half a thought about @Karine, finished"]
    assert reopened.drafts() == []


async def test_discarding_an_entry_discards_its_draft(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await start_entry(pilot, "never mind")
        await pilot.pause(EntryEditor.DRAFT_DELAY + 0.3)
        assert len(repository.drafts()) == 1
        await pilot.press("escape", "y")
        await pilot.pause()
        assert repository.drafts() == []
