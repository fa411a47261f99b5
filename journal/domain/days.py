"""Calendar arithmetic on plain dates (month ranges, parsing the CLI's date forms)."""

from __future__ import annotations

from datetime import date, timedelta


def parse_day(text: str) -> date:
    """`YYYY-MM-DD`; ValueError otherwise."""
    return date.fromisoformat(text.strip())


def parse_month(text: str) -> tuple[date, date]:
    """`YYYY-MM` -> (first day, last day); ValueError otherwise."""
    year, month = (int(part) for part in text.strip().split("-"))
    first = date(year, month, 1)
    return first, month_end(first)


def month_end(day: date) -> date:
    next_month = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return next_month - timedelta(days=1)


def months_between(start: date, end: date) -> list[date]:
    """First days of every month touching [start, end]."""
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = month_end(current) + timedelta(days=1)
    return months
