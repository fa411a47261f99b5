"""The review screen (mode 5): the month's balance, [ ] month, c a card for someone only asked of, x export."""

from __future__ import annotations

from datetime import date, datetime

from journal.domain.models import Circle, CircleMove, Contact, Direction, Exchange, ExchangeKind
from journal.tui.screens.modals.card_form import CardForm
from journal.tui.screens.modals.review_export import ReviewExportScreen
from journal.tui.screens.review import ReviewScreen

SIZE = (120, 40)


def fill(repository) -> dict[str, Contact]:
    people = {
        "amina": Contact("Amina Diallo", circle=Circle.R2, created=date(2026, 11, 2), moves=(CircleMove(date(2026, 11, 10), Circle.R3, Circle.R2),)),
        "joran": Contact("Joran Lefebvre", circle=Circle.R3, created=date(2025, 1, 1)),
        "eve": Contact("[bold red]Eve[/]", circle=Circle.R1, created=date(2025, 1, 1)),
    }
    repository.save_contacts(people.values())
    repository.save_exchanges(
        [
            Exchange(Direction.GIVE, ExchangeKind.OFFER, date(2026, 11, 3), (people["amina"].id,)),
            Exchange(Direction.ASK, ExchangeKind.INTRODUCTION, date(2026, 11, 5), (people["joran"].id,)),
            Exchange(Direction.ASK, ExchangeKind.ADVICE, date(2026, 10, 20), (people["eve"].id,)),
            Exchange(Direction.GIVE, ExchangeKind.ADVICE, date(2025, 12, 1), (people["joran"].id,)),  # long before: not only asked
        ]
    )
    return people


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_the_month_its_balance_and_who_was_only_asked_of(repository, make_test_app):
    fill(repository)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "Review — November 2026" in text(app, "#review-title") and "1 give · 1 ask" in text(app, "#review-title")
        assert "R2  1 / 0" in text(app, "#review-balance") and "R3  0 / 1" in text(app, "#review-balance")
        network = text(app, "#review-network")
        assert "Met (new in R3)  1  Amina Diallo" in network and "R3 → R2  1  Amina Diallo" in network
        only = app.screen.query_one("#review-only-asked")
        assert only.display and "[bold red]Eve[/]" in str(only.get_option_at_index(1).prompt)
        assert "Joran" not in "".join(str(only.get_option_at_index(i).prompt) for i in range(only.option_count))


async def test_brackets_change_month_and_an_empty_month_says_so(repository, make_test_app):
    fill(repository)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "October 2026" in text(app, "#review-title") and "0 gives · 1 ask" in text(app, "#review-title")
        for _ in range(3):
            await pilot.press("left_square_bracket")
        await pilot.pause()
        assert "Nothing was given or asked this month." in text(app, "#review-title")
        await pilot.press("t")
        await pilot.pause()
        assert "November 2026" in text(app, "#review-title")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "November 2026" in text(app, "#review-title")  # no review of a month not begun


async def test_c_makes_a_card_for_someone_only_asked_of(repository, make_test_app):
    people = fill(repository)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("left_square_bracket")  # October: Eve was asked of
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CardForm)
        await pilot.press(*"send her the CLSC list", "enter")
        await pilot.pause()
        (card,) = repository.cards()
        assert card.contact_ids == (people["eve"].id,) and card.title.endswith("send her the CLSC list")


async def test_x_writes_the_markdown_review(repository, make_test_app, tmp_path):
    fill(repository)
    app = make_test_app(repository)
    target = tmp_path / "review.md"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ReviewExportScreen)
        app.screen.query_one("#review-export-path").value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    document = target.read_text()
    assert document.startswith("# Review — November 2026") and "| R2 | 1 | 0 |" in document


async def test_a_new_month_brings_the_review_and_the_streak_along(repository, make_test_app, clock):
    fill(repository)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert "November 2026" in text(app, "#review-title")
        clock.set(datetime(2026, 12, 1, 0, 5))
        app.check_for_changes()
        await pilot.pause()
        assert "December 2026" in text(app, "#review-title")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        app.check_for_changes()
        await pilot.pause()
        assert "November 2026" in text(app, "#review-title")  # a month chosen stays chosen


async def test_the_month_before_is_prepared_once_idle_and_kept_until_a_change(repository, make_test_app):
    fill(repository)
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause(0.5)
        screen = app.screen
        october = date(2026, 10, 1)
        assert october in screen._kept
        kept = screen._kept[october]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.review is kept[0]  # drawn from what was prepared
        repository.save_exchange(Exchange(Direction.ASK, ExchangeKind.OTHER, date(2026, 10, 2), (repository.contacts()[0].id,)))
        await pilot.press("1", "5")  # shown again after a change elsewhere in the app
        await pilot.pause()
        assert "0 gives · 2 asks" in text(app, "#review-title")  # a change: computed again
