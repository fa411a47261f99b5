import dataclasses
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journal.domain.models import Circle, CircleMove, Contact
from journal.i18n import set_language
from journal.importers.people import ImportPlan, Parsed, Skip, fill, link_key, linkedin_key, plan_import

TODAY = date(2026, 11, 21)


def plan(existing, *incoming, skipped=(), lines=None):
    return plan_import(existing, Parsed(list(incoming), list(skipped), list(lines or [])))


def applied(existing, result: ImportPlan):
    """The journal after saving the plan: updated contacts replaced by id, new ones added at the end."""
    updated = {contact.id: contact for contact in result.updated}
    return [updated.get(contact.id, contact) for contact in existing] + result.new


# --- Matching ------------------------------------------------------------------------------------


def test_match_by_any_email_whatever_its_case():
    karine = Contact("Karine", emails=("k@perso.org", "Karine@Work.com"))
    result = plan([karine], Contact("K. Tremblay", emails=("other@x.org", "karine@work.COM"), organisation="Desjardins"))
    assert result.new == []
    (updated,) = result.updated
    assert updated.id == karine.id and updated.name == "Karine"
    assert updated.emails == ("k@perso.org", "Karine@Work.com", "other@x.org")
    assert updated.organisation == "Desjardins"


@pytest.mark.parametrize(
    "spelling",
    [
        "https://www.linkedin.com/in/karine-t/",
        "http://linkedin.com/in/Karine-T?trk=public_profile",
        "linkedin.com/in/karine-t",
        "www.LinkedIn.com/in/karine-t#about",
        "https://fr.linkedin.com/in/karine-t",
        "HTTPS://WWW.LINKEDIN.COM/in/karine%2Dt/",
    ],
)
def test_match_by_linkedin_profile_however_spelled(spelling):
    karine = Contact("Karine Tremblay", links=("https://www.linkedin.com/in/karine-t",))
    result = plan([karine], Contact("Someone Else", links=(spelling,), role="Advisor"))
    assert [c.id for c in result.updated] == [karine.id]
    assert result.updated[0].links == karine.links  # the same profile is not added twice
    assert result.updated[0].role == "Advisor"


def test_linkedin_keys():
    assert linkedin_key("https://www.linkedin.com/in/Jérôme-D/") == "linkedin.com/in/jérôme-d"
    assert linkedin_key("https://www.linkedin.com/in/j%C3%A9r%C3%B4me-d") == "linkedin.com/in/jérôme-d"
    assert linkedin_key("https://www.linkedin.com/in/ann/details/skills/") == "linkedin.com/in/ann"
    assert linkedin_key("https://www.linkedin.com/pub/ann-smith/1/2/3") == "linkedin.com/pub/ann-smith/1/2/3"
    for not_a_profile in ("https://www.linkedin.com/company/acme", "https://linkedin.com/", "https://example.com/in/x",
                          "https://notlinkedin.com/in/x", "http://[oops/in/x", ""):  # fmt: skip
        assert linkedin_key(not_a_profile) is None
    assert link_key("https://www.Example.com/me/") == link_key("http://example.com/me")


def test_match_by_folded_name():
    helene = Contact("Hélène O'Neil")
    result = plan([helene], Contact("helene oneil", phones=("+1 555 0100",)), Contact("HELENE  O’NEIL"))
    assert result.new == [] and [c.id for c in result.updated] == [helene.id]
    assert result.updated[0].name == "Hélène O'Neil"
    assert result.updated[0].phones == ("+1 555 0100",)


def test_nobody_matching_is_new():
    ann = Contact("Ann", emails=("ann@x.org",))
    bob = Contact("Bob", emails=("bob@x.org",), created=TODAY)
    result = plan([ann], bob)
    assert (result.new, result.updated, result.unchanged) == ([bob], [], 0)


def test_a_match_with_nothing_to_add_is_unchanged():
    ann = Contact("Ann", emails=("ann@x.org",), organisation="Acme", tags=("Work",))
    result = plan([ann], Contact("ann", emails=("ANN@x.org",), organisation="Other", tags=("work",)))
    assert (result.new, result.updated, result.unchanged) == ([], [], 1)


