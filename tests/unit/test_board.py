"""The card state machine, what giving records, undo, and the columns shown."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.domain import board
from journal.domain.board import Change, reverse
from journal.domain.models import Card, CardKind, CardStatus, Direction, Exchange, ExchangeKind

NOW = datetime(2026, 11, 21, 9, 30)


def card(**fields) -> Card:
    values = {"title": "Forward the UX job", "kind": CardKind.OFFER, "contact_ids": ("amina",), "created": NOW}
    return Card(**{**values, **fields})


# -- transitions ----------------------------------------------------------------------


def test_right_goes_to_give_doing_given_and_no_further():
    start = card()
    doing = board.move(start, 1, NOW)
    assert doing is not None and doing.after.status is CardStatus.DOING and doing.added == ()
    given = board.move(doing.after, 1, NOW)
    assert given is not None and given.after.status is CardStatus.GIVEN
    assert given.after.done == NOW
    assert board.move(given.after, 1, NOW) is None


def test_left_from_to_give_is_the_edge():
    assert board.move(card(), -1, NOW) is None


def test_leaving_given_takes_its_gives_away():
    given = board.give(card(), NOW)
    assert given is not None
    back = board.move(given.after, -1, NOW, given.added)
    assert back is not None
    assert back.after.status is CardStatus.DOING and back.after.done is None
    assert back.removed == given.added and back.added == ()


def test_give_records_one_give_per_person_on_that_day():
    change = board.give(card(contact_ids=("amina", "joran", "amina"), payload="See https://jobs.example/ux, now"), NOW)
    assert change is not None
    assert [x.contact_ids for x in change.added] == [("amina",), ("joran",)]
    for x in change.added:
        assert (x.direction, x.kind, x.on, x.card_id) == (Direction.GIVE, ExchangeKind.OFFER, NOW.date(), change.after.id)
        assert x.note == "Forward the UX job" and x.link == "https://jobs.example/ux"


def test_an_introduction_gives_to_both_people():
    change = board.give(card(kind=CardKind.INTRODUCTION, contact_ids=("amina", "joran")), NOW)
    assert change is not None
    assert {x.contact_ids[0] for x in change.added} == {"amina", "joran"}
    assert {x.kind for x in change.added} == {ExchangeKind.INTRODUCTION}


def test_a_card_for_nobody_is_given_without_a_ledger_line():
    change = board.give(card(contact_ids=()), NOW)
    assert change is not None and change.added == () and change.after.status is CardStatus.GIVEN


def test_give_from_doing_and_not_twice():
    doing = card(status=CardStatus.DOING)
    assert board.give(doing, NOW) is not None
    assert board.give(card(status=CardStatus.GIVEN, done=NOW), NOW) is None
    assert board.give(card(status=CardStatus.DROPPED, done=NOW), NOW) is None


def test_drop_keeps_the_card_and_never_a_given_one():
    change = board.drop(card(), NOW)
    assert change is not None and change.after.status is CardStatus.DROPPED and change.after.done == NOW
    assert board.drop(card(status=CardStatus.GIVEN, done=NOW), NOW) is None
    assert board.move(change.after, 1, NOW) is None  # off the board: no moves


def test_reverse_undoes_a_give():
    change = board.give(card(), NOW)
    assert change is not None
    undo = reverse(change)
    assert undo.after == change.before and undo.removed == change.added and undo.added == ()


def test_editing_a_given_card_keeps_its_ledger_in_step():
    given = board.give(card(contact_ids=("amina",)), NOW - timedelta(days=3))
    assert given is not None
    edited = Card(**{**_fields(given.after), "title": "Forwarded the UX job", "contact_ids": ("amina", "joran")})
    change = board.edit(given.after, edited, NOW, given.added)
    by_person = {x.contact_ids[0]: x for x in change.added}
    assert set(by_person) == {"amina", "joran"}
    assert by_person["amina"].id == given.added[0].id  # the same line, rewritten
    assert all(x.on == (NOW - timedelta(days=3)).date() for x in change.added)  # still the day it was given
    assert change.removed == given.added


def test_editing_an_open_card_records_nothing():
    before = card()
    after = Card(**{**_fields(before), "title": "new"})
    assert board.edit(before, after, NOW, ()) == Change(before, after)


def _fields(c: Card) -> dict:
    return {name: getattr(c, name) for name in Card.__dataclass_fields__}


# -- undo across several steps (a model of the store: cards and ledger by id) -------------

OPERATIONS = st.lists(st.sampled_from(["left", "right", "give", "drop"]), max_size=12)


@given(OPERATIONS)
@settings(max_examples=300)
def test_undoing_every_step_gives_back_the_start(operations):
    start = card(contact_ids=("amina", "joran"))
    state = (start, {})  # the card, the ledger by id
    history: list[tuple[Change, tuple]] = []
    for step, op in enumerate(operations):
        now = NOW + timedelta(days=step)
        current, ledger = state
        records = [x for x in ledger.values() if x.card_id == current.id]
        change = {
            "left": lambda: board.move(current, -1, now, records),
            "right": lambda: board.move(current, 1, now, records),
            "give": lambda: board.give(current, now),
            "drop": lambda: board.drop(current, now),
        }[op]()
        if change is None:
            continue
        history.append((change, state))
        state = _apply(state, change)
        _check_invariant(state)
    for change, before in reversed(history):
        state = _apply(state, reverse(change))
        assert state == before
    assert state == (start, {})


def _apply(state, change: Change):
    current, ledger = state
    assert current == change.before
    ledger = {k: v for k, v in ledger.items() if k not in {x.id for x in change.removed}}
    ledger.update({x.id: x for x in change.added})
    return change.after, ledger


def _check_invariant(state) -> None:
    """A card is in *given* exactly when the ledger holds its gives."""
    current, ledger = state
    mine = [x for x in ledger.values() if x.card_id == current.id]
    if current.status is CardStatus.GIVEN:
        assert sorted(x.contact_ids[0] for x in mine) == sorted(current.contact_ids)
    else:
        assert mine == []


# -- columns --------------------------------------------------------------------------------


def test_columns_sort_and_collapse_old_gives():
    today = NOW.date()
    cards = [
        card(title="late", due=today - timedelta(days=2)),
        card(title="undated old", created=NOW - timedelta(days=9)),
        card(title="undated new"),
        card(title="doing", status=CardStatus.DOING),
        card(title="given today", status=CardStatus.GIVEN, done=NOW),
        card(title="given yesterday", status=CardStatus.GIVEN, done=NOW - timedelta(days=1)),
        card(title="given long ago", status=CardStatus.GIVEN, done=NOW - timedelta(days=400)),
        card(title="dropped", status=CardStatus.DROPPED, done=NOW),
    ]
    shown = board.columns(cards, today)
    assert [c.title for c in shown.to_give] == ["late", "undated old", "undated new"]
    assert [c.title for c in shown.doing] == ["doing"]
    assert [c.title for c in shown.given] == ["given today", "given yesterday"]
    assert (shown.given_earlier, shown.dropped) == (1, 1)


def test_columns_filter_by_kind():
    cards = [card(title="offer"), card(title="intro", kind=CardKind.INTRODUCTION)]
    assert [c.title for c in board.columns(cards, NOW.date(), CardKind.INTRODUCTION).to_give] == ["intro"]


def test_at_most_so_many_recent_gives():
    cards = [card(title=str(n), status=CardStatus.GIVEN, done=NOW - timedelta(minutes=n)) for n in range(80)]
    shown = board.columns(cards, NOW.date())
    assert len(shown.given) == board.RECENT_GIVEN_MOST and shown.given_earlier == 80 - board.RECENT_GIVEN_MOST


def test_days_late_and_ask_waiting():
    today = date(2026, 11, 21)
    assert board.days_late(card(due=date(2026, 11, 18)), today) == 3
    assert board.days_late(card(due=date(2026, 11, 22)), today) == 0
    assert board.days_late(card(due=date(2026, 11, 18), status=CardStatus.GIVEN), today) == 0
    ask = card(kind=CardKind.ANSWER, created=datetime(2026, 11, 12, 23, 59))
    assert board.ask_waiting(ask, today) == 9
    assert board.ask_waiting(card(), today) is None
    assert board.ask_waiting(card(kind=CardKind.ANSWER, status=CardStatus.GIVEN, done=NOW), today) is None


def test_first_link():
    assert board.first_link("read (https://a.example/x).") == "https://a.example/x"
    assert board.first_link("no link here") == ""


def test_give_exchange_fields_are_ledger_values():
    change = board.give(card(kind=CardKind.EXCERPT), NOW)
    assert change is not None
    assert all(isinstance(x, Exchange) and x.kind is ExchangeKind.EXCERPT for x in change.added)
