"""Schema versions of journal.json and the upgrades between them.

To change the schema: bump CURRENT_VERSION and add MIGRATIONS[old] = upgrade,
a function that takes the tables at version `old` and returns them at `old + 1`.
Upgrades run in memory on load; the upgraded file is written on the next save,
after the daily backup has kept a copy of the old one.
"""

from __future__ import annotations

from collections.abc import Callable

Tables = dict[str, dict[str, dict]]

CURRENT_VERSION = 2


def _merge_ready(tables: Tables) -> Tables:
    """1 -> 2: records that merge across devices (store/merge.py). Deletions leave tombstones.

    Existing records keep no stamp: they count as older than any change made
    from now on, which is what they are. Older Tricots refuse version 2, so
    none of them can delete a record without its tombstone.
    """
    return {**tables, "tombstones": tables.get("tombstones", {})}


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _merge_ready}


def upgrade(tables: Tables, version: int) -> Tables:
    """Apply every upgrade from `version` to CURRENT_VERSION, in order."""
    while version < CURRENT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise LookupError(f"no upgrade from schema version {version}")
        tables = step(tables)
        version += 1
    return tables
