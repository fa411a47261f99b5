"""The monthly review exported: CommonMark + GFM tables, JSON, plain text; names shown as typed."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from markdown_it import MarkdownIt

from journal import i18n
from journal.domain.balance import review
from journal.domain.cadence import Due, Reason
from journal.domain.models import (
    Card,
    CardStatus,
    Circle,
    CircleMove,
    Contact,
    Direction,
    Exchange,
    ExchangeKind,
)
from journal.export.review import to_json, to_markdown, to_text
from journal.text import width as cells
from tests.unit.test_i18n import write_mo

md = MarkdownIt("commonmark").enable("table")

GIVE, ASK = Direction.GIVE, Direction.ASK
NOV = date(2026, 11, 1)
HOSTILE = "[bold]x[/] | <script>alert(1)</script>"

AMINA = Contact("*Amina*", Circle.R1, id="amina")
HOST = Contact(HOSTILE, Circle.R2, id="host")
KARINE = Contact("Karine # _x_", Circle.R3, created=date(2026, 11, 10), id="karine")
LEO = Contact("Léo\x1b[31m", Circle.R2, created=date(2026, 11, 3), moves=(CircleMove(date(2026, 11, 20), Circle.R3, Circle.R2),), id="leo")
WIDE = Contact("李小龙" * 20, Circle.R3, id="wide")
LONG = Contact("Bartholomew-Maximilian " * 6, Circle.R1, id="long")
CONTACTS = [AMINA, HOST, KARINE, LEO, WIDE, LONG]


def ex(direction, kind, on, *ids):
    return Exchange(direction, kind, on, tuple(ids))


EXCHANGES = [
    ex(GIVE, ExchangeKind.OFFER, date(2026, 11, 2), "amina"),
    ex(GIVE, ExchangeKind.INTRODUCTION, date(2026, 11, 3), "amina", "host"),
    ex(ASK, ExchangeKind.ADVICE, date(2026, 11, 5), "karine"),
    ex(ASK, ExchangeKind.ADVICE, date(2026, 11, 6), "wide"),
    ex(ASK, ExchangeKind.INFORMATION, date(2026, 11, 7), "long", "gone"),
    ex(ASK, ExchangeKind.OTHER, date(2026, 11, 8), "gone"),
    ex(GIVE, ExchangeKind.REFERRAL, date(2026, 10, 9), "host"),
    ex(ASK, ExchangeKind.ADVICE, date(2026, 6, 9), "host"),
]
CARDS = [
    Card("a", status=CardStatus.GIVEN, done=datetime(2026, 11, 4)),
    Card("b", status=CardStatus.DROPPED, done=datetime(2026, 11, 4)),
    Card("c", status=CardStatus.DOING),
]
OVERDUE = [
    Due(HOST, Reason.OVERDUE, date(2026, 11, 1), 20, None),
    Due(WIDE, Reason.FOLLOW_UP, date(2026, 11, 22), -1, None),
    Due(AMINA, Reason.OVERDUE, date(2026, 11, 10), 11, date(2026, 10, 1)),
]
STREAK = {"active_days": 18, "frozen_days": 1, "missed_days": 0, "streak_at_end": 4, "other": 7}


@pytest.fixture
def november():
    return review(NOV, EXCHANGES, CONTACTS, CARDS, OVERDUE)


@pytest.fixture
def empty():
    return review(NOV, [], [AMINA], [])


def tables(document: str) -> list[list[list[str]]]:
    """Each table as its rows (the header row first), each row as its cells' inline text."""
    tokens = md.parse(document)
    found: list[list[list[str]]] = []
    row: list[str] | None = None
    for token in tokens:
        if token.type == "table_open":
            found.append([])
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            found[-1].append(row)
        elif token.type == "inline" and row is not None and found:
            row.append("".join(child.content for child in token.children or () if child.type == "text"))
        elif token.type == "table_close":
            row = None
    return found


def headings(document: str) -> list[str]:
    tokens = md.parse(document)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


# ---------------------------------------------------------------- Markdown


