import json
import os
import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.mentions import mentions, tags
import journal.importers.jrnl as jrnl_module
from journal.importers.jrnl import JrnlExport, NotAJrnlExport, join_text, plan_import, read_export

TODAY = date(2026, 11, 21)


def jrnl_entry(
    title="Coffee with @Karine.",
    body="She liked the #5a7 idea.",
    date="2026-11-20",
    time="08:15",
    starred=False,
    tags=("@karine", "#5a7"),
):
    return {"title": title, "body": body, "date": date, "time": time, "tags": list(tags), "starred": starred}


def plan(*raw, known=frozenset(), tags=()):
    return plan_import(JrnlExport(entries=list(raw), tags=tuple(tags)), set(known), TODAY)


def test_entries_become_ours_with_time_text_and_star():
    (entry,) = plan(jrnl_entry(starred=True)).new
    assert entry.at == datetime(2026, 11, 20, 8, 15)
    assert entry.body == "Coffee with #Karine. She liked the #5a7 idea."
    assert entry.starred and entry.source.startswith("jrnl:")


def test_title_without_sentence_end_was_the_first_line():
    assert join_text("Shopping list", "milk\neggs") == "Shopping list\nmilk\neggs"
    assert join_text("Only a title.", "") == "Only a title."


def test_importing_again_adds_nothing_but_identical_twins_both_count():
    raw = [jrnl_entry(), jrnl_entry(), jrnl_entry(title="Other.")]
    first = plan(*raw)
    assert len(first.new) == 3
    again = plan(*raw, known={e.source for e in first.new})
    assert (again.new, again.already_imported) == ([], 3)


def test_source_keys_are_those_earlier_imports_stored():
    # Computed by the importer before @tags were rewritten: a journal that imported
    # this file then must find these entries already there, not import them twice.
    first, twin = plan(jrnl_entry(), jrnl_entry()).new
    assert first.source == "jrnl:59752c67027443b65485c774fbe0bb08"
    assert twin.source == "jrnl:8d383943d13052eb41243b99728e8556"
    again = plan(jrnl_entry(), jrnl_entry(), known={first.source, twin.source})
    assert (again.new, again.already_imported, again.retagged) == ([], 2, 0)


def test_bad_entries_are_reported_with_their_number():
    raw = [jrnl_entry(), "nonsense", jrnl_entry(date="someday"), jrnl_entry(title="", body="")]
    result = plan(*raw)
    assert len(result.new) == 1
    assert [r.split(":")[0] for r in result.unreadable] == ["entry 2", "entry 3", "entry 4"]


def test_a_long_bad_date_is_shortened_in_its_reason():
    (reason,) = plan(jrnl_entry(date="x" * 5000)).unreadable
    assert len(reason) < 80


# --- jrnl's tags become Tricot tags ---------------------------------------------------------------


def test_at_words_jrnl_listed_as_tags_become_tags_not_people():
    raw = jrnl_entry(
        title="Big day at @Work.",
        body='Met @"Amina Diallo" and (@Karine), then @work again; @workshop at @Desjardins.',
        tags=["@work", "@desjardins", "@workshop"],
    )
    result = plan(raw)
    (entry,) = result.new
    assert entry.body == (
        'Big day at #Work. Met @"Amina Diallo" and (@Karine), then #work again; #workshop at #Desjardins.'
    )
    assert mentions(entry.body) == ["Amina Diallo", "Karine"]
    assert tags(entry.body) == ["work", "workshop", "desjardins"]
    assert result.retagged == 4


def test_a_word_is_retagged_whole_and_only_outside_code():
    raw = jrnl_entry(title="@work:", body="@workshop, @work's desk, `@work` and [@work]", tags=["@work"])
    (entry,) = plan(raw).new
    assert entry.body == "#work:\n@workshop, #work's desk, `@work` and [@work]"


def test_a_tag_jrnl_read_with_slashes_is_read_the_way_mentions_reads_it():
    # jrnl's tags may hold - + * # / ; `@work/home` is a mention of "work" to us.
    (entry,) = plan(jrnl_entry(title="At @work/home.", body="", tags=["@work/home"])).new
    assert entry.body == "At #work/home."
    assert mentions(entry.body) == [] and tags(entry.body) == ["work"]


def test_other_tag_symbols_become_hashes_too():
    (entry,) = plan(jrnl_entry(title="An +idea for @Karine.", body="", tags=["+idea"])).new
    assert entry.body == "An #idea for @Karine."


def test_entries_without_their_own_tags_use_the_files():
    raw = jrnl_entry(title="Lunch with @Karine at @work.", body="")
    del raw["tags"]
    (entry,) = plan(raw, tags=["@work", "#5a7"]).new
    assert entry.body == "Lunch with @Karine at #work."


def test_an_entry_listing_no_tags_keeps_its_mentions():
    (entry,) = plan(jrnl_entry(tags=()), tags=["@karine"]).new
    assert mentions(entry.body) == ["Karine"]


@given(
    word=st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd")), min_size=1, max_size=15)
    # "İ".lower() holds a combining dot, which is not a word character to either reader.
    .filter(lambda word: re.fullmatch(r"\w+", word.lower() + word.upper())),
    before=st.sampled_from(["", "x ", "(", "« "]),
)
def test_any_listed_at_word_is_no_longer_a_person(word, before):
    # jrnl lists each tag as it lowercases it.
    listed = ["@" + word.lower(), "@" + word.upper().lower()]
    raw = jrnl_entry(title=f"{before}@{word} and @{word.upper()}.", body="", tags=listed)
    (entry,) = plan(raw).new
    assert mentions(entry.body) == []
    assert word.casefold() in tags(entry.body)


