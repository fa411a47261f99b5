"""People.closest: who a name that names nobody may have meant ("did you mean")."""

from __future__ import annotations

import random
import time

import pytest

from journal.domain.mentions import People
from journal.domain.models import Contact


def names(found: list[Contact]) -> list[str]:
    return [c.name for c in found]


@pytest.fixture
def people() -> People:
    return People(
        [
            Contact("Amina Diallo"),
            Contact("Amina Benali"),
            Contact("Joran Lefebvre", aliases=("Jo la fusée",)),
            Contact("Hélène Côté"),
            Contact("Karine"),
        ]
    )


def test_a_typo_in_the_last_name(people):
    assert names(people.closest("Amina Dialo")) == ["Amina Diallo"]
    assert names(people.closest("amina diallou")) == ["Amina Diallo"]


def test_a_missing_accent_is_an_exact_match_anyway(people):
    assert names(people.closest("Helene Cote")) == ["Hélène Côté"]
    assert names(people.closest("HELENE COTE")) == ["Hélène Côté"]


def test_transposed_letters(people):
    assert names(people.closest("Jroan Lefebvre")) == ["Joran Lefebvre"]
    assert names(people.closest("Karnie")) == ["Karine"]


def test_an_alias_and_a_first_name_are_keys_too(people):
    assert names(people.closest("Jo la fusee")) == ["Joran Lefebvre"]
    assert names(people.closest("Jo la fuzée")) == ["Joran Lefebvre"]
    assert names(people.closest("Jorann")) == ["Joran Lefebvre"]  # the first name, one letter more
    # A first name two people share: both, each once.
    assert sorted(names(people.closest("Amnia"))) == ["Amina Benali", "Amina Diallo"]


def test_nothing_close_is_nobody(people):
    assert people.closest("Zzz") == []
    assert people.closest("Bernard Tapie") == []
    assert people.closest("") == [] and people.closest("  '  ") == []
    assert People([]).closest("Amina") == []


def test_best_first_no_duplicates_and_the_limit():
    people = People(
        [
            Contact("Marie Tremblay", aliases=("Marie T",)),
            Contact("Mario Tremblay"),
            Contact("Maria Tremblai"),
            Contact("Marie Tremblay", organisation="RSA"),  # a namesake: another person
        ]
    )
    found = people.closest("Marie Tremblay", limit=10)
    assert len({c.id for c in found}) == len(found) == 4
    assert names(found)[:2] == ["Marie Tremblay", "Marie Tremblay"]  # the exact ones first
    assert names(found)[2:] == ["Mario Tremblay", "Maria Tremblai"]  # one letter off, then two
    assert len(people.closest("Marie Tremblay")) == 3
    assert len(people.closest("Marie Tremblay", limit=1)) == 1
    assert people.closest("Marie Tremblay", limit=0) == []


def test_fast_with_five_thousand_contacts():
    rng = random.Random(5)
    firsts = [f"{a}{b}" for a in ("Jean", "Mar", "Lou", "Sam", "Ali", "Noé", "Zoé", "Léa") for b in ("", "ie", "o", "ine", "anne")]
    lasts = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyzéè") for _ in range(rng.randint(4, 10))).title() for _ in range(3000)]
    contacts = [
        Contact(f"{rng.choice(firsts)} {rng.choice(lasts)}", aliases=(f"Nick{i}",) if i % 5 == 0 else ())
        for i in range(5000)
    ]
    people = People(contacts)
    queries = [contacts[i].name[:-1] + "x" for i in range(0, 5000, 500)] + ["Zzz", "Jean-Marc Tremblay-Côté"]
    slowest = 0.0
    for query in queries:
        best = min(_timed(people, query) for _ in range(3))
        slowest = max(slowest, best)
    assert slowest < 0.05, f"{slowest * 1000:.1f} ms"
    assert contacts[0] in people.closest(contacts[0].name[:-1] + "x", limit=10)


def _timed(people: People, query: str) -> float:
    started = time.perf_counter()
    people.closest(query)
    return time.perf_counter() - started
