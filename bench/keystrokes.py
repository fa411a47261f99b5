"""Key press -> updated screen, in the app running on a 10-year journal in a real terminal.

Each sample is the time from typing the key into the terminal until the
screen shows its result (read through a terminal emulator), so a key that
does nothing, or a screen that is only half updated, never counts as fast.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from bench.bare_app import key_text
from bench.terminal import Check, Terminal, gone, showing
from journal import labels
from journal.store.repository import JournalRepository

EDITOR_TITLE = "Edit entry"
NEW_TITLE = "New entry —"
HELP_FOOTER = "esc or ? to close"
PALETTE_PLACEHOLDER = "A command, or a day"
EXPORT_HINT = "enter export · esc cancel"


def _day_shown(repository: JournalRepository, day: date):
    """The header names the day and the preview shows its first entry."""
    first = repository.entries_on(day)[0]
    return showing(f"Tricot — {labels.long_date(day)}", f"{labels.long_date(day)} · {first.at:%H:%M}")


def measure(terminal: Terminal, repository: JournalRepository, today: date, samples: int) -> dict[str, list[float]]:
    """Seconds per key press for each action, `samples` of each; `terminal` shows today's screen."""
    results: dict[str, list[float]] = {
        "day switch": [],
        "open editor": [],
        "switch screen (help)": [],
        "command palette (ctrl+p)": [],
        "export dialog (palette, enter)": [],
        "save entry (ctrl+s)": [],
    }
    day = today
    for _ in range(samples):
        day -= timedelta(days=1)
        results["day switch"].append(terminal.press(b"[", _day_shown(repository, day)))
    for _ in range(samples):
        results["open editor"].append(terminal.press(b"e", showing(EDITOR_TITLE)))
        terminal.press(b"\x1b", gone(EDITOR_TITLE))
        day -= timedelta(days=1)
        terminal.press(b"[", _day_shown(repository, day))  # a different entry each time
    for _ in range(samples):
        results["switch screen (help)"].append(terminal.press(b"?", showing(HELP_FOOTER)))
        terminal.press(b"\x1b", gone(HELP_FOOTER))
    for _ in range(samples):
        results["command palette (ctrl+p)"].append(terminal.press(b"\x10", showing(PALETTE_PLACEHOLDER)))
        terminal.press(b"\x1b", gone(PALETTE_PLACEHOLDER))
    for _ in range(samples):
        terminal.press(b"\x10", showing(PALETTE_PLACEHOLDER))
        terminal.press(b"export", showing("Export to Markdown…"))
        results["export dialog (palette, enter)"].append(terminal.press(b"\r", showing(EXPORT_HINT)))
        terminal.press(b"\x1b", gone(EXPORT_HINT))
    terminal.press(b"t", showing(f"Tricot — {labels.long_date(today)}"))
    for number in range(samples):
        text = f"bench save {number:03d}"
        terminal.press(b"n", showing(NEW_TITLE))
        terminal.press(text.encode(), showing(text))
        # The whole save: the 11 MB file written atomically, the editor gone, the entry in the list.
        saved = lambda lines, text=text: gone(NEW_TITLE)(lines) and showing(text)(lines)  # noqa: E731
        results["save entry (ctrl+s)"].append(terminal.press(b"\x13", saved))
    return results


# -- The Contacts pane (mode 3, issue 9) -------------------------------------------------------

FILTER_PLACEHOLDER = "Filter: name, alias"
# Typed one character at a time, each narrowing the list: first names, a last name, an
# organisation, a tag; as users type them, without accents.
FILTER_WORDS = ["marie", "tremblay", "jean", "nguyen", "sophie", "diallo", "olivier", "emilie", "desjardins", "mentor"]
OPEN = "contacts: open pane (3 from Today)"
FILTER = "contacts: filter keystroke"
MOVE = "contacts: move selection (j)"
FIRST_OPEN = "contacts: first open (cold)"
SETTLE = 0.1  # seconds between key presses, about a typist's pace: what one key set off is over


