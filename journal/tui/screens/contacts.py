"""Contacts (mode 3): the network by circle, who is due for a word, and each person's history."""

from __future__ import annotations

from datetime import datetime

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Header, Input, OptionList, Static

from journal import labels
from journal.tui.widgets.footer import Footer
from journal.domain.cadence import NEVER, Due, Reason
from journal.domain.contacts import SortBy, matches, query_words, search_key, sort_contacts
from journal.domain.mentions import format_mention
from journal.domain.models import Circle, Contact, Entry, EntryKind
from journal.i18n import _, ngettext
from journal.store import JournalError
from journal.text import one_line
from journal.tui.screens.base import TricotScreen
from journal.tui.widgets.contact_detail import ContactDetail
from journal.tui.widgets.contact_table import ContactRow, ContactTable, ContactTableHeader

CIRCLES: tuple[Circle | None, ...] = (None, Circle.R1, Circle.R2, Circle.R3)
SORTS = (SortBy.NAME, SortBy.LAST, SortBy.OVERDUE)
CIRCLE_KEYS = {"1": Circle.R1, "2": Circle.R2, "3": Circle.R3, "0": None, "a": None}
MOVE_KEYS = Binding.Group(_("Circle"), compact=True)


def _sort_label(by: SortBy) -> str:
    return {SortBy.NAME: _("by name"), SortBy.LAST: _("by last interaction"), SortBy.OVERDUE: _("most overdue first")}[by]


class FilterInput(Input):
    """The filter field, calling back as its value changes: the list is redrawn in the frame that
    shows the key typed, not one frame later as `Input.Changed` would."""

    def __init__(self, changed, **options) -> None:
        super().__init__(**options)
        self._changed = changed

    def watch_value(self, value: str) -> None:
        self._changed(value)


