"""`tricot checkin`: add an entry from the shell."""

from __future__ import annotations

import argparse
from datetime import datetime

from journal.cli.common import EXIT_OK, Context, UsageError, parse_day, saving, text_value
from journal.i18n import _, ngettext

KINDS = ["check-in", "meeting", "event", "follow-up", "note"]


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    checkin = commands.add_parser(
        "checkin",
        parents=[common],
        help=_("add a journal entry (text, or standard input)"),
        description=_(
            "Add an entry to the journal. Mention people with @Name or @\"Multi Word\", tag with #tag. "
            "With no TEXT, the entry is read from standard input. The journal keeps days from "
            "1900-01-01 to today; times are local wall-clock times (an offset such as +05:00 or Z is "
            "converted to this machine's time)."
        ),
    )
    checkin.add_argument("text", nargs="*", metavar="TEXT", help=_("the entry; quote it or not"))
    checkin.add_argument(
        "--date", type=text_value("--date"), metavar="YYYY-MM-DD", help=_("backfill a forgotten day (default: today)")
    )
    checkin.add_argument(
        "--time",
        type=text_value("--time"),
        metavar="HH:MM",
        help=_("time of the entry, local (default: now); 9:05, 18:30, 18:30:15 or with an offset, 23:00Z"),
    )
    checkin.add_argument(
        "--kind", default="check-in", choices=KINDS, help=_("what the entry is (default: %(default)s)")
    )


def run(args: argparse.Namespace, ctx: Context) -> int:
    from journal import labels
    from journal.domain.days import DayProblem, day_problem, parse_time
    from journal.domain.models import Entry, EntryKind

    if args.text:
        text = " ".join(args.text)
    elif ctx.stdin.isatty():
        raise UsageError(_("write the entry after the command, or pipe it in: echo 'coffee with @Karine' | tricot checkin"))
    else:
        text = ctx.stdin.read()
    text = text.lstrip("\n").rstrip()
    if not text:
        raise UsageError(_("the entry is empty; nothing was saved"))
    today = ctx.clock.today()
    day = parse_day(args.date) if args.date else today
    if args.time:
        try:
            at = parse_time(args.time, day)
        except ValueError:
            raise UsageError(
                _("{value!r} is not a time; write it as HH:MM, e.g. 18:30").format(value=args.time)
            ) from None
    else:
        at = datetime.combine(day, ctx.clock.now().time().replace(microsecond=0))
    problem = day_problem(at.date(), today)
    if problem is DayProblem.FUTURE:
        raise UsageError(
            _("{day} is in the future; --date and --time are for moments that have passed").format(
                day=at.date().isoformat()
            )
        )
    if problem is DayProblem.TOO_EARLY:
        raise UsageError(_("{day} is before 1900-01-01, the first day the journal keeps").format(day=at.date().isoformat()))
    repository = ctx.repository()
    entry = Entry(at=at, body=text, kind=EntryKind(args.kind))
    saving(lambda: repository.save_entry(entry))
    day = entry.day
    count = len(repository.entries_on(day))
    if day == today:
        message = ngettext("Saved: {count} entry today.", "Saved: {count} entries today.", count)
    else:
        message = ngettext("Saved to {day}: {count} entry that day.", "Saved to {day}: {count} entries that day.", count)
    ctx.say(message.format(day=labels.long_date(day), count=count))
    return EXIT_OK
