"""The streak screen (mode 4): the numbers, the year, freezes, the week's gives."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from journal.domain.models import Contact, Direction, Entry, Exchange, ExchangeKind
from journal.domain.settings import Settings
from journal.domain.streaks import DayState
from journal.tui.screens.streak import StreakScreen
from journal.tui.widgets.heatmap import Heatmap

SIZE = (120, 40)
TODAY = date(2026, 11, 21)


def fill(repository) -> None:
    # Nov 10-20 active but Nov 15 (a freeze); a give on Nov 17 and 19; today not yet.
    days = [TODAY - timedelta(days=n) for n in range(1, 12) if n != 6]
    repository.save_entries(Entry(at=datetime.combine(d, datetime.min.time()).replace(hour=9), body="check-in") for d in days)
    amina = Contact("Amina Diallo")
    repository.save_contact(amina)
    repository.save_exchanges(
        [Exchange(Direction.GIVE, ExchangeKind.OFFER, date(2026, 11, 17), (amina.id,)), Exchange(Direction.GIVE, ExchangeKind.ADVICE, date(2026, 11, 19), (amina.id,))]
    )


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_the_streak_with_a_freeze_spent_and_the_week_goal(repository, make_test_app):
    fill(repository)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert isinstance(app.screen, StreakScreen)
        assert app.screen.query_one("#streak-current").value == "10"
        assert app.screen.query_one("#streak-longest").value == "10"
        side = text(app, "#streak-side")
        assert "1 of 2" in side and "Gives this week: 2 of 3" in side
        assert "11 days in a row" in text(app, "#streak-sentence")
        states = app.screen.query_one(Heatmap).data.states
        assert states[date(2026, 11, 15)] is DayState.FROZEN and states[TODAY] is DayState.PENDING


async def test_rest_days_and_a_year_back(repository, make_test_app):
    fill(repository)
    app = make_test_app(repository, settings=Settings(rest_weekdays=(5, 6)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert "Rest days: Sat, Sun" in text(app, "#streak-side")
        shown = text(app, "#streak-year")
        await pilot.press("left_square_bracket")  # nothing before this year's window
        await pilot.pause()
        assert text(app, "#streak-year") == shown
        assert any("the journal starts on" in n.message for n in app._notifications)


async def test_years_back_meet_and_come_forward(repository, make_test_app):
    fill(repository)
    repository.save_entry(Entry(at=datetime(2023, 6, 1, 9, 0), body="long ago"))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        first = app.screen.query_one(Heatmap).data.weeks[0][0]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        back = app.screen.query_one(Heatmap).data.weeks
        assert back[-1][-1] == first - timedelta(days=1)  # the windows meet, no week twice
        assert "0 active days" in text(app, "#streak-year")
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert app.screen.query_one(Heatmap).data.weeks[0][0] <= date(2023, 6, 1)
        await pilot.press("t")
        await pilot.pause()
        assert "10 active days" in text(app, "#streak-year")


async def test_an_empty_journal_invites_a_first_day(repository, make_test_app):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.query_one("#streak-current").value == "0"
        assert "first day of your streak" in text(app, "#streak-sentence")


async def test_a_give_on_the_board_is_on_the_streak_without_anyone_telling_it(repository, make_test_app):
    from journal.domain.models import Card

    fill(repository)
    repository.add_card(Card("job", contact_ids=(repository.contacts()[0].id,)))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.query_one("#streak-current").value == "10"
        await pilot.press("2", "space")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.query_one("#streak-current").value == "11"
        assert "Gives this week: 3 of 3" in text(app, "#streak-side")


async def test_midnight_moves_today_on_an_open_streak(repository, make_test_app, clock):
    fill(repository)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert app.screen.query_one(Heatmap).data.today == TODAY
        clock.set(datetime(2026, 11, 22, 0, 1))
        app.check_for_changes()
        await pilot.pause()
        data = app.screen.query_one(Heatmap).data
        assert data.today == date(2026, 11, 22) and data.states[TODAY] is DayState.FROZEN
