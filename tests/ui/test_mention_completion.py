"""Typing `@` in the entry editor offers the contacts, as they are typed; every other key is unchanged."""

from __future__ import annotations

import time
from datetime import datetime

import pytest
from textual.app import App
from textual.widgets import Select, TextArea

from journal.domain.models import Circle, Contact, Entry
from journal.domain.settings import Settings
from journal.tui.screens.modals.entry_editor import EntryEditor
from journal.tui.widgets.mention_completion import (
    ContactIndex,
    MentionCompletion,
    typed_mention,
)
from tests.ui.test_contrast_rendered import low_contrast_cells

AT = datetime(2026, 11, 21, 9, 30)
UNSAFE = ("\x1b", "\x07", "\x00", "\u202e")

HELENE = Contact("Hélène O'Neil", organisation="Desjardins", circle=Circle.R2)
AMINA_UX = Contact("Amina Diallo", organisation="UX")
AMINA_RSA = Contact("Amina Diallo", organisation="RSA", aliases=("Amina R",))
KARINE = Contact("Karine Tremblay", circle=Circle.R1)
EVE = Contact("[bold red]Eve[/]", organisation="[@click=app.quit]x[/]")
ZOE = Contact("Zoé\x1b]52;c;aGk=\x07")
CONTACTS = [HELENE, AMINA_UX, AMINA_RSA, KARINE, EVE, ZOE]


class EditorApp(App):
    """The editor alone, over an empty screen."""

    def __init__(self, contacts=CONTACTS, body: str = "") -> None:
        super().__init__()
        self.asked = 0
        self.saved: list[Entry] = []

        def give() -> list[Contact]:
            self.asked += 1
            return contacts

        self.editor = EntryEditor(
            Entry(at=AT, body=body), self._save, is_new=True, contacts=None if contacts is None else give
        )

    def _save(self, entry: Entry, before: Entry | None) -> Entry:
        self.saved.append(entry)
        return entry

    def on_mount(self) -> None:
        self.push_screen(self.editor)


def body(app) -> TextArea:
    return app.editor.query_one("#editor-body", TextArea)


def popup(app) -> MentionCompletion:
    return app.editor.query_one(MentionCompletion)


def screen_lines(app) -> list[str]:
    # The frame as the terminal receives it (the compositor is private, but it is what is drawn).
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def popup_text(app) -> list[str]:
    """The popup's rows as drawn, inside its border."""
    region = popup(app).region
    lines = screen_lines(app)
    return [lines[y][region.x + 1 : region.right - 1].strip() for y in range(region.y + 1, region.bottom - 1)]


async def type_(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.pause()


async def test_hel_shows_helene_and_tab_inserts_her_quoted_name():
    app = EditorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "Coffee with @hel")
        assert popup(app).is_open
        assert popup(app).shown_contacts == [HELENE]
        rows = popup_text(app)
        assert len(rows) == 1 and rows[0].startswith("Hélène O'Neil") and "Desjardins" in rows[0]
        assert rows[0].endswith("R2")
        await pilot.press("tab")
        await pilot.pause()
        assert body(app).text == "Coffee with @\"Hélène O'Neil\" "
        assert body(app).cursor_location == (0, len(body(app).text))
        assert not popup(app).is_open
        assert app.focused is body(app), "tab inserted; it did not move the focus"


async def test_quoted_amina_lists_both_namesakes_and_the_rsa_one_is_written_by_her_alias():
    app = EditorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, 'Lunch with @"amina')
        assert popup(app).shown_contacts == [AMINA_UX, AMINA_RSA] or popup(app).shown_contacts == [AMINA_RSA, AMINA_UX]
        rows = popup_text(app)
        assert len(rows) == 2 and all(row.startswith("Amina Diallo") for row in rows)
        assert {"UX", "RSA"} == {row.split()[2] for row in rows}, "the organisation tells them apart"
        rsa = [row.split()[2] for row in rows].index("RSA")
        for _ in range(rsa):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert body(app).text == 'Lunch with @"Amina R" '
        # The other one has no name of her own: her mention is the shared name (which names nobody).
        await type_(pilot, '@"amina d')
        assert len(popup(app).shown_contacts) == 2
        await pilot.press(*(["down"] * (1 - rsa)))
        await pilot.press("tab")
        await pilot.pause()
        assert body(app).text == 'Lunch with @"Amina R" @"Amina Diallo" '