class ContactsPane:
    """What the pane must show, worked out from the repository with the screen's own functions.

    The order is `sort_contacts` by name; the filter is `query_words`/`matches` on
    `search_key`; the count is the bar's text; the detail's first line is what
    `describe` draws (name, circle, cadence). The highlighted contact follows the
    screen's rule: a new filter keeps it if it is still listed, else the first row.
    """

    def __init__(self, repository: JournalRepository, today: date) -> None:
        from journal.domain.cadence import NEVER
        from journal.domain.contacts import SortBy, search_key, sort_contacts
        from journal.domain.settings import Settings
        from journal.tui.widgets.contact_detail import describe

        settings = Settings()  # the bench's config folder is empty: the defaults
        contacts = repository.contacts()
        self.order = sort_contacts(contacts, SortBy.NAME, {}, today, settings)
        self.keys = {c.id: search_key(c) for c in contacts}
        self.total = len(contacts)
        self._first_lines = {c.id: describe(c, NEVER, None, today, settings).plain.split("\n")[0] for c in contacts}
        self.shown = self.order
        self.highlighted: int | None = 0  # index in self.shown

    def filter(self, query: str) -> None:
        from journal.domain.contacts import matches, query_words

        words = query_words(query)
        keep = self.shown[self.highlighted].id if self.highlighted is not None else None
        self.shown = [c for c in self.order if not words or matches(self.keys[c.id], words)]
        index = next((i for i, c in enumerate(self.shown) if c.id == keep), 0)
        self.highlighted = index if self.shown else None

    def move(self, step: int) -> None:
        if self.highlighted is not None:
            self.highlighted = max(0, min(self.highlighted + step, len(self.shown) - 1))

    def count_text(self) -> str:
        from journal.i18n import _, ngettext

        count = len(self.shown)
        if count == self.total:
            return ngettext("{n} contact", "{n} contacts", count).format(n=count)
        return _("{shown} of {total}").format(shown=count, total=self.total)

    def check(self) -> Check:
        """The bar counts what the filter leaves, and the detail shows the highlighted contact."""
        count = " " + self.count_text()
        first_line = self._first_lines[self.shown[self.highlighted].id] if self.highlighted is not None else None

        def shows(lines: list[str]) -> bool:
            if not any(line.rstrip().endswith(count) for line in lines[:6]):
                return False
            return first_line is None or any(first_line in line for line in lines)

        return shows


