"""The app around the Today screen: palette, export, quitting from the editor, notices, the edges of the calendar."""

from __future__ import annotations

import json
from datetime import date, datetime

from textual.command import CommandPalette
from textual.widgets import Footer, Input, TextArea

from journal.domain.models import Entry
from journal.store import JournalCorrupt
from journal.store.repository import JournalRepository
from journal.tui.screens.modals.confirm import ConfirmScreen
from journal.tui.screens.modals.entry_editor import EntryEditor
from journal.tui.screens.modals.export import ExportScreen
from journal.tui.screens.modals.help import HelpScreen
from journal.tui.screens.problem import ProblemScreen
from journal.tui.screens.today import TodayScreen

SIZE = (120, 40)


def footer_text(app) -> str:
    return " ".join(str(widget.render()) for widget in app.screen.query(Footer).first().query("*"))


async def palette(pilot, query: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query) if query else None
    await pilot.pause(0.3)
    return [str(option.prompt) for option in pilot.app.screen.query("CommandList").first()._options]


async def test_the_palette_offers_tricots_actions_and_not_textuals_broken_ones(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        names = " | ".join(await palette(pilot, ""))
        for name in ("New entry", "Today", "Export to Markdown", "Theme", "Keys", "Quit"):
            assert name in names, names
        assert "Screenshot" not in names and "Maximize" not in names


async def test_keys_from_the_palette_opens_tricots_help_which_escape_closes(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "keys")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_go_to_a_day_typed_in_the_palette(repository, make_test_app):
    repository.save_entry(Entry(at=datetime(2026, 3, 14, 9, 0), body="pi day"))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        options = await palette(pilot, "2026-03-14")
        assert options[0].startswith("Go to Saturday 14 March 2026")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.day == date(2026, 3, 14)
        for words, day in (("hier", date(2026, 11, 20)), ("yesterday", date(2026, 11, 20)), ("today", date(2026, 11, 21))):
            await palette(pilot, words)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.day == day, words


async def test_a_future_day_in_the_palette_is_refused(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        options = await palette(pilot, "2027-01-01")
        assert "future" in options[0]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.day == date(2026, 11, 21)


async def test_export_from_the_app_writes_the_month_and_asks_before_replacing(repository, make_test_app, tmp_path):
    repository.save_entry(Entry(at=datetime(2026, 11, 20, 9, 0), body="coffee with @Karine"))
    app = make_test_app(repository)
    target = tmp_path / "out.md"
    async with app.run_test(size=SIZE) as pilot:
        app.action_export()
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.05)
            if target.exists():
                break
        assert "coffee with @Karine" in target.read_text()
        await pilot.pause(0.2)
        assert isinstance(app.screen, TodayScreen)
        target.write_text("my own notes")
        app.action_export()
        await pilot.pause()
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert target.read_text() == "my own notes"


async def test_export_from_the_app_never_targets_the_journal(repository, make_test_app):
    repository.save_entry(Entry(at=datetime(2026, 11, 20, 9, 0), body="x"))
    before = repository.path.read_bytes()
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        app.action_export()
        await pilot.pause()
        app.screen.query_one(Input).value = str(repository.path)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "journal itself" in str(app.screen.query_one("#export-error").render())
    assert repository.path.read_bytes() == before


async def test_ctrl_q_in_the_editor_keeps_a_draft_and_asks(repository, make_test_app):
    """Found by a tester: ctrl+q in the editor did nothing and said nothing."""
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("half a thought")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert [d.body for d in repository.drafts()] == ["half a thought"]
        await pilot.press("escape")  # keep writing
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert not app.is_running
    assert [d.body for d in repository.drafts()] == ["half a thought"]


async def test_ctrl_q_in_an_untouched_editor_quits(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_the_draft_notice_goes_once_the_draft_is_reopened(repository, make_test_app, clock):
    """Found by a tester: "Draft kept … press r" stayed 20 s after the draft was reopened and saved."""
    repository.keep_draft(Entry(at=clock.now(), body="unsaved words"))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("press r" in n.message.lower() for n in app._notifications)
        await pilot.press("r")
        await pilot.pause()
        assert not any("press r" in n.message.lower() for n in app._notifications)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [e.body for e in repository.entries()] == ["unsaved words"]


async def test_the_footer_at_80_columns_keeps_quit_and_hides_edit_on_an_empty_day(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = {key for key, b in app.screen.active_bindings.items() if b.enabled and b.binding.show}
        assert "e" not in keys and "d" not in keys
        footer = app.screen.query_one(Footer)
        shown = list(footer.query("FooterKey"))
        quit_key = [w for w in shown if w.key == "q"]
        assert quit_key and quit_key[0].region.right <= 80 and quit_key[0].region.width > 0
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("an entry")
        await pilot.press("ctrl+s")
        await pilot.pause()
        keys = {key for key, b in app.screen.active_bindings.items() if b.enabled and b.binding.show}
        assert {"e", "d"} <= keys


async def test_the_ends_of_the_calendar_never_crash(tmp_path, make_test_app, clock):
    """Found by a tester: `{` to a year-1 entry, then `[`, raised OverflowError."""
    data_dir = tmp_path / "journal"
    data_dir.mkdir()
    tables = {
        "meta": {"schema": {"schema_version": 1}},
        "entries": {"old": {"at": "0001-01-01T08:00:00", "body": "from the first day of the calendar"}},
    }
    (data_dir / "journal.json").write_text(json.dumps(tables))
    repository = JournalRepository.open(data_dir, clock)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left_curly_bracket")
        await pilot.pause()
        assert app.screen.day == date(1, 1, 1)
        await pilot.press("left_square_bracket", "n")
        await pilot.pause()
        assert app.screen.day == date(1, 1, 1) and isinstance(app.screen, TodayScreen)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.day == date(1, 1, 2)


async def test_a_backup_that_cannot_be_kept_is_said_once(repository, make_test_app):
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 0), body="first"))
    (repository.path.parent / "backups").write_text("in the way")
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        for text in ("second", "third"):
            await pilot.press("n")
            await pilot.pause()
            app.screen.query_one(TextArea).insert(text)
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert len(repository.entries()) == 3
        warnings = [n for n in app._notifications if "backups" in n.message.lower()]
        assert len(warnings) == 1


