"""The contacts pane (mode 3): filter, circles, sort, new/edit/delete, moves, history, reconnect."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from journal.domain.models import Circle, CircleMove, Contact, Direction, Entry, EntryKind, Exchange, ExchangeKind
from journal.tui.screens.contacts import ContactsScreen
from journal.tui.screens.modals.contact_form import ContactForm
from journal.tui.screens.modals.confirm import ConfirmScreen
from journal.tui.screens.modals.entry_editor import EntryEditor
from journal.tui.widgets.contact_table import ContactTable

SIZE = (120, 40)
TODAY = date(2026, 11, 21)


def people() -> list[Contact]:
    return [
        Contact("Hélène O'Neil", circle=Circle.R1, organisation="Desjardins", tags=("ux",), created=date(2026, 1, 1)),
        Contact("Amina Diallo", circle=Circle.R2, organisation="UX Studio", created=date(2026, 11, 1)),
        Contact("Karine Tremblay", circle=Circle.R2, aliases=("KT",), created=date(2025, 1, 1)),
        Contact("Joran", circle=Circle.R3, created=date(2026, 11, 20)),
        Contact("[bold red]Eve[/]", circle=Circle.R3, created=date(2026, 11, 20)),
    ]


@pytest.fixture
def filled(repository):
    repository.save_contacts(people())
    repository.save_entry(Entry(at=datetime(2026, 11, 20, 18, 0), body="5 à 7: met @Amina", kind=EntryKind.EVENT))
    repository.save_entry(Entry(at=datetime(2026, 9, 1, 9, 0), body="coffee with @KT"))
    return repository


def rows(app) -> list[str]:
    table = app.screen.query_one(ContactTable)
    return [r.name for r in table.rows] if table.display else []


def detail_text(app) -> str:
    return str(app.screen.query_one("#contact-card").render())


async def open_contacts(pilot) -> None:
    await pilot.press("3")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ContactsScreen)


async def test_an_empty_pane_tells_a_newcomer_how_to_add_or_import(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        text = str(app.screen.query_one("#contacts-empty").render())
        assert "Press n to add someone" in text and "tricot import vcard" in text


async def test_the_pane_lists_by_name_with_last_interaction_and_due(filled, make_test_app):
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        assert rows(app) == ["Amina Diallo", "[bold red]Eve[/]", "Hélène O'Neil", "Joran", "Karine Tremblay"]
        table = app.screen.query_one(ContactTable)
        by_name = {r.name: r for r in table.rows}
        assert by_name["Amina Diallo"].last == "1 d ago" and by_name["Amina Diallo"].follow_up
        assert by_name["Karine Tremblay"].last == "81 d ago" and by_name["Karine Tremblay"].due == "36 d overdue"
        assert by_name["Joran"].last == "never" and by_name["Joran"].due == ""


@pytest.mark.parametrize("query, expected", [("helene", ["Hélène O'Neil"]), ("oneil", ["Hélène O'Neil"]), ("#ux", ["Hélène O'Neil"]), ("#u", ["Hélène O'Neil"]), ("desj", ["Hélène O'Neil"]), ("kt", ["Karine Tremblay"]), ("ux", ["Amina Diallo", "Hélène O'Neil"])])
async def test_slash_filters_as_you_type_without_case_or_accents(filled, make_test_app, query, expected):
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        await pilot.press("slash", *query)
        await pilot.pause()
        assert rows(app) == expected
        await pilot.press("escape")
        await pilot.pause()
        assert len(rows(app)) == 5


async def test_a_filter_matching_nobody_says_so(filled, make_test_app):
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        await pilot.press("slash", *"zzz")
        await pilot.pause()
        assert rows(app) == []
        assert "Nobody matches" in str(app.screen.query_one("#contacts-none").render())


async def test_circle_filter_by_r_then_digit_and_tab_cycles(filled, make_test_app):
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        await pilot.press("r", "2")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)  # the digit chose a circle, not a screen
        assert rows(app) == ["Amina Diallo", "Karine Tremblay"]
        await pilot.press("tab")
        await pilot.pause()
        assert rows(app) == ["[bold red]Eve[/]", "Joran"]
        await pilot.press("tab")
        await pilot.pause()
        assert len(rows(app)) == 5
        await pilot.press("r", "1")
        await pilot.pause()
        assert rows(app) == ["Hélène O'Neil"]
        await pilot.press("r", "0")
        await pilot.pause()
        assert len(rows(app)) == 5
        await pilot.press("1")  # without `r` first, 1 is the Journal screen still
        await pilot.pause()
        assert app.current_mode == "today"


async def test_sorting_cycles_name_last_interaction_overdue(filled, make_test_app):
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert rows(app)[:2] == ["Amina Diallo", "Karine Tremblay"]
        await pilot.press("s")
        await pilot.pause()
        assert rows(app)[0] == "Hélène O'Neil"  # R1 since January, never written about: most overdue


async def test_reconnect_lists_follow_ups_first_and_logging_clears_them(filled, make_test_app):
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert rows(app) == ["Amina Diallo", "Hélène O'Neil", "Karine Tremblay"]
        await pilot.press("l")
        await pilot.pause()
        assert "Amina Diallo" not in rows(app)
        (logged,) = [e for e in filled.entries_on(TODAY)]
        assert logged.kind is EntryKind.FOLLOW_UP and '@"Amina Diallo"' in logged.body


async def test_new_contact_form_validates_then_saves(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "needs a name" in str(app.screen.query_one("#contact-form-error").render())
        await pilot.press(*"Zoé Ba")
        app.screen.query_one("#contact-cadence").value = "0"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "whole number of days" in str(app.screen.query_one("#contact-form-error").render())
        app.screen.query_one("#contact-cadence").value = "30"
        app.screen.query_one("#contact-met-on").value = "2999-01-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "to today" in str(app.screen.query_one("#contact-form-error").render())
        app.screen.query_one("#contact-met-on").value = "2026-11-20"
        app.screen.query_one("#contact-tags").value = "#ux, dakar, ux"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        (zoe,) = repository.contacts()
        assert (zoe.name, zoe.cadence_days, zoe.tags, zoe.met_on) == ("Zoé Ba", 30, ("ux", "dakar"), date(2026, 11, 20))
        assert rows(app) == ["Zoé Ba"]


async def test_leaving_a_changed_form_asks_first(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        await pilot.press("n", *"Somebody", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)


async def test_renaming_keeps_the_old_name_as_an_alias_and_the_history(filled, make_test_app):
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        assert app.screen.query_one(ContactTable).highlighted_id == rows_ids(app)[0]
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#contact-name").value = "Amina Diallo-Sow"
        await pilot.press("ctrl+s")
        await pilot.pause()
        amina = next(c for c in filled.contacts() if c.name == "Amina Diallo-Sow")
        assert amina.aliases == ("Amina Diallo",)
        assert filled.activity(amina.id).last == date(2026, 11, 20)  # "@Amina" still hers


def rows_ids(app) -> list[str]:
    return [r.id for r in app.screen.query_one(ContactTable).rows]


async def test_moving_circles_keeps_each_move_with_its_day(filled, make_test_app):
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        await pilot.press("slash", *"joran", "enter")
        await pilot.pause()
        await pilot.press("greater_than_sign", "greater_than_sign", "greater_than_sign")
        await pilot.pause()
        joran = next(c for c in filled.contacts() if c.name == "Joran")
        assert joran.circle is Circle.R1
        assert joran.moves == (CircleMove(TODAY, Circle.R3, Circle.R2), CircleMove(TODAY, Circle.R2, Circle.R1))
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert next(c for c in filled.contacts() if c.name == "Joran").circle is Circle.R2


async def test_deleting_asks_and_leaves_the_entries_text(filled, make_test_app):
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert "Amina Diallo" not in [c.name for c in filled.contacts()]
        assert any("@Amina" in e.body for e in filled.entries())
        assert "Amina Diallo" not in rows(app)


async def test_the_detail_shows_the_history_newest_first_and_enter_opens_an_entry(filled, make_test_app):
    filled.save_exchange(
        Exchange(Direction.GIVE, ExchangeKind.OFFER, date(2026, 11, 21), (next(c.id for c in filled.contacts() if c.name == "Amina Diallo"),), note="forwarded the UX offer")
    )
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        history = app.screen.query_one("#contact-history")
        assert history.option_count == 2
        assert history.get_option_at_index(0).id.startswith("exchange:")  # the 21st, after the 20th's entry
        await pilot.press("enter")
        await pilot.pause()
        assert history.has_focus
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor) and "@Amina" in app.screen.entry.body
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(ContactTable).has_focus


async def test_a_mention_written_on_today_is_on_the_contacts_pane_when_it_comes_back(filled, make_test_app):
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        assert {r.name: r.last for r in app.screen.query_one(ContactTable).rows}["Joran"] == "never"
        await pilot.press("1")
        await pilot.pause()
        filled.save_entry(Entry(at=datetime(2026, 11, 21, 9, 0), body="call with @Joran"))
        await pilot.press("3")
        await pilot.pause()
        assert {r.name: r.last for r in app.screen.query_one(ContactTable).rows}["Joran"] == "today"


async def test_markup_and_escape_sequences_in_names_show_literally(repository, make_test_app):
    repository.save_contacts(
        [Contact("[@click=app.quit]x[/]", organisation="[b]Org[/b]"), Contact("Zed\x1b]52;c;aGk=\x07 \u202eevil")]
    )
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        card = detail_text(app)
        assert "[@click=app.quit]x[/]" in card
        await pilot.press("j")
        await pilot.pause()
        card = detail_text(app)
        assert "\x1b" not in card and "\u202e" not in card and "Zed" in card
        assert app.is_running


async def test_the_form_refuses_an_alias_another_contact_answers_to(filled, make_test_app):
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        await pilot.press("n", *"Zoé")
        app.screen.query_one("#contact-aliases").value = "KT"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "already names Karine Tremblay" in str(app.screen.query_one("#contact-form-error").render())
        assert isinstance(app.screen, ContactForm)


async def test_a_name_another_contact_has_is_said_once_then_saved(filled, make_test_app):
    app = make_test_app(filled)
    async with app.run_test(size=SIZE) as pilot:
        await open_contacts(pilot)
        await pilot.press("n", *"joran")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Another contact is named joran" in str(app.screen.query_one("#contact-form-error").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        assert sum(c.name.casefold() == "joran" for c in filled.contacts()) == 2


async def test_the_preview_names_the_contact_an_alias_resolves_to(filled, make_test_app):
    from journal.tui.widgets.entry_preview import meta_line

    entry = Entry(at=datetime(2026, 11, 21, 9, 0), body="coffee with @KT and @Nobody")
    text = str(meta_line(entry, filled.people()))
    assert "With: Karine Tremblay, Nobody" in text