# --- The days the journal accepts, and times ------------------------------------------------------


def test_entries_before_1900_or_after_today_are_left_out_with_a_reason():
    result = plan(
        jrnl_entry(date="1899-12-31"),
        jrnl_entry(date="1900-01-01"),
        jrnl_entry(date="2026-11-21", time="23:59"),
        jrnl_entry(date="2026-11-22"),
        jrnl_entry(date="2027-01-01"),
    )
    assert [e.day for e in result.new] == [date(1900, 1, 1), date(2026, 11, 21)]
    assert result.unreadable == [
        "entry 1: dated before 1900-01-01 (1899-12-31)",
        "entry 4: dated in the future (2026-11-22)",
        "entry 5: dated in the future (2027-01-01)",
    ]


def test_an_entry_imported_before_is_already_there_even_if_now_out_of_range():
    (old,) = plan_import(JrnlExport([jrnl_entry(date="2027-01-01")]), set(), date(2027, 1, 1)).new
    again = plan(jrnl_entry(date="2027-01-01"), known={old.source})
    assert (again.new, again.already_imported, again.unreadable) == ([], 1, [])


@pytest.mark.parametrize(
    "bad_time", [None, "", "25:00", "8h15", 815, "9" * 4000, ["08:15"]], ids=["null", "empty", "25h", "8h15", "int", "long", "list"]
)
def test_an_unreadable_time_comes_in_at_midnight_and_is_counted(bad_time):
    result = plan(jrnl_entry(time=bad_time), jrnl_entry(title="Other."))
    assert [e.at for e in result.new] == [datetime(2026, 11, 20), datetime(2026, 11, 20, 8, 15)]
    assert (result.untimed, result.unreadable) == (1, [])


def test_a_missing_time_is_counted_too():
    raw = jrnl_entry()
    del raw["time"]
    assert plan(raw).untimed == 1


def test_a_field_nested_too_deeply_to_write_back_is_one_reason():
    # json reads a file nested up to ~1,000 deep; writing a field back for the key
    # needs a few levels more.
    nested: list = []
    for _ in range(5000):
        nested = [nested]
    raw = jrnl_entry(time=nested)
    result = plan(raw, jrnl_entry(title="Other."))
    assert len(result.new) == 1
    assert result.unreadable == ["entry 1: nested too deeply"]


# --- Files that are not exports -------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"not json", b"[]", b'{"entries": 3}'])
def test_a_file_that_is_not_an_export_is_refused_with_a_reason(tmp_path, content):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(NotAJrnlExport, match="x.json"):
        read_export(path)


def test_read_export(tmp_path):
    path = tmp_path / "j.json"
    path.write_text(json.dumps({"tags": {"@karine": 1, "#5a7": 1, "3": 2}, "entries": [jrnl_entry()]}))
    export = read_export(path)
    assert len(export.entries) == 1
    assert export.tags == ("@karine", "#5a7", "3")


def test_read_export_accepts_a_byte_order_mark_and_utf16(tmp_path):
    document = json.dumps({"entries": [jrnl_entry(title="Café avec @Émilie.")]}, ensure_ascii=False)
    for encoding in ("utf-8-sig", "utf-16"):
        path = tmp_path / f"{encoding}.json"
        path.write_bytes(document.encode(encoding))
        assert read_export(path).entries[0]["title"] == "Café avec @Émilie."


def refused(path):
    with pytest.raises(NotAJrnlExport) as error:
        read_export(path)
    message = str(error.value)
    assert str(path) in message and "\n" not in message
    return message


def test_a_latin1_file_is_not_utf8_text(tmp_path):
    path = tmp_path / "latin1.json"
    path.write_bytes(json.dumps({"entries": [jrnl_entry(title="Café.")]}, ensure_ascii=False).encode("latin-1"))
    message = refused(path)
    assert "not UTF-8 text" in message and "not JSON" not in message


def test_json_nested_ten_thousand_deep(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"entries": [' + "[" * 10_000 + "]" * 10_000 + "]}")
    assert "nested too deeply" in refused(path)


def test_an_integer_of_five_thousand_digits(tmp_path):
    path = tmp_path / "long.json"
    path.write_text('{"entries": [{"title": "x", "date": "2026-11-20", "time": ' + "9" * 5000 + "}]}")
    assert "number too long" in refused(path)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_a_file_that_cannot_be_read_for_lack_of_permission(tmp_path):
    path = tmp_path / "locked.json"
    path.write_text(json.dumps({"entries": []}))
    path.chmod(0)
    try:
        message = refused(path)
    finally:
        path.chmod(0o600)
    assert "permission denied" in message and "owner and permissions" in message


def test_permission_denied_says_so_even_when_run_as_root(tmp_path, monkeypatch):
    path = tmp_path / "locked.json"
    path.write_text("{}")

    def denied(path):
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(jrnl_module, "read_regular", denied)
    assert "permission denied" in refused(path)
    # Windows answers a folder with "permission denied" too: it is still called a folder.
    assert "is a folder" in refused(tmp_path)


def test_a_folder(tmp_path):
    assert "is a folder" in refused(tmp_path)


def test_a_missing_file(tmp_path):
    assert "no such file" in refused(tmp_path / "missing.json")


def test_a_path_through_a_file(tmp_path):
    (tmp_path / "file").write_text("{}")
    assert "cannot be read" in refused(tmp_path / "file" / "x.json")
