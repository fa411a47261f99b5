"""Mode 4, the streak: networking as a daily habit, a little every day.

The numbers and the year come from the repository's day counts (built once per
journal generation); changing year only draws another window of them.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Digits, Header, Static

from journal import labels
from journal.domain import streaks
from journal.domain.days import FIRST_DAY
from journal.i18n import _, ngettext
from journal.tui.screens.base import TricotScreen
from journal.tui.widgets.footer import Footer
from journal.tui.widgets.heatmap import Heatmap, HeatmapData


YEAR_KEYS = Binding.Group(_("Year"), compact=True)


class StreakScreen(TricotScreen):
    HELP_TITLE = _("Streak: a little every day")
    BINDINGS = [
        Binding("left_square_bracket", "year(-1)", _("Year before"), key_display="[", group=YEAR_KEYS, id="streak.previous-year"),
        Binding("right_square_bracket", "year(1)", _("Year after"), key_display="]", group=YEAR_KEYS, id="streak.next-year"),
        Binding("t", "this_year", _("This year"), id="streak.this-year"),
    ]
    DEFAULT_CSS = """
    StreakScreen #streak-body {
        padding: 1 2;
    }
    StreakScreen #streak-numbers {
        height: auto;
    }
    StreakScreen .streak-number {
        width: auto;
        min-width: 16;
        text-align: center;
        height: auto;
        border: round $panel;
        border-title-color: $text-muted;
        padding: 0 2;
        margin-right: 2;
    }
    StreakScreen #streak-current {
        border: round $primary;
        border-title-color: $text-primary;
    }
    StreakScreen #streak-side {
        width: 1fr;
        height: auto;
        padding: 1 0 0 1;
    }
    StreakScreen #streak-sentence {
        margin: 1 0;
        color: $text-secondary;
    }
    StreakScreen #streak-year {
        margin-top: 1;
        height: 1;
        color: $text-muted;
    }
    StreakScreen #streak-legend {
        color: $text-muted;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.end: date | None = None  # the last day the heatmap shows (a year back from it)
        self._counts: dict[date, int] = {}
        self._rules = streaks.Rules()

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="🧶")
        with Vertical(id="streak-body"):
            with Horizontal(id="streak-numbers"):
                yield Digits("0", id="streak-current", classes="streak-number")
                yield Digits("0", id="streak-longest", classes="streak-number")
                yield Static(id="streak-side")
            yield Static(id="streak-sentence")
            yield Static(id="streak-year")
            yield Heatmap(id="streak-heatmap")
            yield Static(id="streak-legend")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = _("Streak")
        self.query_one("#streak-current").border_title = _("Current")
        self.query_one("#streak-longest").border_title = _("Longest")
        self.reload()

    def reload(self) -> None:
        today = self.app.clock.today()
        rules = streaks.Rules.from_settings(self.app.settings)
        counts = self.repository.action_days()
        result = streaks.compute(counts, today, rules)
        week = streaks.week_gives(self.repository.give_days(), today)
        self.query_one("#streak-current", Digits).update(str(result.current))
        self.query_one("#streak-longest", Digits).update(str(result.longest))
        goal = rules.weekly_give_goal
        side: list[str | tuple[str, str]] = [
            (_("Freezes left this month: "), "$text-muted"),
            (_("{left} of {budget}").format(left=result.freezes_left, budget=rules.monthly_freezes), "bold"),
            "\n",
            (_("Gives this week: "), "$text-muted"),
            (_("{n} of {goal}").format(n=week, goal=goal) if goal else str(week), "bold"),
        ]
        if goal:
            side += ["  ", ("▰" * min(week, goal) + "▱" * max(goal - week, 0), "$text-accent")]
        side += ["\n", (ngettext("{n} active day in all", "{n} active days in all", result.active_days).format(n=f"{result.active_days:,}"), "$text-muted")]
        if rules.rest_weekdays:
            rest = ", ".join(labels.weekday_short(d) for d in sorted(rules.rest_weekdays))
            side += ["\n", (_("Rest days: {days}").format(days=rest), "$text-muted")]
        self.query_one("#streak-side", Static).update(Content.assemble(*side))
        self.query_one("#streak-sentence", Static).update(
            labels.encouragement(result.current, counts.get(today, 0) > 0, result.active_days, week, goal)
        )
        self._counts, self._rules = counts, rules
        self._draw_year()
        super().reload()

    def _draw_year(self) -> None:
        counts, rules, today = self._counts, self._rules, self.app.clock.today()
        end = self.end or today
        weeks = streaks.year_weeks(end)
        first, last = weeks[0][0], weeks[-1][-1]
        states = streaks.states(counts, today, rules, first, last)
        self.query_one(Heatmap).show(HeatmapData(weeks, states, counts, today))
        active = sum(1 for d, s in states.items() if s is streaks.DayState.ACTIVE)
        self.query_one("#streak-year", Static).update(
            Content.assemble(
                (_("{first} to {last}").format(first=labels.short_date(first), last=labels.short_date(min(last, today))), "bold"),
                "  ",
                ngettext("{n} active day", "{n} active days", active).format(n=active),
                "  ",
                (_("[ ] a year back / ahead"), "$text-muted"),
            )
        )
        self.query_one("#streak-legend", Static).update(Content(labels.heatmap_legend()))

    def action_year(self, step: int) -> None:
        """The year before or after the one shown: windows that meet, never before the journal's first year."""
        today = self.app.clock.today()
        weeks = streaks.year_weeks(self.end or today)
        if step < 0:
            first = streaks.first_activity(self._counts, today) or today
            if weeks[0][0] <= max(first, FIRST_DAY):
                self.notify(_("Nothing before this: the journal starts on {day}.").format(day=labels.long_date(first)), timeout=3)
                return
            end = weeks[0][0] - timedelta(days=1)
        else:
            end = weeks[-1][-1] + timedelta(days=7 * len(weeks))
        self.end = None if end >= today else end
        self._draw_year()  # the counts are those drawn: only another window of them

    def action_this_year(self) -> None:
        self.end = None
        self._draw_year()