def test_same_name_but_two_linkedin_profiles_are_two_people():
    known = Contact("John Smith", links=("https://linkedin.com/in/john-smith-1",))
    other = Contact("John Smith", links=("https://linkedin.com/in/john-smith-2",))
    assert plan([known], other).new == [other]
    # Without a profile on one side, the name decides.
    assert plan([known], Contact("John Smith", role="CTO")).updated[0].id == known.id


# --- Filling, never overwriting ------------------------------------------------------------------


def test_fill_only_fills_what_is_empty_and_never_touches_identity():
    moves = (CircleMove(date(2025, 1, 1), Circle.R3, Circle.R1),)
    mine = Contact(
        "Karine", circle=Circle.R1, organisation="Desjardins", role="", notes="  ", met_on=None,
        cadence_days=14, created=date(2024, 1, 1), moves=moves, aliases=("KT",),
        emails=("k@x.org", "K@x.org"),  # the user typed both: both stay
        phones=("+1 (514) 555-0101",), links=("https://example.com/k",), tags=("friend",),
    )  # fmt: skip
    theirs = Contact(
        "Karine Tremblay", circle=Circle.R3, organisation="Other Corp", role="Advisor", notes="From the fair",
        met_where="LinkedIn", met_on=date(2025, 12, 22), cadence_days=90, created=TODAY,
        aliases=("kt", "Kiki", "karine"), emails=("K@X.ORG", "new@x.org"), phones=("+15145550101", "+1 555 0199"),
        links=("http://www.example.com/k/", "https://linkedin.com/in/k"), tags=("Friend", "climbing"),
    )  # fmt: skip
    merged = fill(mine, theirs)
    assert (merged.id, merged.name, merged.circle, merged.created, merged.moves) == (
        mine.id, "Karine", Circle.R1, date(2024, 1, 1), moves
    )
    assert (merged.organisation, merged.role, merged.notes, merged.met_where) == (
        "Desjardins", "Advisor", "From the fair", "LinkedIn"
    )
    assert (merged.met_on, merged.cadence_days) == (date(2025, 12, 22), 14)
    assert merged.aliases == ("KT", "Kiki")
    assert merged.emails == ("k@x.org", "K@x.org", "new@x.org")
    assert merged.phones == ("+1 (514) 555-0101", "+1 555 0199")
    assert merged.links == ("https://example.com/k", "https://linkedin.com/in/k")
    assert merged.tags == ("friend", "climbing")
    assert fill(merged, theirs) is merged


# --- Duplicates inside one file ------------------------------------------------------------------


def test_people_twice_in_one_file_are_merged_and_the_second_is_reported():
    first = Contact("Ann Smith", emails=("ann@x.org",))
    again = Contact("Annie", emails=("ANN@x.org",), organisation="Acme")
    other = Contact("Bob")
    result = plan([], first, other, again, lines=[1, 6, 11])
    assert [c.name for c in result.new] == ["Ann Smith", "Bob"]
    assert result.new[0].organisation == "Acme" and result.new[0].id == first.id
    assert result.skipped == [Skip(11, "the same person as on line 1; merged into it")]


def test_cards_chained_by_email_and_profile_are_one_person():
    # A and B share an email, B and C a profile: one person, who is also the journal's Karine (by C's email).
    karine = Contact("Karine", emails=("k@journal.org",))
    a = Contact("K One", emails=("shared@x.org",), role="Advisor")
    b = Contact("K Two", emails=("shared@x.org",), links=("https://linkedin.com/in/k",))
    c = Contact("K Three", emails=("k@journal.org",), links=("linkedin.com/in/K/",))
    result = plan([karine], a, b, c, lines=[1, 5, 9])
    assert result.new == []
    (updated,) = result.updated
    assert updated.id == karine.id and updated.role == "Advisor"
    assert updated.emails == ("k@journal.org", "shared@x.org")
    assert [s.line for s in result.skipped] == [5, 9]
    assert plan(applied([karine], result), a, b, c).updated == []


