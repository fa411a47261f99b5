"""The monthly give/ask review (journal.domain.balance): totals, breakdowns, the funnel, cards."""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.domain.balance import (
    Counts,
    Funnel,
    ledger_by_month,
    review,
    review_from_index,
    window,
)
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

GIVE, ASK = Direction.GIVE, Direction.ASK
NOV = date(2026, 11, 1)

AMINA = Contact("Amina Diallo", Circle.R1, created=date(2025, 1, 1), id="amina")
JORAN = Contact("Joran", Circle.R2, id="joran")
KARINE = Contact("Karine", Circle.R3, created=date(2026, 11, 10), id="karine")
# Added in R3 on the 3rd, moved to R2 on the 20th: both met and moved this month.
LEO = Contact(
    "Léo", Circle.R2, created=date(2026, 11, 3), moves=(CircleMove(date(2026, 11, 20), Circle.R3, Circle.R2),), id="leo"
)
# R3 -> R2 in October (not this month's), R2 -> R1 in November.
MIA = Contact(
    "Mia",
    Circle.R1,
    created=date(2026, 9, 1),
    moves=(
        CircleMove(date(2026, 10, 15), Circle.R3, Circle.R2),
        CircleMove(date(2026, 11, 5), Circle.R2, Circle.R1),
    ),
    id="mia",
)
NOOR = Contact("Noor", Circle.R3, met_on=date(2026, 11, 12), id="noor")  # no `created`: met_on counts
OLIVE = Contact("Olive", Circle.R2, created=date(2026, 11, 2), id="olive")  # added straight into R2: not "met in R3"
ZED = Contact("Zed", Circle.R3, created=date(2026, 10, 31), id="zed")  # a day too early
PIA = Contact("Pia", Circle.R2, id="pia")  # only asked of
QUINN = Contact("Quinn", Circle.R3, id="quinn")  # asked of, but given to years ago
RAE = Contact("Rae", Circle.R1, id="rae")  # asked of, given to only after the month
CONTACTS = [AMINA, JORAN, KARINE, LEO, MIA, NOOR, OLIVE, ZED, PIA, QUINN, RAE]


def ex(direction, kind, on, *ids):
    return Exchange(direction, kind, on, tuple(ids))


EXCHANGES = [
    # November 2026
    ex(GIVE, ExchangeKind.OFFER, date(2026, 11, 2), "amina"),
    ex(GIVE, ExchangeKind.INTRODUCTION, date(2026, 11, 3), "amina", "joran"),  # two people, two circles
    ex(GIVE, ExchangeKind.ADVICE, date(2026, 11, 4), "amina", "amina"),  # the same person twice: once
    ex(ASK, ExchangeKind.ADVICE, date(2026, 11, 5), "joran"),
    ex(ASK, ExchangeKind.INFORMATION, date(2026, 11, 6), "gone"),  # deleted since
    ex(GIVE, ExchangeKind.REFERRAL, date(2026, 11, 7), "gone", "karine"),  # one deleted, one known
    ex(ASK, ExchangeKind.OTHER, date(2026, 11, 30), "karine"),  # the month's last day
    # around it
    ex(GIVE, ExchangeKind.OFFER, date(2026, 12, 1), "amina"),  # the next month
    ex(GIVE, ExchangeKind.OFFER, date(2026, 12, 5), "rae"),
    ex(GIVE, ExchangeKind.OFFER, date(2026, 10, 31), "joran"),
    ex(ASK, ExchangeKind.ADVICE, date(2025, 12, 1), "amina"),  # first month of the window
    ex(ASK, ExchangeKind.ADVICE, date(2025, 11, 30), "joran"),  # just outside it
    ex(ASK, ExchangeKind.ADVICE, date(2026, 5, 2), "quinn"),
    ex(GIVE, ExchangeKind.ADVICE, date(2020, 1, 1), "quinn"),
    ex(ASK, ExchangeKind.ADVICE, date(2026, 6, 1), "pia"),
    ex(ASK, ExchangeKind.REFERRAL, date(2026, 6, 9), "pia"),
    ex(ASK, ExchangeKind.ADVICE, date(2026, 7, 1), "rae"),
]

CARDS = [
    Card("given", status=CardStatus.GIVEN, done=datetime(2026, 11, 5, 10, 0)),
    Card("given before", status=CardStatus.GIVEN, done=datetime(2026, 10, 31, 23, 59)),
    Card("dropped", status=CardStatus.DROPPED, done=datetime(2026, 11, 30, 23, 0)),
    Card("to give", status=CardStatus.TO_GIVE, created=datetime(2026, 11, 29, 8, 0)),
    Card("doing", status=CardStatus.DOING),
    Card("later", status=CardStatus.TO_GIVE, created=datetime(2026, 12, 2, 8, 0)),
    Card("given, no date", status=CardStatus.GIVEN),
]


