"""Calendar arithmetic on plain dates, and the days and times the journal accepts.

The journal holds days from FIRST_DAY to today: nothing is written into the
future, and nothing before 1900 (no networking journal reaches that far, and
every date format, file name and platform handles the range). Reading is more
forgiving than writing: an entry outside the range that came in by hand or
from another device is shown, exported and kept, never a crash.

Times are local wall-clock times, stored without a time zone. A time given
with a UTC offset ("09:00+05:00", "10:00Z") is converted to this machine's
local time when it comes in, then stored like any other (see `wall_clock`).
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date, datetime, time, timedelta, timezone
from enum import Enum

FIRST_DAY = date(1900, 1, 1)


class DayProblem(str, Enum):
    """Why a day cannot take a new entry (the caller words it for the user)."""

    TOO_EARLY = "too-early"
    FUTURE = "future"


def day_problem(day: date, today: date) -> DayProblem | None:
    """None when `day` may take a new entry: FIRST_DAY <= day <= today."""
    if day < FIRST_DAY:
        return DayProblem.TOO_EARLY
    if day > today:
        return DayProblem.FUTURE
    return None


def parse_day(text: str) -> date:
    """`YYYY-MM-DD`; ValueError otherwise."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(text)
    return date.fromisoformat(text)


def parse_month(text: str) -> tuple[date, date]:
    """`YYYY-MM` -> (first day, last day); ValueError otherwise."""
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match:
        raise ValueError(text)
    first = date(int(match.group(1)), int(match.group(2)), 1)
    return first, month_end(first)


_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|z|[+-]\d{2}:?\d{2})?")


def parse_time(text: str, day: date) -> datetime:
    """`H:MM`, `HH:MM` or `HH:MM:SS`, optionally with `Z` or a `+HH:MM` offset, on `day`.

    Returns a naive local wall-clock datetime (an offset is converted to local
    time, which may move it to the day before or after). ValueError otherwise.
    """
    match = _TIME.fullmatch(text.strip())
    if not match:
        raise ValueError(text)
    hour, minute, second, zone = match.groups()
    at = datetime.combine(day, time(int(hour), int(minute), int(second or 0)))
    if zone:
        if zone in ("Z", "z"):
            offset = timedelta(0)
        else:
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            hours, minutes = int(digits[:2]), int(digits[2:])
            if hours > 23 or minutes > 59:
                raise ValueError(text)
            offset = sign * timedelta(hours=hours, minutes=minutes)
        at = wall_clock(at.replace(tzinfo=timezone(offset)))
    return at


def wall_clock(moment: datetime) -> datetime:
    """`moment` as a naive local wall-clock time: the one form the journal stores.

    A naive datetime is already one. An aware one (a synced or hand-edited
    "…T00:30:00Z") is converted to this machine's local time; at the very edges
    of the calendar, where that conversion cannot be done, its offset is dropped.
    """
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone().replace(tzinfo=None)
    except (OverflowError, ValueError, OSError):
        return moment.replace(tzinfo=None)


def month_end(day: date) -> date:
    if day.month == 12:
        return day.replace(day=31)
    return day.replace(month=day.month + 1, day=1) - timedelta(days=1)


def shift(day: date, days: int) -> date | None:
    """`day` moved by `days`, or None past the ends of the calendar (year 1, year 9999)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def previous_month(month: date) -> date | None:
    """The first day of the month before `month`'s, or None before January of year 1."""
    before = shift(month.replace(day=1), -1)
    return before.replace(day=1) if before is not None else None


def next_month(month: date) -> date | None:
    """The first day of the month after `month`'s, or None after December 9999."""
    return shift(month_end(month), 1)


def months_between(start: date, end: date) -> list[date]:
    """First days of every month touching [start, end]."""
    months = []
    current: date | None = start.replace(day=1)
    while current is not None and current <= end:
        months.append(current)
        current = next_month(current)
    return months


def month_key(month: date) -> str:
    """`YYYY-MM`, the year always four digits (year 1 is 0001-01, not 1-01)."""
    return f"{month.year:04d}-{month.month:02d}"


# What a person types to go to a day, in English or French whatever the
# interface language: "2026-03-14", "yesterday", "hier", "lundi", "3 days ago".
_DAY_WORDS = {
    "today": 0, "aujourd'hui": 0, "aujourd’hui": 0, "auj": 0,
    "yesterday": 1, "hier": 1,
    "day before yesterday": 2, "avant-hier": 2, "avant hier": 2,
}
_WEEKDAY_WORDS = {
    "monday": 0, "mon": 0, "lundi": 0, "lun": 0,
    "tuesday": 1, "tue": 1, "mardi": 1, "mar": 1,
    "wednesday": 2, "wed": 2, "mercredi": 2, "mer": 2,
    "thursday": 3, "thu": 3, "jeudi": 3, "jeu": 3,
    "friday": 4, "fri": 4, "vendredi": 4, "ven": 4,
    "saturday": 5, "sat": 5, "samedi": 5, "sam": 5,
    "sunday": 6, "sun": 6, "dimanche": 6, "dim": 6,
}  # fmt: skip
_DAYS_AGO = re.compile(r"(?:(\d{1,5})\s*(?:days?|d|jours?|j)\s*(?:ago)?|il\s*y\s*a\s*(\d{1,5})\s*(?:jours?|j)|-(\d{1,5}))")


def day_from_words(text: str, today: date) -> date | None:
    """The day `text` names relative to `today`, or None if it names none.

    A weekday means the latest one up to today ("lundi" on a Wednesday is two
    days ago). A day is returned whatever its range: the caller checks it.
    """
    words = " ".join(text.strip().casefold().split())
    if not words:
        return None
    with suppress(ValueError):  # not a YYYY-MM-DD: perhaps words
        return parse_day(words)
    if words in _DAY_WORDS:
        return shift(today, -_DAY_WORDS[words])
    if words in _WEEKDAY_WORDS:
        return shift(today, -((today.weekday() - _WEEKDAY_WORDS[words]) % 7))
    match = _DAYS_AGO.fullmatch(words)
    if match:
        count = int(next(group for group in match.groups() if group))
        return shift(today, -count)
    return None


_AHEAD_WORDS = {"today": 0, "aujourd'hui": 0, "aujourd’hui": 0, "auj": 0, "tomorrow": 1, "demain": 1, "après-demain": 2, "apres-demain": 2}
_DAYS_AHEAD = re.compile(r"(?:in\s*(\d{1,4})\s*(?:days?|d)|dans\s*(\d{1,4})\s*(?:jours?|j)|\+(\d{1,4}))")


def day_ahead_from_words(text: str, today: date) -> date | None:
    """A day ahead (a due date) as typed: "2026-12-01", "tomorrow", "demain", "friday"
    (the next one, today included), "in 3 days", "dans 3 jours", "+3". None if it names none."""
    words = " ".join(text.strip().casefold().split())
    if not words:
        return None
    with suppress(ValueError):
        return parse_day(words)
    if words in _AHEAD_WORDS:
        return shift(today, _AHEAD_WORDS[words])
    if words in _WEEKDAY_WORDS:
        return shift(today, (_WEEKDAY_WORDS[words] - today.weekday()) % 7)
    match = _DAYS_AHEAD.fullmatch(words)
    if match:
        return shift(today, int(next(group for group in match.groups() if group)))
    return None