async def test_kar_and_enter_inserts_karine_without_a_new_line():
    app = EditorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "Call @kar")
        assert popup(app).shown_contacts == [KARINE]
        await pilot.press("enter")
        await pilot.pause()
        assert body(app).text == 'Call @"Karine Tremblay" '
        assert body(app).document.line_count == 1
        await type_(pilot, "back")
        assert body(app).text == 'Call @"Karine Tremblay" back'


async def test_undo_gives_back_what_was_typed_in_one_step():
    app = EditorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "Call @kar")
        await pilot.press("tab")
        await pilot.pause()
        assert body(app).text == 'Call @"Karine Tremblay" '
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert body(app).text == "Call @kar"


async def test_escape_closes_the_list_only_and_the_editor_keeps_its_words():
    app = EditorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "See @kar")
        assert popup(app).is_open
        await pilot.press("escape")
        await pilot.pause()
        assert not popup(app).is_open
        assert app.screen is app.editor, "esc closed the list, not the editor (no leave-without-saving dialog)"
        assert body(app).text == "See @kar"
        # Closed for this mention: typing on does not bring it back, so enter is a new line again.
        await type_(pilot, "i")
        assert not popup(app).is_open
        await pilot.press("enter")
        await pilot.pause()
        assert body(app).text == "See @kari\n"
        # A second esc is the editor's own again: it asks before dropping the words.
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not app.editor and body(app).text == "See @kari\n"


async def test_without_the_list_enter_tab_and_arrows_do_what_they_always_did():
    app = EditorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "Plain words")
        assert not popup(app).is_open
        await pilot.press("enter")
        await type_(pilot, "more")
        assert body(app).text == "Plain words\nmore"
        await pilot.press("up")
        await pilot.pause()
        assert body(app).cursor_location[0] == 0
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, Select), "tab still goes to the kind"


async def test_an_email_address_or_a_bare_at_sign_shows_nothing():
    app = EditorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "Write to karine@ex")
        assert not popup(app).is_open
        await type_(pilot, " or #@kar or x/@kar")
        assert not popup(app).is_open
        await type_(pilot, " @ ")
        assert not popup(app).is_open, "a space after a bare @ is not a mention"


async def test_no_list_in_markdown_code():
    app = EditorApp(body="Notes\n\n```python\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "@kar")
        assert not popup(app).is_open, "a decorator in a fenced block is code"
        await pilot.press("enter", *"```", "enter")
        await type_(pilot, "@kar")
        assert popup(app).is_open, "after the fence closes it is prose again"
        await pilot.press("escape")
        await type_(pilot, " `x @kar`")
        await pilot.press("left")
        await pilot.pause()
        assert body(app).text.endswith("`x @kar`")
        assert not popup(app).is_open, "inside a code span"


async def test_space_home_and_deleting_the_at_close_the_list():
    app = EditorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "@kar")
        assert popup(app).is_open
        await type_(pilot, " ")
        assert not popup(app).is_open, "a space ends a one-word mention"
        await pilot.press("backspace")
        await pilot.pause()
        assert popup(app).is_open, "back in the mention"
        await pilot.press("home")
        await pilot.pause()
        assert not popup(app).is_open, "the cursor moved away"
        await pilot.press("end", "backspace", "backspace", "backspace")
        await pilot.pause()
        assert popup(app).is_open and body(app).text == "@"  # a bare @ lists the first names
        await pilot.press("backspace")
        await pilot.pause()
        assert not popup(app).is_open
        # The quoted form takes spaces until its closing quote.
        await type_(pilot, '@"karine t')
        assert popup(app).shown_contacts == [KARINE]
        await type_(pilot, '"')
        assert not popup(app).is_open


