"""Two devices, one journal: acceptance tests played end to end.

A device is a data dir (where the sync tool puts journal.json) and a state
dir (its own, never synced), with its own clock. The sync tool is played by
copying journal.json between the data dirs, as the tools do it: a temp file
in the destination folder then os.replace (Syncthing, Nextcloud), or an
in-place overwrite (`cp old.json journal.json`); when both sides changed, one
side's version becomes a conflict copy named as each tool names it.

Whatever the order, every save that returned is on both sides in the end, as
a fresh open on each side sees it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.domain.models import Entry
from journal.paths import JOURNAL_FILE
from journal.store.merge import CHANGED, stamp
from journal.store.repository import JournalRepository
from tests.unit.test_cli import run

ROOT = Path(__file__).resolve().parents[2]
DEVICE_PROCESS = Path(__file__).with_name("device_process.py")

SYNCTHING = "journal.sync-conflict-20261122-101500-ABCDEFG.json"
DROPBOX = "journal (Someone's conflicted copy 2026-11-22).json"
NEXTCLOUD = "journal (conflicted copy 2026-11-22 101500).json"

START = datetime(2026, 11, 22, 9, 0)
LATER = datetime(2026, 12, 31, 12, 0)  # a fresh open, to look: long after every step


# -- the sync tool ---------------------------------------------------------------------


def journal(data_dir: Path) -> Path:
    return Path(data_dir) / JOURNAL_FILE


def put(source: Path, destination: Path, *, in_place: bool = False) -> None:
    """A file put in place as sync tools do (temp file beside it, then os.replace), or overwritten in place."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    if in_place:  # `cp old.json journal.json`: same inode, new content
        shutil.copyfile(source, destination)
        return
    temp = destination.parent / f".syncthing.{destination.name}.tmp"  # Syncthing's own temp name
    shutil.copy2(source, temp)
    os.replace(temp, destination)


def sync_copy(src_dir: Path, dst_dir: Path, *, in_place: bool = False) -> None:
    """The sync tool carries src's journal.json to dst, replacing dst's."""
    put(journal(src_dir), journal(dst_dir), in_place=in_place)


def conflict(src_dir: Path, dst_dir: Path, name: str) -> Path:
    """The sync tool leaves src's journal.json in dst under a conflict copy's name."""
    copy = Path(dst_dir) / name
    put(journal(src_dir), copy)
    return copy


def bodies(data_dir: Path, state_dir: Path, clock: FixedClock | None = None) -> list[str]:
    """The entries' bodies as a fresh open on that device sees them."""
    repository = JournalRepository.open(data_dir, clock or FixedClock(LATER), state_dir=state_dir)
    return sorted(e.body for e in repository.entries())


def on_disk(data_dir: Path) -> dict:
    """journal.json as written, without Tricot: what the next sync would carry."""
    return json.loads(journal(data_dir).read_bytes())


def bodies_on_disk(data_dir: Path) -> list[str]:
    return sorted(doc["body"] for doc in on_disk(data_dir)["entries"].values())


# -- the devices -----------------------------------------------------------------------


@dataclass
class Device:
    name: str
    data: Path
    state: Path
    clock: FixedClock

    def open(self) -> JournalRepository:
        """Tricot run on this device (a check-in, the app started): merges at open, writes what it brought."""
        return JournalRepository.open(self.data, self.clock, state_dir=self.state)

    def later(self, **step: float) -> None:
        self.clock.set(self.clock.now() + timedelta(**(step or {"minutes": 1})))

    def write(self, *texts: str) -> list[Entry]:
        repository = self.open()
        saved = []
        for text in texts:
            saved.append(repository.save_entry(Entry(at=self.clock.now(), body=text)))
            self.later()
        return saved

    def edit(self, entry_id: str, body: str) -> None:
        repository = self.open()
        old = repository.get_entry(entry_id)
        assert old is not None, f"{self.name} has no entry {entry_id}"
        repository.save_entry(Entry(at=old.at, body=body, id=entry_id))
        self.later()

    def delete(self, entry_id: str) -> None:
        self.open().delete_entry(entry_id)
        self.later()

    def bodies(self) -> list[str]:
        return bodies(self.data, self.state, self.clock)

    @property
    def id(self) -> str:
        return json.loads((self.state / "device.json").read_text())["id"]


