"""`tricot give` and `tricot ask`: one line of the give/ask ledger from the shell.

Both commands are served here: GIVE and ASK each have the `register` and `run`
that `journal.cli.COMMANDS` expects of a command module.
"""

from __future__ import annotations

import argparse
from datetime import date
import json
from typing import TYPE_CHECKING

from journal.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    Context,
    UsageError,
    parse_day,
    saving,
    text_value,
)
from journal.i18n import _, ngettext
from journal.text import one_line

if TYPE_CHECKING:
    from journal.domain.mentions import People
    from journal.domain.models import Contact

TABLES = ("contacts", "exchanges")

# ExchangeKind values (kept literal so that `tricot --help` loads no domain code; a test holds them equal).
GIVE_KINDS = ("offer", "answer", "excerpt", "introduction", "advice", "information", "referral", "other")
ASK_KINDS = ("advice", "information", "introduction", "referral", "other")

# How many people a message names before it says "or N others".
_SHOWN = 4


def _either(names: list[str]) -> str:
    """Names as "A", "A or B", "A, B or C"."""
    if len(names) == 1:
        return names[0]
    return _(", ").join(names[:-1]) + _(" or ") + names[-1]


def _both(names: list[str]) -> str:
    """Names as "A", "A and B", "A, B and C"."""
    if len(names) == 1:
        return names[0]
    return _(", ").join(names[:-1]) + _(" and ") + names[-1]


def _kinds(kinds: tuple[str, ...]) -> str:
    return _(", ").join(kinds[:-1]) + _(" or ") + kinds[-1]


def _person(value: str) -> str:
    """An argparse type for --to: the name as typed, without a leading @ (and the quotes of @"Two Names")."""
    name = text_value("--to")(value).strip()
    if name.startswith("@"):
        name = name[1:].strip()
        if len(name) >= 2 and name[0] == name[-1] == '"':
            name = name[1:-1].strip()
    if not name:
        raise argparse.ArgumentTypeError(_("{value!r} names nobody; give a contact's name").format(value=value))
    return name


