"""Code in Markdown bodies: our reading of fences and code spans agrees with markdown-it-py's.

markdown-it-py (already a dependency, for the export) is a CommonMark parser. Random
texts made of backticks, tildes, backslashes, spaces and line breaks, with numbered
mentions `@m0`, `@m1`, … among them, are parsed by both: a mention counts for us
exactly when markdown-it did not put it in code.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from journal.domain.mentions import mentions, tags, without_code

_MARKDOWN = MarkdownIt("commonmark")

# No list, quote, heading, HTML, link or emphasis markers: those are containers and
# constructs the module says it does not follow.
pieces = st.sampled_from(["`", "``", "```", "````", "~", "~~~", "~~~~", "\\", "a", " ", "  ", "\n", "\n\n", "\r\n", "\r", "x y"])


@st.composite
def markdown_with_mentions(draw):
    parts = draw(st.lists(st.one_of(pieces, st.just("@")), max_size=40))
    text = "".join(f" @m{number} " if part == "@" else part for number, part in enumerate(parts))
    # At most 3 spaces start a line: 4 would be an indented code block, out of scope.
    return re.sub(r"(?:(?<=[\r\n])|\A) {4,}", "   ", text)


def _in_code_per_markdown_it(text: str) -> set[str]:
    found = set()
    for token in _MARKDOWN.parse(text):
        if token.type in ("fence", "code_block"):
            found.update(re.findall(r"@m\d+", token.info + " " + token.content))
        for child in token.children or []:
            if child.type == "code_inline":
                found.update(re.findall(r"@m\d+", child.content))
    return found


@settings(max_examples=2000, deadline=None)
@given(markdown_with_mentions())
def test_mentions_outside_code_are_those_commonmark_leaves_outside_code(text):
    every = {"@" + name for name in re.findall(r"@(m\d+)", text)}
    in_code = _in_code_per_markdown_it(text)
    assert {"@" + name for name in mentions(text)} == every - in_code, text


@given(st.text(alphabet=st.sampled_from(list("`~ \n\r\\a@#")), max_size=60))
def test_masking_keeps_every_character_outside_code_in_place(text):
    masked = without_code(text)
    assert len(masked) == len(text)
    assert all(m == t or m == "\n" for m, t in zip(masked, text))


def test_text_without_backtick_or_tilde_fence_is_not_touched():
    body = "Coffee with @Karine ~ 20 min #5a7"
    assert without_code(body) is body


def test_a_paragraph_of_lone_backticks_is_read_quickly():
    # Every run unmatched: a naive closer search would rescan the paragraph per run.
    body = " ".join("`" * n for n in range(1, 3000)) + " @Karine #todo"
    assert mentions(body) == ["Karine"] and tags(body) == ["todo"]


def test_link_destinations_and_html_comments_hold_no_mentions_or_tags():
    """Found by a saboteur: `[x](@dest)` made a person called "dest"."""
    from journal.domain.mentions import mentions, tags

    text = "Met [@Karine](@karine-page) and ![@img](@pic). <!-- @Hidden #secret --> Then @Joran #suivi"
    assert mentions(text) == ["Karine", "img", "Joran"]
    assert tags(text) == ["suivi"]
