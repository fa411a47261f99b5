"""The `tricot` command. Only the TUI path imports Textual, so scripts start fast."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, NoReturn

from journal import __version__, paths
from journal.clock import Clock, SystemClock
from journal.i18n import _, ngettext

EXIT_OK, EXIT_USAGE, EXIT_DATA = 0, 1, 2


class UsageError(Exception):
    """Bad arguments: one line on stderr, exit 1."""


class DataError(Exception):
    """A file that cannot be used: one line on stderr, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=_("the journal's folder (default: $TRICOT_DATA_DIR, else the platform's user data dir)"),
    )
    parser = _Parser(
        prog="tricot",
        parents=[data_dir],
        description=_("Tricot, a networking journal for the terminal. With no command, opens the journal."),
        epilog=_(
            "Exit codes: 0 ok, 1 usage error, 2 data problem (unreadable or corrupt file, "
            "journal locked by another instance)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"tricot {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))

    checkin = commands.add_parser(
        "checkin",
        parents=[data_dir],
        help=_("add a journal entry (text, or standard input)"),
        description=_(
            "Add an entry to the journal. Mention people with @Name or @\"Multi Word\", tag with #tag. "
            "With no TEXT, the entry is read from standard input."
        ),
    )
    checkin.add_argument("text", nargs="*", metavar="TEXT", help=_("the entry; quote it or not"))
    checkin.add_argument("--date", metavar="YYYY-MM-DD", help=_("backfill a forgotten day (default: today)"))
    checkin.add_argument("--time", metavar="HH:MM", help=_("time of the entry (default: now)"))
    checkin.add_argument(
        "--kind",
        default="check-in",
        choices=["check-in", "meeting", "event", "follow-up", "note"],
        help=_("what the entry is (default: %(default)s)"),
    )

    export = commands.add_parser(
        "export",
        parents=[data_dir],
        help=_("write entries as Markdown"),
        description=_("Write journal entries as one CommonMark document (all of them by default)."),
    )
    export.add_argument("--month", metavar="YYYY-MM", help=_("only this month"))
    export.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help=_("from this day on"))
    export.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help=_("up to this day, included"))
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR",
        help=_("write to FILE, or one YYYY-MM.md file per month into an existing DIR (default: standard output)"),
    )

    importer = commands.add_parser(
        "import", parents=[data_dir], help=_("bring entries in from another tool"), description=_("Import entries.")
    )
    sources = importer.add_subparsers(dest="source", metavar="SOURCE", title=_("sources"))
    sources.required = True
    jrnl = sources.add_parser(
        "jrnl",
        parents=[data_dir],
        help=_("a file written by `jrnl --export json`"),
        description=_(
            "Import the entries of a jrnl JSON export (jrnl --export json -o FILE.json). "
            "Importing the same file again adds nothing."
        ),
    )
    jrnl.add_argument("file", metavar="FILE.json", type=Path)
    return parser


