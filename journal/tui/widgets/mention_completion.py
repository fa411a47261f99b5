"""Completing an `@mention` from the contacts while an entry is written.

Typing `@` and the start of a name (`@kar`, or `@"Karine Tr` for the quoted
form) in the editor's text area shows, just below the cursor, the contacts
whose name, a word of it, or an alias starts that way. The text area keeps the
focus: the editor hands the popup its keys (up/down, tab/enter, esc) only while
it is shown, so every key does what it always did when it is not.

The popup never takes focus and never reads a name as markup; names are shown
without control characters. The contacts are asked for when a mention starts
(not per key), folded once, and each key press scans that precomputed list
(narrowing the previous matches while the name only grows).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from textual.content import Content
from textual.geometry import Offset
from textual.widgets import OptionList, TextArea
from textual.widgets.option_list import Option

from journal.domain.mentions import People, format_mention, mentions, prose
from journal.domain.models import Contact
from journal.domain.names import fold
from journal.text import displayable, one_line
from journal.tui.cells import cell_line

MAX_ITEMS = 8
# A name being typed longer than this is not looked for (a runaway `@"` on a long line).
LONGEST_TYPED = 120
NAME_CELLS = 40
ORGANISATION_CELLS = 28

# What may not stand right before the `@` of a mention (the rule of mentions.py).
_NOT_AFTER = re.compile(r"[\w@#&/\\]")
# A one-word name being typed: it may end, for now, on the - ' . of Jean-Luc or O'Neil.
_PARTIAL_WORD = re.compile(r"\w[\w\-'’.]*")
# What a completion also replaces right after the cursor (completing in the middle of a name).
_REST_OF_WORD = re.compile(r"\w*")
_REST_OF_QUOTED = re.compile(r"\w*\"?")


@dataclass(frozen=True, slots=True)
class TypedMention:
    """A mention being typed: where its `@` is, and the name typed so far."""

    row: int
    column: int  # of the `@`
    query: str
    quoted: bool


def typed_mention(line: str, column: int, row: int = 0) -> TypedMention | None:
    """The mention being typed just before `column` in `line`, if any (code is not looked at here)."""
    before = line[:column]
    at = before.rfind("@", max(0, column - LONGEST_TYPED))
    if at < 0 or (at > 0 and _NOT_AFTER.match(before[at - 1])):
        return None
    typed = before[at + 1 :]
    if typed.startswith('"'):
        query = typed[1:]
        if '"' in query:  # closed: the mention is written
            return None
        return TypedMention(row, at, query, quoted=True)
    if typed and not _PARTIAL_WORD.fullmatch(typed):
        return None  # a space or a sign ended it
    return TypedMention(row, at, typed, quoted=False)


class ContactIndex:
    """The contacts folded once (`names.fold`), in name order, to match a name as it is typed."""

    def __init__(self, contacts: Sequence[Contact]) -> None:
        rows = []
        for contact in contacts:
            name = fold(contact.name)
            if not name:
                continue
            # Every word start a query may match: the name's words, then each alias's, one
            # segment a line (a folded string holds no line break, so a match never spans two).
            keys = "\n".join(" " + key for key in (name, *(fold(a) for a in contact.aliases)) if key)
            rows.append((name, contact.name, keys, contact))
        rows.sort(key=lambda row: (row[0], row[1]))
        self._names = [row[0] for row in rows]
        self._keys = [row[2] for row in rows]
        self.contacts: list[Contact] = [row[3] for row in rows]
        # The previous query and every index it matched: a longer query only narrows them.
        self._last_query: str | None = None
        self._last_hits: list[int] = []

    def __len__(self) -> int:
        return len(self.contacts)

    def matches(self, query: str, limit: int = MAX_ITEMS) -> list[Contact]:
        """Up to `limit` contacts for `query`: names starting with it first, then a word or an alias; by name."""
        key = fold(query)
        if not key:
            self._last_query = None
            return self.contacts[:limit]
        last = self._last_query
        pool = self._last_hits if last is not None and key.startswith(last) else range(len(self._keys))
        word = " " + key
        keys = self._keys
        hits = [index for index in pool if word in keys[index]]
        self._last_query, self._last_hits = key, hits
        names = self._names
        found = [index for index in hits if names[index].startswith(key)][:limit]
        if len(found) < limit:
            found += [index for index in hits if not names[index].startswith(key)][: limit - len(found)]
        return [self.contacts[index] for index in found]


def mention_text(contact: Contact, people: People) -> str:
    """How to write a mention of `contact` so that it names them, and them only.

    The full name if it does; else the first alias that does (a namesake shares the
    name); else the name anyway (the domain's rule: a shared name names nobody).
    What the mention reads back as is checked, not just the name: a name holding a
    double quote loses it in the quoted form. Control characters are never put into
    the text: a name holding one is written without it.
    """
    for candidate in (contact.name, *contact.aliases):
        if displayable(candidate) != candidate or "\n" in candidate or "\t" in candidate:
            continue
        text = format_mention(candidate)
        read_back = mentions(text)
        if read_back and people.resolve(read_back[0]) is contact:
            return text
    return format_mention(one_line(contact.name))


def contact_prompt(contact: Contact, name_cells: int) -> Content:
    """The name as typed (no markup, no control characters), then, dimmed, the organisation and circle."""
    name = cell_line(contact.name, NAME_CELLS)
    parts: list[str | tuple[str, str]] = [name]
    organisation = cell_line(contact.organisation, ORGANISATION_CELLS)
    used = cell_len(name)
    if organisation:
        parts += ["  ", (organisation, "$text-muted")]
        used += 2 + cell_len(organisation)
    parts += [" " * max(2, name_cells - used + 2), (contact.circle.value, "$text-secondary")]
    return Content.assemble(*parts)


def _head_cells(contact: Contact) -> int:
    width = cell_len(cell_line(contact.name, NAME_CELLS))
    organisation = cell_line(contact.organisation, ORGANISATION_CELLS)
    return width + (2 + cell_len(organisation) if organisation else 0)


class MentionCompletion(OptionList, can_focus=False):
    """The popup of contacts under the cursor of `target`, while a mention is typed there.

    The screen calls `update` on each edit and cursor move of `target`, `place` when the
    text scrolls, and hands it up/down (`move`), tab/enter (`accept`) and esc (`close`)
    while `is_open`.
    """

    DEFAULT_CSS = """
    MentionCompletion {
        overlay: screen;
        display: none;
        width: auto;
        height: auto;
        max-height: 100vh;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    MentionCompletion.-shown {
        display: block;
    }
    /* The text area keeps the focus, but the popup's choice is what tab and enter take. */
    MentionCompletion > .option-list--option-highlighted {
        background: $block-cursor-background;
        text-style: bold;
    }
    """

    def __init__(
        self, target: TextArea, contacts: Callable[[], Sequence[Contact]], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.target = target
        self._contacts = contacts
        self._source: Sequence[Contact] | None = None
        self._index: ContactIndex | None = None
        self._people: People | None = None
        self._typed: TypedMention | None = None  # what the shown list is for
        self._dismissed: tuple[int, int] | None = None  # the `@` esc closed the list on
        self._shown: list[Contact] = []
        self._box = (0, 0)  # the list's width and height, border included

    # --- state -----------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return bool(self._shown) and self.has_class("-shown")

    @property
    def shown_contacts(self) -> list[Contact]:
        return list(self._shown)

    def close(self, *, dismiss: bool = False) -> None:
        """Hide the list; `dismiss` keeps it hidden for this `@` until the cursor leaves it."""
        if dismiss and self._typed is not None:
            self._dismissed = (self._typed.row, self._typed.column)
        self._typed = None
        self._hide()

    def _hide(self) -> None:
        self._shown = []
        self.remove_class("-shown")

    # --- following the cursor --------------------------------------------------------------

    def update(self) -> None:
        """Show, narrow or hide the list for the text before the cursor. Called on each edit or move."""
        typed = self._typed_at_cursor()
        if typed is None:
            self._dismissed = None
            self.close()
            return
        if self._dismissed == (typed.row, typed.column):
            return
        self._dismissed = None
        if typed == self._typed:
            return  # the same mention (an edit and a cursor move arrive for one key)
        if self._typed is None or (self._typed.row, self._typed.column) != (typed.row, typed.column):
            self._open()  # a new mention: ask for the contacts once
        self._typed = typed
        index = self._index
        found = index.matches(typed.query) if index is not None else []
        if found:
            self._show(found)
        else:
            self._hide()  # nothing for this query (a shorter one may find some again)

    def _typed_at_cursor(self) -> TypedMention | None:
        target = self.target
        if not target.has_focus or not target.selection.is_empty:
            return None
        row, column = target.cursor_location
        document = target.document
        typed = typed_mention(document.get_line(row), column, row)
        if typed is None:
            return None
        # Not in Markdown code (nor a link's destination, nor an HTML comment): the rule of mentions.py.
        at = document.get_index_from_location((row, typed.column))
        text = target.text
        if prose(text)[at : at + 1] != "@":
            return None
        return typed

    def _open(self) -> None:
        try:
            contacts = self._contacts()
        except Exception as error:  # noqa: BLE001 - completing is a convenience: never lose the words for it
            self.log.error(f"mention completion: the contacts could not be read: {error!r}")
            self._source, self._index, self._people = None, None, None
            return
        if contacts is not self._source or self._index is None:
            self._source = contacts
            self._index = ContactIndex(contacts)
            self._people = None  # built when a choice is made

    def _show(self, found: list[Contact]) -> None:
        self._shown = found
        head = max(_head_cells(contact) for contact in found)
        prompts = [contact_prompt(contact, head) for contact in found]
        self.set_options(Option(prompt) for prompt in prompts)
        self.highlighted = 0
        self._box = (max(prompt.cell_length for prompt in prompts) + 4, len(prompts) + 2)  # border, padding
        self.place()

    def place(self) -> None:
        """Just below the cursor's line, under the `@`; above it when there is no room below."""
        if not self._shown:
            return
        width, height = self._box
        screen = self.screen.size
        target = self.target
        cursor = target.cursor_screen_offset
        visible = target.content_region
        if not visible.y <= cursor.y < visible.bottom:
            # The wheel scrolled the cursor's line out of sight: hidden (the keys are the text
            # area's again) until it is scrolled back.
            self.remove_class("-shown")
            return
        self.add_class("-shown")
        x = cursor.x
        if self._typed is not None:
            wrapped = target.wrapped_document
            at = wrapped.location_to_offset((self._typed.row, self._typed.column))
            here = wrapped.location_to_offset(target.cursor_location)
            if at.y == here.y:  # the `@` is on the cursor's visual line (not wrapped onto the one above)
                x = cursor.x - (here.x - at.x)
        below = screen.height - cursor.y - 1
        above = cursor.y
        if height > below and height > above:
            height = max(below, above, 3)
        y = cursor.y + 1 if height <= below or below >= above else cursor.y - height
        width = min(width, screen.width)
        # The border and the padding to the left of the `@`: the names line up with what is typed.
        x = max(0, min(x - 1, screen.width - width))
        self.styles.width = width
        self.styles.height = height
        offset = Offset(x, max(0, y))
        if self.absolute_offset != offset:
            self.absolute_offset = offset
            self.refresh(layout=True)

    # --- choosing --------------------------------------------------------------------------

    def move(self, step: int) -> None:
        if self._shown:
            self.highlighted = ((self.highlighted or 0) + step) % len(self._shown)

    def accept(self) -> bool:
        """Replace the typed `@partial` by the highlighted contact's mention and a space."""
        if not self.is_open or self.highlighted is None:
            return False
        contact = self._shown[self.highlighted]
        typed = self._typed_at_cursor()
        if typed is None:
            self.close()
            return False
        if self._people is None:
            self._people = People(self._source or ())
        text = mention_text(contact, self._people)
        target = self.target
        row, column = target.cursor_location
        line = target.document.get_line(row)
        rest = (_REST_OF_QUOTED if typed.quoted else _REST_OF_WORD).match(line, column)
        end = rest.end() if rest else column
        self.close()
        if target.read_only:
            return False
        if line[end : end + 1] in (" ", "\t"):
            # A space follows already (completing in the middle of a line): go past it, add none.
            target.replace(text, (row, typed.column), (row, end), maintain_selection_offset=False)
            target.move_cursor((row, typed.column + len(text) + 1))
        else:
            target.replace(text + " ", (row, typed.column), (row, end), maintain_selection_offset=False)
        return True

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A click on a contact chooses it (the text area keeps the focus)."""
        event.stop()
        self.accept()
