"""`tricot import`: entries from another tool (jrnl today)."""

from __future__ import annotations

import argparse
from pathlib import Path

from journal.cli.common import EXIT_OK, Context, DataError, saving, text_value
from journal.i18n import _, ngettext


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    importer = commands.add_parser(
        "import", parents=[common], help=_("bring entries in from another tool"), description=_("Import entries.")
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


def run(args: argparse.Namespace, ctx: Context) -> int:
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
