"""The give-first board (mode 2): create, move, give, drop, undo, filter, share."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from journal.domain.models import Card, CardKind, CardStatus, Circle, Contact, Direction
from journal.tui.screens.board import BoardScreen
from journal.tui.screens.modals.card_form import CardForm
from journal.tui.widgets.card_column import CardColumn

SIZE = (120, 40)
NOW = datetime(2026, 11, 21, 9, 30)


@pytest.fixture
def people(repository):
    contacts = [
        Contact("Amina Diallo", circle=Circle.R2, organisation="UX Studio", tags=("ux",)),
        Contact("Joran Lefebvre", circle=Circle.R3, organisation="RSA Québec"),
        Contact("Sophie Roy", circle=Circle.R1, role="Social work coordinator", tags=("travail-social",)),
        Contact("[bold red]Eve[/]", circle=Circle.R3),
    ]
    repository.save_contacts(contacts)
    return {c.name.split()[0]: c for c in contacts}


def columns(app) -> list[list[str]]:
    return [[row.title for row in column.rows] for column in app.screen.query(CardColumn)]


def detail(app) -> str:
    return str(app.screen.query_one("#card-detail").render())


async def open_board(pilot) -> None:
    await pilot.press("2")
    await pilot.pause()
    assert isinstance(pilot.app.screen, BoardScreen)


async def test_empty_columns_say_what_goes_there(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert columns(app) == [[], [], []]
        assert "n adds a card" in app.screen.query_one("#column-to-give").render_line(1).text


async def test_create_a_card_with_one_kind_key_a_title_and_a_completed_mention(repository, people, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CardForm)
        await pilot.press("f")  # forward an offer
        await pilot.press(*"Forward the UX job to @ami")
        await pilot.pause()
        await pilot.press("tab")  # the completion
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        (card,) = repository.cards()
        assert card.title == "Forward the UX job to @\"Amina Diallo\""
        assert card.kind is CardKind.OFFER and card.contact_ids == (people["Amina"].id,)
        assert card.created == NOW and card.status is CardStatus.TO_GIVE
        assert columns(app) == [[card.title], [], []]


async def test_an_unknown_mention_is_said_and_nothing_saved(repository, people, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("n", "a", *"Help @Zoé move", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CardForm)
        assert "Zoé is not in your contacts" in str(app.screen.query_one("#card-form-error").render())
        assert repository.cards() == []


async def test_move_give_undo_give_again(repository, people, make_test_app):
    amina = people["Amina"]
    card = Card("Forward the UX job", kind=CardKind.OFFER, contact_ids=(amina.id,), created=NOW)
    repository.add_card(card)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert columns(app) == [[], ["Forward the UX job"], []]
        assert repository.get_card(card.id).status is CardStatus.DOING
        await pilot.press("space")
        await pilot.pause()
        assert columns(app) == [[], [], ["Forward the UX job"]]
        (give,) = repository.exchanges()
        assert give.direction is Direction.GIVE and give.contact_ids == (amina.id,) and give.on == NOW.date()
        assert repository.activity(amina.id).last == NOW.date()
        await pilot.press("u")
        await pilot.pause()
        assert columns(app) == [[], ["Forward the UX job"], []]
        assert repository.exchanges() == []
        await pilot.press("u")
        await pilot.pause()
        assert columns(app) == [["Forward the UX job"], [], []]
        assert repository.get_card(card.id) == card
        await pilot.press("space")
        await pilot.pause()
        assert len(repository.exchanges()) == 1
        # Back out of given with h: the give goes with it.
        await pilot.press("h")
        await pilot.pause()
        assert repository.exchanges() == [] and columns(app) == [[], ["Forward the UX job"], []]


async def test_drop_leaves_the_board_and_undo_brings_it_back(repository, people, make_test_app):
    repository.add_card(Card("Intro Amina to Joran", kind=CardKind.INTRODUCTION, contact_ids=(people["Amina"].id, people["Joran"].id), created=NOW))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert "Amina Diallo ↔ Joran Lefebvre" in detail(app)
        await pilot.press("d")
        await pilot.pause()
        assert columns(app) == [[], [], []]
        assert repository.cards()[0].status is CardStatus.DROPPED
        assert "1 dropped" in str(app.screen.query_one("#board-count").render())
        await pilot.press("u")
        await pilot.pause()
        assert columns(app) == [["Intro Amina to Joran"], [], []]


async def test_an_introduction_given_records_a_give_to_both(repository, people, make_test_app):
    repository.add_card(Card("Intro", kind=CardKind.INTRODUCTION, contact_ids=(people["Amina"].id, people["Joran"].id), created=NOW))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("space")
        await pilot.pause()
        assert sorted(x.contact_ids[0] for x in repository.exchanges()) == sorted([people["Amina"].id, people["Joran"].id])


async def test_filter_by_kind(repository, people, make_test_app):
    repository.add_card(Card("offer one", kind=CardKind.OFFER, created=NOW))
    repository.add_card(Card("intro one", kind=CardKind.INTRODUCTION, created=NOW))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("f", "i")
        await pilot.pause()
        assert columns(app) == [["intro one"], [], []]
        await pilot.press("f", "0")
        await pilot.pause()
        assert sorted(columns(app)[0]) == ["intro one", "offer one"]


async def test_late_cards_and_waiting_asks_are_shown(repository, people, make_test_app):
    repository.add_card(Card("late", kind=CardKind.OFFER, due=date(2026, 11, 18), created=NOW))
    repository.add_card(Card("apartment", kind=CardKind.ANSWER, created=datetime(2026, 11, 12, 20, 0)))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        rows = {row.title: row for row in app.screen.query_one("#column-to-give", CardColumn).rows}
        assert rows["late"].late and "3 d late" in rows["late"].when
        assert "asked 9 d ago" in rows["apartment"].when


async def test_markup_in_titles_and_names_is_shown_literally(repository, people, make_test_app):
    repository.add_card(Card("[bold]x[/] \x1b]52;c;AAAA\x07 [@click=app.quit]y[/]", contact_ids=(people["[bold"].id,), created=NOW))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        text = detail(app)
        assert "[bold]x[/]" in text and "\x1b" not in text and "[bold red]Eve[/]" in text
        assert app.is_running


async def test_share_suggests_people_by_tag_and_adds_them(repository, people, make_test_app):
    card = Card("CLSC newsletter: new program", kind=CardKind.EXCERPT, tags=("travail-social",), created=NOW)
    repository.add_card(card)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        assert "Might interest: Sophie Roy" in detail(app)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("space", "enter")
        await pilot.pause()
        assert repository.get_card(card.id).contact_ids == (people["Sophie"].id,)


async def test_the_card_form_tabs_between_fields_and_edits_everything(repository, people, make_test_app):
    card = Card("Share the CLSC newsletter", kind=CardKind.EXCERPT, created=NOW)
    repository.add_card(card)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, CardForm)
        assert form.focused.id == "card-title"
        await pilot.press("tab")
        assert form.focused.id == "card-for"
        await pilot.press(*"@Sophie", "tab")  # completes
        await pilot.press("tab")
        assert form.focused.id == "card-payload"
        await pilot.press(*"https://clsc.example/n/12", "enter", *"Un nouveau programme")
        await pilot.press("tab", *"#travail-social #CLSC", "tab", *"2026-11-28", "enter")
        await pilot.pause()
        saved = repository.get_card(card.id)
        assert saved.contact_ids == (people["Sophie"].id,)
        assert saved.payload == "https://clsc.example/n/12\nUn nouveau programme"
        assert saved.tags == ("travail-social", "CLSC") and saved.due == date(2026, 11, 28)
        assert saved.created == NOW  # kept


async def test_an_introduction_needs_two_people(repository, people, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("n", "i", *"Intro @Amina to someone", "enter")
        await pilot.pause()
        assert "two people" in str(app.screen.query_one("#card-form-error").render())
        assert repository.cards() == []


async def test_the_edit_form_shows_no_escape_and_names_each_person_once(repository, people, make_test_app):
    card = Card("osc \x1b]52;c;aGVsbG8=\x07 for @Joran", contact_ids=(people["Joran"].id, people["Amina"].id), payload="\x1b[2Jtext", created=NOW)
    repository.add_card(card)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert "\x1b" not in form.query_one("#card-title").text and "\x1b" not in form.query_one("#card-payload").text
        assert form.query_one("#card-for").text == '@"Amina Diallo"'  # Joran is in the title already


async def test_a_give_skips_someone_deleted_since(repository, people, make_test_app):
    card = Card("Intro", kind=CardKind.INTRODUCTION, contact_ids=(people["Amina"].id, people["Joran"].id), created=NOW)
    repository.add_card(card)
    repository.delete_contact(people["Joran"].id)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("space")
        await pilot.pause()
        assert [x.contact_ids for x in repository.exchanges()] == [(people["Amina"].id,)]
        await pilot.press("u")
        await pilot.pause()
        assert repository.exchanges() == [] and repository.get_card(card.id) == card


async def test_a_due_date_already_past_is_refused(repository, people, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("n", "o", *"Write the post")
        app.screen.query_one("#card-due").value = "2020-01-01"
        app.screen.action_save()
        await pilot.pause()
        assert "today or a day ahead" in str(app.screen.query_one("#card-form-error").render())
        app.screen.query_one("#card-due").value = "demain"
        app.screen.action_save()
        await pilot.pause()
        assert repository.cards()[0].due == date(2026, 11, 22)


async def test_keys_faster_than_frames_work_on_the_card_as_saved(repository, people, make_test_app):
    """A card is shown moved at once and saved right after the frame: keys pressed before it still
    see every earlier change, and the ledger ends as the board says."""
    card = Card("Forward the UX job", kind=CardKind.OFFER, contact_ids=(people["Amina"].id,), created=NOW)
    repository.add_card(card)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)
        await pilot.press("space", "h", "l", "u", "u", "space")  # no pause between
        await pilot.pause()
        saved = repository.get_card(card.id)
        assert saved.status is CardStatus.GIVEN
        assert [x.contact_ids for x in repository.exchanges()] == [(people["Amina"].id,)]
        assert columns(app) == [[], [], ["Forward the UX job"]]


async def test_a_save_that_fails_takes_the_move_back(repository, people, make_test_app, monkeypatch):
    from journal.store import JournalError

    card = Card("Forward the UX job", created=NOW)
    repository.add_card(card)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await open_board(pilot)

        def refuse(change):
            raise JournalError(repository.path, "the disk is full")

        monkeypatch.setattr(repository, "apply_card_change", refuse)
        await pilot.press("l")
        await pilot.pause()
        await pilot.pause()
        assert columns(app) == [["Forward the UX job"], [], []]
        assert repository.get_card(card.id) == card
        assert any("disk is full" in n.message for n in app._notifications)
