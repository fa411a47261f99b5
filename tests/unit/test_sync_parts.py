"""The parts two devices stand on: conflict-copy names, the device id, settings by key, `tricot sync`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from journal.domain.models import Entry
from journal.domain.settings import Settings
from journal.store.conflicts import conflict_copies, is_conflict_copy
from journal.store.device import this_device
from journal.store.repository import JournalRepository
from journal.store.settings_file import load_settings, merge_settings, save_settings
from tests.unit.test_cli import run

ROOT = Path(__file__).resolve().parents[2]


# -- conflict copies -------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "journal.sync-conflict-20261122-101500-ABCDEFG.json",  # Syncthing
        "journal (Someone's conflicted copy 2026-11-22).json",  # Dropbox
        "journal (Marie's conflicted copy 2026-11-22) (1).json",
        "journal (copie en conflit de Marie 2026-11-22).json",  # Dropbox in French
        "journal (conflicted copy 2026-11-22 101500).json",  # Nextcloud
        "journal_conflict-20261122-101500.json",  # ownCloud, older Nextcloud
    ],
)
def test_each_sync_tools_conflict_copy_is_recognised(name):
    assert is_conflict_copy(name, "journal.json")


@pytest.mark.parametrize(
    "name",
    [
        "journal.json",
        ".~journal.json.abc.tmp",  # our own temp file, mid-save
        "journal-2026-11-22.json",  # a daily backup
        "notes.sync-conflict-20261122-101500-ABCDEFG.json",  # another file's copy
        "journal.sync-conflict-20261122-101500-ABCDEFG.json.tmp",
        "journal (1).json",
        "journal (conflicted copy 2026-11-22 101500).md",
    ],
)
def test_other_files_are_not_conflict_copies(name):
    assert not is_conflict_copy(name, "journal.json")


def test_conflict_copies_are_listed_in_one_order_on_every_device(tmp_path):
    for name in ("journal_conflict-20261122-101500.json", "journal.sync-conflict-20261121-090000-B.json", "x.json"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in conflict_copies(tmp_path, "journal.json")] == [
        "journal.sync-conflict-20261121-090000-B.json",
        "journal_conflict-20261122-101500.json",
    ]
    assert conflict_copies(tmp_path / "missing", "journal.json") == []


# -- the device ---------------------------------------------------------------------


def test_the_device_id_is_made_once_and_kept(tmp_path):
    first = this_device(tmp_path / "state")
    assert first.id and first.problem is None
    assert this_device(tmp_path / "state") == first
    assert (tmp_path / "state" / "device.json").stat().st_mode & 0o077 == 0


def test_two_processes_starting_at_once_agree_on_one_id(tmp_path):
    script = "import sys; from pathlib import Path; from journal.store.device import this_device; print(this_device(Path(sys.argv[1])).id)"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path / "state")],
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        for _ in range(6)
    ]
    ids = {p.communicate()[0].strip() for p in processes}
    assert len(ids) == 1


def test_a_damaged_device_file_is_replaced_and_said(tmp_path):
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "device.json").write_text("{not json")
    device = this_device(tmp_path / "state")
    assert device.problem and "new id" in device.problem
    assert this_device(tmp_path / "state").id == device.id


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_a_state_dir_that_cannot_be_written_still_opens_the_journal(tmp_path, data_dir, clock):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    repository = JournalRepository.open(data_dir, clock, state_dir=locked / "state")
    repository.save_entry(Entry(at=clock.now(), body="still saved"))
    assert [e.body for e in JournalRepository.open(data_dir, clock).entries()] == ["still saved"]
    assert any("cannot be written" in w for w in repository.take_warnings())


def test_a_state_dir_that_is_a_file_still_opens_the_journal(tmp_path, data_dir, clock):
    (tmp_path / "state-file").write_text("not a folder")
    repository = JournalRepository.open(data_dir, clock, state_dir=tmp_path / "state-file")
    repository.save_entry(Entry(at=clock.now(), body="still saved"))
    assert repository.storage.device.state_dir is None
    assert any("cannot be written" in w for w in repository.take_warnings())


# -- settings, key by key ----------------------------------------------------------------


def test_settings_merge_key_by_key_the_later_change_winning():
    laptop = {"theme": "nord", "monthly_freezes": 3, "_changed": {"theme": "2026-11-22T10:00:00.000000Z"}}
    desktop = {"theme": "gruvbox", "cadence_r1": 10, "_changed": {"theme": "2026-11-22T11:00:00.000000Z"}}
    merged = merge_settings(laptop, desktop)
    assert merged["theme"] == "gruvbox" and merged["monthly_freezes"] == 3 and merged["cadence_r1"] == 10
    assert merge_settings(desktop, laptop) == merged
    assert merge_settings(merged, merged) == merged


def test_saving_a_setting_keeps_what_another_tricot_changed_meanwhile(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(path, Settings(theme="nord"), ("theme",), datetime(2026, 11, 22, 10, tzinfo=timezone.utc))
    doc = json.loads(path.read_text())
    doc["monthly_freezes"] = 4  # changed by another Tricot (or by hand) since this one loaded
    path.write_text(json.dumps(doc))
    save_settings(path, Settings(theme="gruvbox"), ("theme",), datetime(2026, 11, 22, 11, tzinfo=timezone.utc))
    settings, problem = load_settings(path)
    assert (settings.theme, settings.monthly_freezes, problem) == ("gruvbox", 4, None)


def test_a_conflict_copy_of_the_settings_is_merged_and_put_away(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(path, Settings(theme="nord"), ("theme",), datetime(2026, 11, 22, 10, tzinfo=timezone.utc))
    copy = tmp_path / "settings.sync-conflict-20261122-110000-ABCDEFG.json"
    save_settings(copy, Settings(theme="gruvbox"), ("theme",), datetime(2026, 11, 22, 11, tzinfo=timezone.utc))
    broken = tmp_path / "settings (conflicted copy 2026-11-22 120000).json"
    broken.write_text("{oops")
    settings, problem = load_settings(path)
    assert settings.theme == "gruvbox"
    assert json.loads(path.read_text())["theme"] == "gruvbox"
    assert not copy.exists() and (tmp_path / "backups" / "merged" / copy.name).exists()
    assert broken.exists() and problem and broken.name in problem


# -- tricot sync ------------------------------------------------------------------


def _conflict(data_dir: Path, name: str, bodies: list[str], clock, state_dir: Path) -> None:
    """A journal written by another device, left under a sync tool's conflict name."""
    other = state_dir.parent / f"other-{name[:8]}"
    repository = JournalRepository.open(other, clock, state_dir=state_dir)
    for body in bodies:
        repository.save_entry(Entry(at=clock.now(), body=body))
    os.replace(other / "journal.json", data_dir / name)


