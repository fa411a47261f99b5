"""Networking as a daily habit: activity days, streaks, freezes and the year heatmap.

An *activity day* is a day with at least one action: an entry, an exchange or
a given card (PRODUCT.md, "Activity day"). The caller hands in `counts`, the
number of actions per day; streaks are computed from it, never stored.

The rules (the contract, for `compute` and `states` alike):

- Days are considered from the first activity day (the earliest date with a
  count > 0) up to `today`. Counts on days after `today` (clock moved back,
  entries dated ahead) are ignored: they neither count nor show.
- The days are walked in order, keeping `run` (the active days of the current
  run) and the freezes spent in each calendar month:
  - a day with a count > 0 is ACTIVE: run + 1 (a rest weekday too);
  - otherwise a rest weekday is REST: run unchanged, it neither counts nor breaks;
  - otherwise today is PENDING: run unchanged, today is not over yet;
  - otherwise the day is missed. While there is a run to protect (run > 0) and
    the day's month has a freeze left (spent < monthly_freezes), it is FROZEN:
    one freeze is spent, run unchanged (a frozen day bridges, it does not
    count). Else it is MISSED and run = 0.
  So freezes are spent automatically, oldest missed day first, only while a
  run is alive, and the budget starts afresh on the 1st of every month: the
  last day of a month is bridged with that month's budget, the 1st of the next
  with the new one.
- current = run at the end of the walk (today); longest = the largest run seen;
  freezes_left = monthly_freezes - freezes spent in today's month (never
  negative; the whole budget when nothing was walked); active_days = the days
  up to today with a count > 0.
- A week with every day a rest day cannot happen (Settings allows six at most);
  should one come anyway, every inactive day is REST and nothing breaks.

A consequence worth knowing: since a freeze is spent only while a run is
alive, adding an action on a missed day (writing up a forgotten day) may start
a run that spends a freeze a later run of the same month was bridged by, so it
may lower `longest` and `current` (tests/unit/test_streaks.py shows one case).

One walk (`_walk`) holds the rules; `compute` and `states` both read it. It is a
plain loop over the days since the first activity day: ten years of daily data
take a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from journal.domain.days import month_end
from journal.domain.settings import Settings

HEATMAP_WEEKS = 53


class DayState(str, Enum):
    ACTIVE = "active"  # at least one action
    REST = "rest"  # a rest weekday without action: neither counts nor breaks
    FROZEN = "frozen"  # a missed day bridged by a freeze
    MISSED = "missed"  # a missed day that broke the streak (or with no streak to break)
    PENDING = "pending"  # today, nothing yet: does not break the streak until the day is over
    NONE = "none"  # before the first activity day, or after today


@dataclass(frozen=True, slots=True)
class Rules:
    rest_weekdays: frozenset[int] = frozenset()  # 0 = Monday
    monthly_freezes: int = 2
    weekly_give_goal: int = 3

    @classmethod
    def from_settings(cls, settings: Settings) -> Rules:
        return cls(frozenset(settings.rest_weekdays), settings.monthly_freezes, settings.weekly_give_goal)


@dataclass(frozen=True, slots=True)
class Streak:
    current: int  # active days in the run still alive today
    longest: int  # the longest run ever (active days)
    freezes_left: int  # this month's budget not yet spent (as of today)
    active_days: int  # every activity day up to today
    current_start: date | None  # the first active day of the current run
    longest_end: date | None  # the last (active) day of the longest run, the latest if tied


def first_activity(counts: Mapping[date, int], today: date) -> date | None:
    """The earliest day up to `today` with a count > 0, or None."""
    return min((day for day, count in counts.items() if count > 0 and day <= today), default=None)


def _walk(counts: Mapping[date, int], today: date, rules: Rules, until: date | None = None) -> Iterator[tuple[date, DayState, int, int]]:
    """(day, state, run after the day, freezes spent in the day's month so far) for every day
    from the first activity day to `until` (today by default, never later)."""
    start = first_activity(counts, today)
    if start is None:
        return
    end = today if until is None or until > today else until
    rest = rules.rest_weekdays
    budget = rules.monthly_freezes
    run = spent = 0
    for ordinal in range(start.toordinal(), end.toordinal() + 1):
        day = date.fromordinal(ordinal)
        if day.day == 1:  # the walk is contiguous: a 1st is a new month, a new budget
            spent = 0
        if counts.get(day, 0) > 0:
            run += 1
            state = DayState.ACTIVE
        elif (ordinal - 1) % 7 in rest:  # date.fromordinal(1), 0001-01-01, is a Monday
            state = DayState.REST
        elif day == today:
            state = DayState.PENDING
        elif run > 0 and spent < budget:
            spent += 1
            state = DayState.FROZEN
        else:
            run = 0
            state = DayState.MISSED
        yield day, state, run, spent


def compute(counts: Mapping[date, int], today: date, rules: Rules) -> Streak:
    """The streak as of `today` (see the module's rules)."""
    run = spent = longest = active_days = 0
    start: date | None = None
    longest_end: date | None = None
    for day, state, run, spent_so_far in _walk(counts, today, rules):
        spent = spent_so_far  # as of the last day walked, today: this month's
        if state is DayState.ACTIVE:
            active_days += 1
            if run == 1:
                start = day
            if run >= longest:
                longest, longest_end = run, day
    return Streak(
        current=run,
        longest=longest,
        freezes_left=max(0, rules.monthly_freezes - spent),
        active_days=active_days,
        current_start=start if run > 0 else None,
        longest_end=longest_end,
    )


def states(counts: Mapping[date, int], today: date, rules: Rules, first: date, last: date) -> dict[date, DayState]:
    """Each day from `first` to `last` (in order) -> its state; empty when first > last.

    Days before the first activity day or after today are NONE.
    """
    shown = {date.fromordinal(o): DayState.NONE for o in range(first.toordinal(), last.toordinal() + 1)}
    for day, state, _, _ in _walk(counts, today, rules, until=last):
        if day >= first:
            shown[day] = state
    return shown


def week_gives(give_days: Mapping[date, int], today: date) -> int:
    """Gives in the Monday-to-Sunday week holding `today`, Monday to today (later days are ignored)."""
    return sum(max(0, give_days.get(today - timedelta(days=back), 0)) for back in range(today.weekday() + 1))


def level(count: int) -> int:
    """The heatmap shade of a day: 0 for none, 1 for 1, 2 for 2-3, 3 for 4-6, 4 for 7 or more."""
    if count <= 0:
        return 0
    if count == 1:
        return 1
    if count <= 3:
        return 2
    if count <= 6:
        return 3
    return 4


def year_weeks(end: date) -> list[list[date]]:
    """The heatmap grid: 53 columns (weeks), the last one holding `end`; each column Monday to Sunday.

    Days after `end` are in the grid (the caller shows them as NONE). Within a year
    of the calendar's ends (year 1, the last days of 9999) it raises OverflowError or
    ValueError: the journal's days start in 1900 (days.FIRST_DAY) and end today.
    """
    monday = end - timedelta(days=end.weekday()) - timedelta(weeks=HEATMAP_WEEKS - 1)
    first = monday.toordinal()
    return [[date.fromordinal(first + 7 * week + day) for day in range(7)] for week in range(HEATMAP_WEEKS)]


def month_summary(counts: Mapping[date, int], month: date, today: date, rules: Rules) -> dict[str, int]:
    """The streak in a month (the review's): active, frozen and missed days, and the streak at its end (or today)."""
    last = min(month_end(month), today)
    if last < month:
        return {"active_days": 0, "frozen_days": 0, "missed_days": 0, "streak_at_end": 0}
    tally = dict.fromkeys(DayState, 0)
    for state in states(counts, today, rules, month, last).values():
        tally[state] += 1
    return {
        "active_days": tally[DayState.ACTIVE],
        "frozen_days": tally[DayState.FROZEN],
        "missed_days": tally[DayState.MISSED],
        "streak_at_end": compute(counts, last, rules).current,
    }
