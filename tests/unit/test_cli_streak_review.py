"""`tricot streak` and `tricot review` in every output form, JSON field by field."""

from __future__ import annotations

import json
from datetime import date, datetime

from markdown_it import MarkdownIt

from journal.domain.models import Circle, Contact, Direction, Entry, Exchange, ExchangeKind
from journal.store.repository import JournalRepository
from tests.unit.test_cli import run, tricot


def fill(data_dir, clock) -> None:
    repository = JournalRepository.open(data_dir, clock)
    amina = Contact("Amina Diallo", circle=Circle.R2)
    joran = Contact("Joran Lefebvre", circle=Circle.R3)
    repository.save_contacts([amina, joran])
    repository.save_entries(Entry(at=datetime(2026, 11, d, 8, 0), body="check-in") for d in (17, 18, 20))
    repository.save_exchanges(
        [
            Exchange(Direction.GIVE, ExchangeKind.OFFER, date(2026, 11, 20), (amina.id,)),
            Exchange(Direction.ASK, ExchangeKind.INTRODUCTION, date(2026, 11, 18), (joran.id,)),
        ]
    )


def test_streak_json_field_by_field(data_dir, clock):
    fill(data_dir, clock)
    code, out, err = run(["--data-dir", str(data_dir), "streak", "--json"], clock)
    assert code == 0, err
    found = json.loads(out)
    # Nov 17, 18 active, 19 frozen, 20 active; today (21) pending.
    assert found["current"] == 3 and found["longest"] == 3
    assert found["freezes_left"] == 1 and found["monthly_freezes"] == 2
    assert found["active_days"] == 3 and found["today_active"] is False
    assert found["week_gives"] == 1 and found["week_goal"] == 3
    assert found["current_start"] == "2026-11-17" and found["rest_weekdays"] == []


def test_streak_text_without_colour_when_piped(data_dir, clock):
    fill(data_dir, clock)
    code, out, _err = run(["--data-dir", str(data_dir), "streak"], clock)
    assert code == 0
    assert out.startswith("Current streak: 3 days   longest: 3 days")
    assert "Freezes left this month: 1 of 2" in out and "\x1b" not in out
    assert any(line.startswith("Mon") for line in out.splitlines())


def test_streak_on_an_empty_journal(data_dir, clock):
    code, out, _err = run(["--data-dir", str(data_dir), "streak", "--json"], clock)
    assert code == 0 and json.loads(out)["current"] == 0


def test_review_json_field_by_field(data_dir, clock):
    fill(data_dir, clock)
    code, out, err = run(["--data-dir", str(data_dir), "review", "--json", "--month", "2026-11"], clock)
    assert code == 0, err
    found = json.loads(out)
    assert found["month"] == "2026-11" and found["gives"] == 1 and found["asks"] == 1
    assert found["by_circle"]["R2"] == {"gives": 1, "asks": 0} and found["by_circle"]["R3"] == {"gives": 0, "asks": 1}
    assert found["by_circle"]["R1"] == {"gives": 0, "asks": 0}
    assert found["by_kind"]["offer"] == {"gives": 1, "asks": 0} and found["by_kind"]["introduction"] == {"gives": 0, "asks": 1}
    assert found["only_asked"] == ["Joran Lefebvre"]
    assert set(found["funnel"]) >= {"met", "r3_to_r2", "r2_to_r1"}
    assert len(found["months"]) == 12 and found["months"][-1] == {"month": "2026-11", "gives": 1, "asks": 1}
    assert found["streak"]["active_days"] == 3


def test_review_markdown_is_commonmark_with_tables(data_dir, clock):
    fill(data_dir, clock)
    code, out, _err = run(["--data-dir", str(data_dir), "review", "--markdown"], clock)
    assert code == 0
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    assert sum(1 for t in tokens if t.type == "table_open") >= 3
    assert out.startswith("# Review — November 2026")


def test_review_text_is_the_default_on_a_terminal_and_markdown_when_piped(data_dir, clock):
    fill(data_dir, clock)
    code, out, _err = run(["--data-dir", str(data_dir), "review", "--text"], clock)
    assert code == 0 and not out.startswith("#") and "Joran Lefebvre" in out
    piped = tricot("review", data_dir=data_dir)
    assert piped.returncode == 0 and piped.stdout.decode().startswith("# Review")


def test_review_of_an_empty_month_and_bad_months(data_dir, clock):
    fill(data_dir, clock)
    code, out, _err = run(["--data-dir", str(data_dir), "review", "--month", "2026-03", "--markdown"], clock)
    assert code == 0 and "Nothing was given or asked in March 2026." in out
    code, _out, err = run(["--data-dir", str(data_dir), "review", "--month", "2026-13"], clock)
    assert code == 1 and "YYYY-MM" in err
    code, _out, err = run(["--data-dir", str(data_dir), "review", "--month", "2027-01"], clock)
    assert code == 1 and "has not begun" in err
    code, _out, err = run(["--data-dir", str(data_dir), "review", "--json", "--markdown"], clock)
    assert code == 1


def test_review_counts_a_contact_deleted_after_an_exchange(data_dir, clock):
    fill(data_dir, clock)
    repository = JournalRepository.open(data_dir, clock)
    amina = next(c for c in repository.contacts() if c.name == "Amina Diallo")
    repository.delete_contact(amina.id)
    code, out, _err = run(["--data-dir", str(data_dir), "review", "--json"], clock)
    found = json.loads(out)
    assert found["gives"] == 1 and found["by_circle"]["R2"] == {"gives": 0, "asks": 0}
    assert found["unknown"] == {"gives": 1, "asks": 0}
