"""Gives and asks without a card: g / a on a contact, the palette; the contact's detail shows them."""

from __future__ import annotations

from datetime import date

from journal.domain.models import Circle, Contact, Direction, ExchangeKind
from journal.tui.screens.contacts import ContactsScreen
from journal.tui.screens.modals.exchange_form import ExchangeForm

SIZE = (120, 40)


async def test_g_on_a_contact_logs_a_give_shown_in_their_history(repository, make_test_app):
    amina = Contact("Amina Diallo", circle=Circle.R2)
    repository.save_contacts([amina, Contact("Amina Benali")])
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        await pilot.press("down")  # Amina Diallo (sorted by name)
        await pilot.press("g")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExchangeForm)
        await pilot.press(*"forwarded the UX job", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        (give,) = repository.exchanges()
        assert (give.direction, give.contact_ids, give.on, give.note) == (Direction.GIVE, (amina.id,), date(2026, 11, 21), "forwarded the UX job")
        history = str(app.screen.query_one("#contact-history-title").render())
        assert "gave 1 · asked 0" in history


async def test_an_ask_needs_someone_and_a_known_name(repository, make_test_app):
    repository.save_contact(Contact("Joran Lefebvre"))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        app.action_log_exchange("ask")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExchangeForm)
        await pilot.press(*"intro to the RSA team", "enter")
        await pilot.pause()
        assert "Who was it with" in str(form.query_one("#exchange-form-error").render())
        await pilot.press(*"@Joram", "enter")
        await pilot.pause()
        assert "Did you mean Joran Lefebvre" in str(form.query_one("#exchange-form-error").render())
        assert repository.exchanges() == []
        form.query_one("#exchange-to").text = "@Joran"
        form.query_one("#exchange-kind").value = ExchangeKind.INTRODUCTION
        form.query_one("#exchange-day").value = "hier"
        form.action_save()
        await pilot.pause()
        (ask,) = repository.exchanges()
        assert ask.direction is Direction.ASK and ask.kind is ExchangeKind.INTRODUCTION and ask.on == date(2026, 11, 20)
