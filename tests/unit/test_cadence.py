"""Keep in touch: last interactions, overdue, event follow-ups, with a fixed clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from journal.domain.cadence import (
    NEVER,
    Activity,
    Exchanged,
    Mentioned,
    Reason,
    cadence_days,
    collect,
    days_overdue,
    due,
)
from journal.domain.mentions import People
from journal.domain.models import Circle, Contact
from journal.domain.settings import Settings

TODAY = date(2026, 11, 22)
SETTINGS = Settings()


def at(day: date, hour: int = 18) -> datetime:
    return datetime(day.year, day.month, day.day, hour)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def test_cadence_comes_from_the_contact_else_from_the_circle_setting():
    assert cadence_days(Contact("A", circle=Circle.R1), SETTINGS) == 14
    assert cadence_days(Contact("A", circle=Circle.R2), SETTINGS) == 45
    assert cadence_days(Contact("A", circle=Circle.R3), SETTINGS) == 90
    assert cadence_days(Contact("A", circle=Circle.R1, cadence_days=3), SETTINGS) == 3
    assert cadence_days(Contact("A", circle=Circle.R1), Settings(cadence_r1=7)) == 7


def test_mentions_and_exchanges_are_interactions_the_latest_counts():
    karine, joran = Contact("Karine Tremblay"), Contact("Joran Diallo")
    people = People([karine, joran])
    found = collect(
        [Mentioned("e1", at(ago(30)), "check-in", ["Karine"]), Mentioned("e2", at(ago(3)), "note", ["karine tremblay"])],
        [Exchanged("x1", ago(10), [joran.id, joran.id])],
        people,
    )
    assert found[karine.id].last == ago(3)
    assert [entry_id for _, entry_id in found[karine.id].entries] == ["e2", "e1"]  # newest first
    assert found[joran.id].last == ago(10) and len(found[joran.id].exchanges) == 1


def test_a_mention_of_nobody_or_of_two_people_is_nobodys_interaction():
    a, b = Contact("Amina Diallo"), Contact("Amina Traoré")
    found = collect([Mentioned("e", at(TODAY), "note", ["Amina", "Zoé"])], [], People([a, b]))
    assert found == {}


def test_overdue_counts_from_the_last_interaction():
    contact = Contact("A", circle=Circle.R1)
    activity = collect([Mentioned("e", at(ago(20)), "note", ["A"])], [], People([contact]))[contact.id]
    assert days_overdue(contact, activity, TODAY, SETTINGS) == 6
    assert days_overdue(contact, activity, ago(7), SETTINGS) is None  # 13 days: not yet


def test_someone_never_written_about_counts_from_when_met_or_added_whichever_is_later():
    imported = Contact("B", circle=Circle.R3, met_on=date(2019, 5, 1), created=ago(10))
    assert days_overdue(imported, NEVER, TODAY, SETTINGS) is None  # added 10 days ago: not 7 years overdue
    old = Contact("C", circle=Circle.R3, met_on=ago(100), created=ago(200))
    assert days_overdue(old, NEVER, TODAY, SETTINGS) == 10
    assert days_overdue(Contact("D"), NEVER, TODAY, SETTINGS) is None  # nothing to go by


def test_someone_first_mentioned_at_an_event_is_due_within_two_days_until_an_interaction():
    amina = Contact("Amina", circle=Circle.R1, created=ago(1))
    people = People([amina])
    event = Mentioned("e1", at(ago(1), 19), "event", ["Amina"])
    (first,) = due([amina], collect([event], [], people), TODAY, SETTINGS)
    assert first.reason is Reason.FOLLOW_UP and first.due_on == ago(-1) and first.days_late == -1
    later = Mentioned("e2", at(TODAY, 8), "follow-up", ["Amina"])
    assert due([amina], collect([event, later], [], people), TODAY, SETTINGS) == []
    gave = Exchanged("x", ago(1), [amina.id])  # the same evening counts
    assert due([amina], collect([event], [gave], people), TODAY, SETTINGS) == []


def test_a_follow_up_stays_until_cleared_even_long_after():
    amina = Contact("Amina", circle=Circle.R3)
    activities = collect([Mentioned("e1", at(ago(40)), "event", ["Amina"])], [], People([amina]))
    (first,) = due([amina], activities, TODAY, SETTINGS)
    assert first.reason is Reason.FOLLOW_UP and first.days_late == 38


def test_someone_first_mentioned_in_a_check_in_then_at_an_event_has_no_follow_up():
    amina = Contact("Amina", circle=Circle.R2, created=TODAY)
    activities = collect(
        [Mentioned("e1", at(ago(5)), "check-in", ["Amina"]), Mentioned("e2", at(ago(1)), "event", ["Amina"])],
        [],
        People([amina]),
    )
    assert due([amina], activities, TODAY, SETTINGS) == []


def test_follow_ups_come_first_latest_event_first_then_the_most_overdue():
    people = [Contact(n, circle=Circle.R1, created=ago(400)) for n in ("Ann", "Bob", "Cy", "Di")]
    ann, bob, cy, di = people
    activities = collect(
        [
            Mentioned("e1", at(ago(3)), "event", ["Ann"]),
            Mentioned("e2", at(ago(1)), "event", ["Bob"]),
            Mentioned("e3", at(ago(20)), "note", ["Cy"]),
            Mentioned("e4", at(ago(50)), "note", ["Di"]),
        ],
        [],
        People(people),
    )
    assert [d.contact.name for d in due(people, activities, TODAY, SETTINGS)] == ["Bob", "Ann", "Di", "Cy"]


days = st.integers(min_value=0, max_value=800)


@given(mention_days=st.lists(days, max_size=6), exchange_days=st.lists(days, max_size=6), cadence=st.integers(1, 400))
def test_overdue_is_exactly_past_the_cadence_since_the_latest_interaction(mention_days, exchange_days, cadence):
    """Against the rule stated plainly, with dates across month, year and leap-year boundaries."""
    start = date(2023, 12, 1)
    contact = Contact("Zoé", cadence_days=cadence, created=start)
    mentioned = [Mentioned(f"e{i}", at(start + timedelta(d)), "note", ["zoe"]) for i, d in enumerate(mention_days)]
    exchanged = [Exchanged(f"x{i}", start + timedelta(d), [contact.id]) for i, d in enumerate(exchange_days)]
    activity = collect(mentioned, exchanged, People([contact])).get(contact.id, NEVER)
    today = start + timedelta(days=900)
    latest = max([start + timedelta(d) for d in mention_days + exchange_days], default=None)
    assert activity.last == latest
    base = latest or start
    expected = (today - base).days - cadence
    assert days_overdue(contact, activity, today, SETTINGS) == (expected if expected >= 0 else None)


def test_an_activity_with_nothing_is_never():
    assert Activity().last is None and Activity().follow_up_from() is None


def test_the_index_prepared_step_by_step_gives_what_a_cold_build_gives(repository):
    """The app reads the contacts index a little at a time while idle; the result must be the same."""
    from journal.domain.models import Entry, Exchange, Direction, ExchangeKind

    people = [Contact(f"Person {i}", created=date(2026, 1, 1)) for i in range(30)]
    repository.save_contacts(people)
    repository.save_entries(
        Entry(at=datetime(2026, 1, 1 + i % 28, 9), body=f'met @"Person {i % 30}" and @"Person {(i * 7) % 30}"')
        for i in range(700)
    )
    repository.save_exchanges(Exchange(Direction.GIVE, ExchangeKind.OTHER, date(2026, 2, 1), (people[3].id,)) for _ in range(5))
    steps = 0
    while not repository.prepare_activities(limit=100):
        steps += 1
    assert steps >= 7
    primed = repository.activities()
    from journal.store.indexes import ActivityIndex

    read = repository.storage.read()
    cold = ActivityIndex().get(-1, read["entries"], read["exchanges"], repository.people())
    assert {k: (v.entries, v.exchanges, v.first_mention) for k, v in primed.items()} == {
        k: (v.entries, v.exchanges, v.first_mention) for k, v in cold.items()
    }


def test_who_was_due_at_the_end_of_a_month_gone_by():
    from datetime import date, datetime

    from journal.domain.cadence import Activity, due_as_of
    from journal.domain.models import Circle, Contact
    from journal.domain.settings import Settings

    quiet = Contact("Never Talked", circle=Circle.R1, created=date(2026, 1, 1))
    later = Contact("Given Later", circle=Circle.R1, created=date(2026, 1, 1))
    newer = Contact("Added In July", circle=Circle.R1, created=date(2026, 7, 1))
    activities = {later.id: Activity(entries=[(datetime(2026, 11, 20, 9, 0), "e1")], exchanges=[(date(2026, 11, 20), "x1")], first_mention=(datetime(2026, 11, 20, 9, 0), "event"))}
    found = due_as_of([quiet, later, newer], activities, date(2026, 6, 30), Settings())
    assert {d.contact.name for d in found} == {"Never Talked", "Given Later"}
    assert all(d.last is None for d in found)


def test_as_of_keeps_what_was_known_by_that_day():
    from datetime import date, datetime

    from journal.domain.cadence import Activity

    activity = Activity(
        entries=[(datetime(2026, 11, 20, 9, 0), "c"), (datetime(2026, 6, 30, 23, 59), "b"), (datetime(2026, 1, 2, 8, 0), "a")],
        exchanges=[(date(2026, 7, 1), "y"), (date(2026, 6, 30), "x")],
        first_mention=(datetime(2026, 1, 2, 8, 0), "event"),
    )
    then = activity.as_of(date(2026, 6, 30))
    assert [i for _at, i in then.entries] == ["b", "a"] and [i for _on, i in then.exchanges] == ["x"]
    assert then.last == date(2026, 6, 30) and then.first_mention == activity.first_mention
    before = activity.as_of(date(2025, 12, 31))
    assert before.entries == [] and before.exchanges == [] and before.first_mention is None and before.last is None
    assert activity.as_of(date(2026, 12, 1)) is activity
