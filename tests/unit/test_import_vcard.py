import codecs
import time
from datetime import date
from pathlib import Path

import pytest

from journal.domain.models import Circle
from journal.importers.people import Skip
from journal.importers.vcard import parse_vcards

TODAY = date(2026, 11, 21)
FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "vcards"


def parse(text, **options):
    data = text if isinstance(text, bytes) else text.replace("\n", "\r\n").encode("utf-8")
    return parse_vcards(data, today=TODAY, **options)


def one(text, **options):
    result = parse(text, **options)
    assert result.skipped == []
    (contact,) = result.contacts
    return contact


# --- One card per version ------------------------------------------------------------------------

VCARD_21 = (
    b"BEGIN:VCARD\r\n"
    b"VERSION:2.1\r\n"
    b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Dup=C3=A9;Ren=C3=A9e;;;\r\n"
    b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Ren=C3=A9e Dup=C3=A9\r\n"
    b"TEL;CELL:+33 6 12 34 56 78\r\n"
    b"TEL;WORK;VOICE:+33 1 23 45 67 89\r\n"
    b"EMAIL;INTERNET:renee@example.fr\r\n"
    b"ORG;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Soci=E9t=E9 G=E9n=E9rale;Finance\r\n"
    b"TITLE;CHARSET=ISO-8859-1:Charg\xe9e d'affaires\r\n"
    b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Rencontr=C3=A9e au salon,=0D=0Apremi=C3=A8re fois. Une longue =\r\n"
    b"ligne qui continue =C3=\r\n"
    b"=A0 la suivante.\r\n"
    b"END:VCARD\r\n"
)


def test_vcard_21_quoted_printable_and_charsets_come_out_as_text():
    contact = one(VCARD_21)
    assert contact.name == "Renée Dupé"
    assert contact.phones == ("+33 6 12 34 56 78", "+33 1 23 45 67 89")
    assert contact.emails == ("renee@example.fr",)
    assert contact.organisation == "Société Générale"
    assert contact.role == "Chargée d'affaires"  # raw Latin-1 bytes, read by the line's CHARSET
    # A soft line break may even fall inside an encoded UTF-8 character.
    assert contact.notes == "Rencontrée au salon,\npremière fois. Une longue ligne qui continue à la suivante."
    assert (contact.circle, contact.created) == (Circle.R3, TODAY)


def test_vcard_21_without_fn_is_named_from_n():
    contact = one(b"BEGIN:VCARD\nVERSION:2.1\nN:Lef\xe8vre;Zo\xe9;Marie;Dr.;PhD\nEND:VCARD\n")
    assert contact.name == "Dr. Zoé Marie Lefèvre PhD"  # Windows-1252, no CHARSET said


VCARD_30 = r"""BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//macOS 14.0//EN
N:Tremblay-Roy;Karine;;;
FN:Karine Tremblay-Roy
NICKNAME:Kiki,KTR
ORG:Desjardins\, Caisse du Plateau;Investissement
TITLE:Conseillère\; senior
EMAIL;type=INTERNET;type=WORK;type=pref:karine@example.com
EMAIL;type=INTERNET;type=HOME:mailto:Karine.T@example.org
TEL;type=CELL;type=VOICE;type=pref:(514) 555-0101
item1.URL;type=pref:https://www.linkedin.com/in/karine-t/
item1.X-ABLabel:_$!<HomePage>!$_
X-SOCIALPROFILE;type=linkedin:https://linkedin.com/in/Karine-T
NOTE:Met at the Montréal tech meetup.\nLikes hiking\, climbing; C:\temp stays.
CATEGORIES:R2,climbing,myContacts
BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15
PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD
 /2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0
X-UNKNOWN;WEIRD="a:b":whatever
END:VCARD
"""


def test_vcard_30_as_apple_writes_it():
    contact = one(VCARD_30)
    assert contact.name == "Karine Tremblay-Roy"
    assert contact.aliases == ("Kiki", "KTR")
    assert contact.organisation == "Desjardins, Caisse du Plateau"
    assert contact.role == "Conseillère; senior"
    assert contact.emails == ("karine@example.com", "Karine.T@example.org")
    assert contact.phones == ("(514) 555-0101",)
    # X-SOCIALPROFILE names the same LinkedIn profile as URL: kept once.
    assert contact.links == ("https://www.linkedin.com/in/karine-t/",)
    assert contact.notes == (
        "Met at the Montréal tech meetup.\nLikes hiking, climbing; C:\\temp stays.\nBirthday: --04-15"
    )
    # R2 is the circle; Google's "myContacts" says nothing.
    assert (contact.circle, contact.tags) == (Circle.R2, ("climbing",))


