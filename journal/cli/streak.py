"""`tricot streak`: the current and longest streak, freezes, the week's gives, and a compact year."""

from __future__ import annotations

import argparse
import json
import os

from journal.cli.common import EXIT_OK, Context
from journal.i18n import _, ngettext

TABLES = ("entries", "exchanges", "cards")
# ANSI colours, only on a terminal without NO_COLOR: green shades, cyan freezes, yellow misses.
COLOURS = {"active": "\x1b[32m", "frozen": "\x1b[36m", "missed": "\x1b[33m", "rest": "\x1b[2m"}
RESET = "\x1b[0m"


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    streak = commands.add_parser(
        "streak",
        parents=[common],
        help=_("the current and longest streak, and a small heatmap of the year"),
        description=_(
            "Networking as a daily habit. An activity day is a day with an entry, an exchange or a given card. "
            "The streak counts activity days in a row: rest weekdays neither count nor break it, a missed "
            "day is bridged by one of the month's freezes while any are left, and today does not break it "
            "before it is over. Rest days, freezes and the weekly give goal are settings."
        ),
        epilog=_("Example: tricot streak --json | jq .current"),
    )
    streak.add_argument("--json", action="store_true", help=_("the numbers as a JSON object"))


def _colour(wanted: bool, state: str, glyph: str) -> str:
    code = COLOURS.get(state)
    return f"{code}{glyph}{RESET}" if wanted and code and glyph.strip() else glyph


def heatmap_lines(counts, today, rules, colour: bool) -> list[str]:
    """Seven lines (Monday to Sunday) under the months, one character per week of the year ending this week."""
    from journal import labels
    from journal.domain import streaks

    weeks = streaks.year_weeks(today)
    states = streaks.states(counts, today, rules, weeks[0][0], weeks[-1][-1])
    lines = [labels.heatmap_months(weeks, 1, 4)]
    for row in range(7):
        label = labels.weekday_short(row)[:3].ljust(4) if row % 2 == 0 else "    "
        cells = []
        for week in weeks:
            state = states.get(week[row], streaks.DayState.NONE)
            glyph = labels.heatmap_glyph(state, counts.get(week[row], 0))
            cells.append(_colour(colour and state is not streaks.DayState.PENDING, state.value, glyph))
        lines.append((label + "".join(cells)).rstrip())
    return lines


def run(args: argparse.Namespace, ctx: Context) -> int:
    from journal import labels
    from journal.domain import streaks

    repository = ctx.repository(tables=TABLES)
    today = ctx.clock.today()
    rules = streaks.Rules.from_settings(ctx.settings())
    counts = repository.action_days()
    result = streaks.compute(counts, today, rules)
    week = streaks.week_gives(repository.give_days(), today)
    if args.json:
        ctx.say(
            json.dumps(
                {
                    "current": result.current,
                    "longest": result.longest,
                    "freezes_left": result.freezes_left,
                    "monthly_freezes": rules.monthly_freezes,
                    "active_days": result.active_days,
                    "today_active": counts.get(today, 0) > 0,
                    "current_start": result.current_start.isoformat() if result.current_start else None,
                    "longest_end": result.longest_end.isoformat() if result.longest_end else None,
                    "week_gives": week,
                    "week_goal": rules.weekly_give_goal,
                    "rest_weekdays": sorted(rules.rest_weekdays),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    ctx.say(
        ngettext("Current streak: {n} day", "Current streak: {n} days", result.current).format(n=result.current)
        + "   "
        + ngettext("longest: {n} day", "longest: {n} days", result.longest).format(n=result.longest)
    )
    ctx.say(
        _("Freezes left this month: {left} of {budget}   gives this week: {n} of {goal}").format(
            left=result.freezes_left, budget=rules.monthly_freezes, n=week, goal=rules.weekly_give_goal
        )
    )
    ctx.say(labels.encouragement(result.current, counts.get(today, 0) > 0, result.active_days, week, rules.weekly_give_goal))
    ctx.say("")
    colour = ctx.stdout.isatty() and not os.environ.get("NO_COLOR")
    for line in heatmap_lines(counts, today, rules, colour):
        ctx.say(line)
    ctx.say("")
    ctx.say("    " + labels.heatmap_legend())
    return EXIT_OK
