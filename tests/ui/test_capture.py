"""`give:` / `ask:` lines of a saved entry offered as a card or an ask, one key to confirm or dismiss."""

from __future__ import annotations

from datetime import date, datetime

from journal.domain.models import CardKind, CardStatus, Circle, Contact, Direction, ExchangeKind
from tests.ui.test_today import SIZE, write


def offer(app) -> str:
    widget = app.screen.query_one("#capture-offer")
    return str(widget.render()) if widget.display else ""


async def test_an_ask_someone_made_becomes_an_answer_card(repository, make_test_app):
    amina = Contact("Amina Diallo", circle=Circle.R2)
    repository.save_contact(amina)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "Coffee.\nask: @Amina cherche un appartement à Rosemont")
        assert "cherche un appartement" in offer(app) and "answer their ask" in offer(app)
        await pilot.press("c")
        await pilot.pause()
        (card,) = repository.cards()
        assert card.kind is CardKind.ANSWER and card.status is CardStatus.TO_GIVE
        assert card.contact_ids == (amina.id,) and card.created == datetime(2026, 11, 21, 9, 30)
        assert card.title == "@Amina cherche un appartement à Rosemont"
        assert offer(app) == ""
        (entry,) = repository.entries()
        assert len(entry.settled) == 1


async def test_a_give_line_in_french_becomes_a_card_and_an_ask_is_logged(repository, make_test_app):
    joran = Contact("Joran Lefebvre")
    amina = Contact("Amina Diallo")
    repository.save_contacts([joran, amina])
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "donner : transférer l'offre d'emploi UX à @Amina\ndemander\u202f: une intro à @Joran")
        assert "(1 of 2)" in offer(app)
        await pilot.press("c")
        await pilot.pause()
        (card,) = repository.cards()
        assert card.kind is CardKind.OFFER and card.contact_ids == (amina.id,)
        assert "une intro" in offer(app)
        await pilot.press("a")
        await pilot.pause()
        (ask,) = repository.exchanges()
        assert ask.direction is Direction.ASK and ask.kind is ExchangeKind.INTRODUCTION
        assert ask.contact_ids == (joran.id,) and ask.on == date(2026, 11, 21)
        assert repository.activity(joran.id).last == date(2026, 11, 21)
        assert offer(app) == ""


async def test_a_dismissed_line_is_not_offered_again(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "Lunch.\ngive: write a LinkedIn post about the 5 à 7")
        assert "LinkedIn post" in offer(app)
        await pilot.press("x")
        await pilot.pause()
        assert offer(app) == "" and repository.cards() == []
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("up", "home", *"Good ", "ctrl+s")
        await pilot.pause()
        assert offer(app) == ""
        (entry,) = repository.entries()
        assert entry.body.startswith("Good Lunch.") and len(entry.settled) == 1


async def test_an_unknown_name_is_said_and_the_offer_stays(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ask: advice from @Zoé")
        await pilot.press("a")
        await pilot.pause()
        assert repository.exchanges() == []
        assert "Zoé" in offer(app)
        await pilot.press("plus")  # add the new people, then log it
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        (ask,) = repository.exchanges()
        assert ask.kind is ExchangeKind.ADVICE


async def test_an_ask_of_nobody_is_not_logged(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "ask: advice on my CV")
        await pilot.press("a")
        await pilot.pause()
        assert repository.exchanges() == [] and "advice on my CV" in offer(app)


async def test_an_introduction_line_with_one_person_makes_an_other_card(repository, make_test_app):
    repository.save_contact(Contact("Amina Diallo"))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "- [ ] give: intro @Amina to the RSA team")
        await pilot.press("c")
        await pilot.pause()
        (card,) = repository.cards()
        assert card.kind is CardKind.OTHER


async def test_an_entry_deleted_meanwhile_makes_nothing(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "give: the job list")
        (entry,) = repository.entries()
        repository.delete_entry(entry.id)
        await pilot.press("c")
        await pilot.pause()
        assert repository.cards() == [] and offer(app) == ""


async def test_the_same_line_in_a_second_entry_makes_no_second_card(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await write(pilot, "give: the job list")
        await pilot.press("c")
        await pilot.pause()
        await write(pilot, "Again: \ngive: The job list")
        await pilot.press("c")
        await pilot.pause()
        assert len(repository.cards()) == 1 and offer(app) == ""
        assert all(len(e.settled) == 1 for e in repository.entries())
