"""Two devices when things go wrong: a sync tool in the gap of a save, a damaged memory, odd
conflict copies, a bad setting, names made to attack the terminal. Found by a saboteur's pass."""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from journal.store import atomic
from journal.store import conflicts as conflicts_module
from journal.store import storage as storage_module
from journal.store.conflicts import is_conflict_copy
from journal.store.device import this_device
from journal.store.settings_file import load_settings, save_settings
from tests.unit.test_two_devices import SYNCTHING, cli, conflict, exchange, journal, sync_copy, two  # noqa: F401


def memory_folder(device) -> Path:
    (folder,) = [p for p in (device.state / "journals").iterdir() if "." not in p.name]
    return folder


# -- a sync tool replacing the file in the gap between a save's rename and its stat -----------


def test_write_atomic_gives_the_stat_of_what_it_wrote(tmp_path):
    target = tmp_path / "f.json"
    written = atomic.write_atomic(target, b"{}")
    st = os.stat(target)
    assert (written.st_ino, written.st_size, written.st_mtime_ns) == (st.st_ino, st.st_size, st.st_mtime_ns)


def test_a_file_replaced_right_after_a_save_does_not_pass_for_the_one_written(two, monkeypatch):
    a, b = two
    sync_copy(a.data, b.data)
    older = b.data.parent / "older.json"
    shutil.copy2(journal(b.data), older)
    real_write = storage_module.write_atomic

    def sync_tool_in_the_gap(path, data, **options):
        written = real_write(path, data, **options)
        os.replace(shutil.copy2(older, path.with_name("incoming")), path)  # the older copy wins the race
        return written

    monkeypatch.setattr(storage_module, "write_atomic", sync_tool_in_the_gap)
    b.write("written as the sync tool struck")
    monkeypatch.undo()
    assert "written as the sync tool struck" in b.bodies()  # remembered, so merged back


# -- a damaged memory costs only what is damaged ----------------------------------------------


@pytest.mark.parametrize("damage", [b"", b'{"half', b"[]", b'"x"', b"null"], ids=["empty", "torn", "list", "text", "null"])
def test_one_damaged_remembered_table_costs_only_itself(two, damage):
    a, b = two
    b.write("B only")
    (memory_folder(b) / "tables" / "meta.json").write_bytes(damage)
    older_bytes = journal(a.data).read_bytes()  # A's file, without "B only", put over B's
    journal(b.data).write_bytes(older_bytes)
    repository = b.open()
    assert sorted(e.body for e in repository.entries()) == ["B only", "shared start"]
    warnings = repository.take_warnings()
    assert any("meta" in w and "set aside" in w for w in warnings), warnings
    assert list((memory_folder(b) / "tables").glob("meta.damaged-*"))
    assert (memory_folder(b) / "tables" / "meta.json").exists()  # written afresh


@pytest.mark.parametrize("damage", [b"[]", b"5", b'"x"'])
def test_a_memory_table_of_the_wrong_shape_is_no_traceback(two, damage):
    a, b = two
    b.write("B only")
    (memory_folder(b) / "tables" / "entries.json").write_bytes(damage)
    journal(b.data).write_bytes(journal(a.data).read_bytes())
    repository = b.open()  # the entries this device remembered are gone with the damage; nothing else is
    assert [e.body for e in repository.entries()] == ["shared start"]
    assert any("entries" in w for w in repository.take_warnings())


# -- conflict copies out of the ordinary ------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "journal (Jean's MacBook Pro (2)'s conflicted copy 2026-11-22).json",
        "journal (Konfliktkopie von Jean 2026-11-22).json",
        "journal (copia en conflicto de Ana 2026-11-22) (1).json",
        "journal (copia in conflitto di Luca 2026-11-22).json",
        "journal (cópia em conflito de Ana 2026-11-22).json",
    ],
)
def test_dropbox_names_with_parentheses_and_in_other_languages_are_conflict_copies(name):
    assert is_conflict_copy(name, "journal.json")


@pytest.mark.parametrize("name", ["journal (a (b (c)) conflicted copy).json", "journal (x) conflicted copy (y).json"])
def test_odd_parentheses_are_not_conflict_copies(name):
    assert not is_conflict_copy(name, "journal.json")


def test_a_dangling_link_named_like_a_copy_is_refused_not_left_waiting(two, monkeypatch):
    a, b = two
    (a.data / SYNCTHING).symlink_to(a.data / "nowhere.json")
    repository = a.open()
    assert SYNCTHING in repository.storage.refused
    assert any("link to nothing" in w for w in repository.take_warnings())
    code, out, _ = cli(a, monkeypatch, "sync", "status")
    assert code == 0 and f"Refused: {SYNCTHING}" in out


