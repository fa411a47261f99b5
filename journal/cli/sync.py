"""`tricot sync`: how this device's journal stands with the others (status), and git's merge driver (merge)."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from journal.cli.common import EXIT_OK, EXIT_USAGE, Context, DataError, saving, text_value
from journal.i18n import _, ngettext
from journal.text import displayable


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    sync = commands.add_parser(
        "sync",
        parents=[common],
        help=_("this device, the last merges, conflict copies found"),
        description=_(
            "Tricot merges, record by record, what sync tools (Syncthing, Dropbox, Nextcloud, git) bring back: "
            "their conflict copies and older copies put in place. See docs/guide.md, \"Use it on two devices\"."
        ),
    )
    actions = sync.add_subparsers(dest="action", metavar="ACTION", title=_("actions"))
    status = actions.add_parser(
        "status",
        parents=[common],
        help=_("this device's id, the last merges, conflict copies found and refused"),
        description=_(
            "Opening the journal merges any conflict copies beside it (then moves them to backups/merged/); "
            "this lists the device, what was merged, and what could not be."
        ),
    )
    status.add_argument("--json", action="store_true", help=_("print a JSON object instead of text"))
    merge = actions.add_parser(
        "merge",
        help=_("git's merge driver for journal.json: merges THEIRS into OURS record by record"),
        description=_(
            "For a journal kept in git. In .gitattributes: `journal.json merge=tricot`; then "
            "`git config merge.tricot.driver \"tricot sync merge %%O %%A %%B\"`. "
            "OURS is replaced by the merge; exit 1 if a file is not a Tricot journal (git then reports a conflict)."
        ),
    )
    merge_in = actions.add_parser(
        "merge-in",
        parents=[common],
        help=_("merge another copy of the journal (a backup, a set-aside memory) into this one"),
        description=_(
            "Takes every record of PATH that the journal lacks, or holds in an older version, and saves: "
            "nothing of the journal is lost. PATH is a journal file (a backup, a copy from another device) "
            "or a folder `tricot sync status` lists as set aside."
        ),
    )
    merge_in.add_argument("path", type=text_value("PATH"), metavar="PATH", help=_("a journal file, or a set-aside folder"))
    merge.add_argument("base", type=text_value("BASE"), metavar="BASE", help=_("the common ancestor (not needed: ignored)"))
    merge.add_argument("ours", type=text_value("OURS"), metavar="OURS", help=_("our version, replaced by the merge"))
    merge.add_argument("theirs", type=text_value("THEIRS"), metavar="THEIRS", help=_("their version"))


def run(args: argparse.Namespace, ctx: Context) -> int:
    if args.action == "merge":
        return _merge(Path(args.ours), Path(args.theirs), ctx)
    if args.action == "merge-in":
        return _merge_in(Path(args.path), ctx)
    if args.action != "status":
        ctx.write(
            _("tricot sync: say which: `tricot sync status`, `tricot sync merge-in` or `tricot sync merge` (see --help)")
            + "\n",
            ctx.stderr,
        )
        return EXIT_USAGE
    report = _status(ctx)
    if args.json:
        ctx.say(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print(report, ctx)
    return EXIT_OK


def _local(stamp: str) -> str:
    """A merge stamp (UTC) as the user's local time, to the minute."""
    from journal.domain.days import wall_clock

    try:
        return wall_clock(datetime.fromisoformat(stamp.replace("Z", "+00:00"))).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def _source(source: str) -> str:
    if source == "held":
        return _("what an open Tricot held")
    if source == "memory":
        return _("what this device remembered")
    return source


def _status(ctx: Context) -> dict:
    repository = ctx.repository()
    storage = repository.storage
    device = storage.device
    memory = storage.memory
    merged_dir = storage.merged_dir
    try:
        kept = sorted(p.name for p in merged_dir.iterdir() if p.is_file())
    except OSError:
        kept = []
    return {
        "device": {"id": device.id, "name": device.name, "state_dir": str(device.state_dir) if device.state_dir else None},
        "journal": str(repository.path),
        "remembered_in": str(memory.folder) if memory else None,
        "merges": [
            {"at": m.get("at"), "source": m.get("source"), "records": m.get("records")}
            for m in (memory.merges() if memory else [])
        ][::-1],
        "conflict_copies": [p.name for p in storage.conflict_copies()],
        "refused": dict(storage.refused),
        "merged_copies_kept": {"folder": str(merged_dir), "files": kept},
        "set_aside": [str(folder) for folder in memory.set_aside_folders()] if memory else [],
    }


