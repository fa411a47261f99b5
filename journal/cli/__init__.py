"""The `tricot` command: the parser and the dispatch. One module per command beside it.

Only the app (`tricot` with no command) imports Textual, so scripts start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import IO, NoReturn

from journal import __version__
from journal.cli import checkin, contacts, export, give_ask, importing, review, streak, sync
from journal.cli.common import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    Context,
    DataError,
    UsageError,
    resolve_data_dir,
)
from journal.clock import Clock, SystemClock
from journal.i18n import _

COMMANDS = {
    "ask": give_ask.ASK,
    "checkin": checkin,
    "contacts": contacts,
    "export": export,
    "give": give_ask.GIVE,
    "import": importing,
    "review": review,
    "streak": streak,
    "sync": sync,
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=_("the journal's folder (default: $TRICOT_DATA_DIR, else the platform's user data dir)"),
    )
    parser = _Parser(
        prog="tricot",
        parents=[common],
        description=_("Tricot, a networking journal for the terminal. With no command, opens the journal."),
        epilog=_(
            "Exit codes: 0 ok, 1 usage error, 2 data problem (unreadable or corrupt file, "
            "journal locked by another instance)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"tricot {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"), parser_class=_Parser)
    for module in COMMANDS.values():
        module.register(commands, common)
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
    ctx: Context | None = None
    try:
        args = build_parser().parse_args(argv)
        data_dir = resolve_data_dir(getattr(args, "data_dir", None))
        ctx = Context(data_dir, clock or SystemClock(), stdin, stdout, stderr)
        if args.command is None:
            from journal.cli import tui

            return tui.run(ctx)
        return COMMANDS[args.command].run(args, ctx)
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
    finally:
        if ctx is not None:
            ctx.tell_warnings()
