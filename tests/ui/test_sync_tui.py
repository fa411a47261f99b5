"""The app and a second device: what a merge brings shows at once, and is said once, quietly."""

from __future__ import annotations

import os

from journal.domain.models import Entry
from journal.store.repository import JournalRepository


async def test_a_conflict_copy_arriving_while_the_app_is_open_is_merged_and_said_once(
    repository, data_dir, clock, tmp_path, make_test_app
):
    repository.save_entry(Entry(at=clock.now(), body="written here"))
    app = make_test_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        other = tmp_path / "laptop"
        JournalRepository.open(other, clock, state_dir=tmp_path / "laptop-state").save_entry(
            Entry(at=clock.now(), body="written on the laptop")
        )
        os.replace(other / "journal.json", data_dir / "journal.sync-conflict-20261122-101500-ABCDEFG.json")
        assert app.check_for_changes()
        await pilot.pause()
        assert sorted(e.body for e in repository.entries_on(clock.today())) == ["written here", "written on the laptop"]
        said = [n for n in app._notifications if n.title == "Sync"]
        assert len(said) == 1 and "written on the laptop" not in said[0].message
        assert "1 change" in said[0].message and said[0].severity == "information"
        assert not app.check_for_changes()  # merged once, put away: nothing more to say
        assert len([n for n in app._notifications if n.title == "Sync"]) == 1
    assert not list(data_dir.glob("journal.sync-conflict-*"))
    assert sorted(e.body for e in JournalRepository.open(data_dir, clock).entries()) == [
        "written here",
        "written on the laptop",
    ]


async def test_an_older_copy_put_back_under_the_open_app_loses_nothing(repository, data_dir, clock, make_test_app):
    repository.save_entry(Entry(at=clock.now(), body="first"))
    older = (data_dir / "journal.json").read_bytes()
    app = make_test_app(repository)
    async with app.run_test(size=(120, 40)) as pilot:
        repository.save_entry(Entry(at=clock.now(), body="second, after the copy"))
        (data_dir / "journal.json.incoming").write_bytes(older)
        os.replace(data_dir / "journal.json.incoming", data_dir / "journal.json")  # as a sync tool does
        app.check_for_changes()
        await pilot.pause()
        assert any(n.title == "Sync" for n in app._notifications)
    assert sorted(e.body for e in JournalRepository.open(data_dir, clock).entries()) == ["first", "second, after the copy"]


async def test_merges_are_said_once_a_session_however_often_the_sync_tool_picks_a_winner(
    repository, data_dir, clock, make_test_app
):
    repository.save_entry(Entry(at=clock.now(), body="first"))
    app = make_test_app(repository)
    async with app.run_test(size=(80, 24)) as pilot:
        for round in range(3):
            older = (data_dir / "journal.json").read_bytes()
            repository.save_entry(Entry(at=clock.now(), body=f"round {round}"))
            (data_dir / "incoming").write_bytes(older)
            os.replace(data_dir / "incoming", data_dir / "journal.json")
            app.check_for_changes()
            await pilot.pause()
        assert len([n for n in app._notifications if n.title == "Sync"]) == 1
    assert len(JournalRepository.open(data_dir, clock).entries()) == 4
