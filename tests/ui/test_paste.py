"""The terminal parser keeps a bracketed paste whole and in order, whatever it holds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events

from journal.tui.paste import PasteKeepingParser

START, END = "\x1b[200~", "\x1b[201~"


def tokens(data: str, chunk: int | None = None) -> list:
    parser = PasteKeepingParser()
    pieces = [data] if chunk is None else [data[i : i + chunk] for i in range(0, len(data), chunk)]
    found = []
    for piece in pieces:
        found += list(parser.feed(piece))
    return found


def test_an_escape_inside_a_paste_stays_in_the_paste_in_order():
    found = tokens("x" + START + "alpha \x1b[31mbeta" + END + "y")
    assert [(type(t).__name__, getattr(t, "text", None) or t.key) for t in found] == [
        ("Key", "x"),
        ("Paste", "alpha \x1b[31mbeta"),
        ("Key", "y"),
    ]


def test_keys_and_escape_sequences_outside_a_paste_are_untouched():
    found = tokens("a\x1b[Ab")
    assert [t.key for t in found] == ["a", "up", "b"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t~[]20") + ["\x1b", "é", "🧶", "\x00"]), max_size=60), st.integers(1, 7))
def test_any_paste_arrives_whole_however_the_bytes_are_split(text, chunk):
    if END in text:
        return
    found = tokens(START + text + END, chunk)
    pastes = [t for t in found if isinstance(t, events.Paste)]
    expected = text.replace("\x00", "")
    assert [p.text for p in pastes] == ([expected] if expected else [])
    assert not [t for t in found if isinstance(t, events.Key)]