async def test_the_list_narrows_as_letters_are_typed_and_names_come_before_words_and_aliases():
    tremblay = Contact("Tremblay Roy")
    app = EditorApp(contacts=[*CONTACTS, tremblay])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "@t")
        assert popup(app).shown_contacts == [tremblay, KARINE], "a name starting so first, a word of one next"
        await type_(pilot, "remblay r")
        assert not popup(app).is_open, "a one-word mention ends at the space"
        assert app.asked == 1, "the contacts are asked for once per mention, not per key"


async def test_markup_and_control_characters_in_names_are_shown_as_text():
    app = EditorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "@")
        assert popup(app).is_open and len(popup(app).shown_contacts) == len(CONTACTS)
        drawn = "\n".join(popup_text(app))
        assert "[bold red]Eve[/]" in drawn and "[@click=app.quit]x[/]" in drawn
        assert "Zoé]52;c;aGk=" in drawn
        screen = "\n".join(screen_lines(app))
        assert not any(bad in screen for bad in UNSAFE)
        assert app.is_running
        # Chosen, the name is written as typed but never with its control characters.
        await type_(pilot, "zo")
        await pilot.press("tab")
        await pilot.pause()
        assert body(app).text == '@"Zoé]52;c;aGk=" '
        await type_(pilot, '@"[bold')
        assert popup(app).shown_contacts == [EVE]
        await pilot.press("enter")
        await pilot.pause()
        assert body(app).text.endswith('@"[bold red]Eve[/]" ')
        assert app.is_running


async def test_the_list_sits_under_the_at_below_the_cursor_or_above_near_the_bottom():
    app = EditorApp(body="\n" * 40)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+home")
        await type_(pilot, "Met @kar")
        cursor = body(app).cursor_screen_offset
        region = popup(app).region
        assert region.y == cursor.y + 1, "just below the cursor's line"
        assert region.x + 2 == cursor.x - 3, "the names line up with the letters after the @"
        assert app.focused is body(app)
        await pilot.press("escape", "ctrl+end")
        await type_(pilot, "With @")
        cursor = body(app).cursor_screen_offset
        region = popup(app).region
        assert region.height == len(CONTACTS) + 2
        assert app.screen.size.height - cursor.y - 1 < region.height
        assert region.bottom == cursor.y, "no room below: above the cursor's line"


async def test_a_click_on_a_name_inserts_it():
    app = EditorApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, '@"amina')
        region = popup(app).region
        await pilot.click(offset=(region.x + 3, region.y + 2))
        await pilot.pause()
        assert body(app).text in ('@"Amina Diallo" ', '@"Amina R" ')
        assert app.focused is body(app)


async def test_no_contacts_no_list_and_the_old_hint():
    app = EditorApp(contacts=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "@kar")
        await pilot.press("enter")
        await pilot.pause()
        assert not app.editor.query(MentionCompletion)
        assert body(app).text == "@kar\n"


async def test_contacts_that_cannot_be_read_leave_the_editor_working():
    def broken():
        raise OSError("disk gone")

    app = EditorApp()
    app.editor = EntryEditor(Entry(at=AT, body=""), app._save, is_new=True, contacts=broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "@kar")
        assert not popup(app).is_open
        await pilot.press("enter")
        await pilot.pause()
        assert body(app).text == "@kar\n"


@pytest.mark.parametrize("theme", ["tricot-dark", "tricot-light"])
async def test_in_the_app_ctrl_n_ctrl_p_move_and_the_list_reaches_aa(theme, repository, make_test_app):
    app = make_test_app(repository, settings=Settings(theme=theme))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        editor = EntryEditor(Entry(at=AT, body=""), lambda entry, before: entry, is_new=True, contacts=lambda: CONTACTS)
        app.push_screen(editor)
        await pilot.pause()
        await type_(pilot, '@"amina')
        await pilot.pause(0.3)
        assert low_contrast_cells(app) == []
        completion = editor.query_one(MentionCompletion)
        assert completion.highlighted == 0
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert completion.highlighted == 1 and app.screen is editor, "ctrl+n moved; no palette"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert completion.highlighted == 0 and app.screen is editor, "ctrl+p moved; no palette"


