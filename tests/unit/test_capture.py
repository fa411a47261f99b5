"""`give:` / `ask:` lines in entry bodies, in English and French, and the guesses at their kind."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from journal.domain.capture import capture_key, captures, card_kind, exchange_kind
from journal.domain.models import CardKind, Direction, ExchangeKind


def only(body: str):
    found = captures(body)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("line", "direction", "text"),
    [
        ("give: forward the UX job to @Amina", Direction.GIVE, "forward the UX job to @Amina"),
        ("Give : the newsletter", Direction.GIVE, "the newsletter"),
        ("GIVE:x", Direction.GIVE, "x"),
        ("ask: intro to @Joran", Direction.ASK, "intro to @Joran"),
        ("Ask\t:  advice on rent  ", Direction.ASK, "advice on rent"),
        ("donner : l'offre d'emploi", Direction.GIVE, "l'offre d'emploi"),
        ("donner: le lien", Direction.GIVE, "le lien"),
        ("Donner\u202f: le lien", Direction.GIVE, "le lien"),
        ("donner\u00a0: le lien", Direction.GIVE, "le lien"),
        ("DEMANDER : un conseil", Direction.ASK, "un conseil"),
        ("demander： un avis", Direction.ASK, "un avis"),  # full-width colon
        ("- ask: a referral", Direction.ASK, "a referral"),
        ("* give: a ride", Direction.GIVE, "a ride"),
        ("+ give: a ride", Direction.GIVE, "a ride"),
        ("1. give: the article", Direction.GIVE, "the article"),
        ("12) ask: a question", Direction.ASK, "a question"),
        ("> demander : une intro", Direction.ASK, "une intro"),
        (">demander : une intro", Direction.ASK, "une intro"),
        ("> - give: both", Direction.GIVE, "both"),
        ("  - [ ] give: a task", Direction.GIVE, "a task"),
        ("- [x] ask: done already", Direction.ASK, "done already"),
        ("   give: three spaces", Direction.GIVE, "three spaces"),
        ("give: time: 10:30", Direction.GIVE, "time: 10:30"),
        ("give: 🎉 مرحبا @\"Karine Tremblay\"", Direction.GIVE, "🎉 مرحبا @\"Karine Tremblay\""),
    ],
)
def test_capture_lines(line, direction, text):
    capture = only(line)
    assert (capture.direction, capture.text, capture.line) == (direction, text, 0)


@pytest.mark.parametrize(
    "body",
    [
        "giveaway: x",
        "asks: x",
        "donnerait: x",
        "donne : x",  # not one of the four words
        "demande : x",
        "I will give: maybe",
        "Then ask: why not",
        "give:",
        "give:   \t ",
        "give\n: x",
        "-give: x",  # not a bullet without its space
        "give - x",
        "```\ngive: in a fence\n```",
        "~~~\nask: in a fence",  # unclosed: code to the end
        "`give: a code span`",
        "text `code\ngive: still code` text",
        "    give: indented code",
        "para\n\n    give: indented code after a blank line",
        "",
        "no colon at all",
    ],
)
def test_not_captures(body):
    assert captures(body) == []


def test_line_numbers_count_every_kind_of_line_end():
    body = "morning\r\ngive: a\rlunch\n\n- ask: b\n"
    assert [(c.line, c.text) for c in captures(body)] == [(1, "a"), (4, "b")]


def test_several_captures_in_order_and_code_between():
    body = "give: one\n```\nask: not this\n```\nask: two\n\n    ask: code\ndonner : trois"
    assert [(c.direction, c.text, c.line) for c in captures(body)] == [
        (Direction.GIVE, "one", 0),
        (Direction.ASK, "two", 4),
        (Direction.GIVE, "trois", 7),
    ]


def test_an_indented_line_in_a_list_or_a_paragraph_is_not_code():
    assert only("- errands\n    - give: nested item").line == 1
    assert only("- errands\n\n    give: continuation of the item").line == 2
    assert only("a paragraph\n    give: its continuation").line == 1


def test_the_list_ends_at_a_blank_line_and_an_unindented_line():
    assert captures("- item\n\nprose\n\n    give: code now") == []


def test_key_is_stable_across_case_accents_and_spacing():
    keys = {
        c.key
        for c in captures(
            "donner : Présenter @Amina à Joran\n"
            "DONNER:   presenter   @amina a JORAN  \n"
            "- donner\u202f: PRÉSENTER\t@Amina à Joran"
        )
    }
    assert keys == {"give:presenter @amina a joran"}


def test_key_tells_directions_and_texts_apart():
    assert capture_key(Direction.GIVE, "x") != capture_key(Direction.ASK, "x")
    assert only("give: a job").key != only("give: a jobs").key
    assert only("give: a job").key == capture_key(Direction.GIVE, "A  Job")


def test_names_are_the_mentions_of_the_text():
    capture = only('give: forward the UX job to @Amina and @"Karine Tremblay", cc @amina')
    assert capture.names == ("Amina", "Karine Tremblay")
    assert only("ask: nobody `@code`").names == ()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("intro @Joran to @Amina", CardKind.INTRODUCTION),
        ("Présenter Joran à Amina", CardKind.INTRODUCTION),
        ("mettre en contact Joran et Amina", CardKind.INTRODUCTION),
        ("forward the UX job to @Amina", CardKind.OFFER),
        ("l'offre d'emploi à @Amina", CardKind.OFFER),
        ("le POSTE de coordination", CardKind.OFFER),
        ("the newsletter piece on housing", CardKind.EXCERPT),
        ("l'extrait de l'infolettre", CardKind.EXCERPT),
        ("help @Joran move", CardKind.ANSWER),
        ("covoiturage pour @Amina", CardKind.ANSWER),
        ("un appartement pour Joran", CardKind.ANSWER),
        ("coffee with @Joran", CardKind.OTHER),
        ("jobless", CardKind.OTHER),  # whole words only
        ("", CardKind.OTHER),
        ("introduce @Amina: the job", CardKind.INTRODUCTION),  # the first kind listed wins
    ],
)
def test_card_kind(text, kind):
    assert card_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("intro to @Joran", ExchangeKind.INTRODUCTION),
        ("me présenter à Karine", ExchangeKind.INTRODUCTION),
        ("advice on the grant", ExchangeKind.ADVICE),
        ("des conseils pour l'entrevue", ExchangeKind.ADVICE),
        ("son avis sur le CV", ExchangeKind.ADVICE),
        ("info about the RSA", ExchangeKind.INFORMATION),
        ("un renseignement sur le programme", ExchangeKind.INFORMATION),
        ("a referral for the clinic", ExchangeKind.REFERRAL),
        ("une référence pour le poste", ExchangeKind.REFERRAL),
        ("recommander Amina", ExchangeKind.REFERRAL),
        ("a coffee", ExchangeKind.OTHER),
    ],
)
def test_exchange_kind_of_an_ask(text, kind):
    assert exchange_kind(text, Direction.ASK) == kind


def test_exchange_kind_of_a_give_follows_its_card_kind():
    assert exchange_kind("the UX job", Direction.GIVE) == ExchangeKind.OFFER
    assert exchange_kind("l'article", Direction.GIVE) == ExchangeKind.EXCERPT
    assert exchange_kind("advice", Direction.GIVE) == ExchangeKind.OTHER
    for kind in CardKind:
        assert ExchangeKind(kind.value)  # the mapping holds for every card kind


def test_a_megabyte_body_is_read_quickly():
    prose = "\n".join(f"line {i}: coffee with @Karine about the grant, nothing to give" for i in range(20_000))
    lines = "\n".join(f"- give: forward job {i} to @Amina" for i in range(20_000))
    for body in (prose, lines, "give: " + "x" * 1_000_000, "> " * 500_000 + "give: x", " " * 1_000_000 + "x:"):
        started = time.perf_counter()
        captures(body)
        assert time.perf_counter() - started < 1


# --- Properties -------------------------------------------------------------------------------


@given(st.text())
def test_never_raises(body):
    for capture in captures(body):
        assert capture.text and capture.text == capture.text.strip()
        assert capture.key.startswith(capture.direction.value + ":")


@given(st.text(alphabet="givask donerm:：\n\r\t>-*1.)`~ \u00a0\u202f@x"))
def test_never_raises_on_marker_soup(body):
    captures(body)


markers = st.sampled_from(["give", "ask", "donner", "demander"]).flatmap(
    lambda word: st.tuples(*(st.sampled_from([c.lower(), c.upper()]) for c in word)).map("".join)
)
spaces = st.sampled_from(["", " ", "\t", "\u00a0", "\u202f"])
line_text = st.text().filter(lambda s: "\n" not in s and "\r" not in s and s.strip())
# Lines around: no line break, no code (backticks, tildes), no marker word, no leading indentation.
other_lines = st.lists(
    st.text(alphabet=st.characters(blacklist_characters="\n\r`~")).filter(
        lambda s: not any(w in s.lower() for w in ("give", "ask", "donner", "demander")) and s == s.lstrip()
    ),
    max_size=5,
)


@given(other_lines, markers, spaces, line_text, other_lines)
def test_one_marker_line_among_others_is_one_capture(before, marker, space, text, after):
    body = "\n".join([*before, f"{marker}{space}:{text}", *after])
    found = captures(body)
    assert len(found) == 1
    assert found[0].text == text.strip()
    assert found[0].line == len(before)
    assert found[0].direction == (Direction.GIVE if marker.lower() in ("give", "donner") else Direction.ASK)


@given(markers, st.text(alphabet=st.characters(max_codepoint=127)).filter(lambda s: s.strip() and "\n" not in s and "\r" not in s))
def test_key_ignores_the_case_of_ascii_letters(marker, text):
    keys = {only(f"{marker}: {variant}").key for variant in (text, text.upper(), text.lower(), text.swapcase())}
    assert len(keys) == 1


@given(st.lists(st.sampled_from(["give: x", "    give: x", "\tgive: x", "  give: x", "     ask: y", "", "  ", "prose"]), max_size=12))
def test_indented_code_as_commonmark_reads_it_outside_lists(lines):
    code = set()
    for token in MarkdownIt("commonmark").parse("\n".join(lines)):
        if token.type == "code_block":
            code.update(range(*token.map))
    expected = [n for n, line in enumerate(lines) if ":" in line and n not in code]
    assert [c.line for c in captures("\n".join(lines))] == expected