def _print(report: dict, ctx: Context) -> None:
    def say(line: str) -> None:  # names come from files and host names: no control sequence reaches the terminal
        ctx.say(displayable(line))

    device = report["device"]
    say(_("This device: {id} ({name})").format(id=device["id"], name=device["name"] or "?"))
    if device["state_dir"]:
        say(_("  its own files (never synced): {folder}").format(folder=device["state_dir"]))
    else:
        say(_("  it cannot keep files of its own: older copies put back are not noticed between runs"))
    if Path(report["journal"]).exists():
        say(_("Journal: {path}").format(path=report["journal"]))
    else:
        say(_("Journal: {path} (not written yet)").format(path=report["journal"]))
    merges = report["merges"]
    if not merges:
        say(_("Merges: none yet; nothing came back from another device that this one had to merge."))
    else:
        say(_("Last merges (newest first):"))
        for merge in merges[:5]:
            count = merge["records"] if type(merge["records"]) is int else 0
            say(
                "  "
                + ngettext(
                    "{at}  {count} record from {source}", "{at}  {count} records from {source}", count
                ).format(at=_local(str(merge["at"])), count=count, source=_source(str(merge["source"])))
            )
    copies = report["conflict_copies"]
    refused = report["refused"]
    if not copies:
        say(_("Conflict copies beside the journal: none."))
    for name in copies:
        reason = refused.get(name)
        if reason:
            say(_("Refused: {name}: {reason}. It is left where it is; fix or remove it.").format(name=name, reason=reason))
        else:
            say(_("Waiting: {name} (merged at the next save)").format(name=name))
    kept = report["merged_copies_kept"]
    if kept["files"]:
        say(
            ngettext(
                "{count} merged conflict copy is kept in {folder}.",
                "{count} merged conflict copies are kept in {folder}.",
                len(kept["files"]),
            ).format(count=len(kept["files"]), folder=kept["folder"])
        )
    for folder in report["set_aside"]:
        say(
            _(
                "Set aside: {folder}, what this device remembered of a journal that another one (no record in "
                "common) replaced. To take its records into this journal: tricot sync merge-in {folder}"
            ).format(folder=folder)
        )


def _merge(ours: Path, theirs: Path, ctx: Context) -> int:
    """Git's merge driver: both versions decoded, merged (no base needed: tombstones say what was deleted)."""
    from journal.store import JournalError
    from journal.store.atomic import write_atomic
    from journal.store.codec import encode
    from journal.store.merge import merge_into

    try:
        mine, other = saving(lambda: _load_journal(ours)), saving(lambda: _load_journal(theirs))
    except DataError as error:
        ctx.write(f"tricot: {error}\n", ctx.stderr)
        return 1  # git: the merge failed, a conflict for the user
    try:
        counts = merge_into(mine, other)
        write_atomic(ours, b"".join(bytes(chunk) for chunk in encode(mine)))
    except (OSError, JournalError) as error:
        ctx.write(f"tricot: {ours}: {error}\n", ctx.stderr)
        return 1
    brought = sum(count for name, count in counts.items() if name != "meta")
    ctx.write(
        ngettext("tricot: merged {count} record from {theirs}", "tricot: merged {count} records from {theirs}", brought).format(
            count=brought, theirs=theirs
        )
        + "\n",
        ctx.stderr,
    )
    return EXIT_OK


def _merge_in(path: Path, ctx: Context) -> int:
    from journal.store.memory import MERGED_IN, remembered_tables

    def load():
        if path.is_dir():
            if not (path / "tables").is_dir():
                raise DataError(
                    _("{path}: a folder, but not one Tricot set aside (it has no tables/ folder)").format(path=path)
                )
            return remembered_tables(path)
        return _load_journal(path)

    other = saving(load)
    repository = ctx.repository()
    brought = saving(lambda: repository.storage.merge_in(other, path.name))
    memory = repository.storage.memory
    if memory is not None and path.resolve() in [folder.resolve() for folder in memory.set_aside_folders()]:
        try:  # its records are in the journal now: no longer worth listing, still kept
            path.rename(path.with_name(path.name + MERGED_IN))
        except OSError:
            pass  # still listed by `sync status`; merging it again changes nothing
    if brought:
        ctx.say(
            ngettext(
                "Merged {count} record from {path} into {journal}.",
                "Merged {count} records from {path} into {journal}.",
                brought,
            ).format(count=brought, path=path, journal=repository.path)
        )
    else:
        ctx.say(_("Nothing new in {path}: {journal} already holds all of it.").format(path=path, journal=repository.path))
    return EXIT_OK


def _load_journal(path: Path):
    """A journal file, every table built (damage refused before anything is merged). DataError if unreadable."""
    from journal.files import read_regular
    from journal.store.codec import decode

    try:
        return decode(read_regular(path), path).build_all()
    except OSError as error:
        raise DataError(_("{path}: cannot be read: {error}").format(path=path, error=error.strerror or error)) from None