def test_parse_skips_come_first_in_line_order_and_lines_may_be_unknown():
    result = plan([], Contact("Ann"), Contact("ann"), skipped=[Skip(3, "broken")])
    assert result.skipped == [Skip(0, "the same person as one earlier in the file; merged into it"), Skip(3, "broken")]


# --- Idempotence ---------------------------------------------------------------------------------

NAMES = ["Ann", "ann", "Anne", "Hélène", "helene", "Bob", "O'Neil", "oneil", "Jean-Luc", "jean luc"]
EMAILS = ["a@x.org", "A@X.org", "b@y.org", "c@z.org", "d@z.org"]
LINKS = [
    "https://www.linkedin.com/in/ann/", "linkedin.com/in/ANN", "https://linkedin.com/in/bob",
    "https://linkedin.com/in/bob-2", "https://example.com/ann", "http://www.example.com/ann/",
]  # fmt: skip
WORDS = ["", "Acme", "Other", "  "]


def small(values):
    return st.lists(st.sampled_from(values), max_size=3).map(tuple)


contacts = st.builds(
    Contact,
    name=st.sampled_from(NAMES),
    circle=st.sampled_from(list(Circle)),
    aliases=small(NAMES + ["Kiki"]),
    tags=small(["work", "Work", "climbing"]),
    organisation=st.sampled_from(WORDS),
    role=st.sampled_from(WORDS),
    met_where=st.sampled_from(["", "LinkedIn"]),
    met_on=st.sampled_from([None, date(2025, 12, 22)]),
    notes=st.sampled_from(WORDS),
    emails=small(EMAILS),
    phones=small(["+1 555 0100", "+15550100", "555 0199"]),
    links=small(LINKS),
    cadence_days=st.sampled_from([None, 14, 90]),
)


def as_the_repository_lists_them(journal):
    return sorted(journal, key=lambda c: (c.name.casefold(), c.id))


@settings(max_examples=400, deadline=None)
@given(
    existing=st.lists(contacts, max_size=6),
    incoming=st.lists(contacts, max_size=8),
    order=st.sampled_from([list, as_the_repository_lists_them]),
)
def test_importing_the_same_people_twice_changes_nothing_the_second_time(existing, incoming, order):
    existing = order(existing)
    first = plan_import(existing, Parsed(incoming, []))
    journal = order(applied(existing, first))
    second = plan_import(journal, Parsed(incoming, []))
    assert (second.new, second.updated) == ([], [])
    # Nothing the user wrote was lost or changed.
    by_id = {contact.id: contact for contact in journal}
    for before in existing:
        after = by_id[before.id]
        assert (after.name, after.circle, after.moves, after.created) == (
            before.name, before.circle, before.moves, before.created
        )
        for name in ("organisation", "role", "met_where", "notes"):
            if getattr(before, name).strip():
                assert getattr(after, name) == getattr(before, name)
        for name in ("emails", "phones", "links", "tags", "aliases"):
            assert getattr(after, name)[: len(getattr(before, name))] == getattr(before, name)
    # Every person of the file is in the journal: counted once as new, updated, unchanged or skipped.
    assert len(first.new) + len(first.updated) + first.unchanged + len(first.skipped) == len(incoming)


@settings(max_examples=200, deadline=None)
@given(existing=st.lists(contacts, max_size=6))
def test_a_copy_of_the_journal_adds_no_one(existing):
    copies = [dataclasses.replace(contact, id=Contact("x").id) for contact in existing]
    assert plan_import(existing, Parsed(copies, [])).new == []


# --- The summary ---------------------------------------------------------------------------------


def test_summary():
    result = ImportPlan(new=[Contact("a")] * 3, updated=[Contact("b")], unchanged=2, skipped=[Skip(1, "x")])
    assert result.summary() == "3 new, 1 updated, 2 unchanged, 1 skipped"
    assert ImportPlan([], [], 0, []).summary() == "0 new, 0 updated, 0 unchanged, 0 skipped"


def test_summary_goes_through_the_catalogue():
    set_language("en")
    try:
        assert ImportPlan([], [], 1, []).summary().startswith("0 new")
    finally:
        set_language(None)
