"""This device: an id made once and kept in the state dir, which no sync tool carries.

Every change a device makes is stamped with its id, so two devices that
changed one record at the same microsecond still agree on which change wins.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from journal.files import read_regular
from journal.i18n import _
from journal.store.atomic import ensure_private_dir, write_atomic

DEVICE_FILE = "device.json"


@dataclass(frozen=True)
class Device:
    id: str
    name: str  # the host name when the id was made: for people reading `tricot sync status`
    state_dir: Path | None  # None when the state dir cannot be written: nothing is remembered
    problem: str | None = None  # why, for the user, when something is not as it should be


def _read(path: Path) -> Device | None:
    try:
        doc = json.loads(read_regular(path))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or not doc["id"].strip():
        return None
    name = doc.get("name")
    return Device(doc["id"], name if isinstance(name, str) else "", path.parent)


def this_device(state_dir: Path) -> Device:
    """The device id kept in `state_dir`, made the first time. Never raises.

    Two processes starting at once agree on one id: the file is linked into
    place, which fails if the other got there first, and then theirs is read.
    """
    path = state_dir / DEVICE_FILE
    found = _read(path)
    if found is not None:
        return found
    import socket  # only the first time: it costs a few milliseconds to import

    fresh = Device(uuid.uuid4().hex[:12], socket.gethostname(), state_dir)
    content = json.dumps({"id": fresh.id, "name": fresh.name}, ensure_ascii=False).encode("utf-8")
    try:
        ensure_private_dir(state_dir)
        temp = state_dir / f".{DEVICE_FILE}.{fresh.id}"
        write_atomic(temp, content)
        try:
            os.link(temp, path)
        except FileExistsError:
            pass  # another process made it first, or it is there but damaged
        except OSError:  # a file system without hard links: no race to win there, most likely
            if not os.path.lexists(path):
                os.replace(temp, path)
        finally:
            if os.path.lexists(temp):
                temp.unlink()
        found = _read(path)
        if found is not None:
            return found
        write_atomic(path, content)  # there, but unreadable: replaced, and said
        problem = _("{path} could not be read; this device now has a new id").format(path=path)
        return Device(fresh.id, fresh.name, state_dir, problem)
    except OSError as error:
        if path.is_dir():
            reason = _("{path} is a folder, where this device's id file should be; move it away").format(path=path)
        else:
            reason = _("{folder} cannot be written ({error})").format(folder=state_dir, error=error.strerror or error)
        return Device(
            fresh.id,
            fresh.name,
            None,
            _(
                "{reason}: this device cannot remember what it wrote, "
                "so a journal put back in time by a sync tool is not noticed between runs"
            ).format(reason=reason),
        )