def due(contact: Contact, late: int) -> Due:
    return Due(contact, Reason.OVERDUE, date(2026, 11, 21) - timedelta(days=late), late, None)


OVERDUE = [due(MIA, 30), due(JORAN, 12), due(AMINA, 3)]


def november():
    return review(NOV, EXCHANGES, CONTACTS, CARDS, OVERDUE)


def test_totals_count_each_exchange_once():
    r = november()
    assert r.month == NOV
    assert (r.gives, r.asks) == (4, 3)


def test_any_day_of_the_month_reviews_the_month():
    assert review(date(2026, 11, 21), EXCHANGES, CONTACTS, CARDS, OVERDUE) == november()


def test_by_circle_counts_an_exchange_once_per_circle_and_skips_deleted_people():
    r = november()
    assert list(r.by_circle) == [Circle.R1, Circle.R2, Circle.R3]
    assert r.by_circle[Circle.R1] == Counts(3, 0)  # the offer, the introduction, the advice (amina twice: once)
    assert r.by_circle[Circle.R2] == Counts(1, 1)  # the introduction also counts for Joran's circle
    assert r.by_circle[Circle.R3] == Counts(1, 1)  # the referral to Karine and someone deleted
    assert r.unknown == Counts(0, 1)  # only the ask whose one person is gone


def test_by_kind_holds_only_kinds_with_something():
    r = november()
    assert r.by_kind == {
        ExchangeKind.OFFER: Counts(1, 0),
        ExchangeKind.ADVICE: Counts(1, 1),
        ExchangeKind.INFORMATION: Counts(0, 1),
        ExchangeKind.INTRODUCTION: Counts(1, 0),
        ExchangeKind.REFERRAL: Counts(1, 0),
        ExchangeKind.OTHER: Counts(0, 1),
    }
    assert list(r.by_kind) == [k for k in ExchangeKind if k in r.by_kind]


def test_the_twelve_months_end_with_the_month_and_cross_the_year():
    r = november()
    assert [m for m, _ in r.months] == [date(2025, 12, 1)] + [date(2026, n, 1) for n in range(1, 12)]
    counts = dict(r.months)
    assert counts[date(2025, 12, 1)] == Counts(0, 1)  # the 2025-11-30 ask is outside
    assert counts[date(2026, 5, 1)] == Counts(0, 1)
    assert counts[date(2026, 6, 1)] == Counts(0, 2)
    assert counts[date(2026, 10, 1)] == Counts(1, 0)
    assert counts[NOV] == Counts(4, 3)
    assert counts[date(2026, 8, 1)] == Counts()


def test_most_given_and_asked_per_person_most_first_then_by_name():
    r = november()
    assert [(c.id, n) for c, n in r.most_given] == [("amina", 3), ("joran", 1), ("karine", 1)]
    assert [(c.id, n) for c, n in r.most_asked] == [("joran", 1), ("karine", 1)]


def test_only_asked_lists_who_was_asked_and_never_given_to_up_to_the_month_end():
    r = november()
    # Pia: asked twice, never given. Rae: given to only in December. Quinn: given to in 2020.
    # Joran and Karine were given to; Amina's ask was answered by gives.
    assert [(c.id, n) for c, n in r.only_asked] == [("pia", 2), ("rae", 1)]


def test_overdue_is_grouped_by_circle_in_the_order_given():
    r = november()
    assert r.overdue == {Circle.R1: (OVERDUE[0], OVERDUE[2]), Circle.R2: (OVERDUE[1],), Circle.R3: ()}


def test_the_funnel_comes_from_creation_and_moves_in_the_month():
    funnel = november().funnel
    assert [c.id for c in funnel.met] == ["karine", "leo", "noor"]  # not Olive (R2), not Zed (October)
    assert [c.id for c in funnel.r3_to_r2] == ["leo"]  # Mia's R3 -> R2 was in October
    assert [c.id for c in funnel.r2_to_r1] == ["mia"]
    october = review(date(2026, 10, 1), EXCHANGES, CONTACTS, CARDS).funnel
    assert [c.id for c in october.r3_to_r2] == ["mia"] and october.r2_to_r1 == ()
    assert [c.id for c in october.met] == ["zed"]


def test_cards_given_dropped_and_open():
    r = november()
    assert (r.cards_given, r.cards_dropped, r.cards_open) == (1, 1, 2)
    december = review(date(2026, 12, 1), EXCHANGES, CONTACTS, CARDS)
    assert (december.cards_given, december.cards_dropped, december.cards_open) == (0, 0, 3)


