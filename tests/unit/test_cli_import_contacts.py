"""`tricot import vcard | linkedin` and `tricot contacts export --vcard`: what a script sees, and the journal after."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from journal.store.repository import JournalRepository
from tests.unit.test_cli import run, tricot as tricot_process

FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "vcards"

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hélène O'Neil\r\nORG:Desjardins\r\nEMAIL:h@example.org\r\n"
    "CATEGORIES:R1,mentorat\r\nX-TRICOT-CADENCE:21\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amina Diallo\r\nTEL:+1 514 555 0101\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n"
)

LINKEDIN = (
    "\ufeffNotes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Joran,Gagnon,https://www.linkedin.com/in/joran-gagnon,,\"Ubisoft, Montréal\",Producer,22 Dec 2025\n"
    "Amina,Diallo,https://www.linkedin.com/in/aminadiallo,amina@example.org,UX Studio,Designer,03 Jan 2024\n"
)


def tricot(data_dir, clock, *args):
    return run(["--data-dir", str(data_dir), *args], clock)


def contacts(data_dir, clock) -> dict:
    return {c.name: c for c in JournalRepository.open(data_dir, clock).contacts()}


def test_a_vcard_file_imports_reports_and_a_second_import_changes_nothing(data_dir, clock, tmp_path):
    cards = tmp_path / "contacts.vcf"
    cards.write_text(CARDS, encoding="utf-8")
    code, out, err = tricot(data_dir, clock, "import", "vcard", str(cards))
    assert code == 0 and err == ""
    assert out.splitlines()[0] == f"Imported from {cards}: 2 new, 0 updated, 0 unchanged, 1 skipped."
    assert out.splitlines()[1].startswith("  skipped, line 14: ")
    found = contacts(data_dir, clock)
    assert found["Hélène O'Neil"].circle.value == "R1" and found["Hélène O'Neil"].cadence_days == 21
    assert found["Amina Diallo"].circle.value == "R3" and found["Amina Diallo"].phones == ("+1 514 555 0101",)
    before = (data_dir / "journal.json").read_bytes()
    code, out, _ = tricot(data_dir, clock, "import", "vcard", str(cards))
    assert "0 new, 0 updated, 2 unchanged, 1 skipped" in out
    assert (data_dir / "journal.json").read_bytes() == before  # nothing to save: nothing written


def test_linkedin_then_vcard_merge_into_the_same_people_without_overwriting(data_dir, clock, tmp_path):
    tricot(data_dir, clock, "contacts", "add", "Amina Diallo", "--org", "Freelance", "--circle", "R2")
    export = tmp_path / "Connections.csv"
    export.write_text(LINKEDIN, encoding="utf-8")
    code, out, _ = tricot(data_dir, clock, "import", "linkedin", str(export))
    assert code == 0 and "1 new, 1 updated, 0 unchanged, 0 skipped" in out
    found = contacts(data_dir, clock)
    amina, joran = found["Amina Diallo"], found["Joran Gagnon"]
    assert amina.organisation == "Freelance" and amina.circle.value == "R2"  # the user's words stay
    assert amina.emails == ("amina@example.org",) and amina.role == "Designer"  # what was missing is filled
    assert joran.organisation == "Ubisoft, Montréal" and joran.met_on.isoformat() == "2025-12-22"
    assert joran.circle.value == "R3" and joran.met_where == "LinkedIn"


def test_the_circle_option_places_new_people(data_dir, clock, tmp_path):
    export = tmp_path / "Connections.csv"
    export.write_text(LINKEDIN, encoding="utf-8")
    tricot(data_dir, clock, "import", "linkedin", str(export), "--circle", "R2")
    assert {c.circle.value for c in contacts(data_dir, clock).values()} == {"R2"}


@pytest.mark.parametrize("content", [b"", b"\x00\xff\xfe garbage", b"not,a,linkedin\nfile,at,all\n"])
def test_files_that_are_not_address_books_import_nobody_and_say_so(data_dir, clock, tmp_path, content):
    for source in ("vcard", "linkedin"):
        path = tmp_path / f"thing.{source}"
        path.write_bytes(content)
        code, out, err = tricot(data_dir, clock, "import", source, str(path))
        assert code == 2 and out == "" and "Nothing was imported." in err and "Traceback" not in err
    assert contacts(data_dir, clock) == {}


def test_a_missing_file_or_a_folder_is_a_data_error(data_dir, clock, tmp_path):
    for path in (tmp_path / "nowhere.vcf", tmp_path):
        code, _, err = tricot(data_dir, clock, "import", "vcard", str(path))
        assert code == 2 and err.startswith("tricot: ") and "cannot be read" in err


def test_two_imports_at_once_make_each_person_once(data_dir, tmp_path):
    cards = tmp_path / "contacts.vcf"
    cards.write_text(CARDS, encoding="utf-8")
    results = []

    def go() -> None:
        results.append(tricot_process("import", "vcard", str(cards), data_dir=data_dir))

    threads = [threading.Thread(target=go) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    listed = json.loads(tricot_process("contacts", "list", "--json", data_dir=data_dir).stdout)
    assert sorted(c["name"] for c in listed) == ["Amina Diallo", "Hélène O'Neil"]


def test_export_then_import_elsewhere_keeps_circle_cadence_and_details(data_dir, clock, tmp_path):
    tricot(data_dir, clock, "contacts", "add", "Zoé Ba, Jr.", "--circle", "R1", "--cadence", "10", "--tag", "ux", "--email", "z@example.org", "--org", "A; B")
    target = tmp_path / "network.vcf"
    code, out, _ = tricot(data_dir, clock, "contacts", "export", "--vcard", str(target))
    assert code == 0 and out == f"Wrote 1 contact to {target}.\n"
    elsewhere = tmp_path / "other"
    tricot(elsewhere, clock, "import", "vcard", str(target))
    (zoe,) = contacts(elsewhere, clock).values()
    assert (zoe.name, zoe.circle.value, zoe.cadence_days, zoe.tags, zoe.emails, zoe.organisation) == (
        "Zoé Ba, Jr.", "R1", 10, ("ux",), ("z@example.org",), "A; B"
    )
    code, out, _ = tricot(data_dir, clock, "contacts", "export", "--vcard", "-")
    assert out.startswith("BEGIN:VCARD")


@pytest.mark.skipif(not FIXTURES.is_dir(), reason="the shared vCard fixtures are not beside this clone")
def test_every_shared_fixture_imports_from_the_shell_without_a_traceback(data_dir, clock):
    for path in sorted(FIXTURES.glob("*.vcf")):
        code, out, err = tricot(data_dir, clock, "import", "vcard", str(path))
        assert code == 0 and "Traceback" not in err, (path, err)
    names = set(contacts(data_dir, clock))
    assert {"Dr. John Q. Public, III", "최유림"} <= names


def test_names_with_no_letter_or_on_several_lines_are_tidied_or_skipped(data_dir, clock, tmp_path):
    cards = tmp_path / "odd.vcf"
    cards.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:!!!\r\nEND:VCARD\r\n" + CARDS.split("BEGIN:VCARD\r\nVERSION:3.0\r\nEND")[0])
    code, out, _ = tricot(data_dir, clock, "import", "vcard", str(cards))
    assert code == 0 and "line 1: no name with a letter or digit" in out
    export = tmp_path / "Connections.csv"
    export.write_text('First Name,Last Name,Connected On\nBob,"Multi\nLine",22 Dec 2025\n', encoding="utf-8")
    tricot(data_dir, clock, "import", "linkedin", str(export))
    assert "Bob Multi Line" in contacts(data_dir, clock)
    assert "!!!" not in contacts(data_dir, clock)


def test_the_vcard_export_never_replaces_a_device_a_pipe_or_a_file_without_force(data_dir, clock, tmp_path):
    import os

    tricot(data_dir, clock, "contacts", "add", "Zoé")
    fifo = tmp_path / "pipe.vcf"
    os.mkfifo(fifo)
    code, _, err = tricot(data_dir, clock, "contacts", "export", "--vcard", str(fifo))
    assert code == 1 and "not a regular file" in err and fifo.is_fifo()
    code, _, err = tricot(data_dir, clock, "contacts", "export", "--vcard", "/dev/null")
    assert code == 1 and os.path.exists("/dev/null") and not os.path.isfile("/dev/null")
    target = tmp_path / "mine.vcf"
    target.write_text("keep me")
    code, _, err = tricot(data_dir, clock, "contacts", "export", "--vcard", str(target))
    assert code == 1 and "--force" in err and target.read_text() == "keep me"
    assert tricot(data_dir, clock, "contacts", "export", "--vcard", str(target), "--force")[0] == 0
    assert target.read_text().startswith("BEGIN:VCARD")
