"""How the screens look, at a fixed size and a fixed clock. Plain `def`: snap_compare runs its own loop.

Update after a deliberate change with: pytest tests/snapshots --snapshot-update
"""

from __future__ import annotations

from datetime import datetime

from journal.domain.models import Entry, EntryKind

SIZE = (110, 32)


def test_empty_journal_welcomes(snap_compare, repository, make_test_app):
    assert snap_compare(make_test_app(repository), terminal_size=SIZE)


def test_a_day_with_entries(snap_compare, repository, make_test_app):
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 5), body="Coffee with @Karine #5a7 — she is looking for a **UX** job."))
    repository.save_entry(
        Entry(
            at=datetime(2026, 11, 21, 12, 40),
            body='Lunch with @"Amina Diallo" #give\n\n- forwarded the offer\n- [bold]not markup[/] <b>not html</b>',
            kind=EntryKind.MEETING,
            starred=True,
        )
    )
    repository.save_entry(Entry(at=datetime(2026, 11, 20, 18, 0), body="yesterday"))
    assert snap_compare(make_test_app(repository), terminal_size=SIZE)


def test_a_past_empty_day(snap_compare, repository, make_test_app):
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 5), body="today"))
    assert snap_compare(make_test_app(repository), terminal_size=SIZE, press=["left_square_bracket", "left_square_bracket"])


def test_help_screen(snap_compare, repository, make_test_app):
    assert snap_compare(make_test_app(repository), terminal_size=SIZE, press=["question_mark"])