class ContactsScreen(TricotScreen):
    HELP_TITLE = _("Contacts: your network by circle")
    HELP_EXTRA = [
        ("↑ / ↓  j / k", _("Choose a contact; page up / down, home / end")),
        ("enter", _("Open the contact's history; enter again opens the entry")),
    ]
    BINDINGS = [
        Binding("slash", "filter", _("Filter"), key_display="/", id="contacts.filter"),
        Binding("n", "new_contact", _("New"), id="contacts.new"),
        Binding("e", "edit_contact", _("Edit"), id="contacts.edit"),
        Binding("d", "delete_contact", _("Delete"), show=False, id="contacts.delete"),
        Binding("greater_than_sign", "move_circle(True)", _("Closer"), key_display=">", group=MOVE_KEYS, id="contacts.closer"),
        Binding("less_than_sign", "move_circle(False)", _("Further"), key_display="<", group=MOVE_KEYS, id="contacts.further"),
        Binding(
            "o",
            "reconnect",
            _("Reconnect"),
            tooltip=_("Who is due for a word: event follow-ups first, then the most overdue (o again: everyone)"),
            id="contacts.reconnect",
        ),
        Binding("g", "log_exchange('give')", _("Log a give"), show=False, tooltip=_("Something you did for them, without a card"), id="contacts.give"),
        Binding("a", "log_exchange('ask')", _("Log an ask"), show=False, tooltip=_("Something you asked of them"), id="contacts.ask"),
        Binding("l", "log_reached_out", _("Reached out"), tooltip=_("Note in today's journal that you reached out to them"), id="contacts.log"),
        Binding(
            "r",
            "circle_prefix",
            _("Circle"),
            tooltip=_("Show one circle: r then 1, 2 or 3 (0: every circle)"),
            show=False,
            id="contacts.circle",
        ),
        Binding("tab", "cycle_circle(1)", _("Next circle"), show=False, id="contacts.next-circle"),
        Binding("shift+tab", "cycle_circle(-1)", _("Previous circle"), show=False, id="contacts.previous-circle"),
        Binding("i", "app.import_contacts", _("Import"), tooltip=_("Import contacts from a vCard file or LinkedIn's Connections.csv"), show=False, id="contacts.import"),
        Binding("s", "cycle_sort", _("Sort"), tooltip=_("Sort by name, by last interaction, or most overdue first"), id="contacts.sort"),
        Binding(
            "escape",
            "back",
            _("Back"),
            tooltip=_("Back from the history to the list; clear the filter; leave the reconnect list"),
            show=False,
            id="contacts.back",
        ),
    ]
    DEFAULT_CSS = """
    ContactsScreen #contacts-body {
        padding: 0 1;
    }
    ContactsScreen #contacts-bar {
        height: 1;
        margin-top: 1;
    }
    ContactsScreen #contacts-circles {
        width: 1fr;
    }
    ContactsScreen #contacts-count {
        width: 24;
        text-align: right;
        color: $text-muted;
    }
    ContactsScreen #contacts-filter {
        display: none;
        margin-top: 1;
    }
    ContactsScreen #contacts-filter.shown {
        display: block;
    }
    ContactsScreen #contacts-main {
        height: 1fr;
        margin-top: 1;
    }
    ContactsScreen #contacts-left {
        width: 3fr;
        min-width: 40;
        border: round $panel;
    }
    ContactsScreen #contacts-left:focus-within {
        border: round $primary;
    }
    ContactsScreen #contacts-detail {
        width: 2fr;
        min-width: 30;
    }
    ContactsScreen #contacts-empty {
        margin: 1 2;
        padding: 1 2;
        height: auto;
        max-width: 90;
        border: round $primary;
        display: none;
    }
    ContactsScreen #contacts-empty.shown {
        display: block;
    }
    ContactsScreen #contacts-none {
        color: $text-muted;
        padding: 1 2;
        display: none;
    }
    ContactsScreen #contacts-none.shown {
        display: block;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.circle: Circle | None = None
        self.sort_by = SortBy.NAME
        self.reconnecting = False
        self.filter_text = ""
        self._circle_pending = False
        # Built once per journal generation (see _index): keys, rows, the due list, the orders.
        self._generation = -1
        self._contacts: list[Contact] = []
        self._keys: dict[str, str] = {}
        self._rows: dict[str, ContactRow] = {}
        self._due: dict[str, Due] = {}
        self._due_order: list[str] = []
        self._orders: dict[SortBy, list[str]] = {}
        self._bindings_state: tuple[bool, bool] | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="🧶")
        with Vertical(id="contacts-body"):
            with Horizontal(id="contacts-bar"):
                yield Static(id="contacts-circles")
                yield Static(id="contacts-count")
            yield FilterInput(
                self._filter_typed,
                placeholder=_("Filter: name, alias, #tag, organisation (accents and case do not matter)"),
                id="contacts-filter",
            )
            yield Static(id="contacts-empty")
            with Horizontal(id="contacts-main"):
                with Vertical(id="contacts-left"):
                    yield ContactTableHeader()
                    yield ContactTable(id="contacts-table")
                    yield Static(id="contacts-none")
                yield ContactDetail(id="contacts-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = _("Contacts")
        self.query_one(ContactTable).on_highlight = self._highlight_moved
        self.reload()
        self.query_one(ContactTable).focus()

    # -- the index: per generation, never per key ----------------------------------

    def _index(self) -> None:
        repository = self.repository
        if self._generation == repository.generation:
            return
        today, settings = self.app.clock.today(), self.app.settings
        contacts = repository.contacts()
        activities = repository.activities()
        due = repository.due(today, settings)
        self._contacts = contacts
        self._keys = {c.id: search_key(c) for c in contacts}
        self._due = {d.contact.id: d for d in due}
        self._due_order = [d.contact.id for d in due]
        self._rows = {
            c.id: ContactRow(
                id=c.id,
                name=c.name,
                circle=c.circle.value,
                org=c.organisation,
                last=labels.days_ago(activities.get(c.id, NEVER).last, today),
                due=labels.due(self._due.get(c.id)),
                follow_up=(d := self._due.get(c.id)) is not None and d.reason is Reason.FOLLOW_UP,
            )
            for c in contacts
        }
        self._orders = {}
        self._generation = repository.generation
        self.app.release_journal()  # a save since start: let what it replaced be collected (see the app)
        self.app.keep_loaded_journal()  # or, nothing changed yet: the index stays too

    def _order(self) -> list[str]:
        if self.reconnecting:
            return self._due_order
        order = self._orders.get(self.sort_by)
        if order is None:
            today, settings = self.app.clock.today(), self.app.settings
            order = [c.id for c in sort_contacts(self._contacts, self.sort_by, self.repository.activities(), today, settings)]
            self._orders[self.sort_by] = order
        return order

    # -- drawing -------------------------------------------------------------------

    def reload(self) -> None:
        self._index()
        self._show()
        super().reload()

    def _show(self) -> None:
        table = self.query_one(ContactTable)
        words = query_words(self.filter_text)
        keys, rows = self._keys, self._rows
        circle = self.circle.value if self.circle else None
        shown = [
            rows[i]
            for i in self._order()
            if (circle is None or rows[i].circle == circle) and (not words or matches(keys[i], words))
        ]
        empty = not self._contacts
        # Shown before the rows are given: the first row's detail is drawn as the cursor lands on it.
        table.display = bool(shown)
        self.query_one(ContactTableHeader).display = bool(shown)
        self.query_one("#contacts-main").display = not empty
        before = table.highlighted_id
        table.show(shown, keep=before)
        self._draw_bar(len(shown))
        self.query_one("#contacts-empty", Static).set_class(empty, "shown")
        if empty:
            self.query_one("#contacts-empty", Static).update(self._welcome())
        none = self.query_one("#contacts-none", Static)
        none.set_class(not empty and not shown, "shown")
        if not shown and not empty:
            none.update(Content(self._nobody_text()))
        if table.highlighted_id == before:  # else the table has just asked for the detail
            self._show_detail()
        self._refresh_bindings_if_changed()

    def _refresh_bindings_if_changed(self) -> None:
        """The footer depends on two things; rebuilding it on every key costs a layout (and Textual 8.2.8
        leaks the old keys, Textualize/textual#6666, so a long session would collect garbage for 200 ms)."""
        state = (self.query_one(ContactTable).highlighted_id is not None, self.reconnecting)
        if state != self._bindings_state:
            self._bindings_state = state
            self.refresh_bindings()

    def _draw_bar(self, count: int) -> None:
        if self.reconnecting:
            parts: list[str | tuple[str, str]] = [
                (_("Reconnect"), "bold $text-primary"),
                "  ",
                (_("follow-ups first, then most overdue"), "$text-muted"),
            ]
        else:
            parts = []
            for circle in CIRCLES:
                label = circle.value if circle else _("All")
                if circle == self.circle:
                    parts += [(f"[{label}]", "bold $text-primary"), " "]
                else:
                    parts += [(f" {label} ", "$text-muted"), " "]
            pending = _("  circle: 1 R1 · 2 R2 · 3 R3 · 0 all") if self._circle_pending else ""
            parts += ["  ", (_("sorted {how}").format(how=_sort_label(self.sort_by)), "$text-muted"), (pending, "bold $text-warning")]
        self.query_one("#contacts-circles", Static).update(Content.assemble(*parts))
        total = len(self._due_order) if self.reconnecting else len(self._contacts)
        if count != total:
            text = _("{shown} of {total}").format(shown=count, total=total)
        elif self.reconnecting:
            text = ngettext("{n} due", "{n} due", total).format(n=total)
        else:
            text = ngettext("{n} contact", "{n} contacts", total).format(n=total)
        self.query_one("#contacts-count", Static).update(Content(text))

    def _welcome(self) -> Content:
        return Content.from_markup(
            "[b]$title[/b]\n\n$what\n\n$add\n$bring\n\n[dim]$shell[/dim]",
            title=_("Your network starts here."),
            what=_(
                "Everyone you know is already a network: R1 your close circle, R2 acquaintances, "
                "R3 people met recently. Mention them in the journal with @Name and Tricot keeps the thread."
            ),
            add=_("Press n to add someone."),
            bring=_("Press i to bring your address book in: a vCard file (.vcf) or LinkedIn's Connections.csv."),
            shell=_("From a shell: tricot import vcard contacts.vcf · tricot import linkedin Connections.csv"),
        )

    def _nobody_text(self) -> str:
        if self.reconnecting:
            return _("Nobody is due for a word: every follow-up is done and nobody is past their cadence.")
        where = self.circle.value if self.circle else _("any circle")
        if self.filter_text.strip():
            return _("Nobody matches “{query}” in {where}. esc clears the filter.").format(
                query=one_line(self.filter_text, 40), where=where
            )
        return _("Nobody in {circle} yet. tab shows the next circle; > moves a contact closer.").format(circle=where)

    def _highlighted(self) -> Contact | None:
        contact_id = self.query_one(ContactTable).highlighted_id
        if contact_id is None or not self.query_one(ContactTable).display:
            return None
        return self.repository.get_contact(contact_id)

    def _show_detail(self) -> None:
        detail = self.query_one(ContactDetail)
        contact = self._highlighted()
        if contact is None:
            detail.show(None, NEVER, None, [], self.app.clock.today(), self.app.settings)
            return
        activity = self.repository.activity(contact.id)
        history: list = []
        for _at, entry_id in activity.entries:
            entry = self.repository.get_entry(entry_id)
            if entry is not None:
                history.append(entry)
        history += [x for _on, i in activity.exchanges if (x := self.repository.get_exchange(i)) is not None]
        history.sort(key=lambda item: item.at if isinstance(item, Entry) else datetime.combine(item.on, datetime.max.time()), reverse=True)
        detail.show(contact, activity, self._due.get(contact.id), history, self.app.clock.today(), self.app.settings)

    def _highlight_moved(self) -> None:
        # Called by the table as its cursor moves, in the same handler: the detail is drawn in the
        # same frame as the cursor, not one frame later as a message would.
        self._show_detail()
        self._refresh_bindings_if_changed()

    @on(ContactTable.Selected)
    def _contact_selected(self) -> None:
        history = self.query_one("#contact-history", OptionList)
        if history.option_count:
            history.highlighted = 0
            history.focus()

    @on(OptionList.OptionSelected, "#contact-history")
    def _history_selected(self, event: OptionList.OptionSelected) -> None:
        kind, _sep, record_id = (event.option.id or "").partition(":")
        if kind == "entry":
            self._open_entry(record_id)
        elif kind == "exchange":
            exchange = self.repository.get_exchange(record_id)
            if exchange is not None:
                self.notify(
                    f"{exchange.on.isoformat()} · {exchange.direction.value} · {exchange.kind.value}\n{one_line(exchange.note, 200)}",
                    title=_("Exchange"),
                    timeout=6,
                    markup=False,
                )

    def _open_entry(self, entry_id: str) -> None:
        from journal.tui.screens.modals.entry_editor import EntryEditor

        entry = self.repository.get_entry(entry_id)
        if entry is None:
            self.notify(_("That entry is gone (deleted elsewhere?)."), timeout=4)
            return

        def save(edited: Entry, opened: Entry | None) -> Entry:
            saved = self.repository.save_entry(edited, opened=opened)
            self.app.tell_warnings()
            return saved

        self.app.push_screen(EntryEditor(entry, save, is_new=False, drafts=self.repository, contacts=self.repository.contacts), lambda _saved: self.redraw_if_stale())

    # -- keys -----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The footer must fit 80 columns: the reconnect list shows its own key instead of sorting and adding.
        if action == "log_reached_out" and not self.reconnecting:
            return False
        if action in ("cycle_sort", "new_contact") and self.reconnecting:
            return False
        if action in ("edit_contact", "delete_contact", "move_circle", "log_reached_out"):
            try:
                return self._highlighted() is not None
            except NoMatches:
                return False
        return True

    def on_key(self, event: events.Key) -> None:
        # `r` then a digit: the digits are the app's mode keys otherwise, so the second key is taken here first.
        if not self._circle_pending:
            return
        self._circle_pending = False
        key = event.character or ""
        if key in CIRCLE_KEYS:
            event.stop()
            event.prevent_default()
            self._set_circle(CIRCLE_KEYS[key])
        else:
            self._draw_bar(len(self.query_one(ContactTable).rows))

    def action_circle_prefix(self) -> None:
        self._circle_pending = True
        self._draw_bar(len(self.query_one(ContactTable).rows))

    def _set_circle(self, circle: Circle | None) -> None:
        self.circle = circle
        if self.reconnecting:
            self.reconnecting = False
        self._show()

    def action_cycle_circle(self, step: int) -> None:
        self._set_circle(CIRCLES[(CIRCLES.index(self.circle) + step) % len(CIRCLES)])

    def action_cycle_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self.reconnecting = False
        self._show()

    def action_reconnect(self) -> None:
        self.reconnecting = not self.reconnecting
        self._show()
        self.query_one(ContactTable).focus()

    def action_filter(self) -> None:
        field = self.query_one("#contacts-filter", Input)
        field.add_class("shown")
        field.focus()

    def _filter_typed(self, text: str) -> None:
        if text != self.filter_text:
            self.filter_text = text
            self._show()

    @on(Input.Submitted, "#contacts-filter")
    def _filter_done(self) -> None:
        self.query_one(ContactTable).focus()

    def action_back(self) -> None:
        field = self.query_one("#contacts-filter", Input)
        history = self.query_one("#contact-history", OptionList)
        if history.has_focus:
            self.query_one(ContactTable).focus()
        elif field.has_focus or self.filter_text:
            field.value = ""
            field.remove_class("shown")
            self.query_one(ContactTable).focus()
        elif self.reconnecting:
            self.action_reconnect()

    # -- changes -------------------------------------------------------------------

    def _saved(self, contact: Contact | None) -> None:
        if contact is None:
            return
        self.app.tell_warnings()
        self._index()
        self._show_keep(contact.id)

    def _show_keep(self, contact_id: str) -> None:
        table = self.query_one(ContactTable)
        self._show()
        for index, row in enumerate(table.rows):
            if row.id == contact_id:
                table.cursor = index
                break

    def action_new_contact(self) -> None:
        from journal.tui.screens.modals.contact_form import ContactForm

        def save(contact: Contact) -> Contact:
            self.repository.save_contact(contact)
            return contact

        form = ContactForm(None, save, today=self.app.clock.today(), settings=self.app.settings, others=self.repository.contacts)
        self.app.push_screen(form, self._saved)

    def action_edit_contact(self) -> None:
        from journal.tui.screens.modals.contact_form import ContactForm

        contact = self._highlighted()
        if contact is None:
            return
        today = self.app.clock.today()
        self.app.push_screen(
            ContactForm(
                contact,
                lambda c: self.repository.update_contact(c, today),
                today=today,
                settings=self.app.settings,
                others=self.repository.contacts,
            ),
            self._saved,
        )

    def action_delete_contact(self) -> None:
        from journal.tui.screens.modals.confirm import ConfirmScreen

        contact = self._highlighted()
        if contact is None:
            return

        def delete(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.repository.delete_contact(contact.id)
            except JournalError as error:
                self.notify(error.line(), title=_("Not deleted"), severity="error", timeout=15, markup=False)
                return
            self.app.tell_warnings()
            self.reload()
            self.notify(_("{name} deleted.").format(name=one_line(contact.name, 60)), timeout=3, markup=False)

        self.app.push_screen(
            ConfirmScreen(
                _("Delete {name}?").format(name=one_line(contact.name, 60)),
                _("Entries that mention them keep their text; the mention then names nobody."),
                confirm_label=_("Delete"),
            ),
            delete,
        )

    def action_move_circle(self, closer: bool) -> None:
        contact = self._highlighted()
        if contact is None:
            return
        target = contact.circle.closer() if closer else contact.circle.further()
        if target == contact.circle:
            edge = _("R1 is the closest circle.") if closer else _("R3 is the furthest circle.")
            self.notify(edge, timeout=3)
            return
        try:
            moved = self.repository.move_contact(contact.id, closer, self.app.clock.today())
        except JournalError as error:
            self.notify(error.line(), title=_("Not moved"), severity="error", timeout=15, markup=False)
            return
        if moved is None:
            return
        self.app.tell_warnings()
        self._index()
        self._show_keep(moved.id)
        self.notify(
            _("{name}: {old} → {new}").format(name=one_line(moved.name, 60), old=contact.circle.value, new=moved.circle.value),
            timeout=3,
            markup=False,
        )

    def action_log_exchange(self, direction: str) -> None:
        contact = self._highlighted()
        if contact is not None:
            self.app.action_log_exchange(direction, contact.id)

    def action_log_reached_out(self) -> None:
        contact = self._highlighted()
        if contact is None:
            return
        people = self.repository.people()
        # The mention must name this very person: their name, or an alias only they have.
        name = next((n for n in (contact.name, *contact.aliases) if people.resolve(n) == contact), contact.name)
        entry = Entry(
            at=self.app.clock.now().replace(microsecond=0),
            body=_("Reached out to {mention}.").format(mention=format_mention(name)),
            kind=EntryKind.FOLLOW_UP,
        )
        try:
            self.repository.save_entry(entry)
        except JournalError as error:
            self.notify(error.line(), title=_("Not saved"), severity="error", timeout=15, markup=False)
            return
        self.app.tell_warnings()
        self.reload()
        self.notify(_("Noted in today's journal: {body}").format(body=one_line(entry.body)), timeout=4, markup=False)
