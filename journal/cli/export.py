"""`tricot export`: entries as Markdown, to standard output, a file, or one file per month."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from journal.cli.common import EXIT_OK, Context, DataError, UsageError, parse_day, text_value
from journal.i18n import _, ngettext


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export",
        parents=[common],
        help=_("write entries as Markdown"),
        description=_("Write journal entries as one CommonMark document (all of them by default)."),
    )
    export.add_argument("--month", type=text_value("--month"), metavar="YYYY-MM", help=_("only this month"))
    export.add_argument("--from", dest="first", type=text_value("--from"), metavar="YYYY-MM-DD", help=_("from this day on"))
    export.add_argument(
        "--to", dest="last", type=text_value("--to"), metavar="YYYY-MM-DD", help=_("up to this day, included")
    )
    export.add_argument(
        "-o",
        "--output",
        type=text_value("--output"),
        metavar="FILE|DIR",
        help=_("write to FILE, or one YYYY-MM.md file per month into an existing DIR (default: standard output)"),
    )
    export.add_argument(
        "--force", action="store_true", help=_("replace files that already exist (otherwise they are left alone)")
    )


def _span(args: argparse.Namespace, ctx: Context) -> tuple[date, date] | None:
    from journal.domain.days import parse_month

    if args.month and (args.first or args.last):
        raise UsageError(_("use either --month or --from/--to, not both"))
    if args.month:
        try:
            return parse_month(args.month)
        except ValueError:
            raise UsageError(
                _("{value!r} is not a month; write it as YYYY-MM, e.g. 2026-03").format(value=args.month)
            ) from None
    first = parse_day(args.first) if args.first else None
    last = parse_day(args.last) if args.last else None
    if first and last and first > last:
        raise UsageError(_("--from {first} is after --to {last}").format(first=first, last=last))
    days = ctx.repository().entry_days()
    first = first or (days[0] if days else None)
    last = last or (days[-1] if days else None)
    if first is None or last is None:
        return None
    return first, last


def run(args: argparse.Namespace, ctx: Context) -> int:
    from journal.export.files import is_journal_file, monthly_documents, one_document
    from journal.store.atomic import write_atomic

    output = Path(args.output).expanduser() if args.output else None
    to_folder = output is not None and (output.is_dir() or args.output.endswith(("/", os.sep)))
    if to_folder and not output.is_dir():
        raise UsageError(_("{path} is not an existing folder").format(path=args.output))
    if output is not None and not to_folder and not output.parent.is_dir():
        raise UsageError(_("{path} is not an existing folder").format(path=output.parent))
    repository = ctx.repository()
    span = _span(args, ctx)
    title = _("Tricot journal")
    if not to_folder:
        document = one_document(repository.entries_between, span, title)
        if output is None:
            ctx.write(document)
            return EXIT_OK
        documents = {output: document}
    else:
        documents = monthly_documents(repository.entries_between, span, output, title)
    for target in documents:
        if os.path.isdir(target):
            raise UsageError(_("{path} is a folder; nothing was written").format(path=target))
        if os.path.exists(target) and not os.path.isfile(target):
            # Replacing a device or a pipe with a file (sudo, -o /dev/null --force) is never meant.
            raise UsageError(
                _("{path} is not a regular file (a device or a pipe); export to a file, or leave out -o "
                  "for standard output").format(path=target)
            )
        if is_journal_file(target, ctx.data_dir):
            raise UsageError(
                _("{path} is the journal itself, or in its backups or drafts; export somewhere else").format(path=target)
            )
    existing = [path for path in documents if os.path.lexists(path)]
    if existing and not args.force:
        names = ", ".join(str(p) for p in existing[:5]) + (" …" if len(existing) > 5 else "")
        raise UsageError(
            ngettext(
                "{names} already exists; add --force to replace it",
                "{count} files already exist ({names}); add --force to replace them",
                len(existing),
            ).format(names=names, count=len(existing))
        )
    for target, text in documents.items():
        try:
            write_atomic(target, text.encode("utf-8", "surrogateescape"))
        except OSError as error:
            raise DataError(f"{target}: {error.strerror or error}") from None
    if documents:
        message = ngettext("Wrote {count} file: {names}", "Wrote {count} files: {names}", len(documents)).format(
            count=len(documents), names=", ".join(str(p) for p in documents)
        )
    else:
        message = _("No entries in that period; nothing written.")
    ctx.say(message)
    return EXIT_OK