def _filter_plan(samples: int, rounds: int) -> list[list[str]]:
    """Per round, the words typed (the last maybe cut short): `samples` characters in all."""
    words = iter(FILTER_WORDS * (samples // min(map(len, FILTER_WORDS)) + rounds))
    plans = []
    for size in _split(samples, rounds):
        plan: list[str] = []
        while size > 0:
            word = next(words)[:size]
            plan.append(word)
            size -= len(word)
        plans.append(plan)
    return plans


def _split(samples: int, rounds: int) -> list[int]:
    return [samples // rounds + (r < samples % rounds) for r in range(rounds)]


class _Session:
    """Tricot and the bare app side by side: each of our timed presses is paired with a bare one."""

    def __init__(self, ours: Terminal, floor: Terminal, today_shown: Check) -> None:
        self.ours, self.floor, self.today_shown = ours, floor, today_shown
        self.bare_presses = 0
        self.pairs = 0

    def press(self, keys: bytes, until: Check, settle: float = SETTLE) -> float:
        """Not paired: a step between samples."""
        seconds = self.ours.press(keys, until)
        self.ours.idle(settle)
        return seconds

    def back_to_today(self) -> None:
        """`1`: Today again (not timed)."""
        self.press(b"1", self.today_shown)

    def _bare(self) -> float:
        self.bare_presses += 1
        seconds = self.floor.press(b"j", showing(key_text(self.bare_presses)))
        self.floor.idle(SETTLE)
        return seconds

    def pair(
        self, keys: bytes, until: Check, then: Callable[[], object] | None = None, settle: float = SETTLE
    ) -> tuple[float, float]:
        """(ours, bare): bare first on odd pairs; `then` (not timed) right after ours, which is
        followed by `settle` seconds of quiet."""
        first = self._bare() if self.pairs % 2 else None
        seconds = self.press(keys, until, settle)
        if then is not None:
            then()
        bare = self._bare() if first is None else first
        self.pairs += 1
        return seconds, bare

    def close(self) -> None:
        self.ours.close()
        self.floor.close()


StartOurs = Callable[[], tuple[Terminal, Check]]
StartBare = Callable[[], Terminal]


@contextmanager
def session(start_ours: StartOurs, start_bare: StartBare) -> Iterator[_Session]:
    """A fresh Tricot (showing Today) and a fresh bare app, both closed at the end whatever happens.

    `start_ours()` returns a Terminal showing Today and a Check that Today is back;
    `start_bare()` a Terminal showing the bare app.
    """
    terminal, today_shown = start_ours()
    try:
        floor = start_bare()
    except BaseException:
        terminal.close()
        raise
    both = _Session(terminal, floor, today_shown)
    try:
        yield both
    finally:
        both.close()


class Rows:
    """Seconds per row: ours, and the bare presses paired with them (none for a session's first open)."""

    def __init__(self, paired: tuple[str, ...], single: tuple[str, ...] = ()) -> None:
        self.ours: dict[str, list[float]] = {row: [] for row in (*single, *paired)}
        self.bare: dict[str, list[float]] = {row: [] for row in paired}

    def once(self, row: str, seconds: float) -> None:
        self.ours[row].append(seconds)

    def record(self, row: str, times: tuple[float, float]) -> None:
        self.ours[row].append(times[0])
        self.bare[row].append(times[1])

    def result(self) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
        return self.ours, self.bare


def measure_contacts(
    start_ours: StartOurs,
    start_bare: StartBare,
    repository: JournalRepository,
    today: date,
    samples: int,
    rounds: int,
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Seconds per key press on the Contacts pane, and per bare Textual key press taken between them.

    `rounds` fresh sessions of both apps, each doing its share of the `samples`
    presses per row, and one cold first open (not counted in the open row). Each
    of our presses is paired with one in the bare app, in alternating order, so
    both see the same machine. `start_ours()` returns a Terminal showing Today and
    a Check that Today is back; `start_bare()` a Terminal showing the bare app.
    """
    rows = Rows((OPEN, FILTER, MOVE), single=(FIRST_OPEN,))
    plans = _filter_plan(samples, rounds)
    for round_, count in enumerate(_split(samples, rounds)):
        with session(start_ours, start_bare) as both:
            pane = ContactsPane(repository, today)
            rows.once(FIRST_OPEN, both.press(b"3", pane.check()))
            both.press(b"1", both.today_shown)
            for _ in range(count):
                rows.record(OPEN, both.pair(b"3", pane.check(), then=both.back_to_today))
            both.press(b"3", pane.check())
            both.press(b"/", showing(FILTER_PLACEHOLDER))
            for word in plans[round_]:
                for size in range(1, len(word) + 1):
                    pane.filter(word[:size])
                    rows.record(FILTER, both.pair(word[size - 1].encode(), pane.check()))
                for size in range(len(word) - 1, -1, -1):
                    pane.filter(word[:size])
                both.press(b"\x7f" * len(word), pane.check())  # backspaces, in one burst
            both.press(b"\x1b", _all(gone(FILTER_PLACEHOLDER), pane.check()))  # esc: the filter closes
            for _ in range(count):
                pane.move(1)
                rows.record(MOVE, both.pair(b"j", pane.check()))
    return rows.result()


def _all(*checks: Check) -> Check:
    return lambda lines: all(check(lines) for check in checks)


# -- The board (mode 2, issue 10) --------------------------------------------------------------

BOARD_FIRST_OPEN = "board: first open (cold)"
BOARD_OPEN = "board: open (2 from Today)"
BOARD_MOVE = "board: move selection (j)"
BOARD_CARD = "board: move a card (l / h, writes)"
BOARD_GIVE = "board: give a card / undo (space / u, writes)"
FIRST_OPENS = (FIRST_OPEN, BOARD_FIRST_OPEN)  # one per session: reported as median and max
# After a give or an undo: its toast ("Given to …", 3 s) is on screen, and at most two or
# three are, as when a person gives a card, reads the toast, goes on. At SETTLE's pace a
# dozen would pile up, each a widget to lay out: the bench's doing, not a person's.
GIVE_SETTLE = 1.0
# Rows of the screen the card detail takes (its box, 9 high, above the one-line footer).
DETAIL_ROWS = slice(-10, -1)


class BoardPane:
    """What the board must show, worked out from the repository with the screen's own functions.

    The columns are `board.columns` of the cards (what `BoardScreen._draw` shows), each
    titled with its count; the detail's first line is the selected card's title. Moves,
    gives and undos are the domain's `board.move`/`give`/`reverse`, and the cursor follows
    the screen's rules: a redraw keeps each column's cursor where it was (within the
    column), puts it on the changed card in that card's column, and the focus goes there.
    """

    def __init__(self, repository: JournalRepository, today: date) -> None:
        self.cards = {card.id: card for card in repository.cards()}
        self.today = today
        self.focus = 0
        self.cursors = [0, 0, 0]
        self.undo: list = []
        self._draw()

    def _draw(self, keep: str | None = None) -> None:
        from journal.domain import board

        self.shown = board.columns(self.cards.values(), self.today)
        self.rows = [self.shown.column(status) for status in board.COLUMNS]
        for at, rows in enumerate(self.rows):
            ids = [card.id for card in rows]
            self.cursors[at] = ids.index(keep) if keep in ids else min(self.cursors[at], max(len(rows) - 1, 0))

    def selected(self):
        rows = self.rows[self.focus]
        return rows[self.cursors[self.focus]] if rows else None

    def move_selection(self, step: int) -> None:
        if self.rows[self.focus]:
            self.cursors[self.focus] = max(0, min(self.cursors[self.focus] + step, len(self.rows[self.focus]) - 1))

    def _apply(self, change, undoing: bool = False) -> None:
        from journal.domain import board

        card = change.after
        self.cards[card.id] = card
        if not undoing:
            self.undo.append(change)
        self._draw(card.id)
        if card.status in board.COLUMNS:
            at = board.COLUMNS.index(card.status)
            if any(row.id == card.id for row in self.rows[at]):
                self.focus = at

    def move_card(self, step: int) -> str:
        """`l` (1) or `h` (-1) on the selected card; returns the selected card's id."""
        from datetime import datetime

        from journal.domain import board

        card = self.selected()
        change = board.move(card, step, datetime.now())
        assert change is not None, "the bench moves cards between to give and doing only"
        self._apply(change)
        return card.id

    def give(self) -> None:
        from datetime import datetime

        from journal.domain import board

        change = board.give(self.selected(), datetime.now())
        assert change is not None, "the bench gives cards that are to give or doing"
        self._apply(change)

    def undo_last(self) -> None:
        from journal.domain.board import reverse

        self._apply(reverse(self.undo.pop()), undoing=True)

    def check(self) -> Check:
        """The three columns' titles with their counts, and the selected card's title in the detail."""
        from journal import labels
        from journal.domain import board
        from journal.domain.models import CardStatus
        from journal.text import one_line
        from journal.tui.cells import steady_width

        shown = self.shown
        titles = []
        for status, rows in zip(board.COLUMNS, self.rows, strict=True):
            count = len(rows) + (shown.given_earlier if status is CardStatus.GIVEN else 0)
            titles.append(f"─ {labels.card_status(status)} · {count:,} ─")
        card = self.selected()
        # The start of the title: a toast may cover the right half of the detail.
        title = steady_width(one_line(card.title, 300))[:40] if card is not None else None

        def shows(lines: list[str]) -> bool:
            if not all(any(text in line for line in lines[:8]) for text in titles):
                return False
            return title is None or any(title in line for line in lines[DETAIL_ROWS])

        return shows


def measure_board(
    start_ours: StartOurs,
    start_bare: StartBare,
    repository: JournalRepository,
    today: date,
    samples: int,
    rounds: int,
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Seconds per key press on the board, and per bare Textual key press taken between them.

    As `measure_contacts`: `rounds` fresh sessions of both apps, each doing its share of
    the `samples` presses per row, every press of ours paired with a bare one. Per
    session: the first `2` (cold, its own row), then `2` from Today (back with `1`,
    untimed), `j` down the *to give* column, `l` and `h` alternately (the card goes to
    *doing* and back: each writes the journal), `space` and `u` alternately (the card is
    given, a ledger line per person written, then undone). Between two round trips an
    untimed `j` takes the next card, so the cards moved and given are of every kind.
    Every change is undone before the session ends: each session starts from the same board.
    """
    rows = Rows((BOARD_OPEN, BOARD_MOVE, BOARD_CARD, BOARD_GIVE), single=(BOARD_FIRST_OPEN,))
    for count in _split(samples, rounds):
        with session(start_ours, start_bare) as both:
            pane = BoardPane(repository, today)
            rows.once(BOARD_FIRST_OPEN, both.press(b"2", pane.check()))
            both.press(b"1", both.today_shown)
            for _ in range(count):
                rows.record(BOARD_OPEN, both.pair(b"2", pane.check(), then=both.back_to_today))
            both.press(b"2", pane.check())
            for _ in range(count):
                pane.move_selection(1)
                rows.record(BOARD_MOVE, both.pair(b"j", pane.check()))
            both.press(b"\x1b[H", _moved_to_top(pane))  # home: the first card again
            for i in range(count):
                step = -1 if i % 2 else 1
                pane.move_card(step)
                rows.record(BOARD_CARD, both.pair(b"h" if step < 0 else b"l", pane.check()))
                if step < 0:
                    pane.move_selection(1)
                    both.press(b"j", pane.check())
            if count % 2:
                pane.move_card(-1)
                both.press(b"h", pane.check())
            for i in range(count):
                if i % 2:
                    pane.undo_last()
                    rows.record(BOARD_GIVE, both.pair(b"u", pane.check(), settle=GIVE_SETTLE))
                    pane.move_selection(1)
                    both.press(b"j", pane.check())
                else:
                    pane.give()
                    rows.record(BOARD_GIVE, both.pair(b" ", pane.check(), settle=GIVE_SETTLE))
            if count % 2:
                pane.undo_last()
                both.press(b"u", pane.check(), settle=GIVE_SETTLE)
    return rows.result()


def _moved_to_top(pane: BoardPane) -> Check:
    pane.cursors[pane.focus] = 0
    return pane.check()