class _Command:
    """`give` or `ask`: the same options, their own kinds and words."""

    def __init__(self, direction: str, kinds: tuple[str, ...]) -> None:
        self.direction = direction
        self.kinds = kinds

    def _kind(self, value: str) -> str:
        kind = value.strip().lower()
        if kind in self.kinds:
            return kind
        if self.direction == "ask" and kind in GIVE_KINDS:
            raise argparse.ArgumentTypeError(
                _("{value!r} is a kind of give; an ask is {kinds}").format(value=value, kinds=_kinds(self.kinds))
            )
        if self.direction == "give":
            message = _("a give is {kinds} (not {value!r})")
        else:
            message = _("an ask is {kinds} (not {value!r})")
        raise argparse.ArgumentTypeError(message.format(kinds=_kinds(self.kinds), value=value))

    def register(self, commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
        if self.direction == "give":
            parser = commands.add_parser(
                "give",
                parents=[common],
                help=_("record something you gave someone: a job offer forwarded, an answer, an introduction…"),
                description=_(
                    "Record a give: something you did for one or more people (a job offer forwarded, an ask "
                    "answered, an excerpt shared, an introduction, advice, information, a referral). A give "
                    "counts as an interaction with each of them: it resets their keep-in-touch clock and "
                    "clears an event follow-up. The day counts for your streak (tricot streak)."
                ),
                epilog=_('Example: tricot give "forwarded the UX job" --to "Amina Diallo" --kind offer'),
            )
            text_help = _("what you gave; quote it or not")
            to_help = _("whom you gave it to: a full name, an alias, or a first name only one contact has; repeatable")
        else:
            parser = commands.add_parser(
                "ask",
                parents=[common],
                help=_("record something you asked of someone: advice, an introduction, a referral…"),
                description=_(
                    "Record an ask: something you asked of one or more people (advice, information, an "
                    "introduction, a referral). An ask counts as an interaction with each of them: it resets "
                    "their keep-in-touch clock and clears an event follow-up."
                ),
                epilog=_('Example: tricot ask "intro to the RSA team" --to Joran --kind introduction'),
            )
            text_help = _("what you asked; quote it or not")
            to_help = _("whom you asked: a full name, an alias, or a first name only one contact has; repeatable")
        parser.add_argument("text", nargs="+", metavar="TEXT", help=text_help)
        parser.add_argument("--to", dest="to", type=_person, action="append", required=True, metavar="NAME", help=to_help)
        parser.add_argument(
            "--kind",
            type=self._kind,
            default="other",
            metavar="KIND",
            help=_("{kinds} (default: other)").format(kinds=_(", ").join(self.kinds)),
        )
        parser.add_argument(
            "--date",
            type=text_value("--date"),
            metavar="DAY",
            help=_("when it happened: YYYY-MM-DD, yesterday, hier, lundi, 3 days ago (default: today)"),
        )
        parser.add_argument("--link", type=text_value("--link"), default=None, metavar="URL", help=_("a link that goes with it"))
        parser.add_argument("--json", action="store_true", help=_("print the recorded exchange as a JSON object"))

    def run(self, args: argparse.Namespace, ctx: Context) -> int:
        from journal.domain.days import DayProblem, day_problem
        from journal.domain.models import Direction, Exchange, ExchangeKind

        note = " ".join(args.text).strip()
        if not note:
            raise UsageError(
                _("say what you gave; nothing was recorded")
                if self.direction == "give"
                else _("say what you asked; nothing was recorded")
            )
        today = ctx.clock.today()
        day = _day(args.date, today) if args.date else today
        problem = day_problem(day, today)
        if problem is DayProblem.FUTURE:
            raise UsageError(
                _("{day} is in the future; record a give or an ask once it has happened").format(day=day.isoformat())
            )
        if problem is DayProblem.TOO_EARLY:
            raise UsageError(_("{day} is before 1900-01-01, the first day the journal keeps").format(day=day.isoformat()))
        repository = ctx.repository(TABLES)
        people = repository.people()
        found: dict[str, Contact] = {}
        problems: list[str] = []
        for name in args.to:
            contact, problem_line = _resolve(name, people, has_contacts=bool(people.by_name))
            if contact is None:
                if problem_line not in problems:  # the same bad name twice: said once
                    problems.append(problem_line)
            else:
                found.setdefault(contact.id, contact)
        if problems:
            # All or nothing: one line per name that names nobody, or more than one person.
            for line in problems:
                ctx.write(_("tricot: {problem}").format(problem=line) + "\n", ctx.stderr)
            return EXIT_USAGE
        contacts = list(found.values())
        exchange = Exchange(
            direction=Direction(self.direction),
            kind=ExchangeKind(args.kind),
            on=day,
            contact_ids=tuple(c.id for c in contacts),
            note=note,
            link=(args.link or "").strip(),
        )
        saving(lambda: repository.save_exchange(exchange))
        if args.json:
            ctx.say(
                json.dumps(
                    {
                        "id": exchange.id,
                        "direction": exchange.direction.value,
                        "kind": exchange.kind.value,
                        "on": exchange.on.isoformat(),
                        "contacts": [{"id": c.id, "name": c.name} for c in contacts],
                        "note": exchange.note,
                        "link": exchange.link,
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return EXIT_OK
        if self.direction == "give":
            message = _("Recorded a give to {names} ({kind}), {day}.")
        else:
            message = _("Recorded an ask of {names} ({kind}), {day}.")
        ctx.say(message.format(names=_both(_labels(contacts)), kind=exchange.kind.value, day=day.isoformat()))
        return EXIT_OK


def _labels(contacts: list[Contact]) -> list[str]:
    """Each contact's name for a message; namesakes among them are told apart by their organisation."""
    from journal.domain.names import fold

    folded = [fold(c.name) for c in contacts]
    return [
        f"{one_line(c.name, 60)} ({one_line(c.organisation, 30)})"
        if c.organisation and folded.count(key) > 1
        else one_line(c.name, 60)
        for c, key in zip(contacts, folded)
    ]


def _who(contacts: list[Contact]) -> str:
    """Contacts as "A or B", at most a few of them, then "or N others"."""
    labels = _labels(contacts)
    if len(labels) <= _SHOWN:
        return _either(labels)
    rest = len(labels) - _SHOWN
    return _(", ").join(labels[:_SHOWN]) + ngettext(" or {count} other", " or {count} others", rest).format(count=rest)


def _resolve(name: str, people: People, has_contacts: bool) -> tuple[Contact | None, str]:
    """The one contact `name` means, or None and the line that says why not."""
    from journal.domain.names import fold

    found = people.candidates(name)
    if len(found) == 1:
        return found[0], ""
    shown = one_line(name, 60)
    if found:
        if len({fold(c.name) for c in found}) == 1:  # namesakes: the full name does not tell them apart
            line = _('"{name}" could be {who} — give one of them an alias (in the app: contacts, e) and use it')
        else:
            line = _('"{name}" could be {who} — give the full name')
        return None, line.format(name=shown, who=_who(found))
    if not has_contacts:
        return None, _('no contact is called "{name}": you have no contacts yet (add one with tricot contacts add)').format(
            name=shown
        )
    close = people.closest(name)
    if close:
        return None, _('no contact is called "{name}" — did you mean {who}?').format(name=shown, who=_who(close))
    return None, _('no contact is called "{name}" (see tricot contacts list; add one with tricot contacts add)').format(
        name=shown
    )


GIVE = _Command("give", GIVE_KINDS)
ASK = _Command("ask", ASK_KINDS)


def _day(text: str, today: date) -> date:
    """A day as the app's forms take it (words too: hier, lundi), else the YYYY-MM-DD error."""
    from journal.domain.days import day_from_words

    return day_from_words(text, today) or parse_day(text)