def test_sync_status_shows_the_device_the_merges_and_what_was_refused(data_dir, clock, tmp_path):
    assert run(["--data-dir", str(data_dir), "checkin", "from this device"], clock)[0] == 0
    _conflict(data_dir, "journal.sync-conflict-20261122-101500-ABCDEFG.json", ["from the laptop"], clock, tmp_path / "laptop")
    (data_dir / "journal (Someone's conflicted copy 2026-11-22).json").write_text("not a journal")
    code, out, err = run(["--data-dir", str(data_dir), "sync", "status"], clock)
    assert code == 0, err
    device = json.loads((tmp_path / "state" / "device.json").read_text())["id"]
    assert f"This device: {device}" in out
    assert "1 record from journal.sync-conflict-20261122-101500-ABCDEFG.json" in out
    assert "Refused: journal (Someone's conflicted copy 2026-11-22).json" in out
    assert "1 merged conflict copy is kept in" in out
    assert "Merged changes from another device" in err and "cannot be merged" in err
    code, out, _ = run(["--data-dir", str(data_dir), "sync", "status", "--json"], clock)
    report = json.loads(out)
    assert report["device"]["id"] == device
    assert report["merges"][0]["records"] == 1
    assert list(report["refused"]) == ["journal (Someone's conflicted copy 2026-11-22).json"]
    assert report["merged_copies_kept"]["files"] == ["journal.sync-conflict-20261122-101500-ABCDEFG.json"]
    code, out, _ = run(["--data-dir", str(data_dir), "export"], clock)
    assert "from this device" in out and "from the laptop" in out


