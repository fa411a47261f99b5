"""Times with zones in stored data, imports that race, and reads during a transaction."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from journal.domain.models import Entry
from journal.export.markdown import export_entries
from journal.store import WriteFailed
from journal.store.repository import JournalRepository

ROOT = Path(__file__).resolve().parents[2]




def _journal_with(data_dir: Path, docs: dict) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    tables = {"meta": {"schema": {"schema_version": 1}}, "entries": docs}
    (data_dir / "journal.json").write_text(json.dumps(tables))


def test_a_synced_utc_time_is_read_as_local_wall_clock_time(data_dir, clock, montreal):
    """Found by a tester: a hand-edited "...T00:30:00Z" entry crashed the TUI at every start."""
    _journal_with(
        data_dir,
        {
            "z": {"at": "2026-11-22T00:30:00Z", "body": "from a UTC machine"},
            "off": {"at": "2026-11-21T09:00:00+05:00", "body": "written with an offset"},
            "naive": {"at": "2026-11-21T10:00:00", "body": "plain"},
        },
    )
    repository = JournalRepository.open(data_dir, clock)
    entries = repository.entries()  # sorting mixed times used to raise TypeError
    assert [(e.body, e.at) for e in entries] == [
        ("written with an offset", datetime(2026, 11, 20, 23, 0)),
        ("plain", datetime(2026, 11, 21, 10, 0)),
        ("from a UTC machine", datetime(2026, 11, 21, 19, 30)),
    ]
    assert all(e.at.tzinfo is None for e in entries)
    # The day index agrees with the entries: 00:30 UTC on the 22nd is the 21st in Montréal.
    assert [e.body for e in repository.entries_on(date(2026, 11, 21))] == ["plain", "from a UTC machine"]
    assert repository.entry_days() == [date(2026, 11, 20), date(2026, 11, 21)]
    assert "from a UTC machine" in export_entries(repository.entries_between(date(2026, 11, 1), date(2026, 11, 30)), "t")
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 11, 0), body="and one more"))
    assert len(repository.entries_on(date(2026, 11, 21))) == 3


def test_two_imports_of_one_file_at_once_add_everything_once(data_dir, clock, tmp_path):
    """Found by a tester: two imports at once doubled everything, both reporting "0 already there"."""
    export = tmp_path / "jrnl.json"
    export.write_text(
        json.dumps(
            {
                "tags": {},
                "entries": [
                    {"date": f"2026-10-{d:02d}", "time": "09:00", "title": f"Day {d}.", "body": "x " * 400}
                    for d in range(1, 29)
                ],
            }
        )
    )
    JournalRepository.open(data_dir, clock).save_entries(
        Entry(at=datetime(2025, 1, 1 + n % 28), body="old " * 50) for n in range(3000)
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TRICOT_DATA_DIR": str(data_dir)}
    command = [sys.executable, "-m", "journal", "import", "jrnl", str(export)]
    for _ in range(3):
        procs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) for _ in range(3)]
        outputs = [p.communicate(timeout=60)[0] for p in procs]
        assert all(p.returncode == 0 for p in procs), outputs
    entries = JournalRepository.open(data_dir, clock).entries_between(date(2026, 10, 1), date(2026, 10, 31))
    assert len(entries) == 28


def test_import_entries_reports_what_was_already_there(repository):
    first = [Entry(at=datetime(2026, 1, d), body=f"d{d}", source=f"jrnl:{d}") for d in range(1, 4)]
    added, already = repository.import_entries(first)
    assert (len(added), already) == (3, 0)
    again = [Entry(at=datetime(2026, 1, d), body=f"d{d}", source=f"jrnl:{d}") for d in range(1, 5)]
    added, already = repository.import_entries(again)
    assert ([e.body for e in added], already) == (["d4"], 3)


def test_a_failed_write_leaves_no_uncommitted_entry_in_the_lists(repository, monkeypatch):
    """Reads inside a transaction see staged tables; they must not be cached past a rollback."""
    from journal.store import storage as storage_module

    repository.save_entry(Entry(at=datetime(2026, 11, 20, 9), body="kept"))

    def full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage_module, "write_atomic", full)
    with pytest.raises(WriteFailed):
        with repository.storage.transaction():
            repository._save("entries", [Entry(at=datetime(2026, 11, 20, 10), body="never saved")])
            assert len(repository.entries_on(date(2026, 11, 20))) == 2  # seen inside, staged
            repository.entries()
    assert [e.body for e in repository.entries_on(date(2026, 11, 20))] == ["kept"]
    assert [e.body for e in repository.entries()] == ["kept"]