def many_contacts(count: int) -> list[Contact]:
    firsts = ["Karine", "Amina", "Hélène", "Jean-Luc", "Zoé", "Marc", "Sofia", "Ngozi", "Li", "Olek"]
    lasts = ["Tremblay", "Diallo", "O'Neil", "Gagnon", "Roy", "Côté", "Bouchard", "Nguyen", "Kowalski", "Smith"]
    return [
        Contact(
            f"{firsts[i % 10]} {lasts[(i // 10) % 10]} {i}",
            organisation=f"Org {i % 97}",
            aliases=(f"{firsts[i % 10][:3]}{i}",),
        )
        for i in range(count)
    ]


async def test_five_thousand_contacts_each_key_is_handled_quickly_from_a_list_folded_once():
    contacts = many_contacts(5_000)
    app = EditorApp(contacts=contacts)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "Met @")
        assert popup(app).is_open and app.asked == 1
        text_area, completion = body(app), popup(app)
        timings = []
        # Narrowing, widening again (backspace), and a query matching nothing.
        for key in ["k", "a", "r", "backspace", "backspace", "backspace", "h", "é", "l", "x", "backspace"]:
            if key == "backspace":
                text_area.action_delete_left()
            else:
                text_area.insert(key)
            start = time.perf_counter()
            completion.update()  # the handler the key sets off, run here to time it
            timings.append(time.perf_counter() - start)
            await pilot.pause()
        assert app.asked == 1, "the contacts were read and folded once for this mention"
        assert completion.shown_contacts and all(c.name.startswith("Hélène") for c in completion.shown_contacts)
        assert len(completion.shown_contacts) == 8
        assert max(timings) < 0.05, timings


def test_typed_mention_reads_the_text_before_the_cursor():
    assert typed_mention("hi @kar", 7).query == "kar"
    assert typed_mention("hi @", 4).query == ""
    assert typed_mention('hi @"Karine Tr', 14).query == "Karine Tr"
    assert typed_mention('hi @"Karine Tr', 14).quoted
    assert typed_mention("O'Neil: @o'n", 12).query == "o'n"
    for line in ["karine@ex", "hi @kar ", 'hi @"Karine" ', "#@kar", "a/@kar", "a\\@kar", "&@kar", "@@kar", "@kar!"]:
        assert typed_mention(line, len(line)) is None, line
    assert typed_mention("hi @karine and more", 7).query == "kar", "only what is before the cursor counts"


def test_contact_index_orders_name_starts_then_words_and_aliases_then_by_name():
    roy = Contact("Roy Tremblay")
    index = ContactIndex([KARINE, roy, AMINA_RSA, AMINA_UX, HELENE, Contact("Royce", aliases=("Big R",))])
    assert [c.name for c in index.matches("roy")] == ["Roy Tremblay", "Royce"]
    assert [c.name for c in index.matches("tr")] == ["Karine Tremblay", "Roy Tremblay"]
    assert index.matches("oneil") == [HELENE] and index.matches("helene o") == [HELENE]
    assert index.matches("amina r") == [AMINA_RSA]
    assert [c.name for c in index.matches("r")][:2] == ["Roy Tremblay", "Royce"]
    assert index.matches("big") == [index.contacts[-1]] and index.matches("nobody") == []
    assert len(index.matches("", limit=3)) == 3


async def test_scrolling_the_cursor_out_of_sight_hides_the_list_until_it_comes_back():
    app = EditorApp(body="line\n" * 80)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_(pilot, "@kar")
        assert popup(app).is_open
        body(app).scroll_home(animate=False)
        await pilot.pause()
        assert not popup(app).is_open
        await pilot.press("enter")  # the text area's again: a new line (it scrolls back to the cursor)
        await pilot.pause()
        assert body(app).text.endswith("@kar\n")
        await pilot.press("backspace")
        await pilot.pause()
        assert popup(app).is_open and popup(app).shown_contacts == [KARINE]


async def test_an_entry_opened_with_its_cursor_after_a_mention_shows_no_list_until_typing():
    app = EditorApp(body="coffee with @kar")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not popup(app).is_open
        await type_(pilot, "i")
        assert popup(app).is_open
