"""Translated names of the domain's values, and dates as people read them."""

from __future__ import annotations

from datetime import date

from typing import TYPE_CHECKING

from journal.domain.models import CardKind, CardStatus, Direction, EntryKind, ExchangeKind
from journal.i18n import _, ngettext

if TYPE_CHECKING:  # not imported for a check-in, which shows no due
    from journal.domain.cadence import Due

_ENTRY_KINDS = {
    EntryKind.CHECK_IN: lambda: _("Check-in"),
    EntryKind.MEETING: lambda: _("Meeting"),
    EntryKind.EVENT: lambda: _("Event"),
    EntryKind.FOLLOW_UP: lambda: _("Follow-up"),
    EntryKind.NOTE: lambda: _("Note"),
}

_CARD_KINDS = {
    CardKind.OFFER: lambda: _("Forward an offer"),
    CardKind.ANSWER: lambda: _("Answer an ask"),
    CardKind.EXCERPT: lambda: _("Share an excerpt"),
    CardKind.INTRODUCTION: lambda: _("Introduce"),
    CardKind.OTHER: lambda: _("Other"),
}

# Short, for a card on the board.
_CARD_KINDS_SHORT = {
    CardKind.OFFER: lambda: _("offer"),
    CardKind.ANSWER: lambda: _("answer"),
    CardKind.EXCERPT: lambda: _("excerpt"),
    CardKind.INTRODUCTION: lambda: _("intro"),
    CardKind.OTHER: lambda: _("other"),
}

_COLUMNS = {
    CardStatus.TO_GIVE: lambda: _("To give"),
    CardStatus.DOING: lambda: _("Doing"),
    CardStatus.GIVEN: lambda: _("Given"),
    CardStatus.DROPPED: lambda: _("Dropped"),
}

_EXCHANGE_KINDS = {
    ExchangeKind.OFFER: lambda: _("offer forwarded"),
    ExchangeKind.ANSWER: lambda: _("ask answered"),
    ExchangeKind.EXCERPT: lambda: _("excerpt shared"),
    ExchangeKind.INTRODUCTION: lambda: _("introduction"),
    ExchangeKind.ADVICE: lambda: _("advice"),
    ExchangeKind.INFORMATION: lambda: _("information"),
    ExchangeKind.REFERRAL: lambda: _("referral"),
    ExchangeKind.OTHER: lambda: _("other"),
}

_WEEKDAYS = (
    lambda: _("Monday"),
    lambda: _("Tuesday"),
    lambda: _("Wednesday"),
    lambda: _("Thursday"),
    lambda: _("Friday"),
    lambda: _("Saturday"),
    lambda: _("Sunday"),
)

_MONTHS = (
    lambda: _("January"),
    lambda: _("February"),
    lambda: _("March"),
    lambda: _("April"),
    lambda: _("May"),
    lambda: _("June"),
    lambda: _("July"),
    lambda: _("August"),
    lambda: _("September"),
    lambda: _("October"),
    lambda: _("November"),
    lambda: _("December"),
)


def entry_kind(kind: EntryKind) -> str:
    return _ENTRY_KINDS[kind]()


def card_kind(kind: CardKind) -> str:
    return _CARD_KINDS[kind]()


def card_kind_short(kind: CardKind) -> str:
    return _CARD_KINDS_SHORT[kind]()


def card_status(status: CardStatus) -> str:
    return _COLUMNS[status]()


def exchange_kind(kind: ExchangeKind) -> str:
    return _EXCHANGE_KINDS[kind]()


def direction(value: Direction) -> str:
    return _("Gave") if value is Direction.GIVE else _("Asked")


def days_late(days: int) -> str:
    """A card past its due date: '3 d late', 'due today'."""
    if days <= 0:
        return _("due today")
    return ngettext("{n} d late", "{n} d late", days).format(n=days)


def due_in(day: date, today: date) -> str:
    """A card's due date ahead: 'due tomorrow', 'due in 4 d'."""
    days = (day - today).days
    if days <= 0:
        return _("due today")
    if days == 1:
        return _("due tomorrow")
    return ngettext("due in {n} d", "due in {n} d", days).format(n=days)


def asked_ago(days: int) -> str:
    """How long an ask has been waiting for its answer: 'asked today', 'asked 9 d ago'."""
    if days <= 0:
        return _("asked today")
    return ngettext("asked {n} d ago", "asked {n} d ago", days).format(n=days)


def weekday(day: date) -> str:
    return _WEEKDAYS[day.weekday()]()


_WEEKDAYS_SHORT = (
    lambda: _("Mon"),
    lambda: _("Tue"),
    lambda: _("Wed"),
    lambda: _("Thu"),
    lambda: _("Fri"),
    lambda: _("Sat"),
    lambda: _("Sun"),
)

_MONTHS_SHORT = (
    lambda: _("Jan"),
    lambda: _("Feb"),
    lambda: _("Mar"),
    lambda: _("Apr"),
    lambda: _("May"),
    lambda: _("Jun"),
    lambda: _("Jul"),
    lambda: _("Aug"),
    lambda: _("Sep"),
    lambda: _("Oct"),
    lambda: _("Nov"),
    lambda: _("Dec"),
)


