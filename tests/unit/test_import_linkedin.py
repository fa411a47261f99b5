from datetime import date

import pytest

from journal.domain.models import Circle
from journal.importers.linkedin import connected_on, parse_linkedin
from journal.importers.people import Skip

TODAY = date(2026, 11, 21)

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are missing. '
    "You will only see email addresses for connections who have allowed their connections to see or download "
    'their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here '
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)

CURRENT = (
    PREAMBLE
    + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"  # line 4
    + "Karine,Tremblay-Roy,https://www.linkedin.com/in/karine-t,karine@example.com,Desjardins,Conseillère,22 Dec 2025\n"
    + 'Amina,Diallo,https://www.linkedin.com/in/amina-diallo,,"Acme, Inc.","Engineer, Senior",03 Jan 2024\n'
    + 'Jean,"O\'Neil",https://www.linkedin.com/in/jean-oneil,,"Multi\nLine Corp",CTO,2025-12-22\n'  # lines 7-8
    + ",,https://www.linkedin.com/in/nobody,,Ghost Inc,,01 Jan 2020\n"  # line 9
    + "Zoé,,https://www.linkedin.com/in/zoe,,,,sometime\n"
    + ",,,,,,\n"
)

OLDER = (
    "\ufeffFirst Name,Last Name,Email Address,Company,Position,Connected On\n"
    "Karine,Tremblay-Roy,,Desjardins,Conseillère,22 Dec 2015\n"
)


def parse(text, **options):
    return parse_linkedin(text.encode("utf-8"), today=TODAY, **options)


def test_current_export_with_notes_preamble_and_url():
    result = parse("\ufeff" + CURRENT)
    karine, amina, jean, zoe = result.contacts
    assert karine.name == "Karine Tremblay-Roy"
    assert karine.links == ("https://www.linkedin.com/in/karine-t",)
    assert karine.emails == ("karine@example.com",)
    assert (karine.organisation, karine.role) == ("Desjardins", "Conseillère")
    assert (karine.met_where, karine.met_on, karine.created, karine.circle) == (
        "LinkedIn", date(2025, 12, 22), TODAY, Circle.R3
    )
    assert (amina.emails, amina.organisation, amina.role) == ((), "Acme, Inc.", "Engineer, Senior")
    assert (jean.name, jean.organisation, jean.met_on) == ("Jean O'Neil", "Multi\nLine Corp", date(2025, 12, 22))
    # A date that cannot be read costs the date, not the person.
    assert (zoe.name, zoe.met_on, zoe.met_where) == ("Zoé", None, "LinkedIn")
    assert result.skipped == [Skip(9, "no first or last name")]
    assert result.lines == [5, 6, 7, 10]


def test_older_export_without_url_column():
    result = parse(OLDER, circle=Circle.R2)
    (karine,) = result.contacts
    assert (karine.name, karine.links, karine.organisation, karine.met_on, karine.circle) == (
        "Karine Tremblay-Roy", (), "Desjardins", date(2015, 12, 22), Circle.R2
    )
    assert result.lines == [2]


def test_columns_are_found_by_name_in_any_order_and_a_spreadsheets_semicolons():
    text = "Connected On;Position;Company;Email Address;URL;Last Name;First Name\n15 Mar 2023;CEO;Acme;;;Smith;Ann\n"
    (ann,) = parse(text).contacts
    assert (ann.name, ann.role, ann.organisation, ann.met_on) == ("Ann Smith", "CEO", "Acme", date(2023, 3, 15))


def test_a_file_that_is_not_a_linkedin_export():
    expected = [Skip(0, "no header row with First Name and Last Name: is this LinkedIn's Connections.csv?")]
    for data in (b"", b"Name,Email\nAnn,a@x.org\n", b"\x00\xff\xfe garbage", "BEGIN:VCARD\nFN:Ann\n".encode()):
        result = parse_linkedin(data, today=TODAY)
        assert (result.contacts, result.skipped) == ([], expected)


def test_windows_1252_and_crlf_and_nul_are_read():
    data = "First Name,Last Name\r\nZo\x00é,Lefèvre\r\n".encode("cp1252")
    (zoe,) = parse_linkedin(data, today=TODAY).contacts
    assert zoe.name == "Zoé Lefèvre"


def test_short_rows_and_a_field_too_long_to_read():
    text = "First Name,Last Name,Company\nAnn\n" + 'Bob,"' + "x" * 200_000 + '"\nCy,Li,Acme\n'
    result = parse(text)
    assert [(c.name, c.organisation) for c in result.contacts] == [("Ann", ""), ("Cy Li", "Acme")]
    (skip,) = result.skipped
    assert skip.line == 3 and "cannot be read" in skip.reason


def test_markup_in_names_is_data():
    (eve,) = parse("First Name,Last Name\n[bold red]Eve[/],\x1b[31mX\n").contacts
    assert eve.name == "[bold red]Eve[/] \x1b[31mX"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("22 Dec 2025", date(2025, 12, 22)),
        ("3 Jan 2024", date(2024, 1, 3)),
        ("03 jan 2024", date(2024, 1, 3)),
        ("22 December 2025", date(2025, 12, 22)),
        ("22 Sept 2025", date(2025, 9, 22)),
        ("2025-12-22", date(2025, 12, 22)),
        ("31 Feb 2024", None),
        ("22 Dez 2025", None),  # the export is in English whatever the user's language
        ("22 Decimal 2025", None),
        ("22 Dec 2099", None),  # not yet
        ("22 Dec 1899", None),
        ("12/22/2025", None),
        ("", None),
    ],
)
def test_connected_on(text, expected):
    assert connected_on(text, TODAY) == expected


def test_progress_counts_rows():
    rows = "".join(f"P{n},Q,,,,,01 Jan 2024\n" for n in range(150))
    calls = []
    result = parse_linkedin(
        (PREAMBLE + "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + rows).encode(),
        today=TODAY,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert len(result.contacts) == 150
    assert calls == [(100, 150), (150, 150)]
    calls.clear()
    parse_linkedin(b"nothing", today=TODAY, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 0)]
