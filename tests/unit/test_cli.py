"""The command line: main(argv) for behaviour, a subprocess where the real process matters."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from journal import __version__
from journal.cli import main
from journal.store.repository import JournalRepository

ROOT = Path(__file__).resolve().parents[2]


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(argv, clock, stdin_text=None):
    out, err = io.StringIO(), io.StringIO()
    stdin = io.StringIO(stdin_text) if stdin_text is not None else Tty()
    code = main(argv, clock=clock, stdin=stdin, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def tricot(*args, data_dir, input=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "journal", "--data-dir", str(data_dir), *args],
        capture_output=True,
        input=input,
        env=env,
    )


def test_checkin_then_export_gives_markdown_with_the_entry_tag_and_mention(data_dir):
    added = tricot("checkin", "coffee with @Karine #5a7", data_dir=data_dir)
    assert added.returncode == 0, added.stderr
    assert added.stdout.decode().startswith("Saved: 1 entry today.")
    exported = tricot("export", data_dir=data_dir)
    assert exported.returncode == 0
    document = exported.stdout.decode("utf-8")
    html = MarkdownIt("commonmark").render(document)
    assert "coffee with @Karine #5a7" in html
    assert "#5a7" in document and "Karine" in document


def test_checkin_counts_the_day_and_backfills(data_dir, clock):
    assert run(["--data-dir", str(data_dir), "checkin", "one"], clock)[:2] == (0, "Saved: 1 entry today.\n")
    assert run(["checkin", "--data-dir", str(data_dir), "two"], clock)[1] == "Saved: 2 entries today.\n"
    code, out, _ = run(["--data-dir", str(data_dir), "checkin", "--date", "2026-11-19", "--time", "18:30", "apéro"], clock)
    assert (code, out) == (0, "Saved to Thursday 19 November 2026: 1 entry that day.\n")
    entries = JournalRepository.open(data_dir, clock).entries()
    assert [(e.body, f"{e.at:%Y-%m-%d %H:%M}") for e in entries][0] == ("apéro", "2026-11-19 18:30")


def test_checkin_reads_standard_input(data_dir, clock):
    code, _, _ = run(["--data-dir", str(data_dir), "checkin", "--kind", "meeting"], clock, "met @Joran\nabout the RSA team\n")
    assert code == 0
    (entry,) = JournalRepository.open(data_dir, clock).entries()
    assert entry.body == "met @Joran\nabout the RSA team" and entry.kind.value == "meeting"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["checkin"], "pipe it in"),
        (["checkin", "   "], "empty"),
        (["checkin", "--date", "2026-13-01", "x"], "not a date"),
        (["checkin", "--date", "2027-01-01", "x"], "in the future"),
        (["checkin", "--time", "25:00", "x"], "not a time"),
        (["checkin", "--kind", "party", "x"], "invalid choice"),
        (["export", "--month", "2026-13"], "not a month"),
        (["export", "--month", "2026-11", "--from", "2026-11-01"], "either --month"),
        (["export", "--from", "2026-11-02", "--to", "2026-11-01"], "after"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_usage_errors_exit_1_with_one_line_and_change_nothing(data_dir, clock, argv, message):
    code, out, err = run(["--data-dir", str(data_dir), *argv], clock)
    assert code == 1
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (data_dir / "journal.json").exists()


def test_a_corrupt_journal_exits_2_and_stays_byte_for_byte(data_dir):
    data_dir.mkdir()
    path = data_dir / "journal.json"
    path.write_bytes(b'{"entries": {"a": ')
    for args in (["checkin", "hello"], ["export"]):
        result = tricot(*args, data_dir=data_dir)
        assert result.returncode == 2
        err = result.stderr.decode()
        assert str(path) in err and err.count("\n") == 1 and "Traceback" not in err
        assert path.read_bytes() == b'{"entries": {"a": '


def test_export_month_to_a_file_and_per_month_to_a_folder(data_dir, clock, tmp_path):
    for day in ("2026-10-30", "2026-11-02", "2026-11-20"):
        run(["--data-dir", str(data_dir), "checkin", "--date", day, f"on {day}"], clock)
    target = tmp_path / "november.md"
    code, out, _ = run(["--data-dir", str(data_dir), "export", "--month", "2026-11", "-o", str(target)], clock)
    assert code == 0 and str(target) in out
    text = target.read_text(encoding="utf-8")
    assert "on 2026-11-02" in text and "on 2026-10-30" not in text
    folder = tmp_path / "months"
    folder.mkdir()
    assert run(["--data-dir", str(data_dir), "export", "-o", str(folder)], clock)[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == ["2026-10.md", "2026-11.md"]


def test_export_of_an_empty_journal_into_a_folder_writes_nothing_and_says_so(data_dir, clock, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, err = run(["--data-dir", str(data_dir), "export", "-o", str(folder)], clock)
    assert (code, out, err) == (0, "No entries in that period; nothing written.\n", "")
    assert list(folder.iterdir()) == []


def test_export_into_a_missing_folder_is_a_usage_error(data_dir, clock, tmp_path):
    code, _, err = run(["--data-dir", str(data_dir), "export", "-o", str(tmp_path / "missing") + "/"], clock)
    assert code == 1 and "is not an existing folder" in err


def test_export_range_and_an_empty_journal(data_dir, clock):
    code, out, _ = run(["--data-dir", str(data_dir), "export"], clock)
    assert code == 0 and "No entries in this period." in out
    run(["--data-dir", str(data_dir), "checkin", "--date", "2026-11-01", "first"], clock)
    run(["--data-dir", str(data_dir), "checkin", "second"], clock)
    out = run(["--data-dir", str(data_dir), "export", "--from", "2026-11-10", "--to", "2026-11-30"], clock)[1]
    assert "second" in out and "first" not in out


def test_import_jrnl_is_idempotent_and_reports(data_dir, clock, tmp_path):
    export = tmp_path / "jrnl.json"
    entries = [
        {"title": "Coffee with @Karine.", "body": "", "date": "2026-11-01", "time": "08:00", "tags": [], "starred": False},
        {"title": "broken", "body": "", "date": "nope", "time": "08:00"},
    ]
    export.write_text(json.dumps({"tags": {}, "entries": entries}))
    code, out, _ = run(["--data-dir", str(data_dir), "import", "jrnl", str(export)], clock)
    assert code == 0
    assert out.splitlines()[0] == f"Imported 1 entry from {export}; 0 already there; 1 left out."
    assert "entry 2: no valid date" in out
    out = run(["--data-dir", str(data_dir), "import", "jrnl", str(export)], clock)[1]
    assert out.splitlines()[0] == f"Imported 0 entries from {export}; 1 already there; 1 left out."
    assert len(JournalRepository.open(data_dir, clock).entries()) == 1


def test_import_of_something_else_is_a_data_error(data_dir, clock, tmp_path):
    bogus = tmp_path / "contacts.csv"
    bogus.write_text("a,b\n")
    code, _, err = run(["--data-dir", str(data_dir), "import", "jrnl", str(bogus)], clock)
    assert code == 2 and "not JSON" in err


def test_data_dir_from_the_environment(tmp_path, clock, monkeypatch):
    monkeypatch.setenv("TRICOT_DATA_DIR", str(tmp_path / "env-journal"))
    assert run(["checkin", "hello"], clock)[0] == 0
    assert (tmp_path / "env-journal" / "journal.json").exists()


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and __version__ in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["checkin", "--help"])
    assert "--date" in capsys.readouterr().out


def test_undecodable_bytes_in_argv_are_stored_as_given_and_exported_as_valid_utf8(data_dir, clock):
    assert tricot("checkin", b"caf\xe9 in latin-1", data_dir=data_dir).returncode == 0
    (entry,) = JournalRepository.open(data_dir, clock).entries()
    assert entry.body == "caf\udce9 in latin-1"
    exported = tricot("export", data_dir=data_dir).stdout.decode("utf-8")
    assert "caf\ufffd in latin-1" in exported


def test_export_into_a_closed_pipe_is_quiet(data_dir):
    for n in range(50):
        tricot("checkin", f"entry {n} " + "words " * 200, data_dir=data_dir)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    pipeline = subprocess.run(
        f"{sys.executable} -m journal --data-dir {data_dir} export | head -c 10",
        shell=True,
        capture_output=True,
        env=env,
    )
    assert b"Traceback" not in pipeline.stderr
