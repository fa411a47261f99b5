"""Streaks: activity days, rest weekdays, monthly freezes, the heatmap grid (journal/domain/streaks.py)."""

from __future__ import annotations

import itertools
import time
from datetime import date, timedelta
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from journal.domain.settings import Settings
from journal.domain.streaks import (
    DayState,
    Rules,
    Streak,
    compute,
    level,
    states,
    week_gives,
    year_weeks,
)

TODAY = date(2026, 11, 22)  # a Sunday
ONE = timedelta(days=1)
A, R, F, M, P, N = DayState.ACTIVE, DayState.REST, DayState.FROZEN, DayState.MISSED, DayState.PENDING, DayState.NONE


def span(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def active(*runs: tuple[date, date]) -> dict[date, int]:
    return {day: 1 for first, last in runs for day in span(first, last)}


def nov(day: int) -> date:
    return date(2026, 11, day)


def shown(counts, today, rules, first, last) -> list[DayState]:
    return list(states(counts, today, rules, first, last).values())


# --- examples --------------------------------------------------------------------------------


def test_no_activity_is_an_empty_streak_with_the_whole_budget():
    for counts in ({}, {nov(20): 0, nov(21): 0}):
        assert compute(counts, TODAY, Rules()) == Streak(0, 0, 2, 0, None, None)
        assert set(shown(counts, TODAY, Rules(), nov(1), nov(30))) == {N}
    assert states({}, TODAY, Rules(), nov(2), nov(1)) == {}


def test_rules_come_from_the_settings():
    rules = Rules.from_settings(Settings(rest_weekdays=(6, 5, 6), monthly_freezes=0, weekly_give_goal=5))
    assert rules == Rules(frozenset({5, 6}), 0, 5)
    assert Rules.from_settings(Settings()) == Rules()


def test_one_action_today():
    assert compute({TODAY: 4}, TODAY, Rules()) == Streak(1, 1, 2, 1, TODAY, TODAY)
    assert states({TODAY: 4}, TODAY, Rules(), nov(21), nov(23)) == {nov(21): N, nov(22): A, nov(23): N}


def test_today_without_action_is_pending_and_keeps_yesterdays_run():
    counts = active((nov(19), nov(21)))
    streak = compute(counts, TODAY, Rules(monthly_freezes=0))
    assert (streak.current, streak.longest, streak.current_start, streak.freezes_left) == (3, 3, nov(19), 0)
    assert shown(counts, TODAY, Rules(monthly_freezes=0), nov(18), nov(23)) == [N, A, A, A, P, N]
    # The day after, with nothing on the 22nd either, the run is broken.
    assert compute(counts, nov(23), Rules(monthly_freezes=0)).current == 0
    assert shown(counts, nov(23), Rules(monthly_freezes=0), nov(22), nov(23)) == [M, P]


def test_a_rest_weekend_neither_counts_nor_breaks():
    rules = Rules(rest_weekdays=frozenset({5, 6}), monthly_freezes=0)
    counts = active((nov(16), nov(20)), (nov(23), nov(23)))  # Monday to Friday, then Monday
    streak = compute(counts, nov(23), rules)
    assert (streak.current, streak.longest, streak.current_start, streak.active_days) == (6, 6, nov(16), 6)
    assert shown(counts, nov(23), rules, nov(20), nov(23)) == [A, R, R, A]
    # A rest day today is REST, not PENDING.
    assert shown(counts, nov(21), rules, nov(21), nov(21)) == [R]


def test_an_action_on_a_rest_day_counts():
    rules = Rules(rest_weekdays=frozenset({5, 6}), monthly_freezes=0)
    counts = active((nov(19), nov(23)))  # Thursday to Monday, the weekend included
    assert compute(counts, nov(23), rules).current == 5
    assert shown(counts, nov(23), rules, nov(20), nov(22)) == [A, A, A]


def test_freezes_bridge_one_and_two_missed_days_the_third_breaks():
    rules = Rules(monthly_freezes=2)
    one = active((nov(2), nov(4)), (nov(6), nov(7)))
    assert compute(one, nov(7), rules) == Streak(5, 5, 1, 5, nov(2), nov(7))
    two = active((nov(2), nov(4)), (nov(7), nov(8)))
    assert compute(two, nov(8), rules) == Streak(5, 5, 0, 5, nov(2), nov(8))
    assert shown(two, nov(8), rules, nov(4), nov(7)) == [A, F, F, A]
    three = active((nov(2), nov(4)), (nov(8), nov(10)))
    assert shown(three, nov(10), rules, nov(4), nov(8)) == [A, F, F, M, A]
    assert compute(three, nov(10), rules) == Streak(3, 3, 0, 6, nov(8), nov(10))


def test_freezes_are_spent_oldest_first_and_the_budget_restarts_on_the_first():
    rules = Rules(monthly_freezes=1)
    # Oct 31 is bridged with October's freeze, Nov 1 with November's; Nov 6 finds none left.
    counts = active((date(2026, 10, 27), date(2026, 10, 30)), (nov(2), nov(5)), (nov(7), nov(7)))
    assert shown(counts, nov(7), rules, date(2026, 10, 30), nov(7)) == [A, F, F, A, A, A, A, M, A]
    assert compute(counts, nov(7), rules) == Streak(1, 8, 0, 9, nov(7), nov(5))
    # A missed day with no run to protect spends nothing: the budget is still there for later.
    later = active((date(2026, 10, 28), date(2026, 10, 28)), (nov(3), nov(3)), (nov(5), nov(5)))
    assert shown(later, nov(5), rules, date(2026, 10, 28), nov(5)) == [A, F, M, M, M, M, A, F, A]
    assert compute(later, nov(5), rules) == Streak(2, 2, 0, 3, nov(3), nov(5))
    rules2 = Rules(monthly_freezes=2)
    broken = active((nov(2), nov(2)), (nov(6), nov(7)), (nov(9), nov(9)))
    assert shown(broken, nov(9), rules2, nov(2), nov(9)) == [A, F, F, M, A, A, M, A]
    assert compute(broken, nov(9), rules2).freezes_left == 0
    # And the next month's budget is whole again.
    assert compute(broken, date(2026, 12, 1), rules2).freezes_left == 2


def test_leap_day():
    rules = Rules(monthly_freezes=1)
    counts = active((date(2028, 2, 26), date(2028, 2, 28)), (date(2028, 3, 2), date(2028, 3, 2)))
    assert shown(counts, date(2028, 3, 2), rules, date(2028, 2, 28), date(2028, 3, 2)) == [A, F, F, A]
    assert compute(counts, date(2028, 3, 2), rules) == Streak(4, 4, 0, 4, date(2028, 2, 26), date(2028, 3, 2))
    full = active((date(2028, 2, 28), date(2028, 3, 1)))
    assert compute(full, date(2028, 3, 1), Rules(monthly_freezes=0)).current == 3
    # 2100 is no leap year: Feb 28 then Mar 1.
    century = active((date(2100, 2, 27), date(2100, 2, 28)), (date(2100, 3, 1), date(2100, 3, 1)))
    assert compute(century, date(2100, 3, 1), Rules(monthly_freezes=0)).current == 3


def test_year_boundary():
    counts = active((date(2026, 12, 29), date(2027, 1, 2)))
    assert compute(counts, date(2027, 1, 2), Rules(monthly_freezes=0)).current == 5
    gap = active((date(2026, 12, 29), date(2026, 12, 30)), (date(2027, 1, 2), date(2027, 1, 2)))
    rules = Rules(monthly_freezes=1)
    assert shown(gap, date(2027, 1, 2), rules, date(2026, 12, 30), date(2027, 1, 2)) == [A, F, F, A]
    assert compute(gap, date(2027, 1, 2), rules) == Streak(3, 3, 0, 3, date(2026, 12, 29), date(2027, 1, 2))


def test_counts_after_today_are_ignored():
    counts = {nov(21): 1, nov(23): 5, date(2027, 1, 1): 2}
    assert compute(counts, TODAY, Rules()) == Streak(1, 1, 2, 1, nov(21), nov(21))
    assert shown(counts, TODAY, Rules(), nov(21), nov(24)) == [A, P, N, N]
    only_ahead = {nov(23): 5}
    assert compute(only_ahead, TODAY, Rules()) == Streak(0, 0, 2, 0, None, None)
    assert set(shown(only_ahead, TODAY, Rules(), nov(20), nov(24))) == {N}


def test_longest_ties_go_to_the_latest_run():
    rules = Rules(monthly_freezes=0)
    counts = active((nov(2), nov(4)), (nov(10), nov(12)), (nov(20), nov(21)))
    assert compute(counts, TODAY, rules) == Streak(2, 3, 0, 8, nov(20), nov(12))
    longer_first = active((nov(1), nov(5)), (nov(10), nov(12)))
    assert compute(longer_first, TODAY, rules).longest_end == nov(5)
    assert compute(longer_first, TODAY, rules).current_start is None


def test_writing_up_a_lone_missed_day_can_lower_the_streak():
    """The cost of spending freezes only while a run is alive (see the module docstring)."""
    rules = Rules(monthly_freezes=1)
    # October: a run broken (Oct 29 frozen, Oct 30 missed); November: a day off, then ten days,
    # a day off bridged by November's freeze, ten more.
    counts = active((date(2026, 10, 28), date(2026, 10, 28)), (nov(3), nov(12)), (nov(14), nov(23)))
    assert compute(counts, nov(23), rules).current == 20
    # Nov 1 written up afterwards: its run spends November's freeze on Nov 2, Nov 13 breaks.
    counts[nov(1)] = 1
    streak = compute(counts, nov(23), rules)
    assert (streak.current, streak.longest, streak.longest_end) == (10, 11, nov(12))


def test_ten_years_compute_fast():
    start = TODAY - timedelta(days=3650)
    counts = {}
    for i in range(3700):
        day = start + timedelta(days=i)
        if i % 11 != 5 and i % 97 not in (40, 41, 42) and day <= TODAY:
            counts[day] = 1 + i % 4
    rules = Rules(rest_weekdays=frozenset({6}), monthly_freezes=2)
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        streak = compute(counts, TODAY, rules)
        grid = year_weeks(TODAY)
        window = states(counts, TODAY, rules, grid[0][0], grid[-1][-1])
        best = min(best, time.perf_counter() - began)
    assert streak.active_days == len(counts) and streak.longest > 0
    assert len(window) == 53 * 7
    assert best < 0.2, best


# --- weekly gives, shades, heatmap grid -------------------------------------------------------------


def test_week_gives_run_monday_to_sunday():
    gives = {nov(15): 5, nov(16): 2, nov(20): 1, nov(22): 1, nov(23): 4}
    assert week_gives(gives, TODAY) == 4  # Sunday: Monday 16 to Sunday 22
    assert week_gives(gives, nov(23)) == 4  # Monday: a new week
    assert week_gives(gives, nov(24)) == 4
    assert week_gives(gives, nov(18)) == 2  # the 20th and 22nd are not yet
    assert week_gives(gives, nov(15)) == 5
    assert week_gives({}, TODAY) == 0


def test_level_shades():
    assert [level(n) for n in range(-1, 10)] == [0, 0, 1, 2, 2, 3, 3, 3, 4, 4, 4]
    assert level(1000) == 4


def test_year_weeks_leap_year():
    end = date(2028, 3, 1)  # a Wednesday, after Feb 29
    grid = year_weeks(end)
    assert len(grid) == 53 and all(len(column) == 7 for column in grid)
    assert grid[-1] == span(date(2028, 2, 28), date(2028, 3, 5))
    assert grid[0][0] == date(2027, 3, 1)
    assert date(2028, 2, 29) in grid[-1]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_year_weeks_is_53_weeks_monday_first_ending_with_end(end):
    grid = year_weeks(end)
    assert len(grid) == 53 and all(len(column) == 7 for column in grid)
    assert all(column[0].weekday() == 0 for column in grid)
    days = [day for column in grid for day in column]
    assert all(b - a == ONE for a, b in itertools.pairwise(days))
    assert end in grid[-1] and end not in grid[-2]


# --- against a reference written differently ------------------------------------------------------


def reference(counts, today, rules):
    """Each day decided on its own by re-scanning the days before it.

    A run is the active days since the last MISSED day; a missed day is FROZEN when the
    days before it leave a run alive and fewer than the budget of its month's earlier
    days are FROZEN.
    """
    actives = {day for day, count in counts.items() if count > 0 and day <= today}
    first = min(actives, default=None)

    @cache
    def state(day):
        if first is None or day < first or day > today:
            return N
        if day in actives:
            return A
        if day.weekday() in rules.rest_weekdays:
            return R
        if day == today:
            return P
        if run_through(day - ONE) == 0:
            return M
        frozen_before = sum(1 for d in range(1, day.day) if state(day.replace(day=d)) is F)
        return F if frozen_before < rules.monthly_freezes else M

    @cache
    def run_through(day):
        """Active days since the last MISSED day, `day` included."""
        run, back = 0, day
        while first is not None and back >= first and state(back) is not M:
            run += state(back) is A
            back -= ONE
        return run

    if first is not None:
        for day in span(first, today):  # in order: keeps the recursion shallow
            state(day)
    runs = {day: run_through(day) for day in actives}
    longest = max(runs.values(), default=0)
    current = run_through(today) if first is not None else 0
    alive = [d for d in actives if all(state(x) is not M for x in span(d, today))]
    frozen = sum(1 for d in span(today.replace(day=1), today) if state(d) is F)
    streak = Streak(
        current=current,
        longest=longest,
        freezes_left=max(0, rules.monthly_freezes - frozen),
        active_days=len(actives),
        current_start=min(alive) if current else None,
        longest_end=max((d for d, run in runs.items() if run == longest), default=None) if longest else None,
    )
    return streak, state


EDGES = [
    date(2026, 12, 31),
    date(2027, 1, 1),
    date(2028, 2, 29),
    date(2028, 3, 1),
    date(2024, 2, 29),
    date(2100, 3, 1),
    date(2000, 2, 29),
    date(2026, 10, 31),
    date(2026, 11, 30),
]


@st.composite
def scenarios(draw):
    base = draw(st.sampled_from(EDGES)) + timedelta(days=draw(st.integers(-70, 10)))
    length = draw(st.integers(0, 120))
    keep = draw(st.integers(1, 10))  # out of 10: how dense the activity is
    raw = draw(st.lists(st.integers(0, 10), min_size=length, max_size=length))
    counts = {}
    for i, x in enumerate(raw):
        if x < keep:
            counts[base + timedelta(days=i)] = x + 1
        elif x == 10:
            counts[base + timedelta(days=i)] = 0  # a day kept with nothing on it
    today = base + timedelta(days=draw(st.integers(-3, length + 3)))
    rules = Rules(
        rest_weekdays=draw(st.frozensets(st.integers(0, 6), max_size=6)),
        monthly_freezes=draw(st.integers(0, 3)),
    )
    first = base + timedelta(days=draw(st.integers(-10, length + 5)))
    last = first + timedelta(days=draw(st.integers(-1, 130)))
    return counts, today, rules, first, last


@settings(max_examples=400, deadline=None)
@given(scenarios())
def test_compute_and_states_agree_with_the_reference(scenario):
    counts, today, rules, first, last = scenario
    expected, state = reference(counts, today, rules)
    streak = compute(counts, today, rules)
    assert streak == expected
    got = states(counts, today, rules, first, last)
    assert list(got) == (span(first, last) if first <= last else [])
    assert got == {day: state(day) for day in got}
    assert streak.current <= streak.longest
    assert streak.active_days == sum(1 for day, count in counts.items() if count > 0 and day <= today)
    assert 0 <= streak.freezes_left <= rules.monthly_freezes


@settings(max_examples=200, deadline=None)
@given(scenarios(), st.integers(0, 200))
def test_without_freezes_writing_up_a_missed_day_never_lowers_the_streak(scenario, pick):
    counts, today, rules, _, _ = scenario
    rules = Rules(rules.rest_weekdays, 0)
    before = compute(counts, today, rules)
    missed = [day for day, s in states(counts, today, rules, today - timedelta(days=200), today).items() if s is M]
    if not missed:
        return
    more = {**counts, missed[pick % len(missed)]: 1}
    after = compute(more, today, rules)
    assert after.longest >= before.longest and after.current >= before.current
    assert after.active_days == before.active_days + 1


@settings(max_examples=200, deadline=None)
@given(scenarios())
def test_an_action_today_adds_one_to_the_run(scenario):
    counts, today, rules, _, _ = scenario
    before = compute(counts, today, rules)
    if counts.get(today, 0) > 0:
        return
    after = compute({**counts, today: 1}, today, rules)
    assert after.current == before.current + 1 and after.current_start is not None
    assert after.longest >= before.longest and after.freezes_left == before.freezes_left


def test_month_summary_counts_the_month_and_the_streak_at_its_end():
    from journal.domain.streaks import month_summary

    counts = {date(2026, 10, 30): 1, date(2026, 10, 31): 2, date(2026, 11, 2): 1, date(2026, 11, 3): 1}
    rules = Rules(monthly_freezes=1)
    november = month_summary(counts, date(2026, 11, 1), date(2026, 11, 21), rules)
    # Nov 1 frozen, Nov 2-3 active, Nov 4 missed (no freeze left), then missed with no run to protect.
    assert november == {"active_days": 2, "frozen_days": 1, "missed_days": 17, "streak_at_end": 0}
    october = month_summary(counts, date(2026, 10, 1), date(2026, 11, 21), rules)
    assert october["active_days"] == 2 and october["streak_at_end"] == 2
    assert month_summary(counts, date(2026, 12, 1), date(2026, 11, 21), rules)["active_days"] == 0
