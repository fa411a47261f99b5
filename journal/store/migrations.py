"""Schema versions of journal.json and the upgrades between them.

To change the schema: bump CURRENT_VERSION and add MIGRATIONS[old] = upgrade,
a function that takes the tables at version `old` and returns them at `old + 1`.
Upgrades run in memory on load; the upgraded file is written on the next save,
after the daily backup has kept a copy of the old one.
"""

from __future__ import annotations

from collections.abc import Callable

Tables = dict[str, dict[str, dict]]

CURRENT_VERSION = 1

MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {}


def upgrade(tables: Tables, version: int) -> Tables:
    """Apply every upgrade from `version` to CURRENT_VERSION, in order."""
    while version < CURRENT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise LookupError(f"no upgrade from schema version {version}")
        tables = step(tables)
        version += 1
    return tables