def test_markdown_has_a_title_a_summary_and_its_tables(november):
    document = to_markdown(november, STREAK)
    assert document.startswith("# Review — November 2026\n")
    assert headings(document)[0] == "Review — November 2026"
    assert "In November 2026: 2 gives, 4 asks." in md.render(document)
    found = tables(document)
    tokens = md.parse(document)
    assert sum(t.type == "table_open" for t in tokens) == len(found) == 5
    by_circle, by_kind, most_given, most_asked, months = found
    assert by_circle[0] == ["Circle", "Given", "Asked"]
    assert by_circle[1:] == [["R1", "2", "1"], ["R2", "1", "0"], ["R3", "0", "2"], ["People deleted since", "0", "1"]]
    assert [row[0] for row in by_kind[1:]] == ["offer forwarded", "introduction", "advice", "information", "other"]
    assert most_given[1:] == [["*Amina*", "2"], [HOSTILE, "1"]]
    assert len(most_asked) == 1 + 3  # Karine, the long name, the wide one (not the deleted one)
    assert len(months) == 1 + 12
    assert months[-1][:3] == ["November 2026", "2", "4"]
    assert months[-1][3] == "█" * 20  # the busiest month has the longest bar
    assert months[-2][:3] == ["October 2026", "1", "0"] and months[-2][3] == "█" * 3  # 1 of 6: a sixth of 20
    assert months[1][3] == ""  # December 2025: nothing


def test_markdown_sections_for_only_asked_overdue_funnel_cards_and_streak(november):
    document = to_markdown(november, STREAK)
    assert headings(document) == [
        "Review — November 2026",
        "By circle",
        "By kind",
        "Most given to",
        "Most asked of",
        "The last 12 months",
        "Only asked",
        "Overdue",
        "R1",
        "R2",
        "R3",
        "New and closer",
        "Cards",
        "Streak",
    ]
    html = md.render(document)
    assert "a give first would balance it:" in html
    assert "Karine # _x_ (1 ask)" in html
    assert "1 card given" in html and "1 card dropped" in html and "1 card still to give" in html
    assert "18 active days" in html and "1 day bridged by a freeze" in html and "0 days missed" in html
    assert "4 days in a row at the month's end" in html
    assert "other: 7" in html
    assert "20 d overdue" in html and "follow up in 1 d" in html
    assert "New in R3: 2 — Karine # _x_, Léo[31m" in html
    assert "R3 → R2: 1 — Léo[31m" in html
    assert "R2 → R1: 0" in html


def test_names_render_as_literal_text(november):
    document = to_markdown(november, STREAK)
    html = md.render(document)
    assert "[bold]x[/] | &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html
    assert "*Amina*" in html and "<em>" not in html
    assert "\x1b" not in document and "\x1b" not in html
    kinds = {child.type for t in md.parse(document) for child in t.children or ()}
    assert not kinds & {"html_inline", "link_open", "em_open", "strong_open", "image"}
    assert not {t.type for t in md.parse(document)} & {"html_block"}


def test_an_empty_month_in_markdown_says_so(empty):
    document = to_markdown(empty)
    assert headings(document) == ["Review — November 2026"]
    assert "Nothing was given or asked in November 2026." in md.render(document)
    assert tables(document) == []


def test_an_empty_month_with_a_history_still_charts_the_year():
    document = to_markdown(review(date(2026, 12, 1), EXCHANGES, CONTACTS, []))
    assert "Nothing was given or asked in December 2026." in md.render(document)
    found = tables(document)
    assert len(found) == 1 and len(found[0]) == 13


def test_markdown_follows_the_catalogue(november, tmp_path):
    write_mo(
        tmp_path / "fr" / "LC_MESSAGES" / "tricot.mo",
        {
            "": "Content-Type: text/plain; charset=UTF-8\n",
            "Review — {month}": "Bilan — {month}", "November": "novembre",
            "{month} {year}": "{month} {year}",
        },
    )
    i18n.set_language("fr", tmp_path)
    try:
        assert to_markdown(november).startswith("# Bilan — novembre 2026\n")
        assert to_text(november).startswith("Bilan — novembre 2026\n")
    finally:
        i18n.set_language("en")


# ---------------------------------------------------------------- JSON


