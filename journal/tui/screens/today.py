"""Today / Journal: the day's entries, the check-in prompt, browsing days, writing."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.reactive import reactive
from textual.screen import Screen
from textual.notifications import Notification, Notify
from textual.widgets import Header, OptionList, Static

from journal import labels
from journal.tui.widgets.footer import Footer
from journal.domain.days import FIRST_DAY, day_problem, shift
from journal.domain.capture import Capture, captures, exchange_kind
from journal.domain.capture import card_kind as capture_card_kind
from journal.domain.models import Card, CardKind, CardStatus, Direction, Entry, Exchange
from journal.domain.names import fold
from journal.i18n import _, ngettext
from journal.store import JournalError
from journal.text import displayable, one_line
from journal.tui.cells import cell_line, shorten
from journal.tui.widgets.entry_list import EntryList
from journal.tui.widgets.entry_preview import EntryPreview


DAY_KEYS = Binding.Group(_("Day"), compact=True)


class TodayScreen(Screen[None]):
    HELP_TITLE = _("Today: your journal, day by day")
    # Keys that are not bindings of this screen, for the help (`?`).
    HELP_EXTRA = [
        ("↑ / ↓", _("Choose an entry of the day")),
        ("enter", _("Edit the chosen entry")),
        ("ctrl+p", _("Go to a day typed as 2026-03-14, yesterday, hier, lundi…")),
    ]
    BINDINGS = [
        Binding("n", "new_entry", _("New entry"), id="today.new"),
        Binding("e", "edit_entry", _("Edit"), id="today.edit"),
        Binding("d", "delete_entry", _("Delete"), id="today.delete"),
        Binding(
            "left_square_bracket",
            "previous_day",
            _("Previous day"),
            key_display="[",
            group=DAY_KEYS,
            id="today.previous-day",
        ),
        Binding(
            "right_square_bracket", "next_day", _("Next day"), key_display="]", group=DAY_KEYS, id="today.next-day"
        ),
        Binding(
            "left_curly_bracket",
            "previous_written_day",
            _("Previous day with entries"),
            key_display="{",
            show=False,
            id="today.previous-written-day",
        ),
        Binding(
            "right_curly_bracket",
            "next_written_day",
            _("Next day with entries"),
            key_display="}",
            show=False,
            id="today.next-written-day",
        ),
        Binding("t", "go_today", _("Today"), id="today.today"),
        # Only while a `give:` / `ask:` line of the last saved entry waits (the offer under the entries says the keys).
        Binding("c", "capture_card", _("Make it a card"), tooltip=_("A give: or ask: line of the entry just saved: make it a card on the board"), show=False, id="today.capture-card"),
        Binding("a", "capture_ask", _("Log it as your ask"), tooltip=_("An ask: line of the entry just saved: log it as your ask"), show=False, id="today.capture-ask"),
        Binding("x", "capture_dismiss", _("Dismiss the offer"), tooltip=_("A give: or ask: line of the entry just saved: do not offer it again"), show=False, id="today.capture-dismiss"),
        Binding("plus", "add_mentioned", _("Add people"), key_display="+", id="today.add-mentioned"),
        # Short in the footer (it must fit 80 columns with every key); the help shows the tooltip.
        Binding(
            "r",
            "recover_draft",
            _("Reopen"),
            tooltip=_("Reopen the entry you were writing when Tricot last stopped"),
            id="today.recover-draft",
        ),
    ]

    day: reactive[date] = reactive(date.min, init=False)
    _has_draft = False
    # Names the last saved entry mentioned that are nobody's yet, and its day: `+` adds them.
    _new_people: tuple[list[str], date] = ([], date.min)
    _draft_notice: Notification | None = None
    # The `give:` / `ask:` lines of the last saved entry not yet turned into a card or an ask, nor dismissed.
    _captures: list[tuple[str, Capture]] = []

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="🧶")
        with Vertical(id="today-body"):
            with Horizontal(id="day-bar"):
                yield Static(id="day-title")
                yield Static(id="day-count")
            yield Static(id="day-prompt")
            with Horizontal(id="day-entries"):
                yield EntryList(id="entry-list")
                yield EntryPreview(id="entry-preview")
            yield Static(id="capture-offer")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.app.journal_changed.subscribe(self, lambda _: self.reload())
        self.day = self.app.clock.today()
        drafts = self.repository.drafts()
        # Drafts change only while the editor is open; remember rather than
        # read the drafts folder on every binding refresh.
        self._has_draft = bool(drafts)
        if drafts:
            newest = drafts[0]
            # Kept, so it can be taken down once the draft is reopened.
            self._draft_notice = Notification(
                _("An entry you were writing ({day}, {time}) was not saved. Press r to reopen it.").format(
                    day=labels.long_date(newest.day), time=f"{newest.at:%H:%M}"
                ),
                title=_("Draft kept"),
                timeout=20,
                markup=False,
            )
            self.app.post_message(Notify(self._draft_notice))

    def _take_down_draft_notice(self) -> None:
        notice, self._draft_notice = self._draft_notice, None
        if notice is not None and notice in self.app._notifications:
            self.app._unnotify(notice)  # private, like the app's _display: Textual is pinned

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "recover_draft":
            return self._has_draft
        if action == "add_mentioned":
            return bool(self._new_people[0])
        if action in ("capture_card", "capture_dismiss"):
            return bool(self._captures)
        if action == "capture_ask":
            return bool(self._captures) and self._captures[0][1].direction is Direction.ASK
        if action in ("edit_entry", "delete_entry"):
            # Not offered in the footer on a day with nothing to edit or delete.
            try:
                return bool(self.query_one("#day-entries").display) and self.query_one(EntryList).highlighted is not None
            except NoMatches:  # asked before the screen is composed
                return False
        return True

    @property
    def repository(self):
        return self.app.repository

    def watch_day(self) -> None:
        self.reload()

    # -- showing -------------------------------------------------------------

    def reload(self, keep: str | None = None) -> None:
        """Show `self.day` from the repository; keep the highlight on entry `keep` if given."""
        today = self.app.clock.today()
        entries = self.repository.entries_on(self.day)
        self.sub_title = labels.long_date(self.day)
        title = labels.relative_day(self.day, today)
        if self.day in (today, today - timedelta(days=1)):
            title = f"{title} · {labels.long_date(self.day)}"
        self.query_one("#day-title", Static).update(Content.styled(title, "bold"))
        self.query_one("#day-count", Static).update(
            ngettext("{count} entry", "{count} entries", len(entries)).format(count=len(entries)) if entries else ""
        )
        entry_list = self.query_one(EntryList)
        if keep is None and entry_list.highlighted_option is not None:
            keep = entry_list.highlighted_option.id
        entry_list.show(entries, keep)
        self.query_one("#day-entries").display = bool(entries)
        prompt = self.query_one("#day-prompt", Static)
        prompt.display = not entries
        if entries:
            entry_list.focus()
            self._preview_highlighted()
        else:
            prompt.update(self._prompt_text(today))
        self.refresh_bindings()

    def _prompt_text(self, today: date) -> Content:
        if not self.repository.entry_days():
            return Content.from_markup(
                "[b]$welcome[/b]\n\n$what\n\n$first\n$keys\n\n[dim]$shell[/dim]",
                welcome=_("Welcome to Tricot, your networking journal."),
                what=_(
                    "Networking is knitting: a few stitches every day. Each morning, write down who you "
                    "talked to, what you gave, what you asked."
                ),
                first=_("Press n to write your first check-in. Mention people with @Name, tag with #tag."),
                keys=_("Press ? to see every key."),
                shell=_('From a shell, tricot checkin "coffee with @Karine #5a7" adds an entry without opening the app.'),
            )
        if self.day == today:
            return Content.from_markup(
                "[b]$title[/b]\n\n$question\n\n$action",
                title=_("Nothing written today yet."),
                question=_("Who did you talk to? What did you give, what did you ask?"),
                action=_("Press n to write today's check-in."),
            )
        return Content.from_markup(
            "[b]$title[/b]\n\n$action",
            title=_("Nothing written on {day}.").format(day=labels.long_date(self.day)),
            action=_("Press n to backfill it, t to go back to today."),
        )

    def _highlighted_entry(self) -> Entry | None:
        option = self.query_one(EntryList).highlighted_option
        if option is None or option.id is None or not self.query_one("#day-entries").display:
            return None
        return self.repository.get_entry(option.id)

    def _preview_highlighted(self) -> None:
        self.query_one(EntryPreview).show(self._highlighted_entry())

    @on(OptionList.OptionHighlighted, "#entry-list")
    def _entry_highlighted(self) -> None:
        self._preview_highlighted()

    @on(OptionList.OptionSelected, "#entry-list")
    def _entry_selected(self) -> None:
        self.action_edit_entry()

    # -- browsing ------------------------------------------------------------

    def action_previous_day(self) -> None:
        earlier = shift(self.day, -1)
        if earlier is None or earlier < min(FIRST_DAY, self.day):
            self.notify(_("The journal starts on {day}.").format(day=labels.long_date(FIRST_DAY)), timeout=3)
            return
        self.day = earlier

    def action_next_day(self) -> None:
        later = shift(self.day, 1)
        if later is None or later > self.app.clock.today():
            self.notify(_("That is today: the journal does not go into the future."), timeout=3)
            return
        self.day = later

    def action_go_today(self) -> None:
        self.day = self.app.clock.today()

    def action_go_to_day(self, day: date) -> None:
        self.day = day

    def action_previous_written_day(self) -> None:
        earlier = [d for d in self.repository.entry_days() if d < self.day]
        if earlier:
            self.day = earlier[-1]
        else:
            self.notify(_("No earlier day has entries."), timeout=3)

    def action_next_written_day(self) -> None:
        later = [d for d in self.repository.entry_days() if d > self.day]
        if later:
            self.day = later[0]
        else:
            self.notify(_("No later day has entries."), timeout=3)

    # -- writing -------------------------------------------------------------

    def _save(self, entry: Entry, opened: Entry | None) -> Entry:
        """Persist or raise JournalError; the editor shows the error and keeps the text."""
        saved = self.repository.save_entry(entry, opened=opened)
        self.app.release_journal()
        self.app.tell_warnings()
        if saved.id != entry.id:
            self.notify(
                _(
                    "This entry was changed elsewhere (another terminal or a sync) while you edited it. "
                    "Both versions are kept: yours is saved as a separate entry."
                ),
                title=_("Changed elsewhere"),
                severity="warning",
                timeout=15,
            )
        return saved

    def action_new_entry(self) -> None:
        from journal.tui.screens.modals.entry_editor import EntryEditor

        problem = day_problem(self.day, self.app.clock.today())
        if problem is not None:
            self.notify(
                _("New entries go on days from {first} to today; this one is outside.").format(
                    first=labels.long_date(FIRST_DAY)
                ),
                severity="warning",
                timeout=5,
            )
            return
        now = self.app.clock.now()
        at = datetime.combine(self.day, now.time())
        editor = EntryEditor(Entry(at=at, body=""), self._save, is_new=True, drafts=self.repository, contacts=self.repository.contacts)
        self.app.push_screen(editor, self._after_edit)

    def action_edit_entry(self) -> None:
        from journal.tui.screens.modals.entry_editor import EntryEditor

        entry = self._highlighted_entry()
        if entry is None:
            self.notify(_("No entry to edit on this day; press n to write one."), timeout=3)
            return
        self.app.push_screen(EntryEditor(entry, self._save, is_new=False, drafts=self.repository, contacts=self.repository.contacts), self._after_edit)

    def action_recover_draft(self) -> None:
        from journal.tui.screens.modals.entry_editor import EntryEditor

        drafts = self.repository.drafts()
        if not drafts:
            return
        self._take_down_draft_notice()
        draft = drafts[0]
        saved = self.repository.get_entry(draft.id)
        base = saved if saved is not None else dataclasses.replace(draft, body="")
        editor = EntryEditor(
            base, self._save, is_new=saved is None, drafts=self.repository, body=draft.body, contacts=self.repository.contacts
        )
        self.app.push_screen(editor, self._after_edit)

    def _after_edit(self, saved: Entry | None) -> None:
        self._has_draft = bool(self.repository.drafts())  # one may have come or gone
        if not self._has_draft:
            self._take_down_draft_notice()
        self.refresh_bindings()
        if saved is None:
            return
        if saved.day != self.day:
            self.day = saved.day
        self.reload(keep=saved.id)
        self._offer_new_people(saved)
        self._captures = [(saved.id, found) for found in captures(saved.body) if found.key not in saved.settled]
        self._show_capture()

    # -- capture: `give:` / `ask:` lines offered as a card or an ask ----------------------------

    def _show_capture(self) -> None:
        offer = self.query_one("#capture-offer", Static)
        self.refresh_bindings()
        if not self._captures:
            offer.display = False
            return
        found = self._captures[0][1]
        marker = _("give:") if found.direction is Direction.GIVE else _("ask:")
        parts: list[str | tuple[str, str]] = [(marker + " ", "bold $text-accent"), (cell_line(found.text, 90), "bold")]
        if len(self._captures) > 1:
            parts += ["  ", (_("(1 of {n})").format(n=len(self._captures)), "$text-muted")]
        parts += ["\n"]
        if found.direction is Direction.GIVE:
            keys = [("c", _("make it a card on the board")), ("x", _("dismiss"))]
        else:
            keys = [("a", _("log it as your ask")), ("c", _("make it a card (answer their ask)")), ("x", _("dismiss"))]
        for i, (key, what) in enumerate(keys):
            parts += [(" · " if i else "", "$text-muted"), (key, "bold $text-accent"), " ", (what, "$text-muted")]
        offer.update(Content.assemble(*parts))
        offer.display = True

    def _resolved(self, found: Capture) -> list[str] | None:
        """The ids of the people the line mentions; None after saying which name is nobody's or two people's."""
        people = self.repository.people()
        ids = []
        for name in found.names:
            candidates = people.candidates(name)
            if len(candidates) != 1:
                problem = (
                    _("@{name} is not in your contacts: + adds the new people of the entry.")
                    if not candidates
                    else _("@{name} could be several people: write the full name in the entry.")
                )
                self.notify(problem.format(name=one_line(name, 40)), severity="warning", timeout=8, markup=False)
                return None
            ids.append(candidates[0].id)
        return list(dict.fromkeys(ids))

    def _settle(self, card: Card | None = None, exchange: Exchange | None = None) -> bool:
        entry_id, found = self._captures[0]
        try:
            settled = self.repository.settle_capture(entry_id, found.key, card=card, exchange=exchange)
        except JournalError as error:
            self.notify(error.line(), title=_("Not saved"), severity="error", timeout=15, markup=False)
            return False
        if not settled:
            self.notify(_("That entry was deleted meanwhile (another terminal or device): nothing was made of it."), severity="warning", timeout=8)
            self._captures = [pair for pair in self._captures if pair[0] != entry_id]
            self._show_capture()
            return False
        self.app.release_journal()
        self.app.tell_warnings()
        self._captures = self._captures[1:]
        self.reload(keep=entry_id)  # the entry as saved now (it remembers the line)
        self._show_capture()
        return True

    def action_capture_card(self) -> None:
        if not self._captures:
            return
        entry_id, found = self._captures[0]
        entry = self.repository.get_entry(entry_id)
        kind = capture_card_kind(found.text) if found.direction is Direction.GIVE else CardKind.ANSWER
        # An ask waits since it was written down: an *answer an ask* card counts from the entry.
        created = entry.at if entry is not None and kind is CardKind.ANSWER else self.app.clock.now()
        ids = self._resolved(found)
        if ids is None:
            return
        if kind is CardKind.INTRODUCTION and len(ids) < 2:
            kind = CardKind.OTHER  # an introduction is of two people; the card can be made one once both are named
        card = Card(title=" ".join(displayable(found.text).split()), kind=kind, contact_ids=tuple(ids), created=created)
        twin = next((c for c in self.repository.cards() if c.status in (CardStatus.TO_GIVE, CardStatus.DOING) and fold(c.title) == fold(card.title)), None)
        if twin is not None:  # the same line written again in another entry: one card is enough
            if self._settle():
                self.notify(_("Already on the board (2): {title}").format(title=shorten(one_line(twin.title), 60)), timeout=5, markup=False)
            return
        if self._settle(card=card):
            self.notify(_("On the board (2), to give: {title}").format(title=shorten(one_line(card.title), 60)), timeout=5, markup=False)

    def action_capture_ask(self) -> None:
        if not self._captures or self._captures[0][1].direction is not Direction.ASK:
            return
        entry_id, found = self._captures[0]
        entry = self.repository.get_entry(entry_id)
        ids = self._resolved(found)
        if ids is None:
            return
        if not ids:
            self.notify(_("Whom did you ask? Mention them in the line (@Name), or press c to make it a card."), severity="warning", timeout=8)
            return
        on = entry.day if entry is not None else self.app.clock.today()
        ask = Exchange(Direction.ASK, exchange_kind(found.text, Direction.ASK), on, tuple(ids), note=" ".join(displayable(found.text).split()))
        if self._settle(exchange=ask):
            self.notify(_("Ask logged ({kind}).").format(kind=labels.exchange_kind(ask.kind)), timeout=4)

    def action_capture_dismiss(self) -> None:
        if self._captures:
            self._settle()

    def _offer_new_people(self, entry: Entry) -> None:
        """Mentions of nobody yet: offer to add them (R3, met that day). Mentions of two people: say so."""
        from journal.domain.mentions import mentions

        people = self.repository.people()
        names = mentions(entry.body)
        unknown = [n for n in names if not people.candidates(n)]
        for name in names:
            found = people.candidates(name)
            if len(found) > 1:
                who = _(" or ").join(
                    f"{one_line(c.name, 40)} ({one_line(c.organisation, 30)})" if c.organisation else one_line(c.name, 40)
                    for c in found[:3]
                )
                self.notify(
                    _("@{name} could be {who}: write the full name, or give one of them an alias (contacts, e).").format(
                        name=one_line(name, 40), who=who
                    ),
                    title=_("Which one?"),
                    severity="warning",
                    timeout=12,
                    markup=False,
                )
        self._new_people = (unknown, entry.day)
        self.refresh_bindings()
        if not unknown:
            return
        listed = ", ".join(one_line(n, 40) for n in unknown[:6]) + (" …" if len(unknown) > 6 else "")
        # Said, not asked: a modal after each save would stand between the user and the next entry.
        self.notify(
            ngettext(
                "{names} is not in your contacts yet. Press + to add them (R3, met on {day}).",
                "{names} are not in your contacts yet. Press + to add them (R3, met on {day}).",
                len(unknown),
            ).format(names=listed, day=entry.day.isoformat()),
            title=_("New people?"),
            timeout=10,
            markup=False,
        )

    def action_add_mentioned(self) -> None:
        """Add the people the last saved entry mentioned who were nobody yet."""
        from journal.domain.models import Circle, Contact

        names, day = self._new_people
        self._new_people = ([], day)
        self.refresh_bindings()
        people = self.repository.people()
        names = [n for n in names if not people.candidates(n)]  # added meanwhile, by hand or elsewhere
        if not names:
            return
        today = self.app.clock.today()
        new = [Contact(name=name, circle=Circle.R3, met_on=day, created=today) for name in names]
        try:
            self.repository.save_contacts(new)
        except JournalError as error:
            self.notify(error.line(), title=_("Not added"), severity="error", timeout=15, markup=False)
            return
        self.app.tell_warnings()
        self.notify(
            ngettext("{n} contact added in R3 (see them with 3).", "{n} contacts added in R3 (see them with 3).", len(new)).format(
                n=len(new)
            ),
            timeout=4,
        )

    def action_delete_entry(self) -> None:
        from journal.tui.screens.modals.confirm import ConfirmScreen

        entry = self._highlighted_entry()
        if entry is None:
            self.notify(_("No entry to delete on this day."), timeout=3)
            return
        question = _("Delete the entry of {time}?").format(time=f"{entry.at:%H:%M}")
        detail = cell_line(entry.body, 120)

        def delete(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.repository.delete_entry(entry.id)
            except JournalError as error:
                self.notify(error.line(), title=_("Not deleted"), severity="error", timeout=15, markup=False)
                return
            self.app.tell_warnings()
            self.reload()
            self.notify(_("Entry deleted."), timeout=3)

        self.app.push_screen(ConfirmScreen(question, detail, confirm_label=_("Delete")), delete)