def test_sync_without_an_action_says_which_there_are(data_dir, clock):
    code, _, err = run(["--data-dir", str(data_dir), "sync"], clock)
    assert code == 1 and "sync status" in err


def test_the_git_merge_driver_merges_theirs_into_ours(tmp_path, clock):
    ours_dir, theirs_dir = tmp_path / "ours", tmp_path / "theirs"
    shared = Entry(at=clock.now(), body="written before the branches")
    JournalRepository.open(ours_dir, clock, state_dir=tmp_path / "s1").save_entry(shared)
    theirs_dir.mkdir()
    (theirs_dir / "journal.json").write_bytes((ours_dir / "journal.json").read_bytes())
    JournalRepository.open(ours_dir, clock, state_dir=tmp_path / "s1").save_entry(Entry(at=clock.now(), body="ours"))
    other = JournalRepository.open(theirs_dir, clock, state_dir=tmp_path / "s2")
    other.save_entry(Entry(at=clock.now(), body="theirs"))
    other.delete_entry(shared.id)
    ours, theirs = ours_dir / "journal.json", theirs_dir / "journal.json"
    code, _, err = run(["sync", "merge", str(tmp_path / "base"), str(ours), str(theirs)], clock)
    assert code == 0, err
    merged = JournalRepository.open(ours_dir, clock, state_dir=tmp_path / "s3")
    assert sorted(e.body for e in merged.entries()) == ["ours", "theirs"]  # the deletion too
    theirs.write_text("<<<<<<< HEAD")
    before = ours.read_bytes()
    code, _, err = run(["sync", "merge", str(tmp_path / "base"), str(ours), str(theirs)], clock)
    assert code == 1 and "not valid JSON" in err
    assert ours.read_bytes() == before


def test_sync_status_does_not_wait_on_a_busy_journal(data_dir, clock):
    """Opening merges, which takes the write lock only when there is something to write."""
    assert run(["--data-dir", str(data_dir), "checkin", "x"], clock)[0] == 0
    repository = JournalRepository.open(data_dir, clock)
    done = threading.Event()
    with repository.storage.transaction():
        thread = threading.Thread(target=lambda: (run(["--data-dir", str(data_dir), "sync", "status"], clock), done.set()))
        thread.start()
        assert done.wait(5)
    thread.join()


def test_conflict_copies_beside_a_linked_journal_are_found_in_the_synced_folder(tmp_path, data_dir, clock):
    synced = tmp_path / "Sync"
    JournalRepository.open(synced, clock).save_entry(Entry(at=clock.now(), body="mine"))
    data_dir.mkdir()
    (data_dir / "journal.json").symlink_to(synced / "journal.json")
    _conflict(synced, "journal (conflicted copy 2026-11-22 101500).json", ["theirs"], clock, tmp_path / "laptop")
    repository = JournalRepository.open(data_dir, clock)
    assert sorted(e.body for e in repository.entries()) == ["mine", "theirs"]
    assert (data_dir / "journal.json").is_symlink()
    assert not any(synced.glob("journal (*"))
    assert (data_dir / "backups" / "merged" / "journal (conflicted copy 2026-11-22 101500).json").exists()


def test_a_copy_of_the_journal_opened_elsewhere_is_left_as_it_is(tmp_path, data_dir, clock):
    """A backup opened to look at it is not this device's journal going back in time."""
    repository = JournalRepository.open(data_dir, clock)
    repository.save_entry(Entry(at=clock.now(), body="first"))
    snapshot = tmp_path / "looking-at-a-backup"
    snapshot.mkdir()
    (snapshot / "journal.json").write_bytes((data_dir / "journal.json").read_bytes())
    repository.save_entry(Entry(at=clock.now(), body="second"))
    before = (snapshot / "journal.json").read_bytes()
    assert [e.body for e in JournalRepository.open(snapshot, clock).entries()] == ["first"]
    assert (snapshot / "journal.json").read_bytes() == before
