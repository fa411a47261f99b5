"""What a saboteur, a sync tool or a `sudo` can do to the journal's folder, and what the store does about it."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from journal.domain.models import Entry
from journal.store import JournalCorrupt
from journal.store.atomic import ensure_private_dir, remove_stale_temps, write_atomic
from journal.store.errors import JournalMissing, JournalUnreadable, WriteFailed
from journal.store.lock import FileLock
from journal.store.repository import JournalRepository

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("writer_process.py")
LONG = os.environ.get("TRICOT_LONG_TESTS") == "1"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def entry(body: str = "coffee with @Karine", **kw) -> Entry:
    return Entry(at=datetime(2026, 11, 21, 9, 30), body=body, **kw)


def _writer(data_dir: Path, count: int, prefix: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), str(count), prefix], stdout=subprocess.PIPE, text=True, env=env
    )


# -- the lock -------------------------------------------------------------------


def test_deleting_or_replacing_lock_files_never_lets_two_writers_in(data_dir, clock):
    """Found by a saboteur: removing .journal.json.lock once lost 4 of 160 acknowledged check-ins."""
    repository = JournalRepository.open(data_dir, clock)
    repository.save_entries(entry("old " + "y" * 500) for _ in range(2000))  # saves take a few ms
    stop = threading.Event()

    def saboteur() -> None:
        # What `rm` or a sync tool does to anything that looks like a lock.
        while not stop.is_set():
            for name in (".journal.json.lock", "journal.json.lock"):
                path = data_dir / name
                with contextlib.suppress(OSError):  # a writer may hold it open: try again next round
                    path.unlink()
                    path.write_bytes(b"")
            time.sleep(0.001)

    thread = threading.Thread(target=saboteur, daemon=True)
    thread.start()
    count, writers = (40, 8) if LONG else (12, 6)
    try:
        procs = [_writer(data_dir, count, f"w{n}-") for n in range(writers)]
        acknowledged = []
        for proc in procs:
            out, _ = proc.communicate(timeout=180)
            assert proc.returncode == 0
            acknowledged += out.split()
    finally:
        stop.set()
        thread.join()
    assert len(acknowledged) == writers * count
    on_disk = json.loads((data_dir / "journal.json").read_bytes())["entries"]
    missing = set(acknowledged) - set(on_disk)
    assert not missing, f"{len(missing)} acknowledged saves lost"


def test_a_lock_on_a_path_that_was_replaced_is_taken_again(tmp_path):
    """Take the lock, find the path now names another file: let go and lock what the path names."""
    path = tmp_path / "lockfile"
    lock = FileLock(path, timeout=1)
    real_open = os.open
    swapped = []

    def open_then_swap(name, flags, mode=0o777):
        fd = real_open(name, flags, mode)
        if not swapped:  # between our open and our check, someone replaces the file
            swapped.append(True)
            os.unlink(path)
            path.write_bytes(b"")
        return fd

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "open", open_then_swap)
        with lock:
            held = os.fstat(lock._fd)
            named = os.stat(path)
            assert (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


# -- symbolic links --------------------------------------------------------------


def linked_journal(tmp_path: Path, clock, body: str) -> tuple[Path, Path]:
    """A journal with one entry in `cloud/`, and a data dir whose journal.json links to it."""
    cloud = tmp_path / "cloud"
    cloud.mkdir()
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    JournalRepository.open(cloud, clock).save_entry(entry(body))
    (data_dir / "journal.json").symlink_to(cloud / "journal.json")
    return cloud, data_dir


def test_a_symlinked_journal_is_written_through_and_stays_a_link(tmp_path, clock):
    cloud, data_dir = linked_journal(tmp_path, clock, "written in the cloud folder")

    repository = JournalRepository.open(data_dir, clock)
    repository.save_entry(entry("written through the link"))

    assert (data_dir / "journal.json").is_symlink()
    bodies = {doc["body"] for doc in json.loads((cloud / "journal.json").read_bytes())["entries"].values()}
    assert bodies == {"written in the cloud folder", "written through the link"}
    assert not [p for p in data_dir.iterdir() if p.name.endswith(".tmp")]


def test_a_symlinked_settings_file_stays_a_link(tmp_path):
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "settings.json").write_text("{}")
    link = tmp_path / "config" / "settings.json"
    link.parent.mkdir()
    link.symlink_to(dotfiles / "settings.json")
    write_atomic(link, b'{"theme": "tricot-light"}')
    assert link.is_symlink()
    assert json.loads((dotfiles / "settings.json").read_bytes()) == {"theme": "tricot-light"}


def test_a_dangling_link_is_an_error_never_an_empty_journal(tmp_path, clock):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "journal.json").symlink_to(tmp_path / "unmounted" / "journal.json")
    with pytest.raises(JournalMissing, match="link") as caught:
        JournalRepository.open(data_dir, clock)
    assert "synced folder" in caught.value.advice
    assert not (tmp_path / "unmounted").exists()


def test_a_link_that_goes_dangling_while_open_refuses_to_save(tmp_path, clock):
    cloud, data_dir = linked_journal(tmp_path, clock, "first")
    repository = JournalRepository.open(data_dir, clock)
    (cloud / "journal.json").rename(tmp_path / "elsewhere.json")  # the synced folder went away
    with pytest.raises(JournalMissing):
        repository.save_entry(entry("second"))
    assert not (cloud / "journal.json").exists()


# -- files that are not journals ---------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_in_the_journals_place_is_refused_without_hanging(data_dir, clock):
    data_dir.mkdir()
    os.mkfifo(data_dir / "journal.json")
    with pytest.raises(JournalUnreadable, match="not a regular file"):
        JournalRepository.open(data_dir, clock)


def test_a_folder_in_the_journals_place_is_refused(data_dir, clock):
    (data_dir / "journal.json").mkdir(parents=True)
    with pytest.raises(JournalUnreadable, match="folder"):
        JournalRepository.open(data_dir, clock)


def test_a_file_that_cannot_be_read_says_so_and_not_that_a_sync_tool_broke_it(data_dir, clock, monkeypatch):
    JournalRepository.open(data_dir, clock).save_entry(entry())
    real_open = os.open

    def denied(path, flags, *args):
        if str(path).endswith("journal.json"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(JournalUnreadable, match="Permission denied") as caught:
        JournalRepository.open(data_dir, clock)
    assert "ls -l" in caught.value.advice and "sync" not in caught.value.line()


@pytest.mark.skipif(IS_ROOT, reason="root reads any file")
def test_a_file_of_mode_000_says_permission(data_dir, clock):
    JournalRepository.open(data_dir, clock).save_entry(entry())
    (data_dir / "journal.json").chmod(0)
    with pytest.raises(JournalUnreadable, match="Permission denied"):
        JournalRepository.open(data_dir, clock)


@pytest.mark.parametrize(
    "content",
    [
        b'{"meta":{"schema":{"schema_version":1}},"entries":{"a":{"at":"2026-11-21T09:30:00","body":"one"}},'
        b'"entries":{"b":{"at":"2026-11-21T09:31:00","body":"two"}}}',
        b'{"meta":{"schema":{"schema_version":1}},"entries":{"a":{"at":"2026-11-21T09:30:00","body":"one"},'
        b'"a":{"at":"2026-11-21T09:31:00","body":"two"}}}',
        b'{"meta":{"schema":{"schema_version":1}},"entries":' + b"[" * 10_000 + b"]" * 10_000 + b"}",
        b'{"meta":{"schema":{"schema_version":' + b"9" * 5000 + b"}}}",
    ],
    ids=["two-entries-objects", "one-id-twice", "nested-10000-deep", "5000-digit-version"],
)
def test_hostile_files_are_refused_and_left_untouched(data_dir, clock, content):
    data_dir.mkdir()
    (data_dir / "journal.json").write_bytes(content)
    with pytest.raises(JournalCorrupt):
        JournalRepository.open(data_dir, clock)
    assert (data_dir / "journal.json").read_bytes() == content


# -- the way out ---------------------------------------------------------------------


def test_a_corrupt_file_names_the_newest_good_backup_and_the_command(data_dir, clock):
    repository = JournalRepository.open(data_dir, clock)
    repository.save_entry(entry("first"))
    repository.save_entry(entry("second"))  # the first save of the day kept a backup
    backups = data_dir / "backups"
    good = next(backups.iterdir())
    (backups / "journal-2026-11-22.json").write_bytes(b"{broken")  # a newer, broken one is skipped
    (data_dir / "journal.json").write_bytes(b"{not json")
    with pytest.raises(JournalCorrupt) as caught:
        JournalRepository.open(data_dir, clock)
    assert f"cp {good} {data_dir / 'journal.json'}" in caught.value.advice


def test_with_no_backups_no_backups_folder_is_named(data_dir, clock):
    data_dir.mkdir()
    (data_dir / "journal.json").write_bytes(b"{not json")
    with pytest.raises(JournalCorrupt) as caught:
        JournalRepository.open(data_dir, clock)
    assert "backups" not in caught.value.advice and "no backup" in caught.value.advice
    assert not (data_dir / "backups").exists()


# -- side jobs never block a save ---------------------------------------------------


def test_an_unwritable_backups_folder_never_blocks_a_save_and_is_said_once(data_dir, clock):
    repository = JournalRepository.open(data_dir, clock)
    repository.save_entry(entry("first"))
    (data_dir / "backups").write_bytes(b"")  # what mkdir meets in a folder root owns, for everyone
    repository.save_entry(entry("second"))
    repository.save_entry(entry("third"))
    assert len(repository.entries()) == 3
    warnings = repository.take_warnings()
    assert len(warnings) == 1 and "backups" in warnings[0].lower()
    repository.save_entry(entry("fourth"))
    assert repository.take_warnings() == []


def test_a_backup_that_fails_for_permission_never_blocks_a_save(data_dir, clock, monkeypatch):
    from journal.store import storage as storage_module

    repository = JournalRepository.open(data_dir, clock)
    repository.save_entry(entry("first"))
    real = storage_module.write_atomic

    def denied(path, data):
        if "backups" in str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, data)

    monkeypatch.setattr(storage_module, "write_atomic", denied)
    monkeypatch.setattr(Path, "exists", lambda self: False if "backups" in str(self) else os.path.exists(self))
    repository.save_entry(entry("second"))
    assert [e.body for e in JournalRepository.open(data_dir, clock).entries()] == ["first", "second"]
    assert "Permission denied" in repository.take_warnings()[0]


@pytest.mark.skipif(IS_ROOT, reason="root writes anywhere")
def test_a_backups_folder_of_mode_000_never_blocks_a_save(data_dir, clock):
    repository = JournalRepository.open(data_dir, clock)
    repository.save_entry(entry("first"))
    (data_dir / "backups").mkdir(exist_ok=True)
    (data_dir / "backups").chmod(0)
    try:
        repository.save_entry(entry("second"))
    finally:
        (data_dir / "backups").chmod(0o700)
    assert len(repository.entries()) == 2
    assert repository.take_warnings()


# -- permissions and leftovers -------------------------------------------------------


def test_every_folder_tricot_creates_is_private_whatever_the_umask(tmp_path, clock):
    old = os.umask(0)
    try:
        data_dir = tmp_path / "a" / "b" / "c"
        first = JournalRepository.open(data_dir, clock)
        first.keep_draft(entry("a draft before any save"))
        first.save_entry(entry())
    finally:
        os.umask(old)
    state = tmp_path / "state"
    memory = first.storage.memory.folder
    for folder in (tmp_path / "a", tmp_path / "a" / "b", data_dir, first.drafts_dir, state, memory, memory / "tables"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((data_dir / "journal.json").stat().st_mode) == 0o600


def test_ensure_private_dir_refuses_a_file_in_the_way(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OSError):
        ensure_private_dir(tmp_path / "file")
    with pytest.raises(OSError):
        ensure_private_dir(tmp_path / "file" / "below")


def test_temp_files_of_a_killed_save_are_removed_at_the_next_save(data_dir, clock):
    repository = JournalRepository.open(data_dir, clock)
    repository.save_entry(entry("first"))
    old = time.time() - 3600
    leftovers = [
        data_dir / ".journal.json.abc123.tmp",  # the naming of earlier versions
        data_dir / ".~journal.json.def456.tmp",
        data_dir / "backups" / ".journal-2026-11-21.json.ghi789.tmp",
        data_dir / "backups" / ".~journal-2026-11-21.json.jkl012.tmp",
    ]
    leftovers.append(data_dir / ".~journal.json.fresh.tmp")  # seconds old, but under the lock no save is live
    keep = [
        data_dir / ".other-app.tmp",  # not ours
        data_dir / "notes.tmp",
    ]
    (data_dir / "backups").mkdir(exist_ok=True)
    for path in leftovers + keep:
        path.write_bytes(b"partial")
    for path in leftovers[:-1] + keep:
        os.utime(path, (old, old))
    repository.save_entry(entry("second"))
    assert [p for p in leftovers if p.exists()] == []
    assert all(p.exists() for p in keep)


def test_remove_stale_temps_ignores_a_missing_folder(tmp_path):
    assert remove_stale_temps(tmp_path / "nowhere") == 0


def test_a_failed_write_says_what_to_do(data_dir, clock, monkeypatch):
    from journal.store import storage as storage_module

    repository = JournalRepository.open(data_dir, clock)

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage_module, "write_atomic", full)
    with pytest.raises(WriteFailed) as caught:
        repository.save_entry(entry())
    assert "disk is full" in caught.value.line()


def test_a_vanished_folder_is_never_recreated_as_a_file_by_the_lock(tmp_path):
    """Found by a saboteur: the lock opened a deleted data folder with O_CREAT, leaving a file in its place."""
    with pytest.raises(FileNotFoundError):
        with FileLock(tmp_path / "gone", timeout=0.2, folder=True):
            pass
    assert not (tmp_path / "gone").exists()


def test_a_data_folder_replaced_by_a_file_is_a_failed_save_not_a_crash(tmp_path, clock):
    data_dir = tmp_path / "data"
    repository = JournalRepository.open(data_dir, clock)
    repository.save_entry(entry("first"))
    data_dir.rename(tmp_path / "moved")
    data_dir.write_text("x")
    assert repository.refresh() is False  # the app's poll: nothing to reload, no traceback
    with pytest.raises(WriteFailed):
        repository.save_entry(entry("second"))
    assert data_dir.read_text() == "x"


def test_a_missing_journal_with_backups_is_not_started_anew(data_dir, clock):
    """Found by a saboteur: journal.json removed, a checkin started a new journal; the open app then adopted it."""
    repository = JournalRepository.open(data_dir, clock)
    repository.save_entry(entry("one"))
    repository.save_entry(entry("two"))  # the day's first save kept a backup
    (data_dir / "journal.json").unlink()
    with pytest.raises(JournalMissing, match="backups") as caught:
        JournalRepository.open(data_dir, clock)
    assert "cp " in caught.value.advice and "move" in caught.value.advice
    assert not (data_dir / "journal.json").exists()
    repository.save_entry(entry("three"))  # the app that held it writes it back
    assert len(JournalRepository.open(data_dir, clock).entries()) == 3


def test_editing_a_record_keeps_fields_this_tricot_does_not_know(data_dir, clock):
    """Found by a saboteur: an entry's "mood" (from a newer Tricot or another device) vanished on edit."""
    data_dir.mkdir()
    doc = {"at": "2026-11-21T09:30:00", "body": "x", "mood": "great", "device": {"name": "phone"}}
    tables = {"meta": {"schema": {"schema_version": 1}}, "entries": {"a": doc}}
    (data_dir / "journal.json").write_text(json.dumps(tables))
    repository = JournalRepository.open(data_dir, clock)
    (loaded,) = repository.entries()
    import dataclasses

    repository.save_entry(dataclasses.replace(loaded, body="x, edited"))
    saved = json.loads((data_dir / "journal.json").read_bytes())["entries"]["a"]
    assert saved["body"] == "x, edited" and saved["mood"] == "great" and saved["device"] == {"name": "phone"}


