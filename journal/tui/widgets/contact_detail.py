"""One contact in full: circle, tags, how and where met, notes, details, and their history."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from journal import labels
from journal.domain.cadence import Activity, Due, Reason, cadence_days
from journal.domain.mentions import format_mention
from journal.domain.models import Contact, Direction, Entry, Exchange
from journal.domain.settings import Settings
from journal.i18n import _, ngettext
from journal.tui.cells import cell_line


def describe(contact: Contact, activity: Activity, due: Due | None, today: date, settings: Settings) -> Content:
    """The contact's card: every field the user filled, nothing for those left empty. User text is never markup."""
    parts: list[str | tuple[str, str]] = [(cell_line(contact.name), "bold"), "  ", (contact.circle.value, "bold $text-accent")]
    every = cadence_days(contact, settings)
    parts += ["  ", (ngettext("every {n} day", "every {n} days", every).format(n=every), "$text-muted")]
    work = " · ".join(cell_line(v) for v in (contact.role, contact.organisation) if v.strip())
    if work:
        parts += ["\n", work]
    met = []
    if contact.met_on:
        met.append(contact.met_on.isoformat())
    if contact.met_where.strip():
        met.append(cell_line(contact.met_where))
    if met:
        parts += ["\n", (_("Met: "), "$text-muted"), " · ".join(met)]
    if contact.tags:
        parts += ["\n", (_("Tags: "), "$text-muted"), (" ".join("#" + cell_line(t) for t in contact.tags), "$text-accent")]
    if contact.aliases:
        parts += ["\n", (_("Also: "), "$text-muted"), ", ".join(cell_line(a) for a in contact.aliases)]
    for title, values in ((_("Email: "), contact.emails), (_("Phone: "), contact.phones), (_("Links: "), contact.links)):
        if values:
            parts += ["\n", (title, "$text-muted"), " · ".join(cell_line(v) for v in values)]
    parts += ["\n", (_("Last interaction: "), "$text-muted"), labels.days_ago(activity.last, today)]
    if due is not None:
        parts += ["  ", (labels.due(due), "$text-error" if due.reason is Reason.FOLLOW_UP else "$text-warning")]
    if contact.moves:
        moves = ", ".join(f"{m.from_circle.value} → {m.to_circle.value} {m.on.isoformat()}" for m in contact.moves[-3:])
        parts += ["\n", (_("Moves: "), "$text-muted"), moves]
    if contact.notes.strip():
        parts += ["\n\n", (cell_line(contact.notes, 600), "$text-muted")]
    return Content.assemble(*parts)


def history_option(item: Entry | Exchange, today: date) -> Option:
    """One line of the history: an entry that mentions them, or an exchange with them."""
    if isinstance(item, Entry):
        head = f"{item.at:%Y-%m-%d %H:%M}"
        kind = labels.entry_kind(item.kind)
        body = cell_line(item.body, 70) or "…"
        prompt = Content.assemble((head, "bold"), "  ", (kind, "$text-secondary"), "  ", (body, "$text-muted"))
        return Option(prompt, id=f"entry:{item.id}")
    head = f"{item.on.isoformat()}      "
    direction = labels.direction(item.direction)
    kind = labels.exchange_kind(item.kind)
    note = cell_line(item.note, 60)
    prompt = Content.assemble(
        (head, "bold"), "  ", (direction, "$text-accent"), " ", (kind, "$text-secondary"), "  ", (note, "$text-muted")
    )
    return Option(prompt, id=f"exchange:{item.id}")


class ContactDetail(Vertical):
    DEFAULT_CSS = """
    ContactDetail {
        border: round $panel;
        padding: 0 1;
        height: 1fr;
    }
    /* Fixed heights: a card of another size on each key would reflow the whole screen. */
    ContactDetail #contact-card {
        height: 45%;
        overflow-y: auto;
    }
    ContactDetail #contact-history-title {
        margin-top: 1;
        height: 2;
        color: $text-muted;
        text-style: bold;
    }
    ContactDetail #contact-history {
        height: 1fr;
        border: none;
        padding: 0;
    }
    ContactDetail #contact-history:focus {
        background-tint: $foreground 5%;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="contact-card")
        yield Static(id="contact-history-title")
        yield OptionList(id="contact-history")

    def show(
        self,
        contact: Contact | None,
        activity: Activity,
        due: Due | None,
        history: list[Entry | Exchange],
        today: date,
        settings: Settings,
    ) -> None:
        card = self.query_one("#contact-card", Static)
        title = self.query_one("#contact-history-title", Static)
        listing = self.query_one("#contact-history", OptionList)
        if contact is None:
            card.update("")
            title.update("")
            listing.clear_options()
            return
        card.update(describe(contact, activity, due, today, settings))
        if history:
            gave = sum(1 for item in history if isinstance(item, Exchange) and item.direction is Direction.GIVE)
            asked = sum(1 for item in history if isinstance(item, Exchange) and item.direction is Direction.ASK)
            heading = ngettext(
                "History: {n} interaction (enter opens)", "History: {n} interactions (enter opens)", len(history)
            ).format(n=len(history))
            ledger = _("gave {gave} · asked {asked} · g / a log one").format(gave=gave, asked=asked)
            title.update(Content.assemble(heading, "\n", (ledger, "$text-muted")))
        else:
            # The name is user text: Content, never markup.
            title.update(
                Content(
                    _("No interaction yet. Mention them in an entry: {mention}, or log a give (g) or an ask (a).").format(
                        mention=cell_line(format_mention(contact.name), 40)
                    )
                )
            )
        listing.set_options(history_option(item, today) for item in history)
