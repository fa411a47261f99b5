from datetime import date

import vobject
from hypothesis import example, given, settings
from hypothesis import strategies as st

from journal.domain.models import Circle, Contact
from journal.domain.names import fold
from journal.export.vcard import escape, to_vcard
from journal.export.vcard import fold as fold_line
from journal.importers.vcard import parse_vcards

TODAY = date(2026, 11, 21)

KARINE = Contact(
    "Karine Tremblay-Roy",
    circle=Circle.R1,
    aliases=("Kiki", "K, T"),
    tags=("climbing", "5a7"),
    organisation="Desjardins; Caisse",
    role="Conseillère",
    met_where="Montréal, tech meetup",
    met_on=date(2024, 5, 1),
    notes="Likes hiking.\nAsk about C:\\temp",
    emails=("karine@example.com",),
    phones=("+1 514 555 0101",),
    links=("https://www.linkedin.com/in/karine-t",),
    cadence_days=30,
    id="0123456789abcdef0123456789abcdef",
)


def test_a_card_as_written():
    assert to_vcard([KARINE]) == (
        "BEGIN:VCARD\r\n"
        "VERSION:3.0\r\n"
        "PRODID:-//Tricot//Tricot//EN\r\n"
        "UID:0123456789abcdef0123456789abcdef\r\n"
        "FN:Karine Tremblay-Roy\r\n"
        "N:Tremblay-Roy;Karine;;;\r\n"
        "NICKNAME:Kiki,K\\, T\r\n"
        "EMAIL;TYPE=INTERNET:karine@example.com\r\n"
        "TEL:+1 514 555 0101\r\n"
        "URL:https://www.linkedin.com/in/karine-t\r\n"
        "ORG:Desjardins\\; Caisse\r\n"
        "TITLE:Conseillère\r\n"
        "NOTE:Likes hiking.\\nAsk about C:\\\\temp\r\n"
        "CATEGORIES:R1,climbing,5a7\r\n"
        "X-TRICOT-CADENCE:30\r\n"
        "X-TRICOT-MET:2024-05-01\r\n"
        "X-TRICOT-MET-WHERE:Montréal\\, tech meetup\r\n"
        "END:VCARD\r\n"
    )


def test_a_bare_contact_writes_only_what_it_has():
    text = to_vcard([Contact("Karine", id="x")])
    assert "N:;Karine;;;\r\n" in text and "CATEGORIES:R3\r\n" in text
    for absent in ("NICKNAME", "EMAIL", "TEL", "URL", "ORG", "TITLE", "NOTE", "X-TRICOT"):
        assert absent not in text
    assert to_vcard([]) == ""


def test_name_parts_last_word_is_the_family_name():
    text = to_vcard([Contact("Jean-Luc  de la Fontaine", id="x")])
    assert "N:Fontaine;Jean-Luc de la;;;\r\n" in text


def test_escape():
    assert escape("a\\b,c;d\ne\r\nf\rg") == "a\\\\b\\,c\\;d\\ne\\nf\\ng"
    assert escape("lone \udcff surrogate") == "lone \ufffd surrogate"


def test_lines_are_folded_at_75_octets_without_cutting_a_character():
    for note in ("x" * 500, "é" * 300, "😀" * 120, "a" + "€" * 200, "ab\\" * 100):
        for line in fold_line("NOTE:" + escape(note)).split("\r\n"):
            assert len(line.encode("utf-8")) <= 75
        unfolded = fold_line("NOTE:" + note).replace("\r\n ", "")
        assert unfolded == "NOTE:" + note
    assert fold_line("FN:short") == "FN:short"


def test_other_readers_read_it_the_same_way():
    (card,) = vobject.readComponents(to_vcard([KARINE]))
    assert card.fn.value == "Karine Tremblay-Roy"
    assert card.n.value.family == "Tremblay-Roy" and card.n.value.given == "Karine"
    assert card.org.value == ["Desjardins; Caisse"]
    assert card.note.value == "Likes hiking.\nAsk about C:\\temp"
    assert card.uid.value == KARINE.id


def test_a_journal_exported_and_imported_gives_back_its_contacts():
    parsed = parse_vcards(to_vcard([KARINE, Contact("Bob", id="y")]).encode("utf-8"), today=TODAY)
    assert parsed.skipped == []
    karine, bob = parsed.contacts
    assert same_contact(karine, KARINE) and (bob.name, bob.circle) == ("Bob", Circle.R3)


# --- Round trip over generated contacts ----------------------------------------------------------

# Text as people type it: anything printable or not, but no surrogates (not UTF-8), no NUL (the
# importer drops it) and no CR (the journal stores line breaks as LF); outer whitespace is not kept.
ANY_TEXT = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r")
TRICKY = st.sampled_from([",", ";", "\\", "\n", "é", "😀", "שלום", "[bold]x[/]", "\\n", ":", "\x1b[31m", "="])


def text(min_size=0):
    pieces = st.lists(st.one_of(st.text(ANY_TEXT, max_size=8), TRICKY), max_size=6).map("".join)
    return pieces.map(str.strip).filter(lambda s: len(s) >= min_size)


def items(strategy, key=str.casefold):
    return st.lists(strategy, max_size=3, unique_by=key).map(tuple)


tags = text(1).filter(lambda t: t.upper() not in Circle.__members__ and t.casefold() != "mycontacts")
phones = st.from_regex(r"\+?[0-9][0-9 ().-]{2,15}[0-9]", fullmatch=True)
links = st.builds(lambda slug: f"https://example.com/{slug}", st.from_regex(r"[a-z0-9_-]{1,12}", fullmatch=True))

contacts = st.builds(
    Contact,
    name=text(1),
    circle=st.sampled_from(list(Circle)),
    aliases=items(text(1).filter(fold), key=fold),  # aliases are told apart as names are (fold)
    tags=items(tags),
    organisation=text(),
    role=text(),
    met_where=text(),
    met_on=st.one_of(st.none(), st.dates(date(1900, 1, 1), TODAY)),
    notes=text(),
    emails=items(st.emails()),
    phones=items(phones, key=lambda p: "".join(c for c in p if c in "+0123456789")),
    links=items(links),
    cadence_days=st.one_of(st.none(), st.integers(1, 3660)),
)


def same_contact(read: Contact, written: Contact) -> bool:
    fields = (
        "name", "circle", "tags", "emails", "phones", "links", "organisation", "role", "notes",
        "cadence_days", "met_on", "met_where",
    )  # fmt: skip
    aliases = tuple(a for a in written.aliases if fold(a) != fold(written.name))  # the name is no alias
    return all(getattr(read, f) == getattr(written, f) for f in fields) and read.aliases == aliases


@settings(max_examples=300, deadline=None)
@given(st.lists(contacts, min_size=1, max_size=4))
@example([Contact("[bold]x[/], \\; ; \n 😀 שלום é", aliases=("a,b", "Hélène"), notes="line\n\\n, ;", tags=("t,1",))])
def test_round_trip(written):
    parsed = parse_vcards(to_vcard(written).encode("utf-8"), today=TODAY)
    assert parsed.skipped == []
    assert len(parsed.contacts) == len(written)
    for read, original in zip(parsed.contacts, written, strict=True):
        assert same_contact(read, original), (read, original)
