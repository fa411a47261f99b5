"""The streak (mode 4) and the review (mode 5), issue 11: key press -> screen, paired with a bare key press.

As the contacts and board rows (bench/keystrokes.py): fresh sessions of Tricot
and of the bare app, each timed press of ours paired with one in the bare app,
the expected screen worked out from the repository with the screen's own
functions. Neither screen writes the journal: both run on the untouched copy.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from bench.keystrokes import Rows, StartBare, StartOurs, _split, session
from bench.terminal import Check
from journal.clock import SystemClock
from journal.store.repository import JournalRepository

STREAK_FIRST_OPEN = "streak: first open (cold)"
STREAK_OPEN = "streak: open (4 from Today)"
STREAK_YEAR = "streak: a year back / ahead ([ / ])"
REVIEW_FIRST_OPEN = "review: first open (cold)"
REVIEW_OPEN = "review: open (5 from Today)"
REVIEW_MONTH = "review: month before / after ([ / ])"
HABIT_FIRST_OPENS = (STREAK_FIRST_OPEN, REVIEW_FIRST_OPEN)
# `[` and `]` go this many years (months) back, then as many ahead, again and again: the windows
# shown are this one and the three before it, never out of range (a `]` past today is refused).
DEPTH = 3


def zigzag(presses: int, depth: int = DEPTH) -> list[int]:
    """-1 (`[`) `depth` times, then +1 (`]`) `depth` times, ...: `presses` steps from the current window."""
    return [-1 if (i // depth) % 2 == 0 else 1 for i in range(presses)]


def _settings():
    from journal.domain.settings import Settings

    return Settings()  # the bench's config folder is empty: the defaults


class StreakPane:
    """What the streak screen must show, from the repository with the domain's functions.

    The year line of the window shown ("<first> to <last>  N active days", as
    `StreakScreen._draw_year` writes it), the heatmap's Monday and Sunday rows
    (one glyph a week, `heatmap.glyph` of each day's state), and the side's "N
    active days in all" (`streaks.compute`). `step` moves the window as
    `action_year` does.
    """

    def __init__(self, repository: JournalRepository, today: date) -> None:
        from journal.domain import streaks

        self.today = today
        self.counts = repository.action_days()
        self.rules = streaks.Rules.from_settings(_settings())
        self.active_days = streaks.compute(self.counts, today, self.rules).active_days
        self.end: date | None = None

    def reset(self) -> None:
        """This year, as a session starts (and as `t` shows it)."""
        self.end = None

    def step(self, step: int) -> None:
        """`[` (-1) or `]` (1): the window a year back or ahead, as `action_year` moves it."""
        from journal.domain import streaks

        weeks = streaks.year_weeks(self.end or self.today)
        if step < 0:
            assert weeks[0][0] > streaks.first_activity(self.counts, self.today), "the bench stays within the journal"
            end = weeks[0][0] - timedelta(days=1)
        else:
            end = weeks[-1][-1] + timedelta(days=7 * len(weeks))
        self.end = None if end >= self.today else end

    def check(self) -> Check:
        from journal import labels
        from journal.domain import streaks
        from journal.i18n import _, ngettext
        from journal.tui.widgets.heatmap import LABEL_CELLS, glyph

        weeks = streaks.year_weeks(self.end or self.today)
        first, last = weeks[0][0], weeks[-1][-1]
        states = streaks.states(self.counts, self.today, self.rules, first, last)
        active = sum(1 for s in states.values() if s is streaks.DayState.ACTIVE)
        year = "  ".join(
            (
                _("{first} to {last}").format(
                    first=labels.short_date(first), last=labels.short_date(min(last, self.today))
                ),
                ngettext("{n} active day", "{n} active days", active).format(n=active),
            )
        )
        heatmap = [
            labels.weekday_short(row)[: LABEL_CELLS - 1].ljust(LABEL_CELLS)
            + "".join(
                glyph(states.get(week[row], streaks.DayState.NONE), self.counts.get(week[row], 0)).ljust(2)
                for week in weeks
            )
            for row in (0, 6)  # Monday's and Sunday's rows: the first and the last the frame draws
        ]
        in_all = ngettext("{n} active day in all", "{n} active days in all", self.active_days).format(
            n=f"{self.active_days:,}"
        )

        def shows(lines: list[str]) -> bool:
            return all(
                any(text in line for line in lines) for text in (year, *(row.rstrip() for row in heatmap), in_all)
            )

        return shows


class ReviewPane:
    """What the review screen must show: `ReviewScreen._compute` run on the bench's own repository.

    At 120x40 the screen shows the title, the balance, the 12 months, "only asked
    of", the people and the network; the overdue and the streak boxes are below,
    seen after scrolling (they are computed on every month change all the same).
    Checked: the title ("Review — <Month YYYY>" and the month's gives and asks),
    the balance's R1 line (gives / asks) and the network's first line (the people
    met that month, and the first of them), drawn at the bottom of the frame.
    `step` moves the month as `action_month` does.
    """

    def __init__(self, repository: JournalRepository, today: date) -> None:
        self.today = today
        self.month = today.replace(day=1)
        self._screen = SimpleNamespace(
            repository=repository, app=SimpleNamespace(clock=SystemClock(), settings=_settings())
        )

    def reset(self) -> None:
        """This month, as a session starts (and as `t` shows it)."""
        self.month = self.today.replace(day=1)

    def step(self, step: int) -> None:
        """`[` (-1) or `]` (1): the month before or after, as `action_month` moves it."""
        from journal.domain.days import next_month
        from journal.domain.days import previous_month

        moved = next_month(self.month) if step > 0 else previous_month(self.month)
        assert moved is not None and moved <= self.today, "the bench stays within the months a review shows"
        self.month = moved

    def check(self) -> Check:
        from journal import labels
        from journal.domain.models import Circle
        from journal.i18n import _, ngettext
        from journal.tui.screens.review import ReviewScreen, _name

        review = ReviewScreen._review_of(self._screen, self.month)[0]
        title = _("Review — {month}").format(month=labels.month_year(review.month))
        if review.is_empty:
            numbers = _("Nothing was given or asked this month.")
        else:
            gives = ngettext("{n} give", "{n} gives", review.gives).format(n=review.gives)
            numbers = f"{gives} · " + ngettext("{n} ask", "{n} asks", review.asks).format(n=review.asks)
        r1 = review.by_circle[Circle.R1]
        met = review.funnel.met
        texts = (
            f"{title}  {numbers}",
            f"{Circle.R1.value}  {r1.gives} / {r1.asks}",
            f"{_('Met (new in R3)')}  {len(met)}" + (f"  {_name(met[0].name, 24)}" if met else ""),
        )

        def shows(lines: list[str]) -> bool:
            return all(any(text in line for line in lines) for text in texts)

        return shows


Pane = StreakPane | ReviewPane


def _measure_screen(
    key: bytes,
    pane: Pane,
    names: tuple[str, str, str],
    start_ours: StartOurs,
    start_bare: StartBare,
    samples: int,
    rounds: int,
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Per session: the first `key` from Today (cold: its own row), `key` from Today (back with
    `1`, untimed), then `[` and `]` (`zigzag`), each timed until the screen shows what `pane`
    says it must. `names`: the rows (first open, open, `[` / `]`)."""
    first, opened, stepped = names
    rows = Rows((opened, stepped), single=(first,))
    pane.reset()
    shown = pane.check()
    for count in _split(samples, rounds):
        with session(start_ours, start_bare) as both:
            pane.reset()
            rows.once(first, both.press(key, shown))
            both.press(b"1", both.today_shown)
            for _ in range(count):
                rows.record(opened, both.pair(key, shown, then=both.back_to_today))
            both.press(key, shown)
            for step in zigzag(count):
                pane.step(step)
                rows.record(stepped, both.pair(b"[" if step < 0 else b"]", pane.check()))
    return rows.result()


def measure_streak(
    start_ours: StartOurs, start_bare: StartBare, repository: JournalRepository, today: date, samples: int, rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """`4`, then `[` / `]` a year back and ahead: until the year line, the heatmap's first and
    last rows and the side's count show that window's (`StreakPane`)."""
    names = (STREAK_FIRST_OPEN, STREAK_OPEN, STREAK_YEAR)
    return _measure_screen(b"4", StreakPane(repository, today), names, start_ours, start_bare, samples, rounds)


def measure_review(
    start_ours: StartOurs, start_bare: StartBare, repository: JournalRepository, today: date, samples: int, rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """`5`, then `[` / `]` a month before and after: until the title, the balance's R1 line and
    the network's first line show that month's numbers (`ReviewPane`)."""
    names = (REVIEW_FIRST_OPEN, REVIEW_OPEN, REVIEW_MONTH)
    return _measure_screen(b"5", ReviewPane(repository, today), names, start_ours, start_bare, samples, rounds)