VCARD_40 = """BEGIN:VCARD
VERSION:4.0
FN;LANGUAGE=fr:Jean-Luc Picard
N:Picard;Jean-Luc;;Capt.;
EMAIL;TYPE=work:jl@example.com
TEL;VALUE=uri;TYPE="voice,cell":tel:+33-1-55-55-55-55
URL:https://example.com/jl
ORG:Starfleet
TITLE:Captain
BDAY:20350713
X-TRICOT-CADENCE:30
X-TRICOT-MET:2024-05-01
X-TRICOT-MET-WHERE:Ten Forward\\, deck 10
CATEGORIES:r1,Starfleet
END:VCARD
"""


def test_vcard_40_and_what_the_export_adds():
    contact = one(VCARD_40)
    assert contact.name == "Jean-Luc Picard"
    assert contact.phones == ("+33-1-55-55-55-55",)
    assert contact.links == ("https://example.com/jl",)
    assert (contact.organisation, contact.role) == ("Starfleet", "Captain")
    assert contact.notes == "Birthday: 2035-07-13"
    assert (contact.cadence_days, contact.met_on, contact.met_where) == (30, date(2024, 5, 1), "Ten Forward, deck 10")
    assert (contact.circle, contact.tags) == (Circle.R1, ("Starfleet",))


@pytest.mark.parametrize(
    ("line", "field", "expected"),
    [
        ("X-TRICOT-CADENCE:0", "cadence_days", None),
        ("X-TRICOT-CADENCE:-3", "cadence_days", None),
        ("X-TRICOT-CADENCE:often", "cadence_days", None),
        ("X-TRICOT-CADENCE:99999", "cadence_days", None),
        ("X-TRICOT-MET:yesterday", "met_on", None),
        ("X-TRICOT-MET:2024-02-30", "met_on", None),
        ("X-TRICOT-MET:2099-01-01", "met_on", None),  # not met yet
        ("BDAY:circa 1800", "notes", "Birthday: circa 1800"),
        ("BDAY:--0229", "notes", "Birthday: --02-29"),
        ("BDAY:1985-04-15T00:00:00Z", "notes", "Birthday: 1985-04-15"),
    ],
)
def test_values_that_cannot_be_read_are_left_out_or_kept_as_written(line, field, expected):
    contact = one(f"BEGIN:VCARD\nVERSION:4.0\nFN:Ann\n{line}\nEND:VCARD\n")
    assert getattr(contact, field) == expected


def test_the_circle_given_is_where_people_land():
    contact = one("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEND:VCARD\n", circle=Circle.R2)
    assert contact.circle == Circle.R2


# --- Files of many cards -------------------------------------------------------------------------


def test_many_cards_lf_or_crlf_lowercase_begin_and_folded_lines():
    text = (
        "begin:vcard\nversion:3.0\nfn:Ann\nnote:a long note that was fol\n ded here and\n\tthere\nend:vcard\n"
        "\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bob\nEND:VCARD\n"
    )
    for data in (text.encode(), text.replace("\n", "\r\n").encode(), text.replace("\n", "\r").encode()):
        result = parse_vcards(data, today=TODAY)
        assert [c.name for c in result.contacts] == ["Ann", "Bob"]
        assert result.contacts[0].notes == "a long note that was folded here andthere"
        assert result.lines == [1, 9] and result.skipped == []


def test_a_fold_inside_a_utf8_character_is_put_back_together():
    data = "BEGIN:VCARD\r\nFN:Ren".encode() + b"\xc3\r\n \xa9e\r\nEND:VCARD\r\n"
    assert one(data).name == "Renée"


def test_a_broken_card_costs_only_itself():
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEND:VCARD\n"  # lines 1-4
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\n"  # 5-7: never ends
        "BEGIN:VCARD\nVERSION:3.0\nFN:Bob\nEND:VCARD\n"  # 8-11
        "BEGIN:VCARD\nVERSION:3.0\nFN;LANGUAGE=\"en:Broken\nEND:VCARD\n"  # 12-15: a line no one can read
        "BEGIN:VCARD\nVERSION:3.0\nEMAIL:nobody@example.com\nEND:VCARD\n"  # 16-19: no name
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cy\nEND:VCARD\n"  # 20-23
        "END:VCARD\nstray text\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Never Ends\n"  # 26-28
    )
    result = parse(text)
    assert [c.name for c in result.contacts] == ["Ann", "Bob", "Cy"]
    assert result.lines == [1, 8, 20]
    assert [s.line for s in result.skipped] == [5, 12, 16, 26]
    assert "END:VCARD" in result.skipped[0].reason and "8" in result.skipped[0].reason
    assert "line 14" in result.skipped[1].reason
    assert "name" in result.skipped[2].reason
    assert "END:VCARD" in result.skipped[3].reason


