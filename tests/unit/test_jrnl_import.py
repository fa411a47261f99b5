import json
from datetime import datetime

import pytest

from journal.importers.jrnl import NotAJrnlExport, join_text, plan_import, read_export


def jrnl_entry(title="Coffee with @Karine.", body="She liked the #5a7 idea.", date="2026-11-20", time="08:15", starred=False):
    return {"title": title, "body": body, "date": date, "time": time, "tags": ["@karine", "#5a7"], "starred": starred}


def test_entries_become_ours_with_time_text_and_star():
    plan = plan_import([jrnl_entry(starred=True)], set())
    (entry,) = plan.new
    assert entry.at == datetime(2026, 11, 20, 8, 15)
    assert entry.body == "Coffee with @Karine. She liked the #5a7 idea."
    assert entry.starred and entry.source.startswith("jrnl:")


def test_title_without_sentence_end_was_the_first_line():
    assert join_text("Shopping list", "milk\neggs") == "Shopping list\nmilk\neggs"
    assert join_text("Only a title.", "") == "Only a title."


def test_importing_again_adds_nothing_but_identical_twins_both_count():
    raw = [jrnl_entry(), jrnl_entry(), jrnl_entry(title="Other.")]
    first = plan_import(raw, set())
    assert len(first.new) == 3
    again = plan_import(raw, {e.source for e in first.new})
    assert (again.new, again.already_imported) == ([], 3)


def test_bad_entries_are_reported_with_their_number():
    raw = [jrnl_entry(), "nonsense", jrnl_entry(date="someday"), jrnl_entry(title="", body="")]
    plan = plan_import(raw, set())
    assert len(plan.new) == 1
    assert [r.split(":")[0] for r in plan.unreadable] == ["entry 2", "entry 3", "entry 4"]


@pytest.mark.parametrize("content", [b"not json", b"[]", b'{"entries": 3}'])
def test_a_file_that_is_not_an_export_is_refused_with_a_reason(tmp_path, content):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(NotAJrnlExport, match="x.json"):
        read_export(path)


def test_read_export(tmp_path):
    path = tmp_path / "j.json"
    path.write_text(json.dumps({"tags": {}, "entries": [jrnl_entry()]}))
    assert len(read_export(path)) == 1
