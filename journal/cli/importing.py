"""`tricot import`: entries from another tool (jrnl), contacts from address books (vCard, LinkedIn)."""

from __future__ import annotations

import argparse
from pathlib import Path

from journal.cli.common import EXIT_OK, Context, DataError, saving, text_value
from journal.i18n import _, ngettext


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    importer = commands.add_parser(
        "import",
        parents=[common],
        help=_("bring entries or contacts in from another tool"),
        description=_("Import entries (jrnl) or contacts (vCard, LinkedIn)."),
    )
    sources = importer.add_subparsers(dest="source", metavar="SOURCE", title=_("sources"))
    sources.required = True
    jrnl = sources.add_parser(
        "jrnl",
        parents=[common],
        help=_("a file written by `jrnl --export json`"),
        description=_(
            "Import the entries of a jrnl JSON export (jrnl --export json -o FILE.json). "
            "Importing the same file again adds nothing. Words jrnl counted as tags (@work with "
            "jrnl's default tag symbols) become #tags; entries dated in the future or before "
            "1900-01-01 are left out and listed."
        ),
    )
    jrnl.add_argument("file", metavar="FILE.json", type=lambda value: Path(text_value("FILE.json")(value)))
    vcard = sources.add_parser(
        "vcard",
        parents=[common],
        help=_("contacts from a vCard file (.vcf: phones, Google, Apple, Outlook, khard)"),
        description=_(
            "Import the people of a vCard file (versions 2.1, 3.0 and 4.0, one or many cards). Someone already "
            "in your contacts (same email, LinkedIn profile or name) only gets what their contact lacks: nothing "
            "you wrote is overwritten, so importing the same file again changes nothing. A card that cannot be "
            "read is listed with its line and skipped; the rest is imported, in one save."
        ),
    )
    vcard.add_argument("file", metavar="FILE.vcf", type=lambda value: Path(text_value("FILE.vcf")(value)))
    linkedin = sources.add_parser(
        "linkedin",
        parents=[common],
        help=_("contacts from LinkedIn's Connections.csv"),
        description=_(
            "Import LinkedIn connections (Settings, Data privacy, Get a copy of your data, Connections). "
            "\"Connected On\" becomes the day you met; matching and merging work as for vCard."
        ),
    )
    linkedin.add_argument("file", metavar="Connections.csv", type=lambda value: Path(text_value("Connections.csv")(value)))
    for parser in (vcard, linkedin):
        parser.add_argument(
            "--circle",
            type=_circle,
            default=None,
            help=_("the circle of the people new to Tricot (default: R3, met recently; a vCard's CATEGORIES R1/R2/R3 wins)"),
        )


def _circle(value: str):
    from journal.cli.contacts import _circle as circle

    return circle(value)


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.source in ("vcard", "linkedin"):
        return _contacts(args, ctx)
    return _jrnl(args, ctx)


def _contacts(args: argparse.Namespace, ctx: Context) -> int:
    from journal.importers.linkedin import parse_linkedin
    from journal.importers.people import plan_import
    from journal.importers.vcard import parse_vcards
    from journal.text import one_line

    from journal.importers.files import NotAnAddressBook, nothing_found, read_address_book

    try:
        data = read_address_book(args.file)
    except NotAnAddressBook as error:
        raise DataError(str(error)) from None
    parse = parse_vcards if args.source == "vcard" else parse_linkedin
    options = {"circle": args.circle} if args.circle is not None else {}
    show_progress = ctx.stderr.isatty() if hasattr(ctx.stderr, "isatty") else False

    def progress(done: int, total: int) -> None:
        if show_progress and total >= 200:
            end = "\n" if done >= total else ""
            ctx.write("\r" + _("reading {file}: {done}/{total}").format(file=args.file.name, done=done, total=total) + end, ctx.stderr)

    parsed = parse(data, today=ctx.clock.today(), progress=progress, **options)
    problem = nothing_found(parsed, args.source, args.file)
    if problem is not None:
        raise DataError(problem + " " + _("Nothing was imported."))
    repository = ctx.repository(("contacts",))
    plan = saving(lambda: repository.import_contacts(lambda existing: plan_import(existing, parsed)))
    ctx.say(_("Imported from {file}: {summary}.").format(file=args.file, summary=plan.summary()))
    for skip in plan.skipped[:20]:
        where = _("line {line}").format(line=skip.line) if skip.line else _("the file")
        ctx.say("  " + _("skipped, {where}: {reason}").format(where=where, reason=one_line(skip.reason, 200)))
    if len(plan.skipped) > 20:
        ctx.say("  " + _("… and {n} more").format(n=len(plan.skipped) - 20))
    return EXIT_OK


def _jrnl(args: argparse.Namespace, ctx: Context) -> int:
    from journal.importers.jrnl import NotAJrnlExport, plan_import, read_export

    try:
        export = read_export(args.file)
    except NotAJrnlExport as error:
        raise DataError(str(error)) from None
    repository = ctx.repository()
    plan = plan_import(export, repository.entry_sources(), ctx.clock.today())
    # The plan's duplicate check saw the file as it was; the import checks again
    # under the write lock, so two imports at once still add everything once.
    added, already = saving(lambda: repository.import_entries(plan.new))
    already += plan.already_imported
    ctx.say(
        _("Imported {new} from {file}; {old} already there; {bad} left out.").format(
            new=ngettext("{n} entry", "{n} entries", len(added)).format(n=len(added)),
            file=args.file,
            old=already,
            bad=len(plan.unreadable),
        )
    )
    retagged, untimed = plan.retagged_among(added), plan.untimed_among(added)
    if retagged:
        ctx.say(
            "  "
            + ngettext(
                "{n} word jrnl counted as a tag (@word) is now a #tag.",
                "{n} words jrnl counted as tags (@word) are now #tags.",
                retagged,
            ).format(n=retagged)
        )
    if untimed:
        ctx.say(
            "  "
            + ngettext(
                "{n} entry had no readable time and is placed at 00:00.",
                "{n} entries had no readable time and are placed at 00:00.",
                untimed,
            ).format(n=untimed)
        )
    for reason in plan.unreadable[:10]:
        ctx.say("  " + _("left out: {reason}").format(reason=reason))
    if len(plan.unreadable) > 10:
        ctx.say("  " + _("… and {n} more").format(n=len(plan.unreadable) - 10))
    return EXIT_OK
