"""Two devices driven by random histories, against a model: the journal is what the last change of each entry says.

Both devices share one clock that moves forward with every step, so "the
later change" is simply the later step. Whatever the sync tool does in
between — one file replacing the other, a conflict copy, an old copy put
back — after a final exchange both devices hold exactly the model.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.clock import FixedClock
from journal.domain.models import Entry
from journal.store.repository import JournalRepository

DEVICES = ("A", "B")
steps = st.lists(
    st.one_of(
        st.tuples(st.just("write"), st.sampled_from(DEVICES)),
        st.tuples(st.just("edit"), st.sampled_from(DEVICES), st.integers(0, 50)),
        st.tuples(st.just("delete"), st.sampled_from(DEVICES), st.integers(0, 50)),
        st.tuples(st.just("replace"), st.sampled_from(DEVICES)),  # the other's file replaces this one's
        st.tuples(st.just("conflict"), st.sampled_from(DEVICES)),  # the other's file left as a conflict copy here
        st.tuples(st.just("snapshot"), st.sampled_from(DEVICES)),
        st.tuples(st.just("restore"), st.sampled_from(DEVICES)),  # this device's older snapshot put back
    ),
    max_size=25,
)


def _journal(folder: Path) -> Path:
    return folder / "data" / "journal.json"


def _put(source: Path, target: Path) -> None:
    """As a sync tool does: a temp file beside the target, renamed over it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target.with_name(".syncthing.tmp"))
    os.replace(target.with_name(".syncthing.tmp"), target)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_after_any_history_both_devices_hold_what_the_last_change_of_each_entry_says(history):
    clock = FixedClock(datetime(2026, 11, 22, 9, 0))
    with tempfile.TemporaryDirectory() as root_name:
        root = Path(root_name)

        def open_on(name: str) -> JournalRepository:
            return JournalRepository.open(root / name / "data", clock, state_dir=root / name / "state")

        expected: dict[str, str | None] = {}  # entry id -> body, or None once deleted
        first = open_on("A").save_entry(Entry(at=clock.now(), body="start"))
        expected[first.id] = "start"
        _put(_journal(root / "A"), _journal(root / "B"))
        snapshots: dict[str, bytes] = {}
        for number, step in enumerate(history):
            clock.set(clock.now() + timedelta(seconds=1))
            kind, name = step[0], step[1]
            other = "B" if name == "A" else "A"
            if kind == "write":
                saved = open_on(name).save_entry(Entry(at=clock.now(), body=f"{name} wrote {number}"))
                expected[saved.id] = saved.body
            elif kind in ("edit", "delete"):
                repository = open_on(name)
                entries = repository.entries()
                if not entries:
                    continue
                target = entries[step[2] % len(entries)]
                if kind == "edit":
                    repository.save_entry(Entry(at=target.at, body=f"{name} edited {number}", id=target.id))
                    expected[target.id] = f"{name} edited {number}"
                else:
                    repository.delete_entry(target.id)
                    expected[target.id] = None
            elif kind == "replace" and _journal(root / other).exists():
                _put(_journal(root / other), _journal(root / name))
            elif kind == "conflict" and _journal(root / other).exists():
                copy = _journal(root / name).with_name(f"journal.sync-conflict-20261122-0900{number:02d}-{other}AAAAAA.json")
                _put(_journal(root / other), copy)
            elif kind == "snapshot":
                snapshots[name] = _journal(root / name).read_bytes()
            elif kind == "restore" and name in snapshots:
                (root / "restore.tmp").write_bytes(snapshots[name])
                _put(root / "restore.tmp", _journal(root / name))
        # Each device runs Tricot once (what it remembers comes back), then the sync tool
        # catches up: A's file comes to B as a conflict copy, and B's goes back to A.
        clock.set(clock.now() + timedelta(seconds=1))
        open_on("A"), open_on("B")
        _put(_journal(root / "A"), _journal(root / "B").with_name("journal (conflicted copy 2026-11-22 235959).json"))
        open_on("B")
        _put(_journal(root / "B"), _journal(root / "A"))
        wanted = sorted(body for body in expected.values() if body is not None)
        for name in DEVICES:
            assert sorted(e.body for e in open_on(name).entries()) == wanted, name