def weekday_short(index: int) -> str:
    """'Mon' for 0."""
    return _WEEKDAYS_SHORT[index]()


def month_short(month: int) -> str:
    """'Jan' for 1."""
    return _MONTHS_SHORT[month - 1]()


def short_date(day: date) -> str:
    """'6 Dec 2026'."""
    return _("{day} {month} {year}").format(day=day.day, month=month_short(day.month), year=day.year)


def month_year(month: date) -> str:
    """'November 2026'."""
    return _("{month} {year}").format(month=month_name(month.month), year=month.year)


def month_name(month: int) -> str:
    return _MONTHS[month - 1]()


def long_date(day: date) -> str:
    """'Saturday 21 November 2026' (the order comes from the catalogue)."""
    return _("{weekday} {day} {month} {year}").format(
        weekday=weekday(day), day=day.day, month=month_name(day.month), year=day.year
    )


def relative_day(day: date, today: date) -> str:
    """'Today', 'Yesterday', 'Tomorrow', or the long date."""
    delta = (day - today).days
    if delta == 0:
        return _("Today")
    if delta == -1:
        return _("Yesterday")
    if delta == 1:
        return _("Tomorrow")
    return long_date(day)


def days_ago(day: date | None, today: date) -> str:
    """How long since a day, short enough for a table column: 'today', '12 d ago', 'never'."""
    if day is None:
        return _("never")
    days = (today - day).days
    if days == 0:
        return _("today")
    if days < 0:  # a backdated clock, an entry dated ahead: say the date rather than a negative count
        return day.isoformat()
    return ngettext("{n} d ago", "{n} d ago", days).format(n=days)


def overdue(days_late: int) -> str:
    """'due today', '5 d overdue'."""
    if days_late <= 0:
        return _("due today")
    return ngettext("{n} d overdue", "{n} d overdue", days_late).format(n=days_late)


def follow_up(days_late: int) -> str:
    """An event follow-up: 'follow up in 2 d', 'follow up today', 'follow up (3 d late)'."""
    if days_late < 0:
        return ngettext("follow up in {n} d", "follow up in {n} d", -days_late).format(n=-days_late)
    if days_late == 0:
        return _("follow up today")
    return ngettext("follow up ({n} d late)", "follow up ({n} d late)", days_late).format(n=days_late)


def due(found: Due | None) -> str:
    """Why someone is due for a word, short: 'follow up in 2 d', '5 d overdue'; '' for nobody."""
    from journal.domain.cadence import Reason

    if found is None:
        return ""
    return follow_up(found.days_late) if found.reason is Reason.FOLLOW_UP else overdue(found.days_late)


def encouragement(current: int, today_active: bool, active_days: int, week_gives: int, goal: int) -> str:
    """One sentence for the streak screen: it encourages, it never nags."""
    if active_days == 0:
        return _("Write a check-in today, and the first day of your streak is here.")
    if today_active:
        if goal and week_gives >= goal:
            return _("Today counts, and this week's give goal is met. Nice knitting.")
        return ngettext(
            "Today counts: {n} day in a row.", "Today counts: {n} days in a row.", current
        ).format(n=current)
    if current:
        return ngettext(
            "One small thing today — a check-in, a give — and it is {n} day in a row.",
            "One small thing today — a check-in, a give — and it is {n} days in a row.",
            current + 1,
        ).format(n=current + 1)
    return _("Every streak starts with one day: a check-in or a give today starts the next one.")


# The year heatmap, in the app and in `tricot streak`: a shade by the day's actions (it reads
# without colour too), and a mark for the days that are not active.
HEATMAP_SHADES = ("·", "░", "▒", "▓", "█")


def heatmap_glyph(state, count: int) -> str:
    """The character of a day of the heatmap (`state` a streaks.DayState)."""
    from journal.domain.streaks import DayState, level

    if state in (DayState.ACTIVE, DayState.PENDING):
        return HEATMAP_SHADES[level(count)]
    return {DayState.REST: "–", DayState.FROZEN: "❄", DayState.MISSED: "×"}.get(state, " ")


def heatmap_legend() -> str:
    return _("{shades} none, 1, 2–3, 4–6, 7+ actions   – rest day   ❄ freeze   × missed").format(
        shades=" ".join(HEATMAP_SHADES)
    )


def heatmap_months(weeks: list[list[date]], cells: int, indent: int) -> str:
    """The line over the heatmap: each month's short name over the week holding its 1st,
    left out where the name before it would not have ended (the years are said elsewhere)."""
    line = [" "] * (indent + len(weeks) * cells + 4)  # the last name may run past the last week
    free = indent
    for i, week in enumerate(weeks):
        first = next((d for d in week if d.day == 1), None)
        at = indent + i * cells
        if first is None or at < free:
            continue
        name = month_short(first.month)
        line[at : at + len(name)] = name
        free = at + len(name) + 1
    return "".join(line).rstrip()
