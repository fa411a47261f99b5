"""Add or edit a contact: a form that says what is wrong, field by field, and keeps what was typed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static, TextArea

from journal.tui.screens.modals.form import FormScreen
from journal.tui.widgets.footer import Footer
from journal.domain.cadence import circle_cadence
from journal.domain.contacts import MAX_CADENCE_DAYS, answering_to, is_name, parse_cadence
from journal.domain.names import fold
from journal.domain.days import FIRST_DAY
from journal.domain.models import Circle, Contact
from journal.domain.settings import Settings
from journal.i18n import _
from journal.store import JournalError
from journal.text import one_line


def _items(text: str, *, tags: bool = False) -> tuple[str, ...]:
    """A comma-separated field as items: trimmed, empty ones dropped, each once."""
    items = (item.strip() for item in text.split(","))
    if tags:
        items = (item.lstrip("#").strip() for item in items)
    return tuple(dict.fromkeys(item for item in items if item))


class ContactForm(FormScreen[Contact | None]):
    """Dismisses with the saved contact, or None when the user leaves."""

    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), priority=True, id="contact-form.save"),
        Binding("escape", "cancel", _("Cancel"), priority=True, id="contact-form.cancel"),
    ]
    HELP_EXTRA = [
        ("tab / shift+tab", _("Next field / previous field")),
        ("enter", _("In a one-line field: save")),
    ]
    FORM = "contact"
    DEFAULT_CSS = """
    ContactForm #contact-form {
        height: 90%;
    }
    ContactForm Grid {
        grid-columns: 16 1fr;
        grid-rows: 3;
    }
    ContactForm #contact-notes {
        height: 5;
    }
    """

    def __init__(
        self,
        contact: Contact | None,
        save: Callable[[Contact], Contact],
        *,
        today: date,
        settings: Settings,
        others: Callable[[], list[Contact]] = list,
    ) -> None:
        """`others()`: every contact, to refuse an alias another one already answers to."""
        super().__init__()
        self._others = others
        self._namesake_ok = ""  # a name shared with another contact, saved anyway on the second ctrl+s
        self.is_new = contact is None
        self.contact = contact or Contact(name="", created=today, met_on=today)
        self._save = save
        self.today = today
        self.settings = settings

    def compose(self) -> ComposeResult:
        c = self.contact
        title = _("New contact") if self.is_new else _("Edit contact")
        with Vertical(id="contact-form", classes="form"):
            yield Label(Content(title), id="contact-form-title", classes="form-title")
            with VerticalScroll():
                with Grid():
                    yield Label(_("Name"))
                    yield Input(c.name, placeholder=_("required"), id="contact-name")
                    yield Label(_("Circle"))
                    yield Select(
                        [(_("R1 close"), Circle.R1), (_("R2 acquaintance"), Circle.R2), (_("R3 met recently"), Circle.R3)],
                        value=c.circle,
                        allow_blank=False,
                        id="contact-circle",
                    )
                    yield Label(_("Organisation"))
                    yield Input(c.organisation, id="contact-org")
                    yield Label(_("Role"))
                    yield Input(c.role, id="contact-role")
                    yield Label(_("Tags"))
                    yield Input(", ".join(c.tags), placeholder=_("comma-separated: ux, dakar"), id="contact-tags")
                    yield Label(_("Also known as"))
                    yield Input(", ".join(c.aliases), placeholder=_("other names mentions may use"), id="contact-aliases")
                    yield Label(_("Met on"))
                    yield Input(c.met_on.isoformat() if c.met_on else "", placeholder="YYYY-MM-DD", id="contact-met-on")
                    yield Label(_("Met where"))
                    yield Input(c.met_where, placeholder=_("the 5 à 7 at the library"), id="contact-met-where")
                    yield Label(_("Keep in touch"))
                    yield Input(
                        str(c.cadence_days) if c.cadence_days is not None else "",
                        placeholder=self._cadence_placeholder(c.circle),
                        id="contact-cadence",
                    )
                    yield Label(_("Emails"))
                    yield Input(", ".join(c.emails), placeholder=_("comma-separated"), id="contact-emails")
                    yield Label(_("Phones"))
                    yield Input(", ".join(c.phones), placeholder=_("comma-separated"), id="contact-phones")
                    yield Label(_("Links"))
                    yield Input(", ".join(c.links), placeholder=_("comma-separated"), id="contact-links")
                yield Label(_("Notes"))
                yield TextArea(c.notes, soft_wrap=True, tab_behavior="focus", id="contact-notes")
            yield Static(id="contact-form-error", classes="form-error", markup=False)
            yield Static(_("ctrl+s save · esc cancel · tab next field"), id="contact-form-hint", classes="form-hint", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#contact-name", Input).focus()

    def _cadence_placeholder(self, circle: Circle) -> str:
        return _("days; empty: the circle's ({days})").format(days=circle_cadence(circle, self.settings))

    @on(Select.Changed, "#contact-circle")
    def _circle_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, Circle):
            self.query_one("#contact-cadence", Input).placeholder = self._cadence_placeholder(event.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def _value(self, field: str) -> str:
        return self.query_one(f"#contact-{field}", Input).value

    def _read(self) -> Contact | None:
        """The contact as the form holds it, or None after saying what is wrong."""
        name = " ".join(self._value("name").split())
        if not is_name(name):
            self._fail(_("A contact needs a name, with at least one letter or digit."), "name")
            return None
        try:
            cadence = parse_cadence(self._value("cadence"))
        except ValueError:
            self._fail(
                _("Keep in touch is a whole number of days, 1 to {most}, or empty for the circle's.").format(
                    most=MAX_CADENCE_DAYS
                ),
                "cadence",
            )
            return None
        met_text = self._value("met-on").strip()
        met_on = None
        if met_text:
            try:
                met_on = date.fromisoformat(met_text)
            except ValueError:
                self._fail(_("{value!r} is not a date; write it as YYYY-MM-DD.").format(value=met_text), "met-on")
                return None
            if not FIRST_DAY <= met_on <= self.today:
                self._fail(_("Met on: a day from {first} to today.").format(first=FIRST_DAY.isoformat()), "met-on")
                return None
        if not self._quiet and not self._names_are_free(name):
            return None
        circle = self.query_one("#contact-circle", Select).value
        return dataclasses.replace(
            self.contact,
            name=name,
            circle=circle if isinstance(circle, Circle) else self.contact.circle,
            organisation=self._value("org").strip(),
            role=self._value("role").strip(),
            tags=_items(self._value("tags"), tags=True),
            aliases=_items(self._value("aliases")),
            met_on=met_on,
            met_where=self._value("met-where").strip(),
            cadence_days=cadence,
            emails=_items(self._value("emails")),
            phones=_items(self._value("phones")),
            links=_items(self._value("links")),
            notes=self.query_one("#contact-notes", TextArea).text.rstrip(),
        )

    def _names_are_free(self, name: str) -> bool:
        """An alias another contact answers to would make @it mean nobody: refused. A name another
        contact has (two people, one name) is said once; saving again keeps both."""
        others = [c for c in self._others() if c.id != self.contact.id]
        for alias in _items(self._value("aliases")):
            taken = answering_to(alias, others)
            if taken is not None:
                self._fail(
                    _("{alias} already names {name}; as an alias here too, @{alias} would mean nobody.").format(
                        alias=one_line(alias, 40), name=one_line(taken.name, 40)
                    ),
                    "aliases",
                )
                return False
        namesake = next((c for c in others if fold(c.name) == fold(name)), None)
        if namesake is not None and self._namesake_ok != fold(name):
            self._namesake_ok = fold(name)
            self._fail(
                _(
                    "Another contact is named {name}{org}. Mentions of that name will then mean nobody: give one "
                    "of them an alias. ctrl+s again saves anyway."
                ).format(
                    name=one_line(name, 40),
                    org=f" ({one_line(namesake.organisation, 30)})" if namesake.organisation else "",
                ),
                "name",
            )
            return False
        return True

    def _changed(self) -> bool:
        read = self._read_quietly()
        return read is None or read != self.contact

    def action_save(self) -> None:
        contact = self._read()
        if contact is None:
            return
        try:
            saved = self._save(contact)
        except JournalError as error:
            self._fail(_("Not saved: {error}").format(error=error))
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        circle = self.query_one("#contact-circle", Select)
        if circle.expanded:
            circle.expanded = False
            return
        if not self._changed():
            self.dismiss(None)
            return
        from journal.tui.screens.modals.confirm import ask_before_leaving

        ask_before_leaving(self, _("What you typed in this form will be lost."), _("Keep editing"), lambda: self.dismiss(None))
