"""The command line at its edges: empty values, time zones, the ends of the calendar, files in the way."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.unit.test_cli import run
from journal.clock import FixedClock
from journal.store.repository import JournalRepository

ROOT = Path(__file__).resolve().parents[2]


def tricot(*args, env=None, input=None):
    return subprocess.run(
        [sys.executable, "-m", "journal", *args],
        capture_output=True,
        input=input,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )




# -- 7: an empty value is a usage error, never the default ---------------------------


def test_an_empty_data_dir_never_writes_into_the_real_journal(tmp_path, clock, monkeypatch):
    real = tmp_path / "the-real-journal"
    monkeypatch.setenv("TRICOT_DATA_DIR", str(real))
    code, _, err = run(["--data-dir", "", "checkin", "from a script with an unset variable"], clock)
    assert code == 1 and "--data-dir is empty" in err
    code, _, err = run(["checkin", "--data-dir", "  ", "x"], clock)
    assert code == 1
    assert not real.exists()


def test_an_empty_tricot_data_dir_is_a_usage_error(tmp_path, clock, monkeypatch):
    monkeypatch.setenv("TRICOT_DATA_DIR", "")
    code, _, err = run(["checkin", "x"], clock)
    assert code == 1 and "TRICOT_DATA_DIR is set but empty" in err
    assert "\n" == err[-1] and err.count("\n") == 1


def test_an_empty_config_dir_is_a_usage_error(data_dir, clock, monkeypatch):
    monkeypatch.setenv("TRICOT_CONFIG_DIR", "")
    assert run(["--data-dir", str(data_dir), "checkin", "x"], clock)[0] == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["checkin", "--date", "", "x"],
        ["checkin", "--time", "", "x"],
        ["checkin", "--date=", "x"],
        ["export", "--month", ""],
        ["export", "--from", ""],
        ["export", "--to", " "],
        ["export", "-o", ""],
    ],
)
def test_empty_option_values_are_usage_errors(data_dir, clock, argv):
    code, out, err = run(["--data-dir", str(data_dir), *argv], clock)
    assert code == 1 and "is empty" in err and out == ""
    assert not (data_dir / "journal.json").exists()


def test_a_data_dir_that_is_a_file_is_a_usage_error(tmp_path, clock):
    (tmp_path / "file").write_text("x")
    code, _, err = run(["--data-dir", str(tmp_path / "file"), "checkin", "x"], clock)
    assert code == 1 and "is a file" in err


# -- 8: one rule for time zones ---------------------------------------------------------


@pytest.mark.parametrize(
    "given, stored",
    [
        ("09:00+05:00", datetime(2026, 11, 20, 23, 0)),  # 04:00 UTC is 23:00 the day before in Montréal
        ("10:00Z", datetime(2026, 11, 21, 5, 0)),
        ("18:30-05:00", datetime(2026, 11, 21, 18, 30)),
        ("9:05", datetime(2026, 11, 21, 9, 5)),
        ("18:30:15", datetime(2026, 11, 21, 18, 30, 15)),
    ],
)
def test_a_time_with_an_offset_is_stored_as_local_wall_clock_time(data_dir, clock, montreal, given, stored):
    """Found by a tester: --time 09:00+05:00 poisoned the day; every later check-in crashed after saving."""
    code, _, err = run(["--data-dir", str(data_dir), "checkin", "--date", "2026-11-21", "--time", given, "x"], clock)
    assert code == 0, err
    code, out, err = run(["--data-dir", str(data_dir), "checkin", "and the next one"], clock)
    assert code == 0, err
    assert [e.at for e in JournalRepository.open(data_dir, clock).entries() if e.body == "x"] == [stored]
    assert run(["--data-dir", str(data_dir), "export"], clock)[0] == 0


@pytest.mark.parametrize("bad", ["25:00", "9h", "09:00+25:00", "noon", "09:60", "1000"])
def test_a_time_that_is_not_one_is_a_usage_error(data_dir, clock, bad):
    code, _, err = run(["--data-dir", str(data_dir), "checkin", "--time", bad, "x"], clock)
    assert code == 1 and "is not a time" in err


def test_an_offset_that_lands_tomorrow_is_the_future(data_dir, montreal):
    late = FixedClock(datetime(2026, 11, 21, 22, 0))
    code, _, err = run(["--data-dir", str(data_dir), "checkin", "--time", "06:00Z", "x"], late)  # 01:00 local tomorrow?
    assert code == 0, err  # 06:00Z on the 21st is 01:00 on the 21st in Montréal: allowed
    code, _, err = run(["--data-dir", str(data_dir), "checkin", "--time", "23:30-09:00", "x"], late)
    assert code == 1 and "future" in err


# -- 9: the ends of the calendar -------------------------------------------------------


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31"])
def test_days_before_1900_are_refused_with_the_range(data_dir, clock, day):
    code, _, err = run(["--data-dir", str(data_dir), "checkin", "--date", day, "x"], clock)
    assert code == 1 and "1900-01-01" in err


def test_export_at_the_end_of_the_calendar(data_dir, clock, tmp_path):
    """Found by a tester: export --month 9999-12 and -o DIR with a 9999-12-31 entry crashed."""
    data_dir.mkdir()
    tables = {
        "meta": {"schema": {"schema_version": 1}},
        "entries": {
            "a": {"at": "9999-12-31T23:59:00", "body": "from a device with a broken clock"},
            "b": {"at": "0001-01-01T00:00:00", "body": "from the very beginning"},
        },
    }
    (data_dir / "journal.json").write_text(json.dumps(tables))
    assert run(["--data-dir", str(data_dir), "export", "--month", "9999-12"], clock)[0] == 0
    assert run(["--data-dir", str(data_dir), "export", "--month", "0001-01"], clock)[0] == 0
    code, out, err = run(["--data-dir", str(data_dir), "export"], clock)
    assert code == 0 and "broken clock" in out and "very beginning" in out
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, err = run(["--data-dir", str(data_dir), "export", "-o", str(folder)], clock)
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["0001-01.md", "9999-12.md"]


# -- 19: export never overwrites without being told -----------------------------------


def test_export_refuses_to_overwrite_without_force(data_dir, clock, tmp_path):
    run(["--data-dir", str(data_dir), "checkin", "x"], clock)
    target = tmp_path / "notes.md"
    target.write_text("my own notes")
    code, _, err = run(["--data-dir", str(data_dir), "export", "-o", str(target)], clock)
    assert code == 1 and "--force" in err
    assert target.read_text() == "my own notes"
    assert run(["--data-dir", str(data_dir), "export", "-o", str(target), "--force"], clock)[0] == 0
    assert "# Tricot journal" in target.read_text()


def test_export_into_a_folder_refuses_to_overwrite_a_month_file(data_dir, clock, tmp_path):
    run(["--data-dir", str(data_dir), "checkin", "x"], clock)
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "2026-11.md").write_text("edited by hand")
    code, _, err = run(["--data-dir", str(data_dir), "export", "-o", str(folder)], clock)
    assert code == 1 and "2026-11.md" in err
    assert (folder / "2026-11.md").read_text() == "edited by hand"


def test_export_never_writes_over_the_journal_itself(data_dir, clock):
    run(["--data-dir", str(data_dir), "checkin", "x"], clock)
    before = (data_dir / "journal.json").read_bytes()
    code, _, err = run(["--data-dir", str(data_dir), "export", "-o", str(data_dir / "journal.json"), "--force"], clock)
    assert code == 1 and "journal itself" in err
    assert (data_dir / "journal.json").read_bytes() == before


# -- 4, 6, 10, 11, 17: files, seen from the command line ----------------------------


def test_a_dangling_symlink_exits_2_and_creates_nothing(tmp_path, clock):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "journal.json").symlink_to(tmp_path / "Dropbox" / "journal.json")
    code, _, err = run(["--data-dir", str(data_dir), "checkin", "x"], clock)
    assert code == 2 and "link" in err and err.count("\n") == 1
    assert (data_dir / "journal.json").is_symlink() and not (tmp_path / "Dropbox").exists()


@pytest.mark.parametrize(
    "content",
    [
        b'{"meta":{"schema":{"schema_version":1}},"entries":{},"entries":{"a":{"at":"2026-11-21T09:00:00","body":"x"}}}',
        b'{"meta":{"schema":{"schema_version":1}},"entries":' + b"[" * 10_000 + b"]" * 10_000 + b"}",
        b'{"meta":{"schema":{"schema_version":' + b"9" * 5000 + b"}}}",
    ],
    ids=["duplicate-key", "deep", "huge-int"],
)
def test_hostile_journals_exit_2_unchanged_with_one_line(data_dir, content):
    data_dir.mkdir()
    (data_dir / "journal.json").write_bytes(content)
    for args in (["checkin", "x"], ["export"]):
        result = tricot("--data-dir", str(data_dir), *args)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count(b"\n") == 1 and b"Traceback" not in result.stderr
    assert (data_dir / "journal.json").read_bytes() == content


def test_a_corrupt_journal_line_says_which_backup_to_restore(data_dir, clock):
    run(["--data-dir", str(data_dir), "checkin", "one"], clock)
    run(["--data-dir", str(data_dir), "checkin", "two"], clock)  # the day's first save kept a backup
    (data_dir / "journal.json").write_bytes(b"{oops")
    code, _, err = run(["--data-dir", str(data_dir), "checkin", "three"], clock)
    assert code == 2
    assert f"cp {data_dir / 'backups' / 'journal-2026-11-21.json'} {data_dir / 'journal.json'}" in err


def test_a_backup_that_cannot_be_kept_is_a_warning_not_a_failure(data_dir, clock):
    run(["--data-dir", str(data_dir), "checkin", "one"], clock)
    (data_dir / "backups").write_text("not a folder")
    code, out, err = run(["--data-dir", str(data_dir), "checkin", "two"], clock)
    assert code == 0 and out.startswith("Saved: 2 entries today.")
    assert err.startswith("tricot: warning: Daily backups are not being kept")


def test_an_empty_import_file_is_a_usage_error(data_dir, clock):
    code, _, err = run(["--data-dir", str(data_dir), "import", "jrnl", ""], clock)
    assert code == 1 and "is empty" in err


def test_export_per_month_over_the_whole_calendar_is_quick(data_dir, clock, tmp_path):
    """From year 1 to 9999 is 120,000 months: entries are grouped, months are not walked."""
    import time as clock_time

    run(["--data-dir", str(data_dir), "checkin", "x"], clock)
    folder = tmp_path / "out"
    folder.mkdir()
    started = clock_time.perf_counter()
    code, out, err = run(
        ["--data-dir", str(data_dir), "export", "--from", "0001-01-01", "--to", "9999-12-31", "-o", str(folder)], clock
    )
    assert code == 0, err
    assert clock_time.perf_counter() - started < 5
    assert [p.name for p in folder.iterdir()] == ["2026-11.md"]


def test_settings_nested_too_deeply_fall_back_to_defaults(tmp_path):
    from journal.store.settings_file import load_settings

    path = tmp_path / "settings.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    settings, problem = load_settings(path)
    assert problem and "default settings" in problem


def test_export_says_when_records_were_left_out(data_dir, clock):
    """Found by a saboteur: unreadable entries were left out of the export without a word."""
    data_dir.mkdir()
    tables = {
        "meta": {"schema": {"schema_version": 1}},
        "entries": {
            "good": {"at": "2026-11-20T09:00:00", "body": "fine"},
            "bad": {"at": "2026-11-20T10:00:00", "body": "odd", "kind": "party"},
        },
    }
    (data_dir / "journal.json").write_text(json.dumps(tables))
    code, out, err = run(["--data-dir", str(data_dir), "export"], clock)
    assert code == 0 and "fine" in out
    assert "1 record" in err and "entries/bad" in err


def test_a_data_dir_below_a_file_or_through_a_dangling_link_is_a_usage_error(tmp_path, clock):
    (tmp_path / "afile").write_text("x")
    code, _, err = run(["--data-dir", str(tmp_path / "afile" / "sub"), "checkin", "x"], clock)
    assert code == 1 and "afile is a file" in err
    (tmp_path / "link").symlink_to(tmp_path / "unmounted")
    code, _, err = run(["--data-dir", str(tmp_path / "link"), "checkin", "x"], clock)
    assert code == 1 and "does not exist" in err


def test_export_into_a_folder_checks_every_file_before_writing_any(data_dir, clock, tmp_path):
    run(["--data-dir", str(data_dir), "checkin", "--date", "2026-10-01", "x"], clock)
    run(["--data-dir", str(data_dir), "checkin", "y"], clock)
    folder = tmp_path / "out"
    (folder / "2026-11.md").mkdir(parents=True)
    code, _, err = run(["--data-dir", str(data_dir), "export", "-o", str(folder), "--force"], clock)
    assert code == 1 and "is a folder" in err
    assert not (folder / "2026-10.md").exists()


def test_a_reimport_that_adds_nothing_reports_no_retagging(data_dir, clock, tmp_path):
    export = tmp_path / "jrnl.json"
    export.write_text(json.dumps({"tags": {"@work": 1}, "entries": [
        {"date": "2026-11-01", "time": "09:00", "title": "At @work.", "body": "", "tags": ["@work"]}
    ]}))
    code, out, _ = run(["--data-dir", str(data_dir), "import", "jrnl", str(export)], clock)
    assert "now a #tag" in out
    code, out, _ = run(["--data-dir", str(data_dir), "import", "jrnl", str(export)], clock)
    assert "#tag" not in out and "1 already there" in out


def test_export_never_replaces_a_device_or_a_pipe(data_dir, clock, tmp_path):
    """Found by a second tester: `export -o mynull --force` turned a device node into a plain file."""
    run(["--data-dir", str(data_dir), "checkin", "x"], clock)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    code, _, err = run(["--data-dir", str(data_dir), "export", "-o", str(pipe), "--force"], clock)
    assert code == 1 and "not a regular file" in err
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
