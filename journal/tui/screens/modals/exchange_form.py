"""Log a give or an ask made without a card: what, to whom (`@` completes), the kind, the day."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Select, Static, TextArea

from journal import labels
from journal.domain.days import FIRST_DAY, day_from_words
from journal.domain.mentions import People, mentions
from journal.domain.models import Contact, Direction, Exchange, ExchangeKind
from journal.i18n import _
from journal.text import one_line
from journal.tui.screens.modals.mention_form import MentionForm
from journal.tui.widgets.footer import Footer

ASK_KINDS = (ExchangeKind.ADVICE, ExchangeKind.INFORMATION, ExchangeKind.INTRODUCTION, ExchangeKind.REFERRAL, ExchangeKind.OTHER)


def kinds(direction: Direction) -> tuple[ExchangeKind, ...]:
    return tuple(ExchangeKind) if direction is Direction.GIVE else ASK_KINDS


class ExchangeForm(MentionForm[Exchange | None]):
    """Dismisses with the exchange as written (the caller saves it), or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), priority=True, id="exchange-form.save"),
        Binding("escape", "cancel", _("Cancel"), priority=True, id="exchange-form.cancel"),
        Binding("enter", "enter", priority=True, show=False, id="exchange-form.enter"),
    ]
    HELP_EXTRA = [
        ("@", _("In To: complete a contact's name")),
        ("enter", _("Save")),
        ("tab / shift+tab", _("Next field / previous field")),
    ]
    FORM = "exchange"
    DEFAULT_CSS = """
    ExchangeForm #exchange-form {
        max-width: 90;
        height: auto;
    }
    ExchangeForm Grid {
        grid-columns: 10 1fr;
    }
    ExchangeForm #exchange-to {
        height: 3;
    }
    """

    def __init__(
        self, direction: Direction, contacts: Callable[[], Sequence[Contact]], *, today: date, to: str = ""
    ) -> None:
        """`to`: the mentions the To field starts with (the contact chosen in the pane)."""
        super().__init__(contacts)
        self.direction = direction
        self.today = today
        self._to = to

    def compose(self) -> ComposeResult:
        give = self.direction is Direction.GIVE
        with Vertical(id="exchange-form", classes="form"):
            yield Label(Content(_("Log a give") if give else _("Log an ask")), id="exchange-form-title", classes="form-title")
            with Grid():
                yield Label(_("What"))
                yield Input(
                    placeholder=_("forwarded the UX job") if give else _("advice on my CV"), id="exchange-note"
                )
                yield Label(_("To") if give else _("Of"))
                to = TextArea(self._to, soft_wrap=True, show_line_numbers=False, id="exchange-to")
                yield to
                yield Label(_("Kind"))
                yield Select(
                    [(labels.exchange_kind(k), k) for k in kinds(self.direction)],
                    value=ExchangeKind.OTHER,
                    allow_blank=False,
                    id="exchange-kind",
                )
                yield Label(_("Day"))
                yield Input(self.today.isoformat(), placeholder=_("YYYY-MM-DD, yesterday, hier, lundi…"), id="exchange-day")
                yield Label(_("Link"))
                yield Input(id="exchange-link")
            yield Static(id="exchange-form-error", classes="form-error")
            yield Static(
                _("A give or an ask counts as an interaction with each person. enter saves."), id="exchange-form-hint", classes="form-hint"
            )
            yield self.completion_for(to)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#exchange-note", Input).focus()

    def action_enter(self) -> None:
        completion = self.open_completion()
        if completion is not None:
            completion.accept()
            return
        if isinstance(self.focused, Select):
            raise SkipAction()
        self.action_save()

    def _read(self) -> Exchange | None:
        note = " ".join(self.query_one("#exchange-note", Input).value.split())
        if not note:
            self._fail(_("Say what you gave.") if self.direction is Direction.GIVE else _("Say what you asked."), "note")
            return None
        people = People(self._contacts())
        ids: list[str] = []
        for name in mentions(self.query_one("#exchange-to", TextArea).text):
            found = people.candidates(name)
            if len(found) != 1:
                if found:
                    who = _(" or ").join(one_line(c.name, 40) for c in found[:3])
                    self._fail(_("@{name} could be {who}: choose one with @ and the list.").format(name=one_line(name, 40), who=who), "to")
                else:
                    close = people.closest(name, 1)
                    hint = _(" Did you mean {name}?").format(name=one_line(close[0].name, 40)) if close else ""
                    self._fail(_("@{name} is not in your contacts.").format(name=one_line(name, 40)) + hint, "to")
                return None
            ids.append(found[0].id)
        if not ids:
            self._fail(_("Who was it with? Type @ and a name."), "to")
            return None
        day_text = self.query_one("#exchange-day", Input).value
        day = day_from_words(day_text, self.today) if day_text.strip() else self.today
        if day is None or not FIRST_DAY <= day <= self.today:
            self._fail(_("Day: a date from {first} to today (YYYY-MM-DD, yesterday, lundi…).").format(first=FIRST_DAY.isoformat()), "day")
            return None
        kind = self.query_one("#exchange-kind", Select).value
        return Exchange(
            self.direction,
            kind if isinstance(kind, ExchangeKind) else ExchangeKind.OTHER,
            day,
            tuple(dict.fromkeys(ids)),
            note=note,
            link=self.query_one("#exchange-link", Input).value.strip(),
        )

    def action_save(self) -> None:
        exchange = self._read()
        if exchange is not None:
            self.dismiss(exchange)

    def action_cancel(self) -> None:
        if self.close_completion():
            return
        kind = self.query_one("#exchange-kind", Select)
        if kind.expanded:
            kind.expanded = False
            return
        if not self.query_one("#exchange-note", Input).value.strip():
            self.dismiss(None)
            return
        from journal.tui.screens.modals.confirm import ask_before_leaving

        ask_before_leaving(self, _("What you typed will be lost."), _("Keep editing"), lambda: self.dismiss(None))
