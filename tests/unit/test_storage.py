"""The storage contract: atomic, private, locked, never overwrites what it cannot read."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from journal.domain.models import Entry
from journal.store import JournalCorrupt, JournalLocked, JournalTooNew, WriteFailed
from journal.store import migrations
from journal.store.atomic import is_temp_name
from journal.store.repository import JournalRepository
from journal.store.storage import JournalStorage

LONG = os.environ.get("TRICOT_LONG_TESTS") == "1"
ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("writer_process.py")


def entry(body: str = "coffee with @Karine", at: datetime = datetime(2026, 11, 21, 9, 30), **kw) -> Entry:
    return Entry(at=at, body=body, **kw)


def test_nothing_is_written_until_the_first_change(repository, data_dir):
    assert repository.entries() == []
    assert not (data_dir / "journal.json").exists()


def test_file_is_private_and_dir_is_private(repository, data_dir):
    repository.save_entry(entry())
    assert (data_dir / "journal.json").stat().st_mode & 0o777 == 0o600
    assert data_dir.stat().st_mode & 0o777 == 0o700


def test_saved_entries_load_back_exactly(repository, data_dir, clock):
    odd = "émoji 🧶, RTL שלום, NUL \x00, ESC \x1b]52;c;x\x07, markup [bold]x[/] <b>y</b>, lone \udcff"
    saved = entry(odd, starred=True)
    repository.save_entry(saved)
    assert JournalRepository.open(data_dir, clock).get_entry(saved.id) == saved


@pytest.mark.parametrize(
    "content",
    [b"", b"   \n", b"{not json", b"\xff\xfe garbage", b"[]", b'{"entries": []}', b'{"entries": {}}'],
    ids=["empty", "blank", "broken-json", "not-utf8", "list", "wrong-shape", "no-schema"],
)
def test_unreadable_file_is_reported_and_never_touched(data_dir, clock, content):
    data_dir.mkdir()
    path = data_dir / "journal.json"
    path.write_bytes(content)
    with pytest.raises(JournalCorrupt) as raised:
        JournalRepository.open(data_dir, clock)
    assert str(path) in str(raised.value)
    assert path.read_bytes() == content
    assert os.listdir(data_dir) == ["journal.json"]


def test_a_newer_schema_is_refused_untouched(data_dir, clock):
    data_dir.mkdir()
    path = data_dir / "journal.json"
    content = json.dumps({"meta": {"schema": {"schema_version": 99}}}).encode()
    path.write_bytes(content)
    with pytest.raises(JournalTooNew, match="newer Tricot"):
        JournalRepository.open(data_dir, clock)
    assert path.read_bytes() == content


def test_old_schemas_are_upgraded_through_the_migration_hook(repository, data_dir, clock, monkeypatch):
    repository.save_entry(entry("written under version 1"))

    def to_v2(tables):
        for doc in tables["entries"].values():
            doc["body"] = doc["body"].upper()
        return tables

    current = migrations.CURRENT_VERSION
    monkeypatch.setattr(migrations, "CURRENT_VERSION", current + 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, current: to_v2})
    upgraded = JournalRepository.open(data_dir, clock)
    assert [e.body for e in upgraded.entries()] == ["WRITTEN UNDER VERSION 1"]
    upgraded.save_entry(entry("second"))
    on_disk = json.loads((data_dir / "journal.json").read_bytes())
    assert on_disk["meta"]["schema"]["schema_version"] == current + 1


def test_a_failing_upgrade_leaves_the_file_alone(repository, data_dir, clock, monkeypatch):
    repository.save_entry(entry())
    before = (data_dir / "journal.json").read_bytes()

    def broken(tables):
        raise KeyError("oops")

    current = migrations.CURRENT_VERSION
    monkeypatch.setattr(migrations, "CURRENT_VERSION", current + 1)
    monkeypatch.setattr(migrations, "MIGRATIONS", {**migrations.MIGRATIONS, current: broken})
    with pytest.raises(JournalCorrupt, match="could not upgrade"):
        JournalRepository.open(data_dir, clock)
    assert (data_dir / "journal.json").read_bytes() == before


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_a_failed_write_keeps_the_old_file_and_the_memory_as_they_were(repository, data_dir, monkeypatch, failing):
    first = entry("first")
    repository.save_entry(first)
    before = (data_dir / "journal.json").read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if failing == "write":
        import journal.store.storage as storage_module

        monkeypatch.setattr(storage_module, "write_atomic", boom)
    else:
        monkeypatch.setattr(os, failing, boom)
    with pytest.raises(WriteFailed, match="No space left"):
        repository.save_entry(entry("second"))
    monkeypatch.undo()
    assert (data_dir / "journal.json").read_bytes() == before
    assert [e.body for e in repository.entries()] == ["first"]
    assert not [name for name in os.listdir(data_dir) if name.endswith(".tmp")]
    repository.save_entry(entry("second, retried"))
    assert [e.body for e in repository.entries()] == ["first", "second, retried"]


def test_two_writers_never_lose_each_others_changes(data_dir, clock):
    tui = JournalRepository.open(data_dir, clock)
    cli = JournalRepository.open(data_dir, clock)
    tui.save_entry(entry("from the TUI"))
    cli.save_entry(entry("from the shell"))  # cli re-reads under the lock first
    tui.save_entry(entry("TUI again"))  # and so does the TUI
    bodies = sorted(e.body for e in JournalRepository.open(data_dir, clock).entries())
    assert bodies == ["TUI again", "from the TUI", "from the shell"]


def test_refresh_sees_another_process_and_reports_once(data_dir, clock):
    mine = JournalRepository.open(data_dir, clock)
    generation = mine.generation
    JournalRepository.open(data_dir, clock).save_entry(entry("elsewhere"))
    assert mine.refresh() is True
    assert mine.generation != generation
    assert [e.body for e in mine.entries()] == ["elsewhere"]
    assert mine.refresh() is False


def test_a_file_replaced_with_junk_is_reported_and_not_overwritten(repository, data_dir):
    repository.save_entry(entry())
    path = data_dir / "journal.json"
    time.sleep(0.01)
    path.write_bytes(b"<<<<<<< conflict")
    with pytest.raises(JournalCorrupt):
        repository.refresh()
    with pytest.raises(JournalCorrupt):
        repository.save_entry(entry("must not land"))
    assert path.read_bytes() == b"<<<<<<< conflict"


def test_a_vanished_file_is_not_an_empty_journal(repository, data_dir):
    repository.save_entry(entry("kept"))
    (data_dir / "journal.json").unlink()
    assert repository.refresh() is False
    repository.save_entry(entry("next"))
    assert sorted(e.body for e in repository.entries()) == ["kept", "next"]
    assert len(json.loads((data_dir / "journal.json").read_bytes())["entries"]) == 2


@pytest.mark.parametrize("held", ["folder", "legacy-lock-file"])
def test_a_held_lock_times_out_with_a_clear_error(data_dir, clock, held):
    """The lock is the journal's folder; a lock file an older Tricot holds is respected too."""
    repository = JournalRepository(JournalStorage(data_dir / "journal.json", clock, lock_timeout=0.3))
    repository.save_entry(entry())
    target = data_dir if held == "folder" else data_dir / ".journal.json.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl,os,sys,time; fd=os.open(sys.argv[1], os.O_RDONLY|(0 if os.path.isdir(sys.argv[1]) else os.O_CREAT)); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(30)",
            str(target),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(JournalLocked, match="locked"):
            repository.save_entry(entry("blocked"))
    finally:
        holder.kill()
        holder.wait()
    repository.save_entry(entry("after the other process died"))  # the OS dropped its lock
    assert len(repository.entries()) == 2


