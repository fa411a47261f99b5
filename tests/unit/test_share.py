"""The share queue: which contacts a card's tags point to, best first."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.domain.models import Card, CardKind, Circle, Contact
from journal.domain.names import fold
from journal.domain.share import Suggestion, normal_tag, share_suggestions


def excerpt(*tags: str, on: tuple[str, ...] = ()) -> Card:
    return Card(title="Housing newsletter", kind=CardKind.EXCERPT, tags=tags, contact_ids=on)


def names(suggestions: list[Suggestion]) -> list[str]:
    return [s.contact.name for s in suggestions]


@pytest.mark.parametrize(
    ("tag", "normal"),
    [
        ("#Social-Work", "social-work"),
        ("social_work", "social-work"),
        ("social work", "social-work"),
        ("  Social   WORK ", "social-work"),
        ("Travail social", "travail-social"),
        ("#Réseau", "reseau"),
        ("Centre d'emploi", "centre-d-emploi"),
        ("covid19", "covid19"),
        ("[bold]", "bold"),
        ("[@click=app.quit]", "click-app-quit"),
        ("#", ""),
        ("", ""),
        ("🎉", ""),
    ],
)
def test_normal_tag(tag, normal):
    assert normal_tag(tag) == normal


def test_a_contact_tag_matches_whatever_the_case_accents_and_separators():
    amina = Contact(name="Amina", tags=("Social_Work", "réseau"))
    (suggestion,) = share_suggestions(excerpt("#social-work", "Reseau", "housing"), [amina])
    assert suggestion.contact is amina
    assert suggestion.tags == ("#social-work", "Reseau")  # as the card spells them
    assert suggestion.where == ()


def test_organisation_and_role_match_whole_consecutive_words():
    rsa = Contact(name="Joran", organisation="RSA Québec")
    coordinator = Contact(name="Karine", role="Social work coordinator")
    clsc = Contact(name="Luc", organisation="CLSC du Plateau")
    backwards = Contact(name="Mo", role="Work, social")
    found = share_suggestions(excerpt("rsa", "Social Work", "cl", "quebec"), [rsa, coordinator, clsc, backwards])
    assert [(s.contact.name, s.where) for s in found] == [("Joran", ("rsa", "quebec")), ("Karine", ("Social Work",))]
    assert all(s.tags == () for s in found)


def test_apostrophes_split_words_in_an_organisation():
    contact = Contact(name="Nadia", organisation="Carrefour jeunesse-emploi d'Outremont")
    assert names(share_suggestions(excerpt("emploi", "outremont"), [contact])) == ["Nadia"]


def test_a_tag_counts_once_and_the_tag_match_wins():
    both = Contact(name="Amina", tags=("rsa",), organisation="RSA")
    (suggestion,) = share_suggestions(excerpt("rsa", "#RSA"), [both])
    assert (suggestion.tags, suggestion.where) == (("rsa",), ())


def test_contacts_already_on_the_card_are_left_out():
    amina = Contact(name="Amina", tags=("housing",))
    joran = Contact(name="Joran", tags=("housing",))
    assert names(share_suggestions(excerpt("housing", on=(amina.id,)), [amina, joran])) == ["Joran"]


def test_ranking_by_score_then_circle_then_name():
    contacts = [
        Contact(name="Zoé", circle=Circle.R3, organisation="Housing hub"),  # 1
        Contact(name="Yann", circle=Circle.R3, tags=("housing",)),  # 2
        Contact(name="Xavier", circle=Circle.R1, tags=("housing",)),  # 2
        Contact(name="Élise", circle=Circle.R2, tags=("housing",)),  # 2
        Contact(name="emile", circle=Circle.R2, tags=("housing",)),  # 2; folded, "elise" sorts before "emile"
        Contact(name="Wanda", circle=Circle.R3, tags=("housing",), role="Rent advocate"),  # 3
        Contact(name="Nobody", circle=Circle.R1, tags=("gardening",)),
    ]
    found = share_suggestions(excerpt("housing", "rent"), contacts)
    assert names(found) == ["Wanda", "Xavier", "Élise", "emile", "Yann", "Zoé"]


def test_limit():
    contacts = [Contact(name=f"P{n:02}", tags=("housing",)) for n in range(20)]
    assert names(share_suggestions(excerpt("housing"), contacts)) == [f"P{n:02}" for n in range(8)]
    assert len(share_suggestions(excerpt("housing"), contacts, limit=3)) == 3
    assert share_suggestions(excerpt("housing"), contacts, limit=0) == []


@pytest.mark.parametrize("tags", [(), ("",), ("#", "  "), ("🎉",)])
def test_a_card_without_usable_tags_suggests_nobody(tags):
    everyone = [Contact(name="Amina", tags=("housing", ""), organisation="RSA", role="Coordinator")]
    assert share_suggestions(excerpt(*tags), everyone) == []


def test_empty_contact_tags_and_markup_tags_match_nothing_by_accident():
    contact = Contact(name="Amina", tags=("", "#", "[bold]"), role="[b]Director[/b]")
    found = share_suggestions(excerpt("[bold]", "director", "[/]"), [contact])
    assert [(s.tags, s.where) for s in found] == [(("[bold]",), ("director",))]


def test_any_kind_of_card_works():
    card = Card(title="Intro", kind=CardKind.INTRODUCTION, tags=("design",))
    assert names(share_suggestions(card, [Contact(name="Amina", tags=("Design",))])) == ["Amina"]


def test_five_thousand_contacts_quickly():
    contacts = [
        Contact(
            name=f"Person {n}",
            circle=list(Circle)[n % 3],
            tags=(f"tag{n % 50}", "réseau", "Social Work"),
            organisation=f"Organisation {n % 7} du Québec",
            role="Coordinatrice en travail social",
        )
        for n in range(5000)
    ]
    card = excerpt("tag7", "housing", "travail-social", "quebec", "#Réseau")
    started = time.perf_counter()
    found = share_suggestions(card, contacts)
    assert time.perf_counter() - started < 0.5
    assert len(found) == 8 and all(s.tags == ("tag7", "#Réseau") for s in found)


# --- Properties -------------------------------------------------------------------------------

words = st.sampled_from(["housing", "rsa", "social", "work", "Réseau", "emploi", "Québec", "design"])
phrases = st.lists(words, max_size=3).map(" ".join)
contacts = st.builds(
    Contact,
    name=st.text(max_size=8),
    circle=st.sampled_from(list(Circle)),
    tags=st.lists(st.one_of(words, phrases, st.text(max_size=6)), max_size=3).map(tuple),
    organisation=phrases,
    role=st.one_of(phrases, st.text(max_size=10)),
)
cards = st.builds(Card, title=st.just("t"), tags=st.lists(st.one_of(words, phrases, st.text(max_size=6)), max_size=4).map(tuple))


@given(cards, st.lists(contacts, max_size=12))
def test_every_suggestion_says_why(card, people):
    for suggestion in share_suggestions(card, people, limit=100):
        assert suggestion.tags or suggestion.where
        assert not set(suggestion.tags) & set(suggestion.where)
        assert set(suggestion.tags) | set(suggestion.where) <= set(card.tags)


@given(cards, st.lists(contacts, max_size=12), st.integers(min_value=0, max_value=12), st.integers(1, 10))
def test_an_unrelated_contact_changes_nothing(card, people, where, limit):
    unrelated = Contact(name="Unrelated", tags=("zzz-unrelated",), organisation="Nowhere Inc", role="none")
    before = share_suggestions(card, people, limit=limit)
    after = share_suggestions(card, [*people[:where], unrelated, *people[where:]], limit=limit)
    if not any(normal_tag(t) in ("zzz-unrelated", "nowhere", "inc", "nowhere-inc", "none") for t in card.tags):
        assert after == before


@given(cards, st.lists(contacts, max_size=12), contacts)
def test_another_contact_keeps_the_others_in_their_order(card, people, newcomer):
    before = [s.contact.id for s in share_suggestions(card, people, limit=100)]
    after = [s.contact.id for s in share_suggestions(card, [*people, newcomer], limit=100) if s.contact is not newcomer]
    assert after == before


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_normal_tag_reads_ascii_as_fold_does(tag):
    # normal_tag skips fold for ASCII text (speed): the result must be the same.
    assert normal_tag(tag) == "-".join(re.findall(r"[^\W_]+", fold(tag.replace("'", " ").replace("`", " "))))
