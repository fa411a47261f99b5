"""The command palette (ctrl+p): Tricot's own actions, and a day typed as words.

Typing a day ("2026-03-14", "yesterday", "hier", "lundi", "3 days ago") offers
to go to it; the palette's placeholder says so.

Textual's generic entries are replaced: its "Keys" panel was a second,
different help that esc did not close, and "Screenshot" failed without a
reason. What is kept (the theme picker, quit) is offered under Tricot's words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from journal import labels
from journal.domain.days import FIRST_DAY, DayProblem, day_from_words, day_problem
from journal.i18n import _


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[], object]


class TricotCommands(Provider):
    def _commands(self) -> list[Command]:
        app = self.app
        commands = [
            Command(_("New entry"), _("Write an entry on the day shown (n)"), partial(app.run_on_today, "new_entry")),
            Command(_("Today"), _("Go back to today (t)"), partial(app.run_on_today, "go_today")),
            Command(_("Export to Markdown…"), _("Write entries to a Markdown file"), app.action_export),
            Command(_("Board"), _("The give-first board (2)"), partial(app.switch_mode, "board")),
            Command(_("Log a give…"), _("Something you did for someone, without a card (contacts, g)"), partial(app.action_log_exchange, "give")),
            Command(_("Log an ask…"), _("Something you asked of someone (contacts, a)"), partial(app.action_log_exchange, "ask")),
            Command(_("Contacts"), _("Your network by circle (3)"), partial(app.switch_mode, "contacts")),
            Command(_("Streak"), _("Activity days in a row, and the year (4)"), partial(app.switch_mode, "streak")),
            Command(_("Review"), _("The month's give/ask balance (5)"), partial(app.switch_mode, "review")),
            Command(
                _("Import contacts…"),
                _("From a vCard file (.vcf) or LinkedIn's Connections.csv"),
                app.action_import_contacts,
            ),
            Command(_("Who is due for a word"), _("Event follow-ups, then the most overdue (contacts, o)"), app.action_reconnect),
            Command(_("Theme"), _("Change the colours (remembered for next time)"), app.action_change_theme),
            Command(_("Keys"), _("Every key of this screen (?)"), app.action_help),
            Command(_("Quit"), _("Leave Tricot (q)"), app.action_quit),
        ]
        return commands

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        day = day_from_words(query, self.app.clock.today())
        if day is not None:
            yield self._go_to(day)
        elif any(character.isdigit() for character in query):
            # Meant as a day, surely ("2026-02-30", "100000 days ago"): say why it is none.
            text = _("{query} is not a day the journal knows; write 2026-03-14, yesterday, hier, lundi…").format(
                query=query.strip()
            )
            yield Hit(1.0, text, partial(self.app.notify, text, timeout=4, markup=False))
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)

    def _go_to(self, day: date) -> Hit:
        problem = day_problem(day, self.app.clock.today())
        if problem is DayProblem.FUTURE:
            text = _("{day} is in the future: the journal stops at today").format(day=labels.long_date(day))
            return Hit(1.0, text, partial(self.app.notify, text, timeout=4, markup=False))
        if problem is DayProblem.TOO_EARLY:
            text = _("{day} is before the journal starts, on {first}").format(
                day=day.isoformat(), first=labels.long_date(FIRST_DAY)
            )
            return Hit(1.0, text, partial(self.app.notify, text, timeout=4, markup=False))
        name = _("Go to {day}").format(day=labels.long_date(day))
        # Above every fuzzy match of a command ("hier" is also in "Who is due for a word"): a day typed is meant.
        return Hit(100.0, name, partial(self.app.run_on_today, "go_to_day", day), help=day.isoformat())
