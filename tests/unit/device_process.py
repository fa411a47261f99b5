"""One device writing while its sync tool replaces the journal under it (tests/unit/test_two_devices.py).

    python device_process.py DATA_DIR STATE_DIR COUNT PREFIX

Saves COUNT entries in a loop as the device kept in STATE_DIR, its clock a
second later for each, printing each id once save_entry has returned: a
printed id is an acknowledged save, which must survive whatever the sync
tool does next.
"""

import sys
from datetime import datetime, timedelta
from pathlib import Path

from journal.clock import FixedClock
from journal.domain.models import Entry
from journal.store.repository import JournalRepository


def main() -> None:
    data_dir, state_dir, count, prefix = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    clock = FixedClock(datetime(2026, 11, 22, 8, 0))
    repository = JournalRepository.open(data_dir, clock, state_dir=state_dir)
    for number in range(count):
        clock.set(clock.now() + timedelta(seconds=1))
        entry = Entry(at=clock.now(), body=f"{prefix} entry {number}", id=f"{prefix}{number:06d}")
        repository.save_entry(entry)
        print(entry.id, flush=True)


if __name__ == "__main__":
    main()
