"""The days and times the journal accepts, and the words that name a day."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.days import (
    FIRST_DAY,
    DayProblem,
    day_from_words,
    day_problem,
    month_end,
    month_key,
    months_between,
    parse_month,
    parse_time,
    shift,
)

TODAY = date(2026, 11, 22)  # a Sunday


def test_the_range_is_1900_to_today():
    assert day_problem(FIRST_DAY, TODAY) is None and day_problem(TODAY, TODAY) is None
    assert day_problem(date(1899, 12, 31), TODAY) is DayProblem.TOO_EARLY
    assert day_problem(date(2026, 11, 23), TODAY) is DayProblem.FUTURE


@given(st.dates())
def test_calendar_arithmetic_never_overflows(day):
    assert month_end(day) >= day and month_end(day).month == day.month
    assert shift(day, 1) is None or shift(day, 1) > day
    assert shift(day, -1) is None or shift(day, -1) < day
    months = months_between(day, month_end(day))
    assert months == [day.replace(day=1)]
    assert len(month_key(day)) == 7 and month_key(day)[4] == "-"


def test_the_ends_of_the_calendar():
    assert shift(date.min, -1) is None and shift(date.max, 1) is None
    assert month_end(date(9999, 12, 1)) == date.max
    assert parse_month("9999-12") == (date(9999, 12, 1), date.max)
    assert month_key(date(1, 1, 1)) == "0001-01"
    assert len(months_between(date(9999, 11, 5), date.max)) == 2


@pytest.mark.parametrize("text", ["2026-3-14", "20261114", "2026-W47", "14/03/2026", ""])
def test_months_and_days_only_in_their_one_form(text):
    with pytest.raises(ValueError):
        parse_month(text)


@pytest.mark.parametrize(
    "words, expected",
    [
        ("2026-03-14", date(2026, 3, 14)),
        ("today", TODAY),
        ("Aujourd'hui", TODAY),
        ("yesterday", date(2026, 11, 21)),
        ("hier", date(2026, 11, 21)),
        ("  HIER ", date(2026, 11, 21)),
        ("avant-hier", date(2026, 11, 20)),
        ("lundi", date(2026, 11, 16)),
        ("sunday", TODAY),
        ("friday", date(2026, 11, 20)),
        ("3 days ago", date(2026, 11, 19)),
        ("il y a 3 jours", date(2026, 11, 19)),
        ("-10", date(2026, 11, 12)),
        ("2027-01-01", date(2027, 1, 1)),  # a day, even in the future: the caller decides
        ("bogus", None),
        ("", None),
        ("2026-02-30", None),
        ("9999999 days ago", None),
    ],
)
def test_a_day_typed_as_words(words, expected):
    assert day_from_words(words, TODAY) == expected




@pytest.mark.parametrize(
    "text, expected",
    [
        ("9:05", datetime(2026, 11, 21, 9, 5)),
        ("18:30:15", datetime(2026, 11, 21, 18, 30, 15)),
        ("10:00Z", datetime(2026, 11, 21, 5, 0)),
        ("09:00+05:00", datetime(2026, 11, 20, 23, 0)),
        ("09:00 +0500", datetime(2026, 11, 20, 23, 0)),
        ("23:30-05:00", datetime(2026, 11, 21, 23, 30)),
    ],
)
def test_times_become_local_wall_clock_time(montreal, text, expected):
    assert parse_time(text, date(2026, 11, 21)) == expected


@pytest.mark.parametrize("text", ["24:00", "9h", "noon", "09:60", "1000", "09:00+24:00", "09:00+05:99", ""])
def test_what_is_not_a_time(text):
    with pytest.raises(ValueError):
        parse_time(text, date(2026, 11, 21))


def test_days_ahead_as_typed_for_a_due_date():
    from datetime import date

    from journal.domain.days import day_ahead_from_words

    saturday = date(2026, 11, 21)
    assert day_ahead_from_words("2026-12-01", saturday) == date(2026, 12, 1)
    assert day_ahead_from_words("demain", saturday) == date(2026, 11, 22)
    assert day_ahead_from_words("Tomorrow", saturday) == date(2026, 11, 22)
    assert day_ahead_from_words("friday", saturday) == date(2026, 11, 27)
    assert day_ahead_from_words("samedi", saturday) == saturday  # the next one, today included
    assert day_ahead_from_words("in 3 days", saturday) == date(2026, 11, 24)
    assert day_ahead_from_words("dans 10 jours", saturday) == date(2026, 12, 1)
    assert day_ahead_from_words("+40", saturday) == date(2026, 12, 31)
    assert day_ahead_from_words("someday", saturday) is None
    assert day_ahead_from_words("", saturday) is None
    assert day_ahead_from_words("2026-02-30", saturday) is None
