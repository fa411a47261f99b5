"""A writer for the crash and concurrency tests: saves entries in a loop, printing each id once saved.

    python writer_process.py DATA_DIR COUNT PREFIX

A printed id is an acknowledged save: it must survive anything that happens next.
"""

import sys
from datetime import datetime

from journal.clock import FixedClock
from journal.domain.models import Entry
from journal.store.repository import JournalRepository


def main() -> None:
    data_dir, count, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    clock = FixedClock(datetime(2026, 11, 21, 9, 30))
    repository = JournalRepository.open(data_dir, clock)
    for number in range(count):
        entry = Entry(at=clock.now(), body=f"{prefix} entry {number} " + "x" * 2000, id=f"{prefix}{number:06d}")
        repository.save_entry(entry)
        print(entry.id, flush=True)


if __name__ == "__main__":
    main()