def test_a_huge_conflict_copy_is_refused_without_reading_it(two, monkeypatch):
    a, b = two
    monkeypatch.setattr(storage_module, "COPY_SIZE_LIMIT", 1000)
    copy = a.data / SYNCTHING
    copy.write_bytes(b" " * 10_000_000)

    def never(path):
        raise AssertionError(f"read {path}")

    monkeypatch.setattr(storage_module, "read_regular", never)
    repository = a.open()
    assert "MB" in repository.storage.refused[SYNCTHING]
    assert copy.exists()


def test_a_copy_merged_across_file_systems_is_copied_then_removed(two, monkeypatch):
    a, b = two
    b.write("B in the copy")
    copy = conflict(b.data, a.data, SYNCTHING)
    real_rename = os.rename

    def other_file_system(source, destination):
        if Path(source) == copy:
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        return real_rename(source, destination)

    monkeypatch.setattr(conflicts_module.os, "rename", other_file_system)
    repository = a.open()
    assert "B in the copy" in [e.body for e in repository.entries()]
    assert not copy.exists()
    assert (a.data / "backups" / "merged" / SYNCTHING).exists()
    (notice,) = repository.take_notices()
    assert "It is kept in" in notice


def test_a_copy_that_cannot_be_moved_is_not_merged_again_and_again(two, monkeypatch):
    a, b = two
    b.write("B in the copy")
    copy = conflict(b.data, a.data, SYNCTHING)

    def read_only(source, destination):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(conflicts_module.os, "rename", read_only)
    repository = a.open()
    assert copy.exists()
    assert any("could not be moved" in w for w in repository.take_warnings())
    (notice,) = repository.take_notices()
    assert "kept in" not in notice  # it was not moved: the notice does not say it was
    for _ in range(5):
        a.later(seconds=1)
        repository.refresh()
    assert repository.take_notices() == []
    merges = repository.storage.memory.merges()
    assert not any(m["source"] == SYNCTHING and m["records"] == 0 for m in merges)


def test_the_merge_log_of_a_long_session_stays_short(two):
    a, b = two
    repository = a.open()
    for _ in range(storage_module.MERGES_KEPT + 10):
        repository.storage._log_merge("held", 1)
    assert len(repository.storage._merges) == storage_module.MERGES_KEPT


# -- a set-aside memory, and merging a file in by hand ----------------------------------------


def test_entries_of_a_journal_started_anew_can_be_merged_back_in(two, monkeypatch):
    """Laptop used before its first sync: its own journal, no record in common with the desktop's."""
    a, b = two
    shutil.rmtree(b.data)
    b.write("laptop before the first sync")
    sync_copy(a.data, b.data)  # the sync tool brings the desktop's journal over it
    repository = b.open()
    assert any("no record in common" in w for w in repository.take_warnings())
    code, out, _ = cli(b, monkeypatch, "sync", "status")
    assert code == 0 and "Set aside:" in out and "tricot sync merge-in" in out
    # Two: the shared journal's, set aside when the laptop started its own, and the laptop's own.
    aside = json.loads(cli(b, monkeypatch, "sync", "status", "--json")[1])["set_aside"]
    assert len(aside) == 2
    said = [cli(b, monkeypatch, "sync", "merge-in", folder)[1] for folder in aside]
    assert sum("Merged 1 record" in line for line in said) == 1 and sum("Nothing new" in line for line in said) == 1
    assert b.bodies() == ["laptop before the first sync", "shared start"]
    assert json.loads(cli(b, monkeypatch, "sync", "status", "--json")[1])["set_aside"] == []  # merged: no longer listed
    assert all(Path(folder + ".merged-in").is_dir() for folder in aside)  # but kept


def test_merging_in_a_backup_brings_back_what_was_deleted_only_if_deleted_before(two, monkeypatch, tmp_path):
    a, b = two
    (kept,) = a.write("kept")
    backup = tmp_path / "backup.json"
    shutil.copy2(journal(a.data), backup)
    a.write("after the backup")
    code, out, _ = cli(a, monkeypatch, "sync", "merge-in", str(backup))
    assert code == 0 and "Nothing new" in out
    assert a.bodies() == ["after the backup", "kept", "shared start"]


