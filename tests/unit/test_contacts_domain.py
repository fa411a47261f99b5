"""Contacts: renaming keeps history, circle moves are kept, filtering and sorting, resolving mentions."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from journal.domain.cadence import Exchanged, collect
from journal.domain.contacts import (
    SortBy,
    edited,
    matches,
    moved,
    parse_cadence,
    parse_circle,
    query_words,
    search_key,
    sort_contacts,
)
from journal.domain.mentions import People, format_mention, mentions
from journal.domain.models import Circle, CircleMove, Contact
from journal.domain.names import fold
from journal.domain.settings import Settings

DAY = date(2026, 11, 22)


def test_a_new_name_keeps_the_old_one_as_an_alias_so_old_entries_stay_theirs():
    old = Contact("Karine")
    new = edited(old, Contact("Karine Tremblay-Roy", id=old.id), DAY)
    assert new.aliases == ("Karine",)
    assert People([new]).resolve("Karine") is new
    assert edited(new, new, DAY).aliases == ("Karine",)  # no second copy
    assert edited(old, Contact("KARINE", id=old.id), DAY).aliases == ()  # the same name, re-cased


def test_a_circle_change_in_the_form_is_kept_as_a_move():
    old = Contact("A", circle=Circle.R3)
    new = edited(old, Contact("A", circle=Circle.R2, id=old.id), DAY)
    assert new.moves == (CircleMove(DAY, Circle.R3, Circle.R2),)


def test_moving_closer_and_further_stops_at_the_edges():
    contact = Contact("A", circle=Circle.R3)
    assert contact.circle.closer() is Circle.R2 and Circle.R1.closer() is Circle.R1
    assert Circle.R1.further() is Circle.R2 and Circle.R3.further() is Circle.R3
    assert moved(contact, Circle.R3, DAY) is contact  # no move recorded
    twice = moved(moved(contact, Circle.R2, DAY), Circle.R1, date(2026, 12, 1))
    assert [m.to_circle for m in twice.moves] == [Circle.R2, Circle.R1]


@pytest.mark.parametrize("text, days", [("", None), (" 30 ", 30), ("1", 1), ("٣", 3)])
def test_a_cadence_is_a_positive_number_of_days_or_empty(text, days):
    assert parse_cadence(text) == days


@pytest.mark.parametrize("text", ["0", "-3", "2.5", "soon", "99999", "1e3"])
def test_other_cadences_are_refused(text):
    with pytest.raises(ValueError):
        parse_cadence(text)


@pytest.mark.parametrize("text, circle", [("R1", Circle.R1), ("r2", Circle.R2), ("3", Circle.R3)])
def test_circles_are_read_as_typed(text, circle):
    assert parse_circle(text) is circle


def test_filtering_ignores_case_accents_and_apostrophes_and_reads_tags_and_organisations():
    helene = Contact("Hélène O'Neil", tags=("ux",), organisation="Desjardins", aliases=("Lili",))
    key = search_key(helene)
    for query in ("helene", "oneil", "HÉLÈNE", "desj", "#ux", "lili", "neil hel"):
        assert matches(key, query_words(query)), query
    assert not matches(key, query_words("karine"))


def test_sorting_by_name_last_interaction_and_overdueness():
    today = date(2026, 11, 22)
    ann = Contact("ann", circle=Circle.R1, created=date(2026, 1, 1))
    bob = Contact("Bob", circle=Circle.R1, created=date(2026, 11, 20))
    cy = Contact("Cy", circle=Circle.R1, created=date(2026, 1, 1))
    activities = collect([], [Exchanged("x", date(2026, 10, 1), [cy.id])], People([]))
    settings = Settings()
    assert [c.name for c in sort_contacts([cy, bob, ann], SortBy.NAME, activities, today, settings)] == ["ann", "Bob", "Cy"]
    assert [c.name for c in sort_contacts([ann, bob, cy], SortBy.LAST, activities, today, settings)][0] == "Cy"
    assert [c.name for c in sort_contacts([bob, cy, ann], SortBy.OVERDUE, activities, today, settings)] == ["ann", "Cy", "Bob"]


def test_two_people_with_one_full_name_are_never_confused():
    a, b = Contact("Amina Diallo", organisation="UX"), Contact("Amina Diallo", organisation="RSA")
    people = People([a, b])
    assert people.resolve("Amina Diallo") is None and people.candidates("amina diallo") == [a, b]
    assert people.resolve("Amina") is None


def test_an_alias_beats_a_shared_first_name():
    a, b = Contact("Amina Diallo", aliases=("Amina",)), Contact("Amina Traoré")
    assert People([a, b]).resolve("amina") is a


names = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters='"`'),
        min_size=1,
        max_size=30,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: fold(s) and "<!--" not in s)
)


@given(name=names, others=st.lists(names, max_size=4))
def test_any_name_round_trips_through_format_mention_mentions_and_resolve(name, others):
    """A contact mentioned the way the editor inserts the mention is that contact, or nobody if the name is shared."""
    assume(all(fold(o) != fold(name) and fold(o).split(" ")[0] != fold(name) for o in others))
    assume(not name.endswith(("'s", "’s")))  # "@Joran's ask" is Joran: a name ending so is read without it
    contact = Contact(name)
    people = People([contact, *(Contact(o) for o in others)])
    found = mentions("met " + format_mention(name) + " today")
    assert found
    assert people.resolve(found[0]) is contact
