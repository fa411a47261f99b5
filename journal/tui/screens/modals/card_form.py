"""A give card, new or edited: one key for the kind, a title where `@` completes contacts, enter.

Everything else (who else it is for, the URL or excerpt, tags, a due date) is
optional and a tab away. The people a card is for are those its title and its
"For" field mention; a mention that names nobody, or two people, is said and
nothing is saved until it names one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime

from textual import events
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static, TextArea

from journal import labels
from journal.domain.days import day_ahead_from_words
from journal.domain.mentions import People, mentions
from journal.domain.models import Card, CardKind, Contact
from journal.i18n import _
from journal.text import displayable, one_line
from journal.tui.widgets.footer import Footer
from journal.tui.screens.modals.mention_form import MentionForm
from journal.tui.widgets.mention_completion import mention_text

# The key that picks each kind, from the first letter of its label.
KIND_KEYS = {
    "f": CardKind.OFFER,
    "a": CardKind.ANSWER,
    "s": CardKind.EXCERPT,
    "i": CardKind.INTRODUCTION,
    "o": CardKind.OTHER,
}


def kind_choices() -> list[tuple[str, CardKind]]:
    return [(f"{key}  {labels.card_kind(kind)}", kind) for key, kind in KIND_KEYS.items()]


def _tags(text: str) -> tuple[str, ...]:
    items = (item.strip().lstrip("#").strip() for item in text.replace(",", " ").split())
    return tuple(dict.fromkeys(item for item in items if item))


class CardForm(MentionForm[Card | None]):
    """Dismisses with the card as the user wrote it (not saved: the board saves), or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), priority=True, id="card-form.save"),
        Binding("escape", "cancel", _("Cancel"), priority=True, id="card-form.cancel"),
        Binding("enter", "enter", priority=True, show=False, id="card-form.enter"),
    ]
    HELP_EXTRA = [
        ("f a s i o", _("The kind, when the card is new: forward, answer, share, introduce, other")),
        ("@", _("In the title or For: complete a contact's name")),
        ("enter", _("Save (a new line in the excerpt)")),
        ("tab / shift+tab", _("Next field / previous field")),
    ]
    FORM = "card"
    DEFAULT_CSS = """
    CardForm #card-form {
        height: 90%;
    }
    CardForm #card-kinds {
        padding: 1 2;
    }
    CardForm Grid {
        grid-columns: 12 1fr;
    }
    CardForm #card-title, CardForm #card-for {
        height: 3;
    }
    CardForm #card-payload {
        height: 6;
    }
    """

    def __init__(
        self,
        card: Card | None,
        contacts: Callable[[], Sequence[Contact]],
        *,
        now: datetime,
        kind: CardKind | None = None,
    ) -> None:
        """`card` None: a new card, its kind asked first (unless `kind`)."""
        super().__init__(contacts)
        self.is_new = card is None or card.created is None
        self.card = card or Card(title="", kind=kind or CardKind.OTHER)
        self.now = now
        self._picking = card is None and kind is None

    def compose(self) -> ComposeResult:
        c = self.card
        others = []
        if c.contact_ids:
            contacts = self._contacts()
            people = People(contacts)
            known = {x.id: x for x in contacts}
            in_title = {found[0].id for name in mentions(c.title) if len(found := people.candidates(name)) == 1}
            others = [mention_text(known[i], people) for i in c.contact_ids if i in known and i not in in_title]
        with Vertical(id="card-form", classes="form"):
            yield Label(Content(_("New card") if self.is_new else _("Edit card")), id="card-form-title", classes="form-title")
            kinds = Content.assemble(
                (_("What kind of give?") + "\n\n", "bold"),
                *[part for key, kind in KIND_KEYS.items() for part in ((f"  {key}  ", "bold $text-accent"), labels.card_kind(kind) + "\n")],
                ("\n" + _("esc: cancel"), "$text-muted"),
            )
            yield Static(kinds, id="card-kinds")
            with VerticalScroll(id="card-fields"):
                with Grid():
                    yield Label(_("Kind"))
                    yield Select(kind_choices(), value=c.kind, allow_blank=False, id="card-kind")
                    yield Label(_("Title"))
                    # Text areas draw what they hold as it is: an ESC stored in a card must not reach the terminal.
                    title = TextArea(displayable(c.title), soft_wrap=True, show_line_numbers=False, id="card-title")
                    yield title
                    yield Label(_("For"))
                    also = TextArea(" ".join(others), soft_wrap=True, show_line_numbers=False, id="card-for")
                    yield also
                    yield Label(_("Link, text"))
                    yield TextArea(displayable(c.payload), soft_wrap=True, show_line_numbers=False, id="card-payload")
                    yield Label(_("Tags"))
                    yield Input(" ".join("#" + t for t in c.tags), placeholder=_("#ux #montreal"), id="card-tags")
                    yield Label(_("Due"))
                    yield Input(
                        c.due.isoformat() if c.due else "", placeholder=_("YYYY-MM-DD, friday, demain, in 3 days…"), id="card-due"
                    )
            yield Static(id="card-form-error", classes="form-error")
            yield Static(
                _("Who it is for: the people the title and For mention (@ completes). enter saves; ctrl+s from anywhere."),
                id="card-form-hint",
                classes="form-hint",
            )
            for target in (title, also):
                yield self.completion_for(target)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#card-kinds").display = self._picking
        self.query_one("#card-fields").display = not self._picking
        if not self._picking:
            self._focus_title()
        super().on_mount()

    def _focus_title(self) -> None:
        title = self.query_one("#card-title", TextArea)
        title.focus()
        title.move_cursor(title.document.end)

    def on_key(self, event: events.Key) -> None:
        if not self._picking:
            return
        kind = KIND_KEYS.get(event.character or "")
        if kind is None:
            return
        event.stop()
        event.prevent_default()
        self._picking = False
        self.query_one("#card-kind", Select).value = kind
        self.query_one("#card-kinds").display = False
        self.query_one("#card-fields").display = True
        self._focus_title()

    def action_enter(self) -> None:
        """Enter chooses a name while the list is shown, makes a new line in the excerpt, saves elsewhere."""
        if self._picking:
            raise SkipAction()
        completion = self.open_completion()
        if completion is not None:
            completion.accept()
            return
        if self.focused is self.query_one("#card-payload") or isinstance(self.focused, Select):
            raise SkipAction()
        self.action_save()

    # --- reading and saving -------------------------------------------------------------------

    def _read(self) -> Card | None:
        title = " ".join(displayable(self.query_one("#card-title", TextArea).text).split())
        if not title:
            self._fail(_("A card needs a title: what you mean to give."), "title")
            return None
        kind = self.query_one("#card-kind", Select).value
        kind = kind if isinstance(kind, CardKind) else self.card.kind
        people = People(self._contacts())
        ids: list[str] = []
        also = self.query_one("#card-for", TextArea).text
        for field, text in (("title", title), ("for", also)):
            for name in mentions(text):
                found = people.candidates(name)
                if not found:
                    self._fail(
                        _("@{name} is not in your contacts: add them on the contacts screen (3), or write the name without @.").format(
                            name=one_line(name, 40)
                        ),
                        field,
                    )
                    return None
                if len(found) > 1:
                    who = _(" or ").join(one_line(c.name, 40) for c in found[:3])
                    self._fail(
                        _("@{name} could be {who}: choose one with @ and the list.").format(name=one_line(name, 40), who=who),
                        field,
                    )
                    return None
                ids.append(found[0].id)
        ids = list(dict.fromkeys(ids))
        if kind is CardKind.INTRODUCTION and len(ids) < 2:
            self._fail(_("An introduction is for two people: mention both (@one and @other)."), "title")
            return None
        due_text = self.query_one("#card-due", Input).value.strip()
        due = None
        if due_text:
            due = day_ahead_from_words(due_text, self.now.date())
            if due is None:
                self._fail(_("{value!r} is not a date: write it as YYYY-MM-DD, or a weekday.").format(value=due_text), "due")
                return None
            if due < self.now.date() and due != self.card.due:
                self._fail(_("Due: today or a day ahead (a date already past would make the card late at once)."), "due")
                return None
        return dataclasses.replace(
            self.card,
            title=title,
            kind=kind,
            contact_ids=tuple(ids),
            payload=displayable(self.query_one("#card-payload", TextArea).text).strip("\n"),
            tags=_tags(self.query_one("#card-tags", Input).value),
            due=due,
            created=self.card.created or self.now,
        )

    def action_save(self) -> None:
        if self._picking:
            return
        card = self._read()
        if card is None:
            return
        self.dismiss(card)

    def action_cancel(self) -> None:
        if self.close_completion():
            return
        kind = self.query_one("#card-kind", Select)
        if kind.expanded:
            kind.expanded = False
            return
        if self._picking or not self._changed():
            self.dismiss(None)
            return
        from journal.tui.screens.modals.confirm import ask_before_leaving

        ask_before_leaving(self, _("What you typed in this card will be lost."), _("Keep editing"), lambda: self.dismiss(None))

    def _changed(self) -> bool:
        card = self._read_quietly()
        if card is None:
            return bool(self.query_one("#card-title", TextArea).text.strip()) or not self.is_new
        # What the form was opened with, as reading it back gives it (a prefilled title's spaces trimmed).
        opened = dataclasses.replace(self.card, title=" ".join(self.card.title.split()))
        return dataclasses.replace(card, created=self.card.created) != opened

