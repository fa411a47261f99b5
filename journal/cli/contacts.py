"""`tricot contacts`: add, list, who is due for a word, export as vCard."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from journal.cli.common import EXIT_OK, Context, DataError, UsageError, parse_day, saving, text_value
from journal.i18n import _, ngettext
from journal.text import one_line, pad, width

CONTACT_TABLES = ("contacts", "entries", "exchanges")


def _circle(value: str):
    from journal.domain.contacts import parse_circle

    try:
        return parse_circle(text_value("--circle")(value))
    except ValueError:
        raise argparse.ArgumentTypeError(_("a circle is R1, R2 or R3 (not {value!r})").format(value=value)) from None


def _cadence(value: str) -> int:
    from journal.domain.contacts import MAX_CADENCE_DAYS, parse_cadence

    try:
        days = parse_cadence(text_value("--cadence")(value))
    except ValueError:
        days = None
    if days is None:
        raise argparse.ArgumentTypeError(
            _("a cadence is a whole number of days, 1 to {most} (not {value!r})").format(most=MAX_CADENCE_DAYS, value=value)
        )
    return days


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    contacts = commands.add_parser(
        "contacts",
        parents=[common],
        help=_("the people in your network: add, list, who is due, export"),
        description=_(
            "Contacts by circle: R1 close, R2 acquaintances, R3 people met recently. A mention in an entry "
            "(@Name, @\"Two Names\", or an alias) or an exchange counts as an interaction."
        ),
    )
    actions = contacts.add_subparsers(dest="action", metavar="ACTION", title=_("actions"))
    actions.required = True
    add = actions.add_parser("add", parents=[common], help=_("add a person"), description=_("Add a person to your contacts."))
    add.add_argument("name", type=text_value("NAME"), metavar="NAME")
    add.add_argument("--circle", type=_circle, default=None, help=_("R1, R2 or R3 (default: R3, met recently)"))
    add.add_argument("--org", type=text_value("--org"), default=None, metavar="ORG", help=_("organisation"))
    add.add_argument("--role", type=text_value("--role"), default=None, metavar="ROLE", help=_("role or title"))
    add.add_argument("--email", type=text_value("--email"), action="append", default=[], metavar="EMAIL", help=_("repeatable"))
    add.add_argument("--phone", type=text_value("--phone"), action="append", default=[], metavar="PHONE", help=_("repeatable"))
    add.add_argument("--tag", type=text_value("--tag"), action="append", default=[], metavar="TAG", help=_("repeatable"))
    add.add_argument(
        "--alias", type=text_value("--alias"), action="append", default=[], metavar="ALIAS", help=_("another name mentions may use; repeatable")
    )
    add.add_argument("--met-on", type=text_value("--met-on"), metavar="YYYY-MM-DD", help=_("when you met (default: today)"))
    add.add_argument("--met-where", type=text_value("--met-where"), default=None, metavar="WHERE", help=_("where or how you met"))
    add.add_argument("--cadence", type=_cadence, metavar="DAYS", help=_("keep in touch every DAYS days (default: the circle's)"))
    add.add_argument("--note", type=text_value("--note"), default=None, metavar="TEXT")
    add.add_argument(
        "--namesake",
        action="store_true",
        help=_("add them even though a contact of that name exists (two people, one name)"),
    )
    listing = actions.add_parser(
        "list", parents=[common], help=_("list contacts"), description=_("Contacts by name, with their last interaction.")
    )
    listing.add_argument("--circle", type=_circle, default=None, help=_("only this circle: R1, R2 or R3"))
    listing.add_argument("--json", action="store_true", help=_("a JSON array of objects"))
    due = actions.add_parser(
        "due",
        parents=[common],
        help=_("who is due for a word: event follow-ups first, then the overdue"),
        description=_(
            "People first mentioned in an entry of kind event are due for a follow-up within two days; "
            "anyone past their cadence (R1 14 days, R2 45, R3 90 unless set) is overdue. Any interaction clears both."
        ),
    )
    due.add_argument("--json", action="store_true", help=_("a JSON array of objects"))
    export = actions.add_parser(
        "export",
        parents=[common],
        help=_("write every contact as vCard 3.0"),
        description=_("vCard 3.0, the circle in CATEGORIES and the cadence in X-TRICOT-CADENCE: importing it back keeps both."),
    )
    export.add_argument("--vcard", required=True, type=text_value("--vcard"), metavar="FILE", help=_("where to write; - for standard output"))
    export.add_argument("--force", action="store_true", help=_("replace FILE if it exists (otherwise it is left alone)"))


def run(args: argparse.Namespace, ctx: Context) -> int:
    return {"add": _add, "list": _list, "due": _due, "export": _export}[args.action](args, ctx)


def _add(args: argparse.Namespace, ctx: Context) -> int:
    from journal.domain.contacts import answering_to, is_name
    from journal.domain.days import FIRST_DAY, day_problem
    from journal.domain.models import Circle, Contact
    from journal.domain.names import fold

    name = " ".join(args.name.split())
    if not is_name(name):
        raise UsageError(_("a contact needs a name with at least one letter or digit"))
    today = ctx.clock.today()
    met_on = parse_day(args.met_on) if args.met_on else today
    if day_problem(met_on, today) is not None:
        raise UsageError(_("--met-on: a day from {first} to today").format(first=FIRST_DAY.isoformat()))
    if any("\udc80" <= c <= "\udcff" for c in name):  # argv bytes Python could not decode
        raise UsageError(_("the name holds bytes that are not UTF-8 text; type it again in UTF-8"))
    repository = ctx.repository(CONTACT_TABLES)
    for alias in args.alias:
        taken = answering_to(alias, repository.contacts())
        if taken is not None:
            raise UsageError(
                _("{alias} already names {name}: as an alias of this contact too, @{alias} would mean nobody").format(
                    alias=one_line(alias), name=one_line(taken.name)
                )
            )
    namesakes = [c for c in repository.contacts() if fold(c.name) == fold(name)]
    if namesakes and not args.namesake:
        raise UsageError(
            _("{name} is already a contact{org}; to add a second person of that name, add --namesake (and --org to tell them apart)").format(
                name=one_line(name), org=f" ({one_line(namesakes[0].organisation)})" if namesakes[0].organisation else ""
            )
        )
    contact = Contact(
        name=name,
        circle=args.circle or Circle.R3,
        organisation=(args.org or "").strip(),
        role=(args.role or "").strip(),
        emails=tuple(dict.fromkeys(e.strip() for e in args.email if e.strip())),
        phones=tuple(dict.fromkeys(p.strip() for p in args.phone if p.strip())),
        tags=tuple(dict.fromkeys(t.strip().lstrip("#") for t in args.tag if t.strip().lstrip("#"))),
        aliases=tuple(dict.fromkeys(a.strip() for a in args.alias if a.strip())),
        met_on=met_on,
        met_where=(args.met_where or "").strip(),
        cadence_days=args.cadence,
        notes=args.note or "",
        created=today,
    )
    saving(lambda: repository.save_contact(contact))
    ctx.say(_("Added {name} ({circle}).").format(name=one_line(contact.name), circle=contact.circle.value))
    return EXIT_OK


def _row(contact, activity, today, settings) -> dict:
    from journal.domain.cadence import cadence_days, days_overdue

    late = days_overdue(contact, activity, today, settings)
    last = activity.last
    return {
        "id": contact.id,
        "name": contact.name,
        "circle": contact.circle.value,
        "aliases": list(contact.aliases),
        "tags": list(contact.tags),
        "emails": list(contact.emails),
        "phones": list(contact.phones),
        "links": list(contact.links),
        "org": contact.organisation,
        "role": contact.role,
        "met_on": contact.met_on.isoformat() if contact.met_on else None,
        "met_where": contact.met_where,
        "cadence_days": cadence_days(contact, settings),
        "last_interaction": last.isoformat() if last else None,
        "overdue": late is not None,
        "days_overdue": late,
        "notes": contact.notes,
    }


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from journal import labels
    from journal.domain.cadence import NEVER

    repository = ctx.repository(CONTACT_TABLES)
    settings, today = ctx.settings(), ctx.clock.today()
    contacts = [c for c in repository.contacts() if args.circle is None or c.circle is args.circle]
    activities = repository.activities()
    rows = [_row(c, activities.get(c.id, NEVER), today, settings) for c in contacts]
    if args.json:
        ctx.say(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        ctx.say(
            _("No contacts in {circle} yet.").format(circle=args.circle.value)
            if args.circle
            else _("No contacts yet: tricot contacts add NAME, or tricot import vcard FILE / linkedin Connections.csv.")
        )
        return EXIT_OK
    name_cells = min(max(width(one_line(r["name"])) for r in rows), 32)
    org_cells = min(max(width(one_line(r["org"])) for r in rows), 24)
    for row in rows:
        marker = "  " + labels.overdue(row["days_overdue"]) if row["overdue"] else ""
        last = labels.days_ago(_date(row["last_interaction"]), today)
        name, org = pad(one_line(row["name"]), name_cells), pad(one_line(row["org"]), org_cells)
        ctx.say(f"{name}  {row['circle']}  {org}  {last}{marker}".rstrip())
    ctx.say(ngettext("{n} contact", "{n} contacts", len(rows)).format(n=len(rows)))
    return EXIT_OK


def _date(text: str | None):
    from datetime import date

    return date.fromisoformat(text) if text else None


def _due(args: argparse.Namespace, ctx: Context) -> int:
    from journal import labels

    repository = ctx.repository(CONTACT_TABLES)
    today = ctx.clock.today()
    found = repository.due(today, ctx.settings())
    if args.json:
        ctx.say(
            json.dumps(
                [
                    {
                        "id": d.contact.id,
                        "name": d.contact.name,
                        "circle": d.contact.circle.value,
                        "reason": d.reason.value,
                        "due_on": d.due_on.isoformat(),
                        "days_late": d.days_late,
                        "last_interaction": d.last.isoformat() if d.last else None,
                    }
                    for d in found
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    if not found:
        ctx.say(_("Nobody is due for a word today."))
        return EXIT_OK
    for d in found:
        what = labels.due(d)
        last = labels.days_ago(d.last, today)
        ctx.say(_("{name} ({circle}): {what}; last: {last}").format(name=one_line(d.contact.name), circle=d.contact.circle.value, what=what, last=last))
    return EXIT_OK


def _export(args: argparse.Namespace, ctx: Context) -> int:
    from journal.export.vcard import to_vcard
    from journal.store.atomic import write_atomic

    repository = ctx.repository(("contacts",))
    contacts = repository.contacts()
    text = to_vcard(contacts)
    if args.vcard == "-":
        ctx.write(text)
        return EXIT_OK
    target = Path(args.vcard)
    if target.is_dir():
        raise UsageError(_("{path} is a folder; nothing was written").format(path=target))
    if os.path.exists(target) and not os.path.isfile(target):
        # Replacing a device or a pipe with a file is never meant: /dev/null would become one.
        raise UsageError(
            _("{path} is not a regular file (a device or a pipe); write to a file, or use --vcard - for standard output").format(
                path=target
            )
        )
    if os.path.lexists(target) and not args.force:
        raise UsageError(_("{path} already exists; add --force to replace it").format(path=target))
    try:
        write_atomic(target, text.encode("utf-8"))
    except OSError as error:
        raise DataError(_("{path}: cannot be written: {error}").format(path=target, error=error.strerror or error)) from None
    ctx.say(ngettext("Wrote {n} contact to {path}.", "Wrote {n} contacts to {path}.", len(contacts)).format(n=len(contacts), path=target))
    return EXIT_OK