@pytest.mark.parametrize("content", [b"", b"not json", b'{"entries": {}}'])
def test_merging_in_something_not_a_journal_changes_nothing(two, monkeypatch, tmp_path, content):
    a, b = two
    before = journal(a.data).read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    code, _, err = cli(a, monkeypatch, "sync", "merge-in", str(bad))
    assert code == 2 and err.startswith("tricot: ") and "Traceback" not in err
    assert journal(a.data).read_bytes() == before


def test_merging_in_a_folder_not_set_aside_by_tricot_is_refused(two, monkeypatch, tmp_path):
    a, b = two
    code, _, err = cli(a, monkeypatch, "sync", "merge-in", str(tmp_path))
    assert code == 2 and "tables/" in err


# -- what reaches the terminal -------------------------------------------------------------


def test_control_characters_in_a_copys_name_never_reach_the_terminal(two, monkeypatch):
    a, b = two
    name = "journal (\x1b[2J\u202eMarie's conflicted copy 2026-11-22).json"
    (a.data / name).write_bytes(b"not a journal")
    code, out, err = cli(a, monkeypatch, "sync", "status")
    assert code == 0
    for stream in (out, err):
        assert "\x1b" not in stream and "\u202e" not in stream


def test_a_merge_log_with_odd_values_prints_plainly(two, monkeypatch):
    a, b = two
    folder = memory_folder(a)
    state = json.loads((folder / "sync.json").read_text())
    state["merges"] = [{"at": "x", "source": "held", "records": True}, {"at": None, "source": 5, "records": "3"}]
    (folder / "sync.json").write_text(json.dumps(state))
    code, out, _ = cli(a, monkeypatch, "sync", "status")
    assert code == 0 and "True" not in out and "0 records" in out


# -- settings from a conflict copy --------------------------------------------------------------


def test_a_settings_copy_with_a_bad_value_is_left_and_the_settings_kept(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(path, load_settings(path)[0].__class__(theme="textual-light"), ["theme"], _now())
    copy = tmp_path / "settings.sync-conflict-20261122-101500-ABCDEFG.json"
    copy.write_text(json.dumps({"cadence_r1": "often", "theme": "nord", "_changed": {"theme": "9999-01-01T00:00:00.000000Z"}}))
    settings, problem = load_settings(path)
    assert settings.theme == "textual-light"
    assert copy.exists() and "cadence_r1" in problem


def test_a_bad_value_in_the_settings_costs_only_its_own_key(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": "nord", "cadence_r2": "soon"}))
    settings, problem = load_settings(path)
    assert settings.theme == "nord" and settings.cadence_r2 == 45
    assert "cadence_r2" in problem


def test_settings_copies_put_away_never_replace_one_another(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("{}")
    name = "settings.sync-conflict-20261122-101500-ABCDEFG.json"
    for theme in ("nord", "dracula"):
        (tmp_path / name).write_text(json.dumps({"theme": theme}))
        load_settings(path)
    kept = sorted(p.name for p in (tmp_path / "backups" / "merged").iterdir())
    assert len(kept) == 2


def _now():
    from datetime import datetime, timezone

    return datetime(2026, 11, 22, 10, tzinfo=timezone.utc)


# -- the device's own file -------------------------------------------------------------------


def test_a_folder_where_the_device_file_should_be_is_named(tmp_path):
    (tmp_path / "device.json").mkdir()
    device = this_device(tmp_path)
    assert device.state_dir is None and "is a folder" in device.problem


# -- a file written in place, seen half written --------------------------------------------------


def test_a_journal_seen_half_written_is_read_again_once_it_is_whole(two, monkeypatch):
    a, b = two
    repository = a.open()
    whole = journal(a.data).read_bytes()
    real_read = storage_module.JournalStorage._read_file
    calls = []

    def half_then_whole(self, target):
        calls.append(target)
        if len(calls) == 1:
            target.write_bytes(whole[: len(whole) // 2])  # `cp` caught in the middle
            data, st = real_read(self, target)
            target.write_bytes(whole)  # ...and done a moment later
            os.utime(target, ns=(st.st_mtime_ns + 10_000_000,) * 2)
            return data, st
        return real_read(self, target)

    monkeypatch.setattr(storage_module.JournalStorage, "_read_file", half_then_whole)
    os.utime(journal(a.data), ns=(1, 1))  # changed: the refresh reads it
    repository.refresh()
    assert len(calls) == 2 and [e.body for e in repository.entries()] == ["shared start"]


def test_a_journal_that_stays_damaged_is_still_refused(two):
    a, b = two
    journal(a.data).write_bytes(b'{"half')
    from journal.store import JournalError

    with pytest.raises(JournalError):
        a.open()
