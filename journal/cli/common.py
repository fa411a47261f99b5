"""What every command shares: its errors, the Context it runs in, and the checks on values."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, TypeVar

from journal import paths
from journal.clock import Clock
from journal.i18n import _, ngettext
from journal.text import displayable

if TYPE_CHECKING:
    from journal.domain.settings import Settings
    from journal.store.repository import JournalRepository

EXIT_OK, EXIT_USAGE, EXIT_DATA = 0, 1, 2

T = TypeVar("T")


class UsageError(Exception):
    """Bad arguments: one line on stderr, exit 1."""


class DataError(Exception):
    """A file that cannot be used: one line on stderr, exit 2."""


@dataclass
class Context:
    """Where a command runs: its data dir, clock and streams, and the journal opened on first use."""

    data_dir: Path
    clock: Clock
    stdin: IO[str]
    stdout: IO[str]
    stderr: IO[str]
    _repository: JournalRepository | None = field(default=None, repr=False)
    _settings: Settings | None = field(default=None, repr=False)

    def repository(self, tables: tuple[str, ...] = ("entries",)) -> JournalRepository:
        """The journal, opened on first use; `tables` are checked whole at open (damage refused before any work)."""
        if self._repository is None:
            from journal.store.repository import JournalRepository

            self._repository = saving(lambda: JournalRepository.open(self.data_dir, self.clock, tables=tables))
        return self._repository

    def settings(self) -> Settings:
        """The user's settings (cadences, language); a problem with the file is a warning, defaults are used."""
        if self._settings is None:
            from journal.store.settings_file import load_settings

            self._settings, problem = load_settings(paths.settings_file())
            if problem:
                self.write(_("tricot: warning: {warning}").format(warning=displayable(problem)) + "\n", self.stderr)
        return self._settings

    def write(self, text: str, stream: IO[str] | None = None) -> None:
        """Bytes straight to the terminal or pipe: UTF-8 whatever the locale says, and
        undecodable bytes that came in through argv go back out unchanged."""
        stream = stream or self.stdout
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            stream.flush()
            buffer.write(text.encode("utf-8", "surrogateescape"))
            buffer.flush()
        else:
            stream.write(text)

    def say(self, line: str) -> None:
        self.write(line + "\n")

    def tell_warnings(self) -> None:
        """Problems of side jobs (a backup that could not be kept): on stderr, after the work is done."""
        if self._repository is None:
            return
        for notice in self._repository.take_notices():  # a merge: nothing is wrong, but say it
            self.write(_("tricot: {notice}").format(notice=displayable(notice)) + "\n", self.stderr)
        warnings = self._repository.take_warnings()
        unreadable = self._repository.unreadable
        if unreadable:
            # An export or a count that silently left records out would be a lie.
            examples = ", ".join(f"{key} ({reason})" for key, reason in list(unreadable.items())[:3])
            warnings.append(
                ngettext(
                    "{count} record in {path} could not be read and was left out: {examples}{more}",
                    "{count} records in {path} could not be read and were left out: {examples}{more}",
                    len(unreadable),
                ).format(
                    count=len(unreadable),
                    path=self._repository.path,
                    examples=examples,
                    more=" …" if len(unreadable) > 3 else "",
                )
            )
        for warning in warnings:
            # File names in them come from sync tools and other devices: no control sequence reaches the terminal.
            self.write(_("tricot: warning: {warning}").format(warning=displayable(warning)) + "\n", self.stderr)


def saving(action: Callable[[], T]) -> T:
    """Run a store call, turning store errors into one-line data errors with the way out."""
    from journal.store import JournalError

    try:
        return action()
    except JournalError as error:
        raise DataError(error.line()) from None


def resolve_data_dir(option: str | None) -> Path:
    """--data-dir, else $TRICOT_DATA_DIR, else the platform's: an empty one is a mistake, never the default.

    `--data-dir "$UNSET"` in a script must not quietly write into the user's real journal.
    """
    if option is not None and not option.strip():
        raise UsageError(_("--data-dir is empty; give a folder, or leave the option out for the default journal"))
    if option is None and "TRICOT_DATA_DIR" in os.environ and not os.environ["TRICOT_DATA_DIR"].strip():
        raise UsageError(_("TRICOT_DATA_DIR is set but empty; give it a folder, or unset it for the default journal"))
    if "TRICOT_CONFIG_DIR" in os.environ and not os.environ["TRICOT_CONFIG_DIR"].strip():
        raise UsageError(_("TRICOT_CONFIG_DIR is set but empty; give it a folder, or unset it"))
    chosen = paths.data_dir(option)
    if chosen.is_symlink() and not chosen.exists():
        raise UsageError(
            _("{path} is a link to {target}, which does not exist (is that folder mounted?)").format(
                path=chosen, target=os.readlink(chosen)
            )
        )
    for folder in (chosen, *chosen.parents):
        if folder.exists():
            if not folder.is_dir():
                raise UsageError(
                    _("{path} is a file, not a folder; --data-dir takes the journal's folder").format(path=folder)
                )
            break
    return chosen


def text_value(name: str) -> Callable[[str], str]:
    """An argparse type for an option whose value may not be empty (`--date ""` is a mistake)."""

    def check(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(_("{option} is empty").format(option=name))
        return value

    return check


def parse_day(text: str) -> date:
    from journal.domain.days import parse_day as parse

    try:
        return parse(text)
    except ValueError:
        raise UsageError(
            _("{value!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-14").format(value=text)
        ) from None