def test_a_deleted_contact_still_counts_in_the_totals():
    r = review(NOV, [ex(GIVE, ExchangeKind.OFFER, date(2026, 11, 2), "gone")], [AMINA], [])
    assert (r.gives, r.asks) == (1, 0)
    assert r.unknown == Counts(1, 0)
    assert all(c == Counts() for c in r.by_circle.values())
    assert r.most_given == () and r.only_asked == ()
    assert not r.is_empty


def test_an_empty_month_is_empty_with_zeros_and_twelve_months():
    r = review(date(2026, 8, 1), EXCHANGES, CONTACTS, CARDS)
    assert r.is_empty
    assert (r.gives, r.asks, r.cards_given, r.cards_dropped) == (0, 0, 0, 0)
    assert r.by_circle == {Circle.R1: Counts(), Circle.R2: Counts(), Circle.R3: Counts()}
    assert r.by_kind == {} and r.most_given == () and r.most_asked == ()
    assert r.funnel == Funnel((), (), ())
    assert len(r.months) == 12 and r.months[-1][0] == date(2026, 8, 1)
    assert dict(r.months)[date(2026, 6, 1)] == Counts(0, 2)
    assert r.overdue == {Circle.R1: (), Circle.R2: (), Circle.R3: ()}
    nothing = review(NOV, [], [], [])
    assert nothing.is_empty and len(nothing.months) == 12 and nothing.unknown == Counts()


def test_a_month_with_only_asks():
    exchanges = [
        ex(ASK, ExchangeKind.ADVICE, date(2026, 11, 3), "amina"),
        ex(ASK, ExchangeKind.INTRODUCTION, date(2026, 11, 9), "amina", "joran"),
        ex(ASK, ExchangeKind.ADVICE, date(2026, 11, 12), "joran"),
        ex(ASK, ExchangeKind.ADVICE, date(2026, 11, 13), "karine"),
    ]
    r = review(NOV, exchanges, CONTACTS, [])
    assert (r.gives, r.asks) == (0, 4)
    assert not r.is_empty
    assert r.most_given == ()
    assert [(c.id, n) for c, n in r.only_asked] == [("amina", 2), ("joran", 2), ("karine", 1)]
    assert r.only_asked[:2] == r.most_asked[:2]


def test_december_and_january_each_keep_their_own():
    exchanges = [
        ex(GIVE, ExchangeKind.OFFER, date(2026, 12, 31), "amina"),
        ex(ASK, ExchangeKind.ADVICE, date(2027, 1, 1), "amina"),
        ex(ASK, ExchangeKind.ADVICE, date(2026, 1, 31), "joran"),  # 12 months before January 2027: outside
    ]
    december = review(date(2026, 12, 1), exchanges, CONTACTS, [])
    january = review(date(2027, 1, 1), exchanges, CONTACTS, [])
    assert (december.gives, december.asks) == (1, 0)
    assert (january.gives, january.asks) == (0, 1)
    assert [m for m, _ in january.months][0] == date(2026, 2, 1)
    assert january.months[-2:] == ((date(2026, 12, 1), Counts(1, 0)), (date(2027, 1, 1), Counts(0, 1)))
    assert sum(c.asks for _, c in january.months) == 1
    # Amina was given to on 31 December: January's ask is not "only asked"; in a review of
    # January 2026 Joran was only asked.
    assert january.only_asked == ()
    assert [c.id for c, _ in review(date(2026, 1, 1), exchanges, CONTACTS, []).only_asked] == ["joran"]


def test_a_leap_february_runs_to_the_29th():
    exchanges = [
        ex(GIVE, ExchangeKind.OFFER, date(2028, 2, 29), "amina"),
        ex(GIVE, ExchangeKind.OFFER, date(2028, 3, 1), "amina"),
        ex(GIVE, ExchangeKind.OFFER, date(2028, 2, 1), "amina"),
    ]
    cards = [Card("late", status=CardStatus.GIVEN, done=datetime(2028, 2, 29, 23, 59))]
    february = review(date(2028, 2, 15), exchanges, CONTACTS, cards)
    assert february.month == date(2028, 2, 1)
    assert february.gives == 2 and february.cards_given == 1
    assert review(date(2028, 3, 1), exchanges, CONTACTS, cards).gives == 1


def test_months_before_year_one_are_left_out():
    assert window(date(1, 3, 9)) == [date(1, 1, 1), date(1, 2, 1), date(1, 3, 1)]
    r = review(date(1, 3, 1), [ex(GIVE, ExchangeKind.OFFER, date(1, 1, 5), "amina")], [AMINA], [])
    assert [m for m, _ in r.months] == [date(1, 1, 1), date(1, 2, 1), date(1, 3, 1)]
    assert r.months[0][1] == Counts(1, 0)
    assert len(review(date(9999, 12, 1), [], [], []).months) == 12


