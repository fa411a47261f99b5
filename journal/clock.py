"""The one place that reads the wall clock; everything else is handed a Clock."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...

    def today(self) -> date: ...

    def utc_now(self) -> datetime: ...


class SystemClock:
    """Local wall-clock time, naive: a journal is written in the user's own day."""

    def now(self) -> datetime:
        return datetime.now().replace(microsecond=0)

    def today(self) -> date:
        return date.today()

    def utc_now(self) -> datetime:
        """Aware and to the microsecond: when a record changed, comparable across devices and time zones."""
        return datetime.now(timezone.utc)


class FixedClock:
    """A clock that stands still (tests, snapshots, benchmarks); `advance` moves it."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def today(self) -> date:
        return self.moment.date()

    def utc_now(self) -> datetime:
        return self.moment.astimezone(timezone.utc)  # the naive moment is local time

    def set(self, moment: datetime) -> None:
        self.moment = moment
