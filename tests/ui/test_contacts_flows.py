"""Contacts across screens: importing from the app, and people a saved entry mentions who are nobody yet."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from journal.domain.models import Circle, Contact
from journal.tui.screens.contacts import ContactsScreen
from journal.tui.screens.modals.import_contacts import ImportContactsScreen
from journal.tui.screens.today import TodayScreen
from journal.tui.widgets.contact_table import ContactTable

SIZE = (120, 40)

CARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Hélène O'Neil\r\nORG:Desjardins\r\nEMAIL:h@example.org\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amina Diallo\r\nCATEGORIES:R2,ux\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nEND:VCARD\r\n"
)


async def wait_for(pilot, condition, tries: int = 100) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("never happened")


async def test_importing_a_vcard_from_the_contacts_pane(repository, make_test_app, tmp_path):
    cards = tmp_path / "contacts.vcf"
    cards.write_text(CARDS, encoding="utf-8")
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "i")
        await pilot.pause()
        assert isinstance(app.screen, ImportContactsScreen)
        app.screen.query_one("#import-path", Input).value = str(cards)
        await pilot.press("enter")
        report = app.screen.query_one("#import-report")
        await wait_for(pilot, lambda: "Imported" in str(report.render()))
        text = str(report.render())
        assert "2 new, 0 updated, 0 unchanged, 1 skipped" in text and "line 12" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        assert [r.name for r in app.screen.query_one(ContactTable).rows] == ["Amina Diallo", "Hélène O'Neil"]
        amina = next(c for c in repository.contacts() if c.name == "Amina Diallo")
        assert amina.circle is Circle.R2 and amina.tags == ("ux",)


async def test_the_import_dialog_says_what_is_wrong_with_the_file(repository, make_test_app, tmp_path):
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        app.action_import_contacts()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Type the path" in str(app.screen.query_one("#import-error").render())
        app.screen.query_one("#import-path", Input).value = str(tmp_path / "nowhere.vcf")
        await pilot.press("enter")
        error = app.screen.query_one("#import-error")
        await wait_for(pilot, lambda: "cannot be read" in str(error.render()))
        assert repository.contacts() == []


async def test_a_saved_entry_mentioning_nobody_yet_offers_plus_to_add_them(repository, make_test_app):
    repository.save_contact(Contact("Karine Tremblay", created=date(2026, 1, 1)))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *'met @Joran and @"Zoé Ba" with @Karine', "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        said = [n.message for n in app._notifications]
        assert any("Joran, Zoé Ba are not in your contacts yet" in m for m in said)
        await pilot.press("plus")
        await pilot.pause()
        new = {c.name: c for c in repository.contacts()}
        assert set(new) == {"Karine Tremblay", "Joran", "Zoé Ba"}
        assert new["Joran"].circle is Circle.R3 and new["Joran"].met_on == date(2026, 11, 21)
        assert repository.activity(new["Joran"].id).last == date(2026, 11, 21)
        await pilot.press("plus")  # offered once: nothing more to add
        await pilot.pause()
        assert len(repository.contacts()) == 3


async def test_a_mention_two_people_could_be_is_said_at_save(repository, make_test_app):
    repository.save_contacts([Contact("Amina Diallo", organisation="UX"), Contact("Amina Traoré", organisation="RSA")])
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"lunch with @Amina", "ctrl+s")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert any("@Amina could be Amina Diallo (UX) or Amina Traoré (RSA)" in m for m in said)
        assert not any("not in your contacts" in m for m in said)


async def test_the_palette_opens_the_reconnect_list(repository, make_test_app):
    repository.save_contact(Contact("Old Friend", circle=Circle.R1, created=date(2025, 1, 1)))
    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        app.action_reconnect()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen) and app.screen.reconnecting
        assert [r.name for r in app.screen.query_one(ContactTable).rows] == ["Old Friend"]


async def test_the_journal_loaded_at_start_is_frozen_then_collected_once_idle_after_a_change(repository, make_test_app):
    """Frozen for the collector while unchanged (no 200 ms pauses); after a save, what it left behind is
    collected and the rest frozen again once the app is idle, so nothing leaks and no key waits."""
    import gc
    import weakref

    from journal.domain.models import Entry

    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.keep_loaded_journal()
        assert gc.get_freeze_count() > 0

        class Cycle:
            """Garbage only a collection frees: a cycle, frozen with the rest."""

        cycle = Cycle()
        cycle.me = cycle
        gone = weakref.ref(cycle)
        app.keep_loaded_journal()
        del cycle
        repository.save_entry(Entry(at=__import__("datetime").datetime(2026, 11, 21, 9, 0), body="x"))
        await pilot.press("3")
        await pilot.pause()
        assert gc.get_freeze_count() > 0 and gone() is not None  # not on the key
        app._collect_and_freeze()  # what the idle timer does
        assert gone() is None and gc.get_freeze_count() > 0
    gc.unfreeze()


async def test_switching_screens_leaks_no_footer_keys(repository, make_test_app):
    """Textual 8.2.8's Footer kept every key it ever drew (textual#6666): a garbage collection of
    hundreds of ms every few dozen keys on a big journal. Ours keeps none."""
    import gc

    app = make_test_app(repository)
    async with app.run_test(size=SIZE) as pilot:
        counts = []
        for _ in range(5):  # the first rounds fill Textual's bounded caches
            for _ in range(10):
                await pilot.press("3")
                await pilot.pause()
                await pilot.press("1")
                await pilot.pause()
            gc.collect()
            counts.append(len(gc.get_objects()))
        assert counts[4] - counts[3] < 2000, counts  # Textual's own footer: ~39,000 per 10
