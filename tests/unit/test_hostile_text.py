"""Torture: any text a user can paste survives save, reload and export, exactly and inertly."""

from __future__ import annotations

import os
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from journal.domain.models import Entry
from journal.export.markdown import export_entries
from journal.store.repository import JournalRepository

LONG = os.environ.get("TRICOT_LONG_TESTS") == "1"

# Everything Unicode has (NUL, escape sequences, RTL, emoji, combining marks),
# plus lone surrogates (undecodable bytes from argv) and markup look-alikes.
HOSTILE = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(), max_size=200).map(lambda t: t + "\udcff"),
    st.sampled_from(
        [
            "[bold]x[/] [@click=app.quit]Alice[/]",
            "\x1b]52;c;aGk=\x07 \x1b[2J\x1b[31mred",
            "\u202eevil\u202c שלום مرحبا",
            "🧶👩‍👩‍👧 e\u0301",
            "<script>alert(1)</script> <!-- x --> <b>b</b>",
            "```\nunclosed fence",
            "\x00\x00NUL",
        ]
    ),
)

SETTINGS = settings(max_examples=1000 if LONG else 60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(body=HOSTILE)
def test_any_text_is_saved_and_read_back_exactly(tmp_path_factory, clock, body):
    data_dir = tmp_path_factory.mktemp("journal")
    entry = Entry(at=datetime(2026, 11, 21, 9, 30), body=body)
    JournalRepository.open(data_dir, clock).save_entry(entry)
    assert JournalRepository.open(data_dir, clock).get_entry(entry.id) == entry


@SETTINGS
@given(bodies=st.lists(HOSTILE, min_size=1, max_size=3))
def test_any_text_exports_to_markdown_that_runs_no_html(bodies):
    entries = [Entry(at=datetime(2026, 11, 21, 9, i), body=b) for i, b in enumerate(bodies)]
    document = export_entries(entries, "Journal")
    tokens = MarkdownIt("commonmark").parse(document)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in (t.children or [])}
    assert not kinds & {"html_block", "html_inline"}
    assert "\x1b" not in document and "\x00" not in document and "\u202e" not in document
    assert sum(t.type == "heading_open" and t.tag == "h3" for t in tokens) == len(entries)


def test_a_one_megabyte_entry_saves_reloads_and_exports(data_dir, clock):
    body = ("Un très long compte rendu 🧶 #suivi @Karine. " * 25_000)[:1_000_000]
    entry = Entry(at=datetime(2026, 11, 21, 9, 30), body=body)
    JournalRepository.open(data_dir, clock).save_entry(entry)
    reopened = JournalRepository.open(data_dir, clock)
    assert reopened.get_entry(entry.id) == entry
    document = export_entries(reopened.entries(), "Journal")
    assert len(document) > 1_000_000 and "\\#suivi" in document.split("\n\n")[3]
