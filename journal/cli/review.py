"""`tricot review`: the month's give/ask balance as plain text, Markdown or JSON."""

from __future__ import annotations

import argparse
import json

from journal.cli.common import EXIT_OK, Context, UsageError, text_value
from journal.i18n import _

TABLES = ("contacts", "entries", "exchanges", "cards")


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    review = commands.add_parser(
        "review",
        parents=[common],
        help=_("the month's give/ask balance: per circle, per kind, who you only asked of"),
        description=_(
            "The monthly review: gives and asks in total, per circle and per kind, the balance over the last "
            "12 months, the people most given to and most asked of, those only asked of and never given to, "
            "overdue contacts by circle, the circle funnel (met, R3 -> R2, R2 -> R1), cards given, dropped and "
            "open, and the streak in the month. Plain text on a terminal, Markdown when piped or written to "
            "a file."
        ),
        epilog=_("Examples: tricot review --month 2026-10 · tricot review --markdown > review.md · tricot review --json"),
    )
    review.add_argument("--month", type=text_value("--month"), metavar="YYYY-MM", help=_("the month (default: this month)"))
    form = review.add_mutually_exclusive_group()
    form.add_argument("--markdown", action="store_true", help=_("Markdown (CommonMark with tables)"))
    form.add_argument("--json", action="store_true", help=_("a JSON object"))
    form.add_argument("--text", action="store_true", help=_("plain text (the default on a terminal)"))


def run(args: argparse.Namespace, ctx: Context) -> int:
    from journal.domain import balance, streaks
    from journal.domain.days import month_end, parse_month
    from journal.export.review import to_json, to_markdown, to_text

    today = ctx.clock.today()
    if args.month:
        try:
            month, _last = parse_month(args.month)
        except ValueError:
            raise UsageError(_("--month is YYYY-MM, e.g. 2026-11 (not {value!r})").format(value=args.month)) from None
        if month > today:
            raise UsageError(_("{month} has not begun yet; a review is of a month up to this one").format(month=args.month))
    else:
        month = today.replace(day=1)
    repository = ctx.repository(tables=TABLES)
    settings = ctx.settings()
    at = min(month_end(month), today)
    months = balance.window(month)
    by_month = repository.exchanges_by_month(months)
    found = balance.review_from_index(
        month, by_month, repository.contacts(), repository.cards(), (repository.due(today, settings) if at == today else repository.due_at_end_of(at, settings)), repository.given_before(months[0])
    )
    summary = streaks.month_summary(repository.action_days(), month, today, streaks.Rules.from_settings(settings))
    if args.json:
        ctx.say(json.dumps(to_json(found, summary), ensure_ascii=False, indent=2))
    elif args.markdown or (not args.text and not ctx.stdout.isatty()):
        ctx.write(to_markdown(found, summary))
    else:
        ctx.write(to_text(found, summary))
    return EXIT_OK