def test_most_given_keeps_five_by_count_then_name():
    people = [Contact(name, id=name) for name in ("bob", "Alice", "carl", "Dora", "eve", "Fred", "gus")]
    counts = {"bob": 2, "Alice": 2, "carl": 3, "Dora": 1, "eve": 2, "Fred": 1, "gus": 1}
    exchanges = [
        ex(GIVE, ExchangeKind.OFFER, date(2026, 11, 1 + i), name) for name, n in counts.items() for i in range(n)
    ]
    r = review(NOV, exchanges, people, [])
    assert [(c.name, n) for c, n in r.most_given] == [("carl", 3), ("Alice", 2), ("bob", 2), ("eve", 2), ("Dora", 1)]


def test_a_contact_met_and_moved_in_the_month_is_in_both():
    funnel = november().funnel
    assert LEO in funnel.met and LEO in funnel.r3_to_r2


def test_the_index_is_by_first_day_of_the_month():
    index = ledger_by_month(EXCHANGES)
    assert sorted(index)[0] == date(2020, 1, 1)
    assert len(index[NOV]) == 7
    assert sum(len(v) for v in index.values()) == len(EXCHANGES)


def test_review_from_the_index_is_the_same_review():
    index = ledger_by_month(EXCHANGES)
    for month in [date(2026, n, 1) for n in range(1, 13)] + [date(2027, 1, 1), date(2020, 1, 1)]:
        assert review_from_index(month, index, CONTACTS, CARDS, OVERDUE) == review(
            month, EXCHANGES, CONTACTS, CARDS, OVERDUE
        )


def test_an_index_of_the_twelve_months_only_takes_who_was_given_to_before():
    index = ledger_by_month(EXCHANGES)
    twelve = {m: index.get(m, []) for m in window(NOV)}
    full = review(NOV, EXCHANGES, CONTACTS, CARDS, OVERDUE)
    # Quinn was given to in 2020, outside the twelve months: without that, Quinn looks only asked.
    assert "quinn" in [c.id for c, _ in review_from_index(NOV, twelve, CONTACTS, CARDS, OVERDUE).only_asked]
    assert review_from_index(NOV, twelve, CONTACTS, CARDS, OVERDUE, given_before={"quinn"}) == full
    assert review_from_index(NOV, index, CONTACTS, CARDS, OVERDUE, given_before=set()) == full


IDS = ["a", "b", "c", "d", "e", "gone1", "gone2"]
POOL = [Contact(f"Person {i}", circle, id=i) for i, circle in zip(IDS[:5], [Circle.R1, Circle.R2, Circle.R3, Circle.R2, Circle.R1], strict=True)]

exchanges_strategy = st.lists(
    st.builds(
        Exchange,
        direction=st.sampled_from(list(Direction)),
        kind=st.sampled_from(list(ExchangeKind)),
        on=st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
        contact_ids=st.lists(st.sampled_from(IDS), max_size=3).map(tuple),
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(exchanges_strategy, st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 2, 1)), st.randoms())
def test_review_and_review_from_index_agree(exchanges, month, rnd):
    index = ledger_by_month(exchanges)
    shuffled = list(exchanges)
    rnd.shuffle(shuffled)
    expected = review(month, shuffled, POOL, [])
    assert review_from_index(month, index, POOL, []) == expected
    assert expected.gives + expected.asks == sum(1 for e in exchanges if e.on.replace(day=1) == month.replace(day=1))
    for circle, counts in expected.by_circle.items():
        assert counts.gives <= expected.gives and counts.asks <= expected.asks, circle


def test_a_big_journal_is_reviewed_fast():
    rnd = random.Random(7)
    contacts = [
        Contact(f"Person {i}", rnd.choice(list(Circle)), created=date(2020, 1, 1) + timedelta(days=rnd.randrange(2500)), id=str(i))
        for i in range(5000)
    ]
    start = date(2017, 1, 1)
    exchanges = [
        Exchange(
            rnd.choice(list(Direction)),
            rnd.choice(list(ExchangeKind)),
            start + timedelta(days=rnd.randrange(3600)),
            tuple(str(rnd.randrange(5200)) for _ in range(rnd.choice((1, 1, 1, 2)))),
        )
        for _ in range(20_000)
    ]
    cards = [
        Card(f"card {i}", status=rnd.choice(list(CardStatus)), created=datetime(2020, 1, 1) + timedelta(days=rnd.randrange(2500)), done=datetime(2020, 1, 1) + timedelta(days=rnd.randrange(2500)))
        for i in range(2000)
    ]
    month = date(2026, 11, 1)
    began = time.perf_counter()
    full = review(month, exchanges, contacts, cards)
    took = time.perf_counter() - began
    index = ledger_by_month(exchanges)
    began = time.perf_counter()
    indexed = review_from_index(month, index, contacts, cards)
    took_indexed = time.perf_counter() - began
    assert full == indexed
    assert took < 0.5 and took_indexed < 0.5, (took, took_indexed)
