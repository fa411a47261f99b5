"""Mode 2, the give-first board: the gives the user means to make, until they make them.

Three columns, to give / doing / given. The board keeps its cards from one
read per journal generation; its own changes update what it holds and redraw
the columns, without reading the journal again, so a move is one frame.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Header, Static

from journal import labels
from journal.domain import board
from journal.domain.board import Change, reverse
from journal.domain.models import Card, CardKind, CardStatus
from journal.domain.share import share_suggestions
from journal.i18n import _, ngettext
from journal.store import JournalError
from journal.text import one_line
from journal.tui.screens.base import TricotScreen
from journal.tui.screens.modals.card_form import KIND_KEYS
from journal.tui.widgets.card_column import CardColumn, CardRow
from journal.tui.widgets.footer import Footer
from journal.tui.cells import cell_line

UNDO_STEPS = 50


class BoardScreen(TricotScreen):
    HELP_TITLE = _("Board: give first")
    HELP_EXTRA = [
        ("↑ / ↓, j / k", _("Choose a card")),
        ("n, then a kind", _("New card: f forward an offer, a answer an ask, s share an excerpt, i introduce, o other")),
        ("f, then a kind", _("Show one kind of card (f a s i o), or 0 for all of them")),
    ]
    BINDINGS = [
        Binding("n", "new_card", _("New"), id="board.new"),
        Binding("space", "give", _("Mark given"), tooltip=_("Mark the card given: a give to each person it is for, today"), id="board.give"),
        Binding("h,shift+left", "move_card(-1)", _("Move"), key_display="h/l", tooltip=_("Move the card one column left (h, shift+←)"), id="board.move-left"),
        Binding("l,shift+right", "move_card(1)", _("Move the card one column right"), show=False, id="board.move-right"),
        Binding("e,enter", "edit_card", _("Edit"), show=False, id="board.edit"),
        Binding("d", "drop_card", _("Drop"), id="board.drop"),
        Binding("u", "undo", _("Undo"), tooltip=_("Undo the last move, give or drop (several steps)"), id="board.undo"),
        Binding("f", "kind_prefix", _("Filter"), tooltip=_("Show one kind of card: then f a s i o, or 0 for all"), id="board.filter"),
        Binding("s", "share", _("Share with"), show=False, tooltip=_("Add people whose tags or organisation match the card's tags"), id="board.share"),
        Binding("left", "column(-1)", _("Previous column"), show=False, id="board.previous-column"),
        Binding("right", "column(1)", _("Next column"), show=False, id="board.next-column"),
    ]
    DEFAULT_CSS = """
    BoardScreen #board-body {
        padding: 0 1;
    }
    BoardScreen #board-bar {
        height: 1;
        margin-top: 1;
    }
    BoardScreen #board-title {
        width: 1fr;
    }
    BoardScreen #board-count {
        width: auto;
        color: $text-muted;
    }
    BoardScreen #board-columns {
        height: 1fr;
    }
    BoardScreen #card-detail {
        height: 9;
        border: round $panel;
        padding: 0 1;
        overflow-y: hidden;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.kind: CardKind | None = None
        self._kind_pending = False
        self._cards: dict[str, Card] = {}
        self._names: dict[str, str] = {}
        self._undo: list[Change] = []
        self._columns: board.Columns | None = None
        self._bindings_state: tuple[bool, bool] | None = None
        self._contacts: list | None = None
        self._count_shown: str | None = None
        self._pending: list[tuple[Change, str, bool]] = []  # shown, to be saved right after the frame
        self._detail_key: tuple | None = None
        self._drawing = False  # while the columns are redrawn: the detail is drawn once, at the end
        self._suggested: tuple[tuple, list] | None = None  # the share queue of the card shown, kept

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="🧶")
        with Vertical(id="board-body"):
            with Horizontal(id="board-bar"):
                yield Static(id="board-title")
                yield Static(id="board-count")
            with Horizontal(id="board-columns"):
                yield CardColumn(
                    labels.card_status(CardStatus.TO_GIVE),
                    _("Nothing to give yet. n adds a card: a job offer to forward, an ask to answer, an excerpt to share, an introduction to make."),
                    id="column-to-give",
                )
                yield CardColumn(
                    labels.card_status(CardStatus.DOING),
                    _("Gives under way. l moves the chosen card here; space marks it given."),
                    id="column-doing",
                )
                yield CardColumn(
                    labels.card_status(CardStatus.GIVEN),
                    _("What you gave shows here. space on a card marks it given: a give to each person it is for."),
                    id="column-given",
                )
            yield Static(id="card-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = _("Board")
        for column in self._column_widgets():
            column.on_highlight = self._show_detail
        self.reload()
        self._column_widgets()[0].focus()

    # -- what is shown ------------------------------------------------------------------------

    def _column_widgets(self) -> list[CardColumn]:
        return list(self.query(CardColumn))

    def _focused_column(self) -> CardColumn:
        focused = self.focused
        columns = self._column_widgets()
        return focused if isinstance(focused, CardColumn) else columns[0]

    def _selected(self) -> Card | None:
        try:
            card_id = self._focused_column().highlighted_id
        except NoMatches:
            return None
        return self._cards.get(card_id) if card_id else None

    def reload(self) -> None:
        """Read the cards (and the contacts' names) again: the journal changed elsewhere."""
        self._save_pending()  # ours first: then the journal as it is, with what another process changed
        repository = self.repository
        self._cards = {card.id: card for card in repository.cards()}
        contacts = repository.contacts()
        if contacts is not self._contacts:  # the same list until the contacts change
            self._contacts = contacts
            self._names = {contact.id: contact.name for contact in contacts}
        self._draw()
        super().reload()

    def _draw(self, keep: str | None = None, focus: bool = False) -> None:
        """The columns from the cards held; the cursor stays on card `keep` (or where it was),
        and with `focus` the focus follows that card to its column."""
        self._drawing = True
        try:
            self._draw_columns(keep, focus)
        finally:
            self._drawing = False
        self._draw_bar()
        self._show_detail()

    def _draw_columns(self, keep: str | None, focus: bool) -> None:
        today = self.app.clock.today()
        shown = board.columns(self._cards.values(), today, self.kind)
        self._columns = shown
        for column, status in zip(self._column_widgets(), board.COLUMNS, strict=True):
            cards = shown.column(status)
            more = ""
            if status is CardStatus.GIVEN and shown.given_earlier:
                more = ngettext("+ {n} given earlier", "+ {n} given earlier", shown.given_earlier).format(
                    n=f"{shown.given_earlier:,}"
                )
            title = f"{labels.card_status(status)} · {len(cards) + (shown.given_earlier if status is CardStatus.GIVEN else 0):,}"
            here = keep is not None and any(c.id == keep for c in cards)
            column.show([self._row(card, today) for card in cards], keep if here else None, more, title)
            if here and focus and self.focused is not column:
                column.focus()

    def _draw_bar(self) -> None:
        parts: list[str | tuple[str, str]] = [(_("Give first"), "bold $text-primary")]
        if self.kind is not None:
            parts += ["  ", (_("only: {kind}").format(kind=labels.card_kind(self.kind)), "bold $text-accent")]
        if self._kind_pending:
            keys = " · ".join(f"{key} {labels.card_kind_short(kind)}" for key, kind in KIND_KEYS.items())
            parts += ["  ", (_("kind: {keys} · 0 all").format(keys=keys), "bold $text-warning")]
        self.query_one("#board-title", Static).update(Content.assemble(*parts), layout=False)
        dropped = self._columns.dropped if self._columns else 0
        count = ngettext("{n} dropped", "{n} dropped", dropped).format(n=f"{dropped:,}") if dropped else ""
        if count != self._count_shown:  # its width may change: a layout, only then
            self._count_shown = count
            self.query_one("#board-count", Static).update(count)

    def _who(self, card: Card) -> str:
        names = [self._names.get(contact_id, _("someone removed")) for contact_id in card.contact_ids]
        if card.kind is CardKind.INTRODUCTION and len(names) == 2:
            return _("{one} ↔ {other}").format(one=names[0], other=names[1])
        return ", ".join(names)

    def _when(self, card: Card, today: date) -> tuple[str, bool]:
        if card.status is CardStatus.GIVEN and card.done is not None:
            return labels.relative_day(card.done.date(), today).lower() if (today - card.done.date()).days < 2 else card.done.date().isoformat(), False
        late = board.days_late(card, today)
        waiting = board.ask_waiting(card, today)
        parts = []
        if card.due is not None:
            parts.append(labels.days_late(late) if card.due <= today else labels.due_in(card.due, today))
        if waiting is not None:
            parts.append(labels.asked_ago(waiting))
        return " · ".join(parts), late > 0

    def _row(self, card: Card, today: date) -> CardRow:
        when, late = self._when(card, today)
        return CardRow(card.id, card.title, labels.card_kind_short(card.kind), self._who(card), when, late)

    def _show_detail(self) -> None:
        if self._drawing:
            return
        detail = self.query_one("#card-detail", Static)
        card = self._selected()
        key = (card, id(self._contacts), self.size.width, self.app.clock.today())
        state = (card is not None, bool(self._undo))
        if state != self._bindings_state:  # the footer's keys change: rebuilt only then
            self._bindings_state = state
            self.refresh_bindings()
        if key == self._detail_key:
            return  # the same card, drawn already (a focus moving, a cursor set again)
        self._detail_key = key
        if card is None:
            detail.update(Content(_("n adds a card. ←/→ choose a column, h/l move the card, space marks it given, u undoes.")).stylize("$text-muted"), layout=False)
            return
        today = self.app.clock.today()
        # At most about two lines: the kind, tags and who it would interest must stay in sight.
        parts: list[str | tuple[str, str]] = [(cell_line(card.title, max(self.size.width * 2 - 12, 40)), "bold")]
        parts += ["\n", (labels.card_kind(card.kind), "$text-secondary")]
        who = self._who(card)
        if who:
            parts += ["  ", (_("for "), "$text-muted"), cell_line(who, 200)]
        when, late = self._when(card, today)
        if card.due is not None:
            parts += ["  ", (_("due {day}").format(day=card.due.isoformat()), "$text-muted")]
        if when:
            parts += ["  ", (when, "bold $text-warning" if late else "$text-muted")]
        if card.tags:
            parts += ["\n", (" ".join("#" + cell_line(t, 40) for t in card.tags), "$text-accent")]
        if card.payload.strip():
            lines = [cell_line(line, 200) for line in card.payload.splitlines()[:40] if line.strip()][:3]
            parts += ["\n", ("\n".join(lines), "$text-muted")]
        if card.kind is CardKind.EXCERPT and card.tags and card.status is not CardStatus.GIVEN:
            found = self._share_queue(card)[:4]
            if found:
                names = ", ".join(cell_line(s.contact.name, 30) for s in found)
                parts += ["\n", (_("Might interest: "), "$text-muted"), names, (_("  (s to choose)"), "$text-muted")]
        detail.update(Content.assemble(*parts), layout=False)  # a fixed height: no layout on a key

    def _share_queue(self, card: Card) -> list:
        """Who an excerpt would interest, kept until the card's tags or the contacts change."""
        contacts = self.repository.contacts()
        key = (card.id, card.tags, card.contact_ids, id(contacts))
        if self._suggested is None or self._suggested[0] != key:
            self._suggested = (key, share_suggestions(card, contacts, limit=12))
        return self._suggested[1]

    # -- the kind filter: f then one key ----------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        if not self._kind_pending:
            return
        self._kind_pending = False
        key = event.character or ""
        if key in KIND_KEYS or key == "0":
            event.stop()
            event.prevent_default()
            self.kind = KIND_KEYS.get(key)
            keep = self._selected()
            self._draw(keep.id if keep else None)
        else:
            self._draw_bar()

    def action_kind_prefix(self) -> None:
        self._kind_pending = True
        self._draw_bar()

    def action_column(self, step: int) -> None:
        columns = self._column_widgets()
        at = columns.index(self._focused_column())
        columns[max(0, min(at + step, len(columns) - 1))].focus()

    # -- changes ------------------------------------------------------------------------------------

    def _apply(self, change: Change | None, done: str, *, undoing: bool = False) -> None:
        """Show a change at once, and save it right after that frame.

        The board is drawn from what it holds, so a move is one frame; the journal is
        written just after it (~15-40 ms on ten years of data), in order, before the next
        key is handled. A save that fails or finds the card changed elsewhere takes the
        change back on screen and says so.
        """
        if change is None:
            return
        if undoing:
            self._undo.pop()
        else:
            self._undo = [*self._undo, change][-UNDO_STEPS:]
        card = change.after
        self._cards[card.id] = card
        self._draw(card.id, focus=True)
        self._pending.append((change, done, undoing))
        self.call_after_refresh(self._save_pending)

    def _save_pending(self) -> None:
        """Save the changes shown and not saved yet, in order. Every action that reads the
        journal calls it first, so a key pressed before the frame never works on a stale card."""
        while self._pending:
            self._save(*self._pending.pop(0))

    def _save(self, change: Change, done: str, undoing: bool) -> None:
        original = reverse(change) if undoing else change  # what the undo stack holds
        try:
            saved = self.repository.apply_card_change(change)
        except JournalError as error:
            self._pending.clear()
            self._take_back(change, original, undoing)
            self.notify(error.line(), title=_("Not saved"), severity="error", timeout=15, markup=False)
            return
        if not saved:
            self._pending.clear()  # built on what was not saved
            self._take_back(change, original, undoing)
            self.notify(
                _("This card was changed elsewhere (another terminal or device) meanwhile: nothing was done. The board now shows it as it is."),
                severity="warning",
                timeout=8,
            )
            return
        self.drawn_generation = self.repository.generation  # nothing else changed: no read again
        self.app.release_journal()
        self.app.tell_warnings()
        if done:
            self.notify(done, timeout=3, markup=False)

    def _take_back(self, change: Change, original: Change, undoing: bool) -> None:
        """A change not saved: the board shows the journal as it is, and undo forgets what did not happen."""
        if undoing:
            self._undo.append(original)  # still not undone
        elif self._undo and self._undo[-1] is original:
            self._undo.pop()
        if self.repository.get_card(change.before.id) != change.before:
            self._undo.clear()  # what the steps were built on changed elsewhere
        self.reload()

    def action_move_card(self, step: int) -> None:
        self._save_pending()
        card = self._selected()
        if card is None:
            return
        records = self.repository.card_records(card.id) if card.status is CardStatus.GIVEN else ()
        self._apply(board.move(card, step, self.app.clock.now(), records), "")

    def action_give(self) -> None:
        self._save_pending()
        card = self._selected()
        if card is None:
            return
        change = board.give(card, self.app.clock.now())
        if change is None:
            self.notify(_("Given already."), timeout=3)
            return
        # Someone deleted since the card was made gets no give: there is nobody to record it for.
        change = dataclasses.replace(change, added=tuple(x for x in change.added if x.contact_ids[0] in self._names))
        names = ", ".join(self._names[i] for i in dict.fromkeys(card.contact_ids) if i in self._names)
        done = _("Given to {who}. u undoes.").format(who=one_line(names, 80)) if names else _("Given. u undoes.")
        self._apply(change, done)

    def action_drop_card(self) -> None:
        self._save_pending()
        card = self._selected()
        if card is None:
            return
        change = board.drop(card, self.app.clock.now())
        if change is None:
            self.notify(_("A given card stays given: move it back (h) first to drop it."), timeout=5)
            return
        self._apply(change, _("Dropped (kept, off the board). u undoes."))

    def action_undo(self) -> None:
        self._save_pending()
        if not self._undo:
            self.notify(_("Nothing to undo."), timeout=3)
            return
        self._apply(reverse(self._undo[-1]), _("Undone."), undoing=True)

    def action_new_card(self) -> None:
        self._save_pending()
        from journal.tui.screens.modals.card_form import CardForm

        kind = self.kind  # a filtered board adds cards of its kind
        self.app.push_screen(CardForm(None, self.repository.contacts, now=self.app.clock.now(), kind=kind), self._saved_new)

    def _saved_new(self, card: Card | None) -> None:
        if card is None:
            return
        try:
            self.repository.add_card(card)
        except JournalError as error:
            self.notify(error.line(), title=_("Not saved"), severity="error", timeout=15, markup=False)
            return
        self.app.release_journal()
        self.app.tell_warnings()
        self._cards[card.id] = card
        self.drawn_generation = self.repository.generation
        self._draw(card.id, focus=True)

    def action_edit_card(self) -> None:
        self._save_pending()
        from journal.tui.screens.modals.card_form import CardForm

        card = self._selected()
        if card is None:
            return

        def saved(edited: Card | None) -> None:
            if edited is None or edited == card:
                return
            records = self.repository.card_records(card.id) if card.status is CardStatus.GIVEN else ()
            self._apply(board.edit(card, edited, self.app.clock.now(), records), _("Card saved."))

        self.app.push_screen(CardForm(card, self.repository.contacts, now=self.app.clock.now()), saved)

    def action_share(self) -> None:
        self._save_pending()
        from journal.tui.screens.modals.share import ShareScreen

        card = self._selected()
        if card is None:
            return
        if card.status not in (CardStatus.TO_GIVE, CardStatus.DOING):
            return
        if not card.tags:
            self.notify(_("Give the card tags (e) and Tricot suggests who they would interest."), timeout=5)
            return
        found = self._share_queue(card)
        if not found:
            self.notify(_("Nobody's tags, organisation or role match this card's tags."), timeout=5)
            return

        def chosen(ids: list[str] | None) -> None:
            if not ids:
                return
            edited = dataclasses.replace(card, contact_ids=tuple(dict.fromkeys([*card.contact_ids, *ids])))
            self._apply(board.edit(card, edited, self.app.clock.now(), ()), _("Added to the card."))

        self.app.push_screen(ShareScreen(card, found), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("give", "drop_card", "edit_card", "move_card", "share"):
            return self._selected() is not None
        if action == "undo":
            return bool(self._undo)
        return True