def test_daily_backups_keep_the_last_seven_days(repository, data_dir, clock):
    start = clock.now()
    for day in range(10):
        clock.set(start + timedelta(days=day))
        repository.save_entry(entry(f"day {day}", at=clock.now()))
        repository.save_entry(entry(f"day {day} again", at=clock.now()))
    backups = sorted(p.name for p in (data_dir / "backups").iterdir())
    assert len(backups) == 7
    assert backups[-1] == f"journal-{clock.today().isoformat()}.json"
    # The newest backup is the file as it was before the day's first save.
    newest = json.loads((data_dir / "backups" / backups[-1]).read_bytes())
    assert len(newest["entries"]) == 18
    assert (data_dir / "backups" / backups[-1]).stat().st_mode & 0o777 == 0o600


def test_a_broken_record_is_kept_in_the_file_and_left_out_of_lists(repository, data_dir, clock):
    repository.save_entry(entry("good"))
    path = data_dir / "journal.json"
    tables = json.loads(path.read_bytes())
    tables["entries"]["hand-edited"] = {"at": "yesterday-ish", "body": 3}
    tables["entries"]["not-an-object"] = [1, 2]
    tables["entries"]["spaced-date"] = {"at": "2026-11-20 08:15", "body": "typed by hand"}
    path.write_bytes(json.dumps(tables).encode())
    reopened = JournalRepository.open(data_dir, clock)
    assert [e.body for e in reopened.entries()] == ["typed by hand", "good"]
    assert [e.body for e in reopened.entries_on(date(2026, 11, 20))] == ["typed by hand"]
    assert {"entries/hand-edited", "entries/not-an-object"} <= set(reopened.unreadable)
    assert reopened.entry_sources() == set()
    reopened.save_entry(entry("another"))
    on_disk = json.loads(path.read_bytes())["entries"]
    assert on_disk["hand-edited"] == {"at": "yesterday-ish", "body": 3}
    assert on_disk["not-an-object"] == [1, 2]