def test_json_field_by_field(november):
    data = to_json(november, STREAK)
    assert json.loads(json.dumps(data)) == data
    assert data["month"] == "2026-11"
    assert (data["gives"], data["asks"]) == (2, 4)
    assert data["by_circle"] == {
        "R1": {"gives": 2, "asks": 1},
        "R2": {"gives": 1, "asks": 0},
        "R3": {"gives": 0, "asks": 2},
    }
    assert data["by_kind"] == {
        "offer": {"gives": 1, "asks": 0},
        "introduction": {"gives": 1, "asks": 0},
        "advice": {"gives": 0, "asks": 2},
        "information": {"gives": 0, "asks": 1},
        "other": {"gives": 0, "asks": 1},
    }
    assert len(data["months"]) == 12
    assert data["months"][0] == {"month": "2025-12", "gives": 0, "asks": 0}
    assert data["months"][-1] == {"month": "2026-11", "gives": 2, "asks": 4}
    assert data["months"][-6] == {"month": "2026-06", "gives": 0, "asks": 1}
    assert data["most_given"] == [
        {"name": "*Amina*", "id": "amina", "count": 2},
        {"name": HOSTILE, "id": "host", "count": 1},
    ]
    assert [p["id"] for p in data["most_asked"]] == ["long", "karine", "wide"]
    assert data["only_asked"] == [LONG.name, KARINE.name, WIDE.name]
    assert all(isinstance(name, str) for name in data["only_asked"])
    assert data["only_asked_detail"][1] == {"name": KARINE.name, "id": "karine", "asks": 1}
    assert data["overdue"] == {"R1": ["*Amina*"], "R2": [HOSTILE], "R3": [WIDE.name]}
    assert data["funnel"] == {"met": [KARINE.name, LEO.name], "r3_to_r2": [LEO.name], "r2_to_r1": []}
    assert data["cards"] == {"given": 1, "dropped": 1, "open": 1}
    assert data["unknown"] == {"gives": 0, "asks": 1}
    assert data["streak"] == STREAK


def test_json_of_an_empty_month(empty):
    data = to_json(empty)
    json.dumps(data)
    assert data["month"] == "2026-11" and data["gives"] == 0 and data["asks"] == 0
    assert data["by_circle"] == {c: {"gives": 0, "asks": 0} for c in ("R1", "R2", "R3")}
    assert data["by_kind"] == {} and data["most_given"] == [] and data["only_asked"] == []
    assert [m["month"] for m in data["months"]] == ["2025-12"] + [f"2026-{n:02d}" for n in range(1, 12)]
    assert data["funnel"] == {"met": [], "r3_to_r2": [], "r2_to_r1": []}
    assert data["cards"] == {"given": 0, "dropped": 0, "open": 0}
    assert data["streak"] is None


# ---------------------------------------------------------------- plain text


@pytest.mark.parametrize("width", [80, 60, 40, 24])
def test_plain_text_fits_the_width(november, width):
    text = to_text(november, STREAK, width=width)
    assert text.startswith("Review — November 2026\n")
    too_wide = [line for line in text.splitlines() if cells(line) > width]
    assert too_wide == []
    assert "\x1b" not in text
    if width == 80:
        assert "In November 2026: 2 gives, 4 asks." in text
        assert HOSTILE in text and "*Amina*" in text
        assert "a give first would balance it:" in " ".join(text.split())


def test_plain_text_of_an_empty_month(empty):
    text = to_text(empty)
    assert text.splitlines()[:4] == [
        "Review — November 2026",
        "=" * len("Review — November 2026"),
        "",
        "Nothing was given or asked in November 2026.",
    ]
    assert all(cells(line) <= 80 for line in text.splitlines())
    assert "█" not in text


def test_plain_text_bars_follow_the_counts(november):
    lines = to_text(november).splitlines()
    row = next(line for line in lines if line.lstrip().startswith("November 2026"))
    october = next(line for line in lines if line.lstrip().startswith("October 2026"))
    assert row.count("█") > october.count("█") > 0


def test_a_busy_journal_exports_quickly():
    contacts = [Contact(f"Person {i}", list(Circle)[i % 3], id=str(i)) for i in range(500)]
    exchanges = [
        ex(GIVE if i % 3 else ASK, list(ExchangeKind)[i % 8], NOV + timedelta(days=i % 30), str(i % 500))
        for i in range(3000)
    ]
    r = review(NOV, exchanges, contacts, [])
    assert len(tables(to_markdown(r))) == 5
    assert all(cells(line) <= 80 for line in to_text(r).splitlines())