def test_groups_organisations_and_places_are_not_people():
    text = (
        "BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:The Does\nMEMBER:urn:uuid:1\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nX-ADDRESSBOOKSERVER-KIND:group\nFN:Friends\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Acme\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nKIND:location\nFN:Office\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nKIND:individual\nFN:Ann\nEND:VCARD\n"
    )
    result = parse(text)
    assert [c.name for c in result.contacts] == ["Ann"]
    assert [s.line for s in result.skipped] == [1, 7, 12, 17]
    assert "a group, not a person" in result.skipped[0].reason


def test_an_empty_or_foreign_file_imports_nothing_and_says_so_by_the_count():
    for data in (b"", b"\xff\xfe\x00", b"hello\nworld\n", b"\x00" * 100):
        result = parse_vcards(data, today=TODAY)
        assert (result.contacts, result.skipped) == ([], [])


def test_utf16_files_and_a_bom_at_every_card_are_read():
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoé\r\nEND:VCARD\r\n"
    assert one(codecs.BOM_UTF16_LE + text.encode("utf-16-le")).name == "Zoé"
    assert one(codecs.BOM_UTF16_BE + text.encode("utf-16-be")).name == "Zoé"
    concatenated = ("\ufeff" + text).encode() * 2
    assert [c.name for c in parse_vcards(concatenated, today=TODAY).contacts] == ["Zoé", "Zoé"]


def test_several_names_prefer_english_else_the_first():
    text = (
        "BEGIN:VCARD\nVERSION:4.0\n"
        "FN;ALTID=1;LANGUAGE=ja:山田太郎\nFN;ALTID=1;LANGUAGE=en-GB:Taro Yamada\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:\nFN;LANGUAGE=de:Erster\nFN;LANGUAGE=fr:Second\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nN;LANGUAGE=ja:山田;太郎;;;\nN;LANGUAGE=en:Yamada;Taro;;;\nEND:VCARD\n"
    )
    assert [c.name for c in parse(text).contacts] == ["Taro Yamada", "Erster", "Taro Yamada"]


def test_text_is_data_never_markup_and_only_nul_and_outer_space_go():
    text = "BEGIN:VCARD\nVERSION:3.0\nFN:  [bold red]Eve[/]\x1b[31m\x00 \nNOTE:\u202eevil\x07\nEND:VCARD\n"
    contact = one(text)
    assert contact.name == "[bold red]Eve[/]\x1b[31m"
    assert contact.notes == "\u202eevil\x07"


def test_duplicates_inside_one_card_are_kept_once():
    contact = one(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nNICKNAME:Ann,Annie,annie\nEMAIL:A@x.org\nEMAIL:a@X.org\n"
        "TEL:+1 555 0100\nTEL:+15550100\nCATEGORIES:Work,work\nEND:VCARD\n"
    )
    assert (contact.aliases, contact.emails, contact.phones, contact.tags) == (
        ("Annie",), ("A@x.org",), ("+1 555 0100",), ("Work",)
    )


def test_a_hostile_line_does_not_hang_the_parser():
    # vobject's line grammar backtracks exponentially on this (minutes for 30 repeats).
    hostile = "FN" + ";a=b;c" * 5000
    started = time.perf_counter()
    result = parse(f"BEGIN:VCARD\nVERSION:3.0\n{hostile}\nEND:VCARD\nBEGIN:VCARD\nFN:Ann\nEND:VCARD\n")
    assert time.perf_counter() - started < 2
    assert [c.name for c in result.contacts] == ["Ann"]
    assert result.skipped[0].line == 1 and "line 3" in result.skipped[0].reason
    # The same line in a property we do not read costs nothing.
    assert one(f"BEGIN:VCARD\nFN:Bob\nX{hostile}\nEND:VCARD\n").name == "Bob"


