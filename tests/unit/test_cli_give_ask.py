"""`tricot give` and `tricot ask`: one line of the give/ask ledger, as a script sees it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from journal.cli import give_ask
from journal.domain.models import Direction, ExchangeKind
from journal.store.repository import JournalRepository
from tests.unit.test_cli import run
from tests.unit.test_cli import tricot as tricot_process


def tricot(data_dir, clock, *args):
    return run(["--data-dir", str(data_dir), *args], clock)


def stored(data_dir, clock):
    return JournalRepository.open(data_dir, clock, tables=("contacts", "exchanges"))


def ids(data_dir, clock) -> dict[str, str]:
    return {c.name: c.id for c in stored(data_dir, clock).contacts()}


@pytest.fixture
def network(data_dir, clock):
    """Amina Diallo (UX), Amina Benali, Joran Lefebvre (alias Jo), Hélène Côté."""
    for args in (
        ["Amina Diallo", "--org", "UX Studio"],
        ["Amina Benali"],
        ["Joran Lefebvre", "--alias", "Jo"],
        ["Hélène Côté"],
    ):
        assert tricot(data_dir, clock, "contacts", "add", *args)[0] == 0
    return ids(data_dir, clock)


def journal_bytes(data_dir) -> bytes | None:
    path = data_dir / "journal.json"
    return path.read_bytes() if path.exists() else None


def test_the_kinds_are_the_exchange_kinds():
    assert give_ask.GIVE_KINDS == tuple(k.value for k in ExchangeKind)
    assert set(give_ask.ASK_KINDS) <= set(give_ask.GIVE_KINDS)


def test_a_give_is_recorded_field_by_field(data_dir, clock, network):
    code, out, err = tricot(
        data_dir, clock, "give", "forwarded the UX job", "--to", "Amina Diallo", "--kind", "offer",
        "--link", "https://jobs.example.org/ux",
    )
    assert (code, err) == (0, "")
    assert out == "Recorded a give to Amina Diallo (offer), 2026-11-21.\n"
    (exchange,) = stored(data_dir, clock).exchanges()
    assert exchange.direction is Direction.GIVE and exchange.kind is ExchangeKind.OFFER
    assert exchange.on == date(2026, 11, 21)
    assert exchange.contact_ids == (network["Amina Diallo"],)
    assert exchange.note == "forwarded the UX job" and exchange.link == "https://jobs.example.org/ux"
    assert exchange.card_id is None


def test_an_ask_of_several_people_keeps_their_order(data_dir, clock, network):
    code, out, _ = tricot(
        data_dir, clock, "ask", "intro to the RSA team", "--to", "Joran", "--to", "Amina Diallo",
        "--kind", "introduction", "--date", "2026-11-19",
    )
    assert code == 0
    assert out == "Recorded an ask of Joran Lefebvre and Amina Diallo (introduction), 2026-11-19.\n"
    (exchange,) = stored(data_dir, clock).exchanges()
    assert exchange.direction is Direction.ASK and exchange.kind is ExchangeKind.INTRODUCTION
    assert exchange.on == date(2026, 11, 19) and exchange.link == ""
    assert exchange.contact_ids == (network["Joran Lefebvre"], network["Amina Diallo"])


def test_three_people_are_listed_with_commas(data_dir, clock, network):
    _, out, _ = tricot(data_dir, clock, "give", "x", "--to", "Jo", "--to", "Hélène", "--to", "Amina Benali")
    assert out == "Recorded a give to Joran Lefebvre, Hélène Côté and Amina Benali (other), 2026-11-21.\n"


def test_at_sign_alias_first_name_accents_and_the_same_person_twice(data_dir, clock, network):
    code, out, _ = tricot(
        data_dir, clock, "give", "shared the newsletter", "--kind", "excerpt",
        "--to", "@Jo", "--to", "joran lefebvre", "--to", "@Joran", "--to", "helene cote", "--to", '@"Hélène Côté"',
    )
    assert code == 0 and out == "Recorded a give to Joran Lefebvre and Hélène Côté (excerpt), 2026-11-21.\n"
    (exchange,) = stored(data_dir, clock).exchanges()
    assert exchange.contact_ids == (network["Joran Lefebvre"], network["Hélène Côté"])
    assert exchange.kind is ExchangeKind.EXCERPT


def test_the_text_may_come_unquoted(data_dir, clock, network):
    assert tricot(data_dir, clock, "ask", "--to", "Jo", "advice", "on", "salaries", "--kind", "Advice")[0] == 0
    (exchange,) = stored(data_dir, clock).exchanges()
    assert exchange.note == "advice on salaries" and exchange.kind is ExchangeKind.ADVICE


def test_a_give_counts_as_an_interaction(data_dir, clock, network):
    tricot(data_dir, clock, "checkin", "--kind", "event", "--date", "2026-11-20", "met @Hélène at the 5 à 7")
    assert "Hélène Côté" in tricot(data_dir, clock, "contacts", "due")[1]
    tricot(data_dir, clock, "give", "sent her the slides", "--to", "Hélène")
    assert "Hélène Côté" not in tricot(data_dir, clock, "contacts", "due")[1]
    rows = json.loads(tricot(data_dir, clock, "contacts", "list", "--json")[1])
    assert {r["name"]: r["last_interaction"] for r in rows}["Hélène Côté"] == "2026-11-21"


def test_an_unknown_name_says_who_was_meant_and_records_nothing(data_dir, clock, network):
    before = journal_bytes(data_dir)
    code, out, err = tricot(data_dir, clock, "give", "x", "--to", "Amina Dialo")
    assert (code, out) == (1, "")
    assert err == 'tricot: no contact is called "Amina Dialo" — did you mean Amina Diallo?\n'
    assert journal_bytes(data_dir) == before
    code, _, err = tricot(data_dir, clock, "give", "x", "--to", "Zzz")
    assert code == 1
    assert err == 'tricot: no contact is called "Zzz" (see tricot contacts list; add one with tricot contacts add)\n'
    assert journal_bytes(data_dir) == before


def test_with_no_contacts_at_all_the_file_is_not_even_made(data_dir, clock):
    code, _, err = tricot(data_dir, clock, "ask", "x", "--to", "Amina")
    assert code == 1 and "no contacts yet" in err and "tricot contacts add" in err
    assert not (data_dir / "journal.json").exists()


def test_an_ambiguous_first_name_names_both(data_dir, clock, network):
    before = journal_bytes(data_dir)
    code, _, err = tricot(data_dir, clock, "give", "x", "--to", "Amina")
    assert code == 1
    assert err == 'tricot: "Amina" could be Amina Benali or Amina Diallo — give the full name\n'
    assert journal_bytes(data_dir) == before


def test_namesakes_are_told_apart_by_organisation(data_dir, clock, network):
    tricot(data_dir, clock, "contacts", "add", "Amina Diallo", "--namesake", "--org", "RSA")
    code, _, err = tricot(data_dir, clock, "give", "x", "--to", "Amina Diallo")
    assert code == 1
    assert err.count("\n") == 1 and "alias" in err
    assert "Amina Diallo (RSA) or Amina Diallo (UX Studio)" in err or "Amina Diallo (UX Studio) or Amina Diallo (RSA)" in err


def test_one_good_and_two_bad_names_record_nothing_and_say_each(data_dir, clock, network):
    before = journal_bytes(data_dir)
    code, out, err = tricot(data_dir, clock, "give", "x", "--to", "Jo", "--to", "Amina", "--to", "Hélène Cotte")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        'tricot: "Amina" could be Amina Benali or Amina Diallo — give the full name',
        'tricot: no contact is called "Hélène Cotte" — did you mean Hélène Côté?',
    ]
    assert journal_bytes(data_dir) == before
    assert stored(data_dir, clock).exchanges() == []


@pytest.mark.parametrize(
    "args, says",
    [
        (["give", "   ", "--to", "Jo"], "say what you gave"),
        (["ask", "", "--to", "Jo"], "say what you asked"),
        (["give", "x"], "--to"),
        (["give", "x", "--to", ""], "--to is empty"),
        (["give", "x", "--to", "@"], "names nobody"),
        (["give", "x", "--to", "Jo", "--date", "2026-11-22"], "in the future"),
        (["give", "x", "--to", "Jo", "--date", "2026-13-01"], "not a date"),
        (["give", "x", "--to", "Jo", "--date", "21/11/2026"], "not a date"),
        (["give", "x", "--to", "Jo", "--date", "1899-12-31"], "before 1900-01-01"),
        (["give", "x", "--to", "Jo", "--kind", "party"], "a give is offer, answer, excerpt"),
        (["ask", "x", "--to", "Jo", "--kind", "offer"], "'offer' is a kind of give; an ask is advice, information"),
        (["ask", "x", "--to", "Jo", "--kind", "excerpt"], "an ask is advice, information, introduction, referral or other"),
        (["give", "x", "--to", "Jo", "--link", " "], "--link is empty"),
    ],
)
def test_usage_errors_exit_1_with_one_line_and_record_nothing(data_dir, clock, network, args, says):
    before = journal_bytes(data_dir)
    code, out, err = tricot(data_dir, clock, *args)
    assert (code, out) == (1, "")
    assert says in err and err.count("\n") == 1 and err.startswith("tricot: ") and "Traceback" not in err
    assert journal_bytes(data_dir) == before


def test_json_gives_the_recorded_exchange(data_dir, clock, network):
    code, out, _ = tricot(
        data_dir, clock, "give", "answered her ask", "--to", "Amina Diallo", "--to", "Jo", "--kind", "answer",
        "--date", "2026-11-20", "--link", "https://example.org", "--json",
    )
    assert code == 0
    recorded = json.loads(out)
    (exchange,) = stored(data_dir, clock).exchanges()
    assert recorded == {
        "id": exchange.id,
        "direction": "give",
        "kind": "answer",
        "on": "2026-11-20",
        "contacts": [
            {"id": network["Amina Diallo"], "name": "Amina Diallo"},
            {"id": network["Joran Lefebvre"], "name": "Joran Lefebvre"},
        ],
        "note": "answered her ask",
        "link": "https://example.org",
    }


@pytest.mark.parametrize("command, kinds", [("give", give_ask.GIVE_KINDS), ("ask", give_ask.ASK_KINDS)])
def test_help_says_what_is_recorded_and_lists_the_kinds(data_dir, clock, command, kinds, capsys):
    with pytest.raises(SystemExit) as exited:
        tricot(data_dir, clock, command, "--help")
    assert exited.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert ", ".join(kinds) in text
    assert "interaction" in text and "keep-in-touch" in text and "follow-up" in text
    assert f"Example: tricot {command} " in text
    if command == "give":
        assert "offer" in text


def test_markup_and_escape_sequences_in_a_name_print_harmless(data_dir, clock, network):
    code, _, err = tricot(data_dir, clock, "give", "x", "--to", "[bold]x[/]", "--to", "Eve\x1b]52;c;aGk=\x07\x1b[2J")
    assert code == 1
    assert '"[bold]x[/]"' in err
    assert "\x1b" not in err and "\x07" not in err
    assert len(err.splitlines()) == 2


def test_a_markup_like_contact_name_is_found_and_printed_as_is(data_dir, clock):
    tricot(data_dir, clock, "contacts", "add", "[bold]x[/]")
    code, out, _ = tricot(data_dir, clock, "give", "x", "--to", "[bold]x[/]")
    assert code == 0 and out == "Recorded a give to [bold]x[/] (other), 2026-11-21.\n"


def test_through_a_real_process(data_dir):
    assert tricot_process("contacts", "add", "Amina Diallo", data_dir=data_dir).returncode == 0
    given = tricot_process("give", "forwarded the UX job", "--to", "@amina", "--kind", "offer", data_dir=data_dir)
    assert given.returncode == 0, given.stderr
    assert given.stdout.decode("utf-8").startswith("Recorded a give to Amina Diallo (offer), ")
    asked = tricot_process("ask", "x", "--to", "Amina Dialo\x1b[2J", data_dir=data_dir)
    assert asked.returncode == 1 and b"\x1b" not in asked.stderr
    assert "did you mean Amina Diallo?" in asked.stderr.decode("utf-8")


def test_date_in_words_as_the_forms_take_it(data_dir, clock):
    from journal.store.repository import JournalRepository

    repository = JournalRepository.open(data_dir, clock)
    from journal.domain.models import Contact

    repository.save_contact(Contact("Joran Lefebvre"))
    assert tricot(data_dir, clock, "ask", "intro", "--to", "Joran", "--date", "hier")[0] == 0
    assert tricot(data_dir, clock, "ask", "advice", "--to", "Joran", "--date", "lundi")[0] == 0
    code, _out, err = tricot(data_dir, clock, "ask", "advice", "--to", "Joran", "--date", "someday")
    assert code == 1 and "YYYY-MM-DD" in err
    days = sorted(x.on.isoformat() for x in JournalRepository.open(data_dir, clock).exchanges())
    assert days == ["2026-11-16", "2026-11-20"]