def _writer(data_dir: Path, count: int, prefix: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), str(count), prefix],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_sigkill_in_the_middle_of_saves_never_leaves_a_bad_file(data_dir, clock):
    """Kill a writer at random moments: the file always loads and holds every acknowledged save."""
    rounds = 200 if LONG else 8
    rng = random.Random(20261121)
    acknowledged: set[str] = set()
    for round_number in range(rounds):
        writer = _writer(data_dir, 10_000, f"r{round_number:03d}-")
        first = writer.stdout.readline().strip()  # at least one save landed
        if first:
            acknowledged.add(first)
        time.sleep(rng.uniform(0, 0.15))
        writer.kill()
        rest, _ = writer.communicate()
        acknowledged.update(line for line in rest.split() if line)
        loaded = {e.id for e in JournalRepository.open(data_dir, clock).entries()}
        missing = acknowledged - loaded
        assert not missing, f"round {round_number}: acknowledged saves lost: {sorted(missing)[:5]}"
    leftovers = [n for n in os.listdir(data_dir) if n.endswith(".tmp")]
    # A kill between mkstemp and os.replace can leave a temp file; it must never be the journal.
    assert all(is_temp_name(n, "journal.json") for n in leftovers)


def test_concurrent_writer_processes_lose_nothing_and_double_nothing(data_dir, clock):
    count = 200 if LONG else 25
    writers = [_writer(data_dir, count, f"w{n}-") for n in range(4)]
    acknowledged = []
    for writer in writers:
        out, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0
        acknowledged += out.split()
    assert len(acknowledged) == 4 * count
    on_disk = json.loads((data_dir / "journal.json").read_bytes())["entries"]
    assert sorted(on_disk) == sorted(acknowledged)


def test_a_save_encodes_only_the_tables_it_changed_and_the_file_says_all(data_dir, clock):
    import json
    from datetime import date

    from journal.domain.models import Card, Contact, Direction, Exchange, ExchangeKind
    from journal.store.repository import JournalRepository

    repository = JournalRepository.open(data_dir, clock)
    amina = Contact("Amina")
    repository.save_contact(amina)
    repository.save_exchanges(Exchange(Direction.GIVE, ExchangeKind.OFFER, date(2026, 11, n), (amina.id,)) for n in range(1, 20))
    repository.exchanges()  # built from its bytes
    before = repository.storage._tables.raw["exchanges"]
    repository.add_card(Card("job"))
    assert repository.storage._tables.raw["exchanges"] is before  # not encoded again
    repository.save_exchange(Exchange(Direction.ASK, ExchangeKind.ADVICE, date(2026, 11, 20), (amina.id,)))
    assert repository.storage._tables.raw["exchanges"] is not before
    on_disk = json.loads((data_dir / "journal.json").read_bytes())
    again = JournalRepository.open(data_dir, clock)
    assert len(on_disk["exchanges"]) == 20 and len(again.exchanges()) == 20 and len(again.cards()) == 1
    assert {x.id for x in again.exchanges()} == {x.id for x in repository.exchanges()}