async def test_the_problem_screen_names_the_backup_to_restore(tmp_path, make_test_app, clock):
    data_dir = tmp_path / "journal"
    repository = JournalRepository.open(data_dir, clock)
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 0), body="first"))
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 9, 0), body="second"))
    (data_dir / "journal.json").write_bytes(b"{oops")
    try:
        JournalRepository.open(data_dir, clock)
    except JournalCorrupt as error:
        problem = error
    app = make_test_app(None, problem=problem)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProblemScreen)
        advice = str(app.screen.query_one("#problem-advice").render())
        assert "cp " in advice and "journal-2026-11-21.json" in advice


async def test_drafts_that_cannot_be_kept_are_said_once(repository, make_test_app, monkeypatch):
    def unwritable(entry):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(repository, "keep_draft", unwritable)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        for word in ("one", " two", " three"):
            app.screen.query_one(TextArea).insert(word)
            await pilot.pause(0.7)  # past the draft delay
        warning = app.screen.query_one("#editor-warning")
        assert warning.display and "Drafts cannot be kept" in str(warning.render())
        assert not [n for n in app._notifications if "Drafts" in n.message]  # no toast over the editor
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [e.body for e in repository.entries()] == ["one two three"]


async def test_a_long_confirmation_wraps_instead_of_being_cut(repository, make_test_app):
    detail = "What you wrote is kept as a draft: press r when Tricot starts to reopen it, tomorrow or later."
    app = make_test_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ConfirmScreen("Quit Tricot?", detail))
        await pilot.pause()
        lines = ["".join(s.text for s in strip) for strip in app.screen._compositor.render_strips()]
        drawn = " ".join(" ".join(line.replace("█", " ").split()) for line in lines)
        assert "tomorrow or later." in drawn