def test_an_unknown_charset_falls_back_instead_of_failing():
    data = b"BEGIN:VCARD\nN;CHARSET=X-MADE-UP;ENCODING=QUOTED-PRINTABLE:Zo=C3=A9;\nEND:VCARD\n"
    assert one(data).name == "Zoé"


# --- Progress and speed --------------------------------------------------------------------------


def many_cards(count):
    card = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {n}\r\nN:{n};Person;;;\r\nEMAIL:p{n}@example.com\r\n"
        "TEL:+1 555 {n:04}\r\nORG:Acme\\, Inc.;Sales\r\nNOTE:Met at the fair\\nnice\r\nEND:VCARD\r\n"
    )
    return "".join(card.format(n=n) for n in range(count)).encode()


def test_progress_is_reported_every_hundred_cards_and_at_the_end():
    calls = []
    parse_vcards(many_cards(250), today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(100, 250), (200, 250), (250, 250)]
    calls.clear()
    parse_vcards(many_cards(200), today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(100, 200), (200, 200)]
    calls.clear()
    parse_vcards(b"", today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 0)]


def test_five_thousand_cards_parse_in_a_few_seconds():
    data = many_cards(5000)
    started = time.perf_counter()
    result = parse_vcards(data, today=TODAY)
    assert time.perf_counter() - started < 10
    assert len(result.contacts) == 5000 and result.skipped == []
    assert result.contacts[4999].organisation == "Acme, Inc."


# --- Files written by other projects -------------------------------------------------------------

needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason=f"no shared vCard fixtures at {FIXTURES}")


def fixture(name):
    return parse_vcards((FIXTURES / name).read_bytes(), today=TODAY)


@needs_fixtures
@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.vcf")) if FIXTURES.is_dir() else [], ids=lambda p: p.name)
def test_every_shared_fixture_imports_with_a_name_for_each_person(path):
    result = parse_vcards(path.read_bytes(), today=TODAY)
    assert result.contacts or result.skipped
    assert all(contact.name.strip() for contact in result.contacts)
    assert all(skip.line >= 1 and skip.reason for skip in result.skipped)


@needs_fixtures
def test_fixture_rfc6350_full_card():
    result = fixture("vobject-vcard40_full.vcf")
    assert result.skipped == []
    (contact,) = result.contacts
    assert contact.name == "Dr. John Q. Public, III"  # the escaped comma, and not the LANGUAGE=jp FN
    assert contact.aliases == ("Johnny", "JQP")
    assert contact.emails == ("john.public@example.com", "johnny@personal.example.org")
    assert contact.phones == ("+1-555-555-5555", "+1-555-123-4567")
    assert contact.links == ("http://www.example.com/~jqpublic",)
    assert (contact.organisation, contact.role) == ("Example Corp.", "CEO")
    assert contact.tags == ("BUSINESS", "NETWORKING")
    assert contact.notes == "This is a note about John.\nHe likes vCards.\nBirthday: 1985-04-15"


@needs_fixtures
def test_fixture_group_is_not_a_person():
    result = fixture("vobject-vcard40_group.vcf")
    assert result.contacts == []
    assert result.skipped == [Skip(1, "a group, not a person")]


@needs_fixtures
def test_fixture_multilang_picks_the_english_name():
    (contact,) = fixture("vobject-vcard40_multilang.vcf").contacts
    assert contact.name == "Yamada Taro"


@needs_fixtures
def test_fixture_altid_names_and_folded_note():
    (contact,) = fixture("khard-altid.vcf").contacts
    assert contact.name == "altid"
    assert contact.notes == (
        "RFC6350 requires N to have cardinality <=1 but allows alternative representations "
        "to be included if they are linked by the ALTID parameter."
    )


@needs_fixtures
def test_fixture_korean_name():
    (contact,) = fixture("khard-korean-c.vcf").contacts
    assert contact.name == "최유림"


@needs_fixtures
def test_fixture_apple_grouped_org():
    (contact,) = fixture("khard-labels.vcf").contacts
    assert (contact.name, contact.organisation) == ("labeled guy", "Test Inc")


@needs_fixtures
def test_fixture_tel_value_uri_that_is_not_a_uri_is_kept():
    (contact,) = fixture("khard-tel-value-uri.vcf").contacts
    assert (contact.name, contact.phones) == ("bug 195", ("67545678",))


@needs_fixtures
def test_fixture_card_without_end_is_reported_not_raised():
    result = fixture("khard-unparsable.vcf")
    assert result.contacts == []
    (skip,) = result.skipped
    assert skip.line == 1 and "END:VCARD" in skip.reason
