"""How the screens look, at a fixed size and a fixed clock. Plain `def`: snap_compare runs its own loop.

Update after a deliberate change with: pytest tests/snapshots --snapshot-update
"""

from __future__ import annotations

from datetime import datetime

from journal.domain.models import Entry, EntryKind

SIZE = (110, 32)


def test_empty_journal_welcomes(snap_compare, repository, make_test_app):
    assert snap_compare(make_test_app(repository), terminal_size=SIZE)


def test_a_day_with_entries(snap_compare, repository, make_test_app):
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 5), body="Coffee with @Karine #5a7 — she is looking for a **UX** job."))
    repository.save_entry(
        Entry(
            at=datetime(2026, 11, 21, 12, 40),
            body='Lunch with @"Amina Diallo" #give\n\n- forwarded the offer\n- [bold]not markup[/] <b>not html</b>',
            kind=EntryKind.MEETING,
            starred=True,
        )
    )
    repository.save_entry(Entry(at=datetime(2026, 11, 20, 18, 0), body="yesterday"))
    assert snap_compare(make_test_app(repository), terminal_size=SIZE)


def test_a_past_empty_day(snap_compare, repository, make_test_app):
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 5), body="today"))
    assert snap_compare(make_test_app(repository), terminal_size=SIZE, press=["left_square_bracket", "left_square_bracket"])


def test_help_screen(snap_compare, repository, make_test_app):
    assert snap_compare(make_test_app(repository), terminal_size=SIZE, press=["question_mark"])


def _network(repository) -> None:
    from datetime import date

    from journal.domain.models import Circle, Contact

    repository.save_contacts(
        [
            Contact("Hélène O'Neil", circle=Circle.R1, organisation="Desjardins", role="conseillère", tags=("ux", "mentorat"), created=date(2026, 1, 1), met_where="apéro du jeudi", met_on=date(2025, 12, 4)),
            Contact("Amina Diallo", circle=Circle.R2, organisation="UX Studio", created=date(2026, 11, 1), emails=("amina@example.org",)),
            Contact("Karine Tremblay", circle=Circle.R2, aliases=("KT",), created=date(2025, 1, 1)),
            Contact("최유림", circle=Circle.R3, organisation="CLSC", created=date(2026, 11, 20)),
            Contact("[bold red]Eve[/]", circle=Circle.R3, organisation="[@click=app.quit]x[/]", created=date(2026, 11, 20)),
        ]
    )
    repository.save_entry(Entry(at=datetime(2026, 11, 20, 18, 0), body="5 à 7 at the library: met @Amina", kind=EntryKind.EVENT))
    repository.save_entry(Entry(at=datetime(2026, 9, 1, 9, 0), body="coffee with @KT"))


def test_the_contacts_pane(snap_compare, repository, make_test_app):
    _network(repository)
    assert snap_compare(make_test_app(repository), terminal_size=SIZE, press=["3"])


def test_the_reconnect_list_at_80_columns(snap_compare, repository, make_test_app):
    _network(repository)
    assert snap_compare(make_test_app(repository), terminal_size=(80, 24), press=["3", "o"])


def test_no_contacts_yet(snap_compare, repository, make_test_app):
    assert snap_compare(make_test_app(repository), terminal_size=SIZE, press=["3"])


def _board(repository) -> None:
    from datetime import date, timedelta

    from journal.domain import board
    from journal.domain.models import Card, CardKind, CardStatus

    _network(repository)
    people = {c.name.split()[0]: c.id for c in repository.contacts()}
    now = datetime(2026, 11, 21, 9, 30)
    cards = [
        Card("Forward the UX job at Desjardins to @Amina", kind=CardKind.OFFER, contact_ids=(people["Amina"],), due=date(2026, 11, 18), created=now - timedelta(days=6)),
        Card("@Karine cherche un appartement à Rosemont", kind=CardKind.ANSWER, contact_ids=(people["Karine"],), created=now - timedelta(days=9)),
        Card("Introduce Hélène to Amina", kind=CardKind.INTRODUCTION, contact_ids=(people["Hélène"], people["Amina"]), status=CardStatus.DOING, due=date(2026, 11, 25), created=now - timedelta(days=2)),
        Card("[bold]CLSC newsletter[/]: programme d'accueil", kind=CardKind.EXCERPT, tags=("ux",), payload="https://clsc.example/n/12", created=now - timedelta(days=1)),
        Card("Shared the 5 à 7 list", kind=CardKind.EXCERPT, contact_ids=(people["최유림"],), status=CardStatus.GIVEN, done=now - timedelta(days=1), created=now - timedelta(days=3)),
        Card("An old give", status=CardStatus.GIVEN, done=now - timedelta(days=200), created=now - timedelta(days=210)),
        Card("Dropped one", status=CardStatus.DROPPED, done=now - timedelta(days=4), created=now - timedelta(days=20)),
    ]
    for card in cards:
        repository.add_card(card)
    assert board.columns(cards, now.date()).given_earlier == 1


def test_the_board_with_cards_in_every_column(snap_compare, repository, make_test_app):
    _board(repository)
    assert snap_compare(make_test_app(repository), terminal_size=SIZE, press=["2"])


def test_the_board_at_80_columns(snap_compare, repository, make_test_app):
    _board(repository)
    assert snap_compare(make_test_app(repository), terminal_size=(80, 24), press=["2", "right"])


def test_the_empty_board(snap_compare, repository, make_test_app):
    assert snap_compare(make_test_app(repository), terminal_size=SIZE, press=["2"])


def _habit(repository) -> None:
    from datetime import date, timedelta

    from journal.domain.models import Direction, Exchange, ExchangeKind

    _network(repository)
    people = {c.name.split()[0]: c.id for c in repository.contacts()}
    today = date(2026, 11, 21)
    days = [today - timedelta(days=n) for n in range(1, 300) if n % 9 and n % 13]
    repository.save_entries(
        Entry(at=datetime.combine(d, datetime.min.time()).replace(hour=8), body="check-in") for d in days for _ in range(1 + d.day % 4)
    )
    repository.save_exchanges(
        [
            Exchange(Direction.GIVE, ExchangeKind.OFFER, date(2026, 11, 3), (people["Amina"],)),
            Exchange(Direction.GIVE, ExchangeKind.ADVICE, date(2026, 11, 18), (people["Hélène"],)),
            Exchange(Direction.ASK, ExchangeKind.INTRODUCTION, date(2026, 11, 5), (people["Karine"],)),
            Exchange(Direction.ASK, ExchangeKind.ADVICE, date(2026, 11, 12), (people["[bold"],)),
            Exchange(Direction.GIVE, ExchangeKind.EXCERPT, date(2026, 10, 8), (people["Karine"],)),
        ]
    )


def test_the_streak_screen(snap_compare, repository, make_test_app):
    from journal.domain.settings import Settings

    _habit(repository)
    app = make_test_app(repository, settings=Settings(rest_weekdays=(6,)))
    assert snap_compare(app, terminal_size=SIZE, press=["4"])


def test_the_review_screen(snap_compare, repository, make_test_app):
    _habit(repository)
    assert snap_compare(make_test_app(repository), terminal_size=SIZE, press=["5"])


def test_the_review_at_80_columns(snap_compare, repository, make_test_app):
    _habit(repository)
    assert snap_compare(make_test_app(repository), terminal_size=(80, 24), press=["5"])