async def test_records_that_cannot_be_read_are_said_at_start(tmp_path, make_test_app, clock):
    """Found by a saboteur: the notice was checked before any entry had been read, so it never showed."""
    data_dir = tmp_path / "journal"
    data_dir.mkdir()
    tables = {
        "meta": {"schema": {"schema_version": 1}},
        "entries": {
            "ok": {"at": "2026-11-21T09:00:00", "body": "fine"},
            "bad": {"at": "2026-11-21T10:00:00", "body": "odd", "kind": "party"},
            "old": {"at": "2025-02-30T10:00:00", "body": "no such day"},
        },
    }
    (data_dir / "journal.json").write_text(json.dumps(tables))
    app = make_test_app(JournalRepository.open(data_dir, clock))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(20):
            await pilot.pause(0.05)
        said = [n.message for n in app._notifications if "could not be read" in n.message]
        assert len(said) == 1 and said[0].startswith("2 records")


async def test_the_footer_at_80_columns_keeps_quit_with_every_key_offered(repository, make_test_app, clock):
    """Found by a saboteur: with a draft waiting, `r Reopen draft` pushed `q Quit` off the footer."""
    repository.save_entry(Entry(at=datetime(2026, 11, 20, 8, 0), body="yesterday"))
    repository.keep_draft(Entry(at=clock.now(), body="unsaved"))
    app = make_test_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("left_square_bracket")  # a past day with an entry: every key is offered
        await pilot.pause()
        footer = app.screen.query_one(Footer)
        keys = {w.key: w for w in footer.query("FooterKey")}
        assert {"n", "e", "d", "t", "r", "q"} <= set(keys)
        palette_left = min(w.region.x for w in footer.query("*") if "palette" in str(getattr(w, "render", lambda: "")()))
        for key in ("q", "question_mark"):
            assert keys[key].region.right <= palette_left, key
        bottom = "".join(s.text for s in app.screen._compositor.render_strips()[-1:])
        assert "Day t" in bottom and "Dayt" not in bottom  # the group's label keeps its space


async def test_a_day_the_palette_cannot_read_says_why(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        options = await palette(pilot, "2026-02-30")
        assert "is not a day" in options[0]
        await pilot.press("escape")
        await pilot.pause()
        options = await palette(pilot, "1899-12-31")
        assert "before the journal starts" in options[0]


async def test_a_file_in_place_of_drafts_never_crashes_the_editor(repository, make_test_app):
    """Found by a saboteur: a `drafts` file made every way out of the editor crash the app."""
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 0), body="first"))
    (repository.path.parent / "drafts").write_text("in the way")
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("saved anyway")
        await pilot.pause(0.7)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one(TextArea).insert("discarded")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("n", "escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, TodayScreen)
    assert sorted(e.body for e in repository.entries()) == ["first", "saved anyway"]


async def test_editing_an_entry_keeps_the_seconds_of_its_time(repository, make_test_app):
    """Found by a second tester: a check-in's 03:40:30 became 03:40:00 at the first edit."""
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 3, 40, 30), body="from the shell"))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(TextArea).insert(", edited")
        await pilot.press("ctrl+s")
        await pilot.pause()
    (entry,) = repository.entries()
    assert entry.at == datetime(2026, 11, 21, 3, 40, 30) and entry.body.endswith("edited")


async def test_an_export_that_fails_behind_the_closed_dialog_says_so(repository, make_test_app, tmp_path, monkeypatch):
    from journal.store import atomic

    def full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "write_atomic", full)
    repository.save_entry(Entry(at=datetime(2026, 11, 20, 9, 0), body="x"))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        app.action_export()
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "out.md")
        await pilot.press("enter")
        for _ in range(50):
            await pilot.pause(0.05)
            if any("was not written" in n.message for n in app._notifications):
                break
        failed = [n.message for n in app._notifications if "was not written" in n.message]
        assert failed and "out.md" in failed[0] and "No space left" in failed[0]