def main(
    argv: list[str] | None = None,
    *,
    clock: Clock | None = None,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    clock = clock or SystemClock()
    try:
        args = build_parser().parse_args(argv)
        data_dir = paths.data_dir(getattr(args, "data_dir", None))
        if args.command is None:
            return _run_tui(data_dir, clock)
        handler = {"checkin": _checkin, "export": _export, "import": _import}[args.command]
        return handler(args, data_dir, clock, stdin, stdout)
    except UsageError as error:
        print(f"tricot: {error}", file=stderr)
        return EXIT_USAGE
    except DataError as error:
        print(f"tricot: {error}", file=stderr)
        return EXIT_DATA
    except BrokenPipeError:
        # `tricot export | head`: the reader left; nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print(_("tricot: interrupted"), file=stderr)
        return 130


def _open(data_dir: Path, clock: Clock):
    from journal.store.repository import JournalRepository

    return _saving(lambda: JournalRepository.open(data_dir, clock))


def _saving(action):
    """Run a store call, turning store errors into one-line data errors."""
    from journal.store import JournalError

    try:
        return action()
    except JournalError as error:
        raise DataError(str(error)) from None


def _write(stream: IO[str], text: str) -> None:
    # Bytes straight to the terminal or pipe: UTF-8 whatever the locale says,
    # and undecodable bytes that came in through argv go back out unchanged.
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        stream.flush()
        buffer.write(text.encode("utf-8", "surrogateescape"))
        buffer.flush()
    else:
        stream.write(text)


def _parse_day(text: str) -> date:
    from journal.domain.days import parse_day

    try:
        return parse_day(text)
    except ValueError:
        raise UsageError(
            _("{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14").format(value=text)
        ) from None


# -- commands ---------------------------------------------------------------


def _run_tui(data_dir: Path, clock: Clock) -> int:
    from journal.i18n import set_language
    from journal.store import JournalError
    from journal.store.repository import JournalRepository
    from journal.store.settings_file import load_settings

    settings, settings_problem = load_settings(paths.settings_file())
    set_language(settings.language)
    try:
        repository, problem = JournalRepository.open(data_dir, clock), None
    except JournalError as error:
        repository, problem = None, error
    from journal.tui.app import make_app

    app = make_app(
        repository,
        clock,
        settings,
        problem=problem,
        notices=[settings_problem] if settings_problem else [],
        settings_path=paths.settings_file(),
    )
    app.run()
    return EXIT_DATA if problem else EXIT_OK


def _checkin(args: argparse.Namespace, data_dir: Path, clock: Clock, stdin: IO[str], stdout: IO[str]) -> int:
    from journal import labels
    from journal.domain.models import Entry, EntryKind

    if args.text:
        text = " ".join(args.text)
    elif stdin.isatty():
        raise UsageError(_("write the entry after the command, or pipe it in: echo 'coffee with @Karine' | tricot checkin"))
    else:
        text = stdin.read()
    text = text.lstrip("\n").rstrip()
    if not text:
        raise UsageError(_("the entry is empty; nothing was saved"))
    today = clock.today()
    day = _parse_day(args.date) if args.date else today
    if day > today:
        raise UsageError(_("{day} is in the future; --date is for days that have passed").format(day=day.isoformat()))
    if args.time:
        try:
            at_time = time.fromisoformat(args.time)
        except ValueError:
            raise UsageError(_("{value!r} is not a time; write it as HH:MM, e.g. 18:30").format(value=args.time)) from None
    else:
        at_time = clock.now().time()
    repository = _open(data_dir, clock)
    entry = Entry(at=datetime.combine(day, at_time.replace(microsecond=0)), body=text, kind=EntryKind(args.kind))
    _saving(lambda: repository.save_entry(entry))
    count = len(repository.entries_on(day))
    if day == today:
        message = ngettext("Saved: {count} entry today.", "Saved: {count} entries today.", count)
    else:
        message = ngettext("Saved to {day}: {count} entry that day.", "Saved to {day}: {count} entries that day.", count)
    print(message.format(day=labels.long_date(day), count=count), file=stdout)
    return EXIT_OK


def _export_range(args: argparse.Namespace, repository) -> tuple[date, date] | None:
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
    days = repository.entry_days()
    first = _parse_day(args.first) if args.first else (days[0] if days else None)
    last = _parse_day(args.last) if args.last else (days[-1] if days else None)
    if first is None or last is None:
        return None
    if first > last:
        raise UsageError(_("--from {first} is after --to {last}").format(first=first, last=last))
    return first, last


def _export(args: argparse.Namespace, data_dir: Path, clock: Clock, stdin: IO[str], stdout: IO[str]) -> int:
    from journal.domain.days import month_end, months_between
    from journal.export.markdown import export_entries
    from journal.store.atomic import write_atomic

    output = Path(args.output) if args.output else None
    to_folder = output is not None and (output.is_dir() or args.output.endswith(("/", os.sep)))
    if to_folder and not output.is_dir():
        raise UsageError(_("{path} is not an existing folder").format(path=args.output))
    repository = _open(data_dir, clock)
    span = _export_range(args, repository)
    title = _("Tricot journal")
    documents: dict[Path, str] = {}
    if to_folder:
        for month in months_between(*span) if span else []:
            start, end = max(span[0], month), min(span[1], month_end(month))
            entries = repository.entries_between(start, end)
            if entries:
                documents[output / f"{month:%Y-%m}.md"] = export_entries(entries, f"{title} — {month:%Y-%m}", start, end)
    else:
        entries = repository.entries_between(*span) if span else []
        document = export_entries(entries, title, *(span or ()))
        if output is None:
            _write(stdout, document)
            return EXIT_OK
        documents[output] = document
    for target, document in documents.items():
        try:
            write_atomic(target, document.encode("utf-8", "surrogateescape"))
        except OSError as error:
            raise DataError(f"{target}: {error.strerror or error}") from None
    if documents:
        message = ngettext("Wrote {count} file: {names}", "Wrote {count} files: {names}", len(documents)).format(
            count=len(documents), names=", ".join(str(p) for p in documents)
        )
    else:
        message = _("No entries in that period; nothing written.")
    print(message, file=stdout)
    return EXIT_OK


def _import(args: argparse.Namespace, data_dir: Path, clock: Clock, stdin: IO[str], stdout: IO[str]) -> int:
    from journal.importers.jrnl import NotAJrnlExport, plan_import, read_export

    try:
        raw_entries = read_export(args.file)
    except NotAJrnlExport as error:
        raise DataError(str(error)) from None
    repository = _open(data_dir, clock)
    plan = plan_import(raw_entries, repository.entry_sources())
    if plan.new:
        _saving(lambda: repository.save_entries(plan.new))
    print(
        _("Imported {new} from {file}; {old} already there; {bad} unreadable.").format(
            new=ngettext("{n} entry", "{n} entries", len(plan.new)).format(n=len(plan.new)),
            file=args.file,
            old=plan.already_imported,
            bad=len(plan.unreadable),
        ),
        file=stdout,
    )
    for reason in plan.unreadable[:10]:
        print("  " + _("left out: {reason}").format(reason=reason), file=stdout)
    if len(plan.unreadable) > 10:
        print("  " + _("… and {n} more").format(n=len(plan.unreadable) - 10), file=stdout)
    return EXIT_OK
