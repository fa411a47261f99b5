"""Shared fixtures: an isolated data/config dir, a fixed clock, a repository, the app factory."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest

from journal.clock import FixedClock
from journal.domain.settings import Settings
from journal.store.repository import JournalRepository

NOW = datetime(2026, 11, 21, 9, 30)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever reads or writes the real user's journal, settings or device state."""
    monkeypatch.setenv("TRICOT_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("TRICOT_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("TRICOT_STATE_DIR", str(tmp_path / "state"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "journal"


@pytest.fixture
def repository(data_dir: Path, clock: FixedClock) -> JournalRepository:
    return JournalRepository.open(data_dir, clock)


@pytest.fixture
def make_test_app(clock: FixedClock):
    """Build the app the way the CLI does, without timers or the user's themes."""
    from journal.tui.app import make_app

    def build(repository: JournalRepository | None, **options):
        options.setdefault("user_themes", False)
        options.setdefault("watch_interval", None)
        return make_app(repository, clock, options.pop("settings", Settings()), **options)

    return build


@pytest.fixture
def montreal(monkeypatch: pytest.MonkeyPatch):
    """The machine's local time is Montréal's (UTC-5 in November, UTC-4 in summer)."""
    monkeypatch.setenv("TZ", "America/Montreal")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