def test_a_symlink_loop_says_so(tmp_path, clock):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "journal.json").symlink_to(data_dir / "journal.json")
    with pytest.raises(JournalMissing, match="leads back to itself"):
        JournalRepository.open(data_dir, clock)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_named_pipes_in_place_of_small_files_never_hang(tmp_path):
    from journal.files import read_regular
    from journal.store.settings_file import load_settings

    os.mkfifo(tmp_path / "settings.json")
    settings, problem = load_settings(tmp_path / "settings.json")
    assert problem and "default settings" in problem
    with pytest.raises(OSError):
        read_regular(tmp_path / "settings.json")


def test_a_new_journal_that_replaces_ours_gets_our_records_back(data_dir, clock):
    """Found by a second tester: journal.json removed (no backups yet), a checkin started a new
    journal in the gap, and the open app adopted it: its three entries were gone for good."""
    app = JournalRepository.open(data_dir, clock)
    app.save_entries([entry("one"), entry("two"), entry("three")])
    (data_dir / "journal.json").unlink()
    JournalRepository.open(data_dir, clock).save_entry(entry("shell"))  # the checkin in the gap
    assert app.refresh() is True
    bodies = sorted(e.body for e in app.entries())
    assert bodies == ["one", "shell", "three", "two"]
    on_disk = sorted(e.body for e in JournalRepository.open(data_dir, clock).entries())
    assert on_disk == bodies  # written back at once, not only at the app's next save
    (warning,) = app.take_warnings()
    assert "replaced by another journal" in warning and "3 records" in warning


def test_a_journal_updated_by_another_process_is_not_merged_into(data_dir, clock):
    """Same journal, newer version: a deletion made elsewhere stays deleted."""
    app = JournalRepository.open(data_dir, clock)
    doomed = entry("to delete elsewhere")
    app.save_entries([entry("kept"), doomed])
    JournalRepository.open(data_dir, clock).delete_entry(doomed.id)
    app.refresh()
    assert [e.body for e in app.entries()] == ["kept"]
    assert app.take_warnings() == []