def device(tmp_path: Path, name: str, clock_at: datetime) -> Device:
    return Device(name, tmp_path / name / "data", tmp_path / name / "state", FixedClock(clock_at))


@pytest.fixture
def two(tmp_path) -> tuple[Device, Device]:
    """A and B share one journal: started on A ("shared start"), carried to B, opened there once."""
    a = device(tmp_path, "A", START)
    b = device(tmp_path, "B", START + timedelta(seconds=30))
    a.write("shared start")
    sync_copy(a.data, b.data)
    b.open()
    return a, b


def exchange(first: Device, second: Device, *, in_place: bool = False) -> None:
    """first's file to second, Tricot run there; then second's back to first, Tricot run there."""
    sync_copy(first.data, second.data, in_place=in_place)
    second.open()
    sync_copy(second.data, first.data, in_place=in_place)
    first.open()


def cli(device: Device, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    """`tricot --data-dir DATA ARGS` on that device (its state dir from TRICOT_STATE_DIR)."""
    monkeypatch.setenv("TRICOT_STATE_DIR", str(device.state))
    return run(["--data-dir", str(device.data), *args], device.clock)


# -- 1. entries written offline on both devices, exchanged in every order -----------------


ORDERS = ["A→B, B→A", "B→A, A→B", "A→B, B→A, no Tricot run between", "at once, B's wins", "at once, A's wins"]


@pytest.mark.parametrize("in_place", [False, True], ids=["atomic replace", "in-place overwrite"])
@pytest.mark.parametrize("order", ORDERS)
def test_entries_written_offline_on_both_devices_end_up_on_both(two, order, in_place):
    a, b = two
    written = [e.body for e in a.write("A offline 1", "A offline 2")]
    written += [e.body for e in b.write("B offline 1", "B offline 2")]
    if order == "A→B, B→A":
        exchange(a, b, in_place=in_place)
    elif order == "B→A, A→B":
        exchange(b, a, in_place=in_place)
    elif order == "A→B, B→A, no Tricot run between":
        sync_copy(a.data, b.data, in_place=in_place)
        sync_copy(b.data, a.data, in_place=in_place)  # A's own file back: B's entries are only in B's memory
        b.open()  # B's Tricot runs: what it wrote comes back into its file
        sync_copy(b.data, a.data, in_place=in_place)
        a.open()
    else:  # both changed: the winner's file is put on both, the loser's kept beside it on both
        winner, loser = (b, a) if order == "at once, B's wins" else (a, b)
        conflict(loser.data, loser.data, SYNCTHING)
        conflict(loser.data, winner.data, SYNCTHING)
        sync_copy(winner.data, loser.data, in_place=in_place)
        loser.open()
        winner.open()
        for side in (a, b):
            assert not (side.data / SYNCTHING).exists()
            assert (side.data / "backups" / "merged" / SYNCTHING).exists()
    everything = sorted(["shared start", *written])
    assert bodies_on_disk(a.data) == bodies_on_disk(b.data) == everything  # in the files, not only in memory
    assert a.bodies() == b.bodies() == everything


# -- 2. conflict copies, as each tool names them ----------------------------------------


@pytest.mark.parametrize("name", [SYNCTHING, DROPBOX, NEXTCLOUD], ids=["syncthing", "dropbox", "nextcloud"])
def test_a_conflict_copy_is_merged_then_kept_in_backups_merged_and_never_merged_again(two, name):
    a, b = two
    b.write("B 1", "B 2")
    a.write("A 1")
    copy = conflict(b.data, a.data, name)
    its_bytes = copy.read_bytes()

    repository = a.open()
    assert sorted(e.body for e in repository.entries()) == ["A 1", "B 1", "B 2", "shared start"]
    assert bodies_on_disk(a.data) == ["A 1", "B 1", "B 2", "shared start"]
    assert not copy.exists()  # not left beside the journal...
    kept = a.data / "backups" / "merged" / name
    assert kept.read_bytes() == its_bytes  # ...nor deleted: kept as it came
    (notice,) = repository.take_notices()
    assert "2 changes" in notice and name in notice
    merges = repository.storage.memory.merges()
    assert [(m["source"], m["records"]) for m in merges] == [(name, 2)]

    again = a.open()
    assert again.take_notices() == [] and again.take_warnings() == []
    assert again.storage.memory.merges() == merges
    assert os.listdir(a.data / "backups" / "merged") == [name]
    assert a.bodies() == ["A 1", "B 1", "B 2", "shared start"]


def test_a_conflict_copy_that_is_not_a_journal_is_left_named_and_nothing_else_is_lost(two):
    a, b = two
    b.write("B 1")
    a.write("A 1")
    good = conflict(b.data, a.data, SYNCTHING)
    garbage = a.data / DROPBOX
    garbage.write_bytes(b"\x00\xff\xfe not a journal \x89PNG")
    newer = a.data / NEXTCLOUD
    future = on_disk(b.data)
    future["meta"]["schema"]["schema_version"] = 99
    future["entries"]["from-the-future"] = {"at": "2026-11-22T10:00:00", "body": "from a newer Tricot"}
    newer.write_text(json.dumps(future))
    before = {path: path.read_bytes() for path in (garbage, newer)}

    repository = a.open()
    assert sorted(e.body for e in repository.entries()) == ["A 1", "B 1", "shared start"]
    assert not good.exists() and (a.data / "backups" / "merged" / SYNCTHING).exists()
    assert sorted(repository.storage.refused) == sorted([DROPBOX, NEXTCLOUD])
    assert "newer Tricot" in repository.storage.refused[NEXTCLOUD]
    warnings = repository.take_warnings()
    for name in (DROPBOX, NEXTCLOUD):
        assert any(name in w and "cannot be merged" in w and "left where it is" in w for w in warnings), warnings
    assert {path: path.read_bytes() for path in (garbage, newer)} == before  # left as they are
    assert not (a.data / "backups" / "merged" / DROPBOX).exists()

    again = a.open()  # still refused, still left, still nothing lost
    assert sorted(again.storage.refused) == sorted([DROPBOX, NEXTCLOUD])
    assert garbage.exists() and newer.exists()
    again.save_entry(Entry(at=a.clock.now(), body="A 2"))
    assert a.bodies() == ["A 1", "A 2", "B 1", "shared start"]
    assert {path: path.read_bytes() for path in (garbage, newer)} == before


# -- 3. an older copy put back, no Tricot running ----------------------------------------


@pytest.mark.parametrize("in_place", [False, True], ids=["atomic replace", "in-place overwrite"])
def test_an_older_copy_put_back_brings_back_what_was_written_after_it(two, tmp_path, in_place):
    a, _ = two
    a.write("before the copy")
    older = tmp_path / "older-journal.json"
    shutil.copy2(journal(a.data), older)
    a.write("after the copy 1", "after the copy 2")
    everything = ["after the copy 1", "after the copy 2", "before the copy", "shared start"]

    put(older, journal(a.data), in_place=in_place)
    assert bodies_on_disk(a.data) == ["before the copy", "shared start"]
    repository = a.open()
    assert sorted(e.body for e in repository.entries()) == everything
    assert bodies_on_disk(a.data) == everything  # written at once (settle), for the sync tool to carry
    (notice,) = repository.take_notices()
    assert "2 changes" in notice
    assert a.bodies() == everything


@pytest.mark.parametrize("in_place", [False, True], ids=["atomic replace", "in-place overwrite"])
def test_an_older_copy_put_back_is_made_whole_by_the_next_checkin(two, tmp_path, monkeypatch, in_place):
    a, b = two
    older = tmp_path / "older-journal.json"
    shutil.copy2(journal(a.data), older)
    a.write("after the copy")
    put(older, journal(a.data), in_place=in_place)
    code, _, err = cli(a, monkeypatch, "checkin", "the next check-in")
    assert code == 0, err
    assert "Merged changes from another device" in err
    assert bodies_on_disk(a.data) == ["after the copy", "shared start", "the next check-in"]
    sync_copy(a.data, b.data)
    assert b.bodies() == ["after the copy", "shared start", "the next check-in"]


# -- 4. the same under a Tricot held open (the app) --------------------------------------


@pytest.mark.parametrize("in_place", [False, True], ids=["atomic replace", "in-place overwrite"])
def test_an_open_tricot_puts_back_what_an_older_copy_lost_at_its_next_refresh(two, tmp_path, in_place):
    a, _ = two
    app = a.open()
    app.save_entry(Entry(at=a.clock.now(), body="before the copy"))
    older = tmp_path / "older-journal.json"
    shutil.copy2(journal(a.data), older)
    a.later()
    app.save_entry(Entry(at=a.clock.now(), body="after the copy 1"))
    app.save_entry(Entry(at=a.clock.now(), body="after the copy 2"))
    everything = ["after the copy 1", "after the copy 2", "before the copy", "shared start"]

    put(older, journal(a.data), in_place=in_place)
    assert app.refresh() is True
    assert sorted(e.body for e in app.entries()) == everything
    assert bodies_on_disk(a.data) == everything  # written at once, not at the app's next save
    (notice,) = app.take_notices()
    assert "2 changes" in notice
    assert app.refresh() is False  # settled: nothing more to do
    assert a.bodies() == everything


@pytest.mark.parametrize("in_place", [False, True], ids=["atomic replace", "in-place overwrite"])
def test_an_open_tricot_keeps_its_entries_when_the_other_devices_file_replaces_its_own(two, in_place):
    a, b = two
    app = a.open()
    app.save_entry(Entry(at=a.clock.now(), body="A, in the app"))
    b.write("B offline")
    sync_copy(b.data, a.data, in_place=in_place)
    assert app.refresh() is True
    assert sorted(e.body for e in app.entries()) == ["A, in the app", "B offline", "shared start"]
    assert bodies_on_disk(a.data) == ["A, in the app", "B offline", "shared start"]
    conflict(b.data, a.data, NEXTCLOUD)  # a conflict copy appearing while the app is open
    assert app.refresh() is False  # it brought nothing new...
    assert not (a.data / NEXTCLOUD).exists()  # ...and is put away all the same
    sync_copy(a.data, b.data, in_place=in_place)
    assert a.bodies() == b.bodies() == ["A, in the app", "B offline", "shared start"]


@pytest.mark.parametrize("in_place", [False, True], ids=["atomic replace", "in-place overwrite"])
def test_an_open_tricot_keeps_what_it_only_read_when_the_file_flips_back_to_an_older_version(two, tmp_path, in_place):
    """The sync tool flips between versions: what the app saw arrive from B, never written on A, stays."""
    a, b = two
    app = a.open()
    app.save_entry(Entry(at=a.clock.now(), body="A, in the app"))
    older = tmp_path / "older-journal.json"
    shutil.copy2(journal(a.data), older)  # A's version, without B's entries
    sync_copy(a.data, b.data)
    b.write("B 1", "B 2")
    sync_copy(b.data, a.data, in_place=in_place)  # B's version, which has all of A's, arrives...
    assert app.refresh() is True
    expected = ["A, in the app", "B 1", "B 2", "shared start"]
    assert sorted(e.body for e in app.entries()) == expected
    put(older, journal(a.data), in_place=in_place)  # ...then A's older one is put back
    assert app.refresh() is True
    assert sorted(e.body for e in app.entries()) == expected
    assert bodies_on_disk(a.data) == expected
    assert a.bodies() == expected


# -- 5. the same entry edited on both devices ------------------------------------------------


@pytest.mark.parametrize("first", ["A→B first", "B→A first"])
@pytest.mark.parametrize("later", ["A", "B"])
def test_the_later_edit_wins_on_both_devices_whatever_the_order(two, later, first):
    a, b = two
    (shared,) = a.open().entries()
    a.clock.set(START + timedelta(hours=2 if later == "A" else 1))
    b.clock.set(START + timedelta(hours=2 if later == "B" else 1))
    a.edit(shared.id, "edited on A")
    b.edit(shared.id, "edited on B")
    exchange(*((a, b) if first == "A→B first" else (b, a)))
    assert a.bodies() == b.bodies() == [f"edited on {later}"]
    assert on_disk(a.data)["entries"] == on_disk(b.data)["entries"]


@pytest.mark.parametrize("first", ["A→B first", "B→A first", "at once"])
def test_two_edits_at_the_same_instant_are_settled_by_device_id_alike_on_both(two, first):
    a, b = two
    (shared,) = a.open().entries()
    a.clock.set(START + timedelta(hours=1))
    b.clock.set(START + timedelta(hours=1))
    a.edit(shared.id, "edited on A")
    b.edit(shared.id, "edited on B")
    assert on_disk(a.data)["entries"][shared.id][CHANGED] == on_disk(b.data)["entries"][shared.id][CHANGED]
    if first == "at once":
        conflict(a.data, b.data, SYNCTHING)
        conflict(b.data, a.data, SYNCTHING)
        a.open()
        b.open()
    else:
        exchange(*((a, b) if first == "A→B first" else (b, a)))
    winner = max((a, b), key=lambda side: side.id)
    assert a.bodies() == b.bodies() == [f"edited on {winner.name}"]


def test_a_device_whose_clock_is_behind_still_beats_what_it_edited_and_deleted(tmp_path):
    a = device(tmp_path, "A", START)  # A's clock is an hour behind B's
    b = device(tmp_path, "B", START + timedelta(hours=1))
    written = {e.body: e for e in b.write("B: to edit on A", "B: to delete on A", "B: left alone")}
    sync_copy(b.data, a.data)
    a.open()
    a.edit(written["B: to edit on A"].id, "edited on A, clock behind")
    a.delete(written["B: to delete on A"].id)
    a.write("A, clock behind")
    mine = on_disk(a.data)["entries"][written["B: to edit on A"].id][CHANGED]
    theirs = on_disk(b.data)["entries"][written["B: to edit on A"].id][CHANGED]
    just_after = datetime.fromisoformat(theirs[:-1]).replace(tzinfo=timezone.utc) + timedelta(microseconds=1)
    assert mine == stamp(just_after)  # stamped just after what it edited, not at A's clock, an hour before
    exchange(a, b)
    expected = ["A, clock behind", "B: left alone", "edited on A, clock behind"]
    assert a.bodies() == b.bodies() == expected
    exchange(b, a)  # and again the other way: nothing moves
    assert a.bodies() == b.bodies() == expected


# -- 6. deletions stay deleted; a later edit undoes them ---------------------------------------


ARRIVALS = ["as a conflict copy", "atomic replace", "in-place overwrite", "replacing it under an open Tricot"]


@pytest.mark.parametrize("arrives", ARRIVALS)
def test_a_deleted_entry_stays_deleted_when_an_older_copy_that_has_it_comes_back(two, arrives):
    a, b = two
    doomed, _ = a.write("to be deleted on B", "kept")
    sync_copy(a.data, b.data)
    b.open()
    a.write("A offline")  # A's copy, which still has the doomed entry, goes on changing
    app = b.open() if arrives == "replacing it under an open Tricot" else None
    if app is not None:
        app.delete_entry(doomed.id)
    else:
        b.delete(doomed.id)
    expected = ["A offline", "kept", "shared start"]

    if arrives == "as a conflict copy":
        conflict(a.data, b.data, DROPBOX)
        b.open()
    elif app is not None:
        sync_copy(a.data, b.data)
        assert app.refresh() is True
        assert sorted(e.body for e in app.entries()) == expected
    else:
        sync_copy(a.data, b.data, in_place=arrives == "in-place overwrite")
        b.open()
    assert bodies_on_disk(b.data) == expected
    assert f"entries/{doomed.id}" in on_disk(b.data)["tombstones"]
    sync_copy(b.data, a.data)
    a.open()
    assert a.bodies() == b.bodies() == expected
    assert f"entries/{doomed.id}" in on_disk(a.data)["tombstones"]


@pytest.mark.parametrize("first", ["A→B first", "B→A first"])
def test_an_entry_edited_after_the_other_device_deleted_it_comes_back(two, first):
    a, b = two
    (shared,) = a.open().entries()
    b.clock.set(START + timedelta(hours=1))
    b.delete(shared.id)
    a.clock.set(START + timedelta(hours=2))  # A has not seen the deletion: its edit comes after it
    a.edit(shared.id, "edited on A after B deleted it")
    exchange(*((a, b) if first == "A→B first" else (b, a)))
    assert a.bodies() == b.bodies() == ["edited on A after B deleted it"]
    for side in (a, b):
        assert f"entries/{shared.id}" not in on_disk(side.data)["tombstones"]


# -- 7. the file replaced again and again while the other side writes ---------------------------


def test_replacing_the_journal_again_and_again_while_a_device_writes_loses_no_acknowledged_save(two):
    a, b = two
    b_wrote = [e.body for e in b.write(*(f"B entry {n}" for n in range(20)))]
    count = 400
    child = subprocess.Popen(
        [sys.executable, str(DEVICE_PROCESS), str(a.data), str(a.state), str(count), "a-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    acknowledged: list[str] = []
    reader = threading.Thread(target=lambda: acknowledged.extend(line.strip() for line in child.stdout if line.strip()))
    reader.start()
    replaced = 0
    deadline = time.monotonic() + 20
    try:
        while child.poll() is None and time.monotonic() < deadline:
            sync_copy(b.data, a.data)  # B's version wins the sync, again and again
            replaced += 1
            time.sleep(0.003)
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        reader.join()
    errors = child.stderr.read()
    child.stderr.close()
    assert child.returncode == 0, errors
    assert len(acknowledged) == count and replaced > 10

    assert set(acknowledged) <= {e.id for e in a.open().entries()}  # A's Tricot, run next, has them all
    sync_copy(a.data, b.data)
    b.open()
    sync_copy(b.data, a.data)
    a.open()
    for side in (a, b):
        repository = side.open()
        assert set(acknowledged) <= {e.id for e in repository.entries()}, side.name
        assert set(b_wrote) <= {e.body for e in repository.entries()}, side.name
        assert set(acknowledged) <= set(on_disk(side.data)["entries"]), side.name


# -- 8. tricot sync status --json --------------------------------------------------------------


def test_sync_status_json_lists_the_device_the_merges_and_the_refused_copies(two, tmp_path, monkeypatch):
    a, b = two
    older = tmp_path / "older-journal.json"
    shutil.copy2(journal(a.data), older)
    code, _, err = cli(a, monkeypatch, "checkin", "A, by the command line")
    assert code == 0, err
    a.later()
    put(older, journal(a.data))  # an older copy put back: A's check-in comes back from its memory
    b.write("B 1", "B 2")
    conflict(b.data, a.data, SYNCTHING)
    (a.data / DROPBOX).write_text("not a journal")

    code, out, err = cli(a, monkeypatch, "sync", "status", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["device"]["id"] == a.id and report["device"]["id"] != b.id
    assert report["device"]["state_dir"] == str(a.state)
    assert report["journal"] == str(journal(a.data))
    assert report["remembered_in"].startswith(str(a.state))
    merges = {m["source"]: m for m in report["merges"]}
    assert merges["memory"]["records"] == 1
    assert merges[SYNCTHING]["records"] == 2
    assert all(m["at"] for m in report["merges"])
    assert report["conflict_copies"] == [DROPBOX]
    assert list(report["refused"]) == [DROPBOX] and report["refused"][DROPBOX]
    assert report["merged_copies_kept"] == {"folder": str(a.data / "backups" / "merged"), "files": [SYNCTHING]}
    assert "Merged changes from another device" in err and "cannot be merged" in err

    code, out, _ = cli(a, monkeypatch, "export")
    assert code == 0
    for text in ("A, by the command line", "B 1", "B 2", "shared start"):
        assert text in out

    monkeypatch.setenv("TRICOT_STATE_DIR", str(b.state))
    code, out, _ = run(["--data-dir", str(b.data), "sync", "status", "--json"], b.clock)
    other = json.loads(out)
    assert other["device"]["id"] == b.id and other["merges"] == [] and other["conflict_copies"] == []


# -- 9. a schema-1 journal, from before two devices ----------------------------------------------


def schema_1_journal(data_dir: Path) -> None:
    """journal.json as a Tricot of schema 1 wrote it: no stamps, no tombstones, no journal id."""
    data_dir.mkdir(parents=True, exist_ok=True)
    journal(data_dir).write_text(
        json.dumps(
            {
                "meta": {"schema": {"schema_version": 1}},
                "entries": {
                    "old-1": {"at": "2026-10-01T09:00:00", "body": "old 1", "kind": "check-in", "starred": False},
                    "old-2": {"at": "2026-10-02T09:00:00", "body": "old 2", "kind": "note", "starred": True},
                },
                "contacts": {},
            }
        )
    )


def test_a_schema_1_journal_opens_upgrades_and_merges_with_an_upgraded_copy_of_itself(tmp_path):
    a = device(tmp_path, "A", START)
    b = device(tmp_path, "B", START + timedelta(seconds=30))
    schema_1_journal(a.data)
    sync_copy(a.data, b.data)
    assert a.bodies() == ["old 1", "old 2"]  # opens, upgraded in memory
    b.write("B, after the upgrade")
    b.edit("old-2", "old 2, edited on B")
    assert on_disk(b.data)["meta"]["schema"] == {"schema_version": 2}
    assert "tombstones" in on_disk(b.data)

    conflict(b.data, a.data, SYNCTHING)  # the schema-2 copy beside the schema-1 file
    repository = a.open()
    expected = ["B, after the upgrade", "old 1", "old 2, edited on B"]
    assert sorted(e.body for e in repository.entries()) == expected
    assert on_disk(a.data)["meta"]["schema"] == {"schema_version": 2}  # upgraded in the file by the merge's write
    assert a.bodies() == expected
    sync_copy(a.data, b.data)
    assert b.bodies() == expected


def test_a_schema_1_copy_arriving_as_a_conflict_copy_merges_without_undoing_newer_edits(tmp_path):
    a = device(tmp_path, "A", START)
    schema_1_journal(a.data)
    old_copy = tmp_path / "schema-1.json"
    shutil.copy2(journal(a.data), old_copy)
    a.write("A, after the upgrade")
    a.edit("old-1", "old 1, edited on A")
    a.delete("old-2")
    put(old_copy, a.data / NEXTCLOUD)
    assert a.bodies() == ["A, after the upgrade", "old 1, edited on A"]
    assert (a.data / "backups" / "merged" / NEXTCLOUD).exists()


def test_a_schema_1_journal_upgraded_on_both_devices_then_exchanged_keeps_both_sides_entries(tmp_path):
    a = device(tmp_path, "A", START)
    b = device(tmp_path, "B", START + timedelta(seconds=30))
    schema_1_journal(a.data)
    sync_copy(a.data, b.data)  # both devices hold the same schema-1 journal
    a.write("A, after the upgrade")  # each upgrades it at its first save, offline
    b.write("B, after the upgrade")
    exchange(b, a)  # B's file to A, A's Tricot runs; A's file back to B
    expected = ["A, after the upgrade", "B, after the upgrade", "old 1", "old 2"]
    assert a.bodies() == b.bodies() == expected


def test_the_schema_1_backup_put_back_after_the_upgrade_brings_back_what_was_written_since(tmp_path):
    a = device(tmp_path, "A", START)
    schema_1_journal(a.data)
    a.write("after the upgrade")  # the first save upgrades the file, after keeping it in backups/
    (backup,) = (a.data / "backups").glob("journal-*.json")
    shutil.copyfile(backup, journal(a.data))  # the restore the guide gives: cp backups/journal-DATE.json journal.json
    assert a.bodies() == ["after the upgrade", "old 1", "old 2"]


def test_a_journal_started_anew_in_the_folder_is_not_merged_with_the_old_one(tmp_path):
    """Someone moved the journal and its backups away to start over: the old records stay out,
    and what the device remembered of the old journal is kept aside, not thrown away."""
    a = device(tmp_path, "A", START)
    a.write("old journal")
    shutil.rmtree(a.data)
    a.write("new start")
    assert a.bodies() == ["new start"]
    aside = [p for p in (a.state / "journals").iterdir() if "." in p.name]
    assert len(aside) == 1 and (aside[0] / "tables" / "entries.json").exists()
