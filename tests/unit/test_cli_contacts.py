"""`tricot contacts add | list | due | export`, as a script sees them."""

from __future__ import annotations

import json

import pytest

from journal.store.repository import JournalRepository
from tests.unit.test_cli import run


def tricot(data_dir, clock, *args, stdin_text=None):
    return run(["--data-dir", str(data_dir), *args], clock, stdin_text)


def test_add_then_list_as_json_field_by_field(data_dir, clock):
    code, out, err = tricot(
        data_dir, clock, "contacts", "add", "Amina Diallo", "--circle", "r2", "--org", "UX Studio",
        "--email", "amina@example.org", "--tag", "#ux", "--alias", "Amina D", "--met-where", "5 à 7",
    )
    assert (code, err) == (0, "") and out == "Added Amina Diallo (R2).\n"
    tricot(data_dir, clock, "checkin", "--kind", "event", "5 à 7: met @Amina")
    code, out, _ = tricot(data_dir, clock, "contacts", "list", "--json")
    (amina,) = json.loads(out)
    assert amina["name"] == "Amina Diallo" and amina["circle"] == "R2"
    assert amina["tags"] == ["ux"] and amina["emails"] == ["amina@example.org"] and amina["org"] == "UX Studio"
    assert amina["aliases"] == ["Amina D"] and amina["met_where"] == "5 à 7" and amina["met_on"] == "2026-11-21"
    assert amina["last_interaction"] == "2026-11-21" and amina["overdue"] is False and amina["cadence_days"] == 45


def test_list_in_text_and_by_circle(data_dir, clock):
    for name, circle in (("Zoé", "R1"), ("Yann", "R3"), ("Xavier", "R3")):
        tricot(data_dir, clock, "contacts", "add", name, "--circle", circle)
    code, out, _ = tricot(data_dir, clock, "contacts", "list")
    assert code == 0 and out.splitlines()[-1] == "3 contacts"
    assert [line.split()[0] for line in out.splitlines()[:3]] == ["Xavier", "Yann", "Zoé"]
    code, out, _ = tricot(data_dir, clock, "contacts", "list", "--circle", "R3", "--json")
    assert [c["name"] for c in json.loads(out)] == ["Xavier", "Yann"]
    code, out, _ = tricot(data_dir, clock, "contacts", "list", "--circle", "R2")
    assert out == "No contacts in R2 yet.\n"


def test_an_empty_list_says_how_to_add_people(data_dir, clock):
    code, out, _ = tricot(data_dir, clock, "contacts", "list")
    assert code == 0 and "tricot contacts add NAME" in out
    assert tricot(data_dir, clock, "contacts", "list", "--json")[1] == "[]\n"


def test_a_namesake_is_refused_unless_asked_for(data_dir, clock):
    tricot(data_dir, clock, "contacts", "add", "Amina Diallo", "--org", "UX")
    code, _, err = tricot(data_dir, clock, "contacts", "add", "amina  DIALLO")
    assert code == 1 and "already a contact (UX)" in err and "--namesake" in err
    code, _, _ = tricot(data_dir, clock, "contacts", "add", "Amina Diallo", "--namesake", "--org", "RSA")
    assert code == 0 and len(JournalRepository.open(data_dir, clock).contacts()) == 2


@pytest.mark.parametrize(
    "args, says",
    [
        (["--circle", "R4"], "a circle is R1, R2 or R3"),
        (["--cadence", "0"], "whole number of days"),
        (["--cadence", "soon"], "whole number of days"),
        (["--met-on", "2026-02-30"], "2026-02-30"),
    ],
)
def test_bad_options_are_one_line_and_nothing_is_added(data_dir, clock, args, says):
    code, out, err = tricot(data_dir, clock, "contacts", "add", "Zoé", *args)
    assert code == 1 and says in err and "Traceback" not in err and out == ""
    assert not (data_dir / "journal.json").exists()


@pytest.mark.parametrize("name", ["", "   ", "@#!"])
def test_a_name_needs_a_letter(data_dir, clock, name):
    code, _, err = tricot(data_dir, clock, "contacts", "add", name)
    assert code == 1 and err.startswith("tricot: ")


def test_markup_and_control_characters_are_stored_as_typed_and_printed_harmless(data_dir, clock):
    name = "[bold red]Eve[/] \x1b]52;c;aGk=\x07"
    code, out, _ = tricot(data_dir, clock, "contacts", "add", name)
    assert code == 0 and "\x1b" not in out and "[bold red]Eve[/]" in out
    assert JournalRepository.open(data_dir, clock).contacts()[0].name == "[bold red]Eve[/] \x1b]52;c;aGk=\x07".strip()
    code, out, _ = tricot(data_dir, clock, "contacts", "list")
    assert "\x1b" not in out and "\x07" not in out


def test_due_lists_event_follow_ups_then_the_overdue(data_dir, clock):
    from datetime import datetime

    from journal.clock import FixedClock

    # Added in January: someone added today is not overdue, however long ago they were met.
    tricot(data_dir, FixedClock(datetime(2026, 1, 1, 9)), "contacts", "add", "Karine", "--circle", "R1")
    tricot(data_dir, clock, "contacts", "add", "Amina", "--circle", "R3")
    tricot(data_dir, clock, "checkin", "--kind", "event", "--date", "2026-11-20", "met @Amina at the 5 à 7")
    code, out, _ = tricot(data_dir, clock, "contacts", "due")
    assert out.splitlines() == [
        "Amina (R3): follow up in 1 d; last: 1 d ago",
        "Karine (R1): 310 d overdue; last: never",
    ]
    code, out, _ = tricot(data_dir, clock, "contacts", "due", "--json")
    found = json.loads(out)
    assert [(d["name"], d["reason"], d["due_on"], d["days_late"]) for d in found] == [
        ("Amina", "follow-up", "2026-11-22", -1),
        ("Karine", "overdue", "2026-01-15", 310),
    ]
    tricot(data_dir, clock, "checkin", "wrote to @Amina and @Karine")
    assert tricot(data_dir, clock, "contacts", "due")[1] == "Nobody is due for a word today.\n"


def test_contacts_on_a_damaged_journal_is_a_data_error(data_dir, clock):
    data_dir.mkdir()
    (data_dir / "journal.json").write_text("{not json")
    code, _, err = tricot(data_dir, clock, "contacts", "list")
    assert code == 2 and "journal.json" in err


def test_an_alias_another_contact_answers_to_is_refused(data_dir, clock):
    tricot(data_dir, clock, "contacts", "add", "Sam")
    tricot(data_dir, clock, "checkin", "lunch with @Sam")
    code, _, err = tricot(data_dir, clock, "contacts", "add", "Other Person", "--alias", "sam")
    assert code == 1 and "already names Sam" in err
    (sam,) = json.loads(tricot(data_dir, clock, "contacts", "list", "--json")[1])
    assert sam["last_interaction"] == "2026-11-21"


@pytest.mark.parametrize("day", ["1899-12-31", "2026-11-22", "2099-01-01"])
def test_a_met_on_day_outside_the_journal_is_refused(data_dir, clock, day):
    code, _, err = tricot(data_dir, clock, "contacts", "add", "Zoé", "--met-on", day)
    assert code == 1 and "--met-on" in err


def test_a_name_of_bytes_that_are_not_utf8_is_refused(data_dir, clock):
    code, _, err = tricot(data_dir, clock, "contacts", "add", "Bad\udcffName")
    assert code == 1 and "UTF-8" in err
