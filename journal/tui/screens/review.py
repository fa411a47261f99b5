"""Mode 5, the monthly review: what was given and what was asked, and who the network is becoming.

The review is computed from the ledger by month (the repository's index): a
month change reads the twelve months it shows, never ten years of exchanges.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from journal import labels
from journal.domain import balance, streaks
from journal.domain.days import month_end, next_month, previous_month
from journal.domain.models import Card, CardKind, Circle
from journal.i18n import _, ngettext
from journal.store import JournalError
from journal.tui.screens.base import TricotScreen
from journal.tui.widgets.footer import Footer
from journal.tui.cells import cell_line

MONTH_KEYS = Binding.Group(_("Month"), compact=True)


class ReviewScreen(TricotScreen):
    HELP_TITLE = _("Review: the month's give and ask balance")
    HELP_EXTRA = [("↑ / ↓", _("Choose someone you only asked of"))]
    BINDINGS = [
        Binding("left_square_bracket", "month(-1)", _("Month before"), key_display="[", group=MONTH_KEYS, id="review.previous-month"),
        Binding("right_square_bracket", "month(1)", _("Month after"), key_display="]", group=MONTH_KEYS, id="review.next-month"),
        Binding("t", "this_month", _("This month"), id="review.this-month"),
        Binding("c", "card_for", _("Card"), tooltip=_("A give-first card for the person chosen in 'Only asked of'"), id="review.card"),
        Binding("x", "export", _("Export"), tooltip=_("Write this review as Markdown"), id="review.export"),
    ]
    DEFAULT_CSS = """
    ReviewScreen #review-body {
        padding: 0 1;
    }
    ReviewScreen #review-title {
        margin-top: 1;
        height: auto;
    }
    ReviewScreen .review-row {
        height: auto;
    }
    ReviewScreen .review-box {
        height: auto;
        width: 1fr;
        border: round $panel;
        border-title-color: $text-muted;
        padding: 0 1;
    }
    ReviewScreen #review-only-asked {
        height: auto;
        max-height: 8;
        border: round $warning;
        border-title-color: $text-warning;
        padding: 0 1;
    }
    ReviewScreen #review-only-asked.-empty {
        display: none;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.month: date | None = None
        self.review: balance.Review | None = None
        self._summary: dict[str, int] = {}
        self._follows_today = False  # showing this month: a new month brings the review along
        self._kept: dict[date, tuple[balance.Review, dict[str, int]]] = {}
        self._kept_version: tuple | None = None
        self._preparing = None  # the timer preparing the month before, once idle

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="🧶")
        with VerticalScroll(id="review-body"):
            yield Static(id="review-title")
            with Horizontal(classes="review-row"):
                yield Static(id="review-balance", classes="review-box")
                yield Static(id="review-months", classes="review-box")
            yield OptionList(id="review-only-asked")
            with Horizontal(classes="review-row"):
                yield Static(id="review-people", classes="review-box")
                yield Static(id="review-network", classes="review-box")
            with Horizontal(classes="review-row"):
                yield Static(id="review-overdue", classes="review-box")
                yield Static(id="review-habit", classes="review-box")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.sub_title = _("Review")
        titles = {
            "#review-balance": _("Balance"),
            "#review-months": _("12 months: ▇ given ▒ asked"),
            "#review-only-asked": _("Only asked of"),
            "#review-people": _("Most given to · most asked of"),
            "#review-network": _("Your network this month"),
            "#review-overdue": _("Overdue, by circle"),
            "#review-habit": _("Cards and streak"),
        }
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.reload()

    # -- computing ------------------------------------------------------------------------------

    def _compute(self, month: date) -> tuple[balance.Review, dict[str, int]]:
        """The month's review, kept while the journal and the day stay as they are."""
        version = (self.repository.generation, self.app.clock.today())
        if self._kept_version != version:
            self._kept_version, self._kept = version, {}
        if month not in self._kept:
            self._kept[month] = self._review_of(month)
        return self._kept[month]

    def _prepare_before(self) -> None:
        """Once idle after a month is shown, the month before it: `[` is then one frame."""
        self._preparing = None
        if self.month is not None and self.is_current:
            before = previous_month(self.month)
            if before is not None:
                self._compute(before)

    def _review_of(self, month: date) -> tuple[balance.Review, dict[str, int]]:
        repository = self.repository
        today = self.app.clock.today()
        months = balance.window(month)
        by_month = repository.exchanges_by_month(months)
        at = min(month_end(month), today)
        overdue = repository.due(today, self.app.settings) if at == today else repository.due_at_end_of(at, self.app.settings)
        found = balance.review_from_index(
            month, by_month, repository.contacts(), repository.cards(), overdue, repository.given_before(months[0])
        )
        rules = streaks.Rules.from_settings(self.app.settings)
        return found, streaks.month_summary(repository.action_days(), month, today, rules)

    def reload(self) -> None:
        today = self.app.clock.today()
        if self.month is None or self._follows_today:
            self.month = today.replace(day=1)
        self.review, self._summary = self._compute(self.month)
        self._draw()
        super().reload()
        self._follows_today = self.month == today.replace(day=1)

    # -- drawing --------------------------------------------------------------------------------

    def _draw(self) -> None:
        review = self.review
        assert review is not None and self.month is not None
        title: list[str | tuple[str, str]] = [(_("Review — {month}").format(month=labels.month_year(review.month)), "bold $text-primary")]
        if review.is_empty:
            title += ["  ", (_("Nothing was given or asked this month."), "$text-muted")]
        else:
            title += [
                "  ",
                (ngettext("{n} give", "{n} gives", review.gives).format(n=review.gives), "bold"),
                " · ",
                (ngettext("{n} ask", "{n} asks", review.asks).format(n=review.asks), "bold"),
            ]
        title += ["   ", (_("[ ] month · x export"), "$text-muted")]
        self.query_one("#review-title", Static).update(Content.assemble(*title))
        self.query_one("#review-balance", Static).update(self._balance(review))
        self.query_one("#review-months", Static).update(self._months(review))
        self._only_asked(review)
        self.query_one("#review-people", Static).update(self._people(review))
        self.query_one("#review-network", Static).update(self._network(review))
        self.query_one("#review-overdue", Static).update(self._overdue(review))
        self.query_one("#review-habit", Static).update(self._habit(review))
        self.refresh_bindings()
        if self._preparing is not None:
            self._preparing.stop()
            self._preparing = None
        # After the frame is out (a first open takes longer than any timer), then a moment more.
        self.call_after_refresh(self._prepare_soon)

    def _prepare_soon(self) -> None:
        if self._preparing is None:
            self._preparing = self.set_timer(0.05, self._prepare_before)

    def _balance(self, review: balance.Review) -> Content:
        parts: list[str | tuple[str, str]] = [
            (_("Gave"), "$text-muted"), f" {review.gives}   ", (_("Asked"), "$text-muted"), f" {review.asks}",
        ]
        for circle in Circle:
            counts = review.by_circle[circle]
            parts += ["\n", (circle.value, "bold $text-accent"), f"  {counts.gives} / {counts.asks}"]
        if review.unknown.gives or review.unknown.asks:
            parts += ["\n", (_("People deleted since"), "$text-muted"), f"  {review.unknown.gives} / {review.unknown.asks}"]
        for kind, counts in review.by_kind.items():
            parts += ["\n", (labels.exchange_kind(kind), "$text-secondary"), f"  {counts.gives} / {counts.asks}"]
        parts += ["\n", (_("(gives / asks)"), "$text-muted")]
        return Content.assemble(*parts)

    def _months(self, review: balance.Review) -> Content:
        top = max((max(c.gives, c.asks) for _m, c in review.months), default=0) or 1
        # Two bars and their numbers side by side in half the screen.
        bar_cells = max(3, (self.size.width // 2 - 4 - 7 - 2 - 2 * len(str(top)) - 2) // 2)
        parts: list[str | tuple[str, str]] = []
        for month, counts in review.months:
            gives = round(counts.gives / top * bar_cells)
            asks = round(counts.asks / top * bar_cells)
            head = f"{labels.month_short(month.month)} {month.year % 100:02d} "
            style = "bold" if month == review.month else "$text-muted"
            parts += [
                (head, style),
                ("▇" * gives, "$text-accent"),
                f" {counts.gives}" if counts.gives else "",
                "  ",
                ("▒" * asks, "$text-secondary"),
                f" {counts.asks}" if counts.asks else "",
                "\n",
            ]
        return Content.assemble(*parts[:-1])

    def _only_asked(self, review: balance.Review) -> None:
        listing = self.query_one("#review-only-asked", OptionList)
        listing.set_class(not review.only_asked, "-empty")
        listing.clear_options()
        if not review.only_asked:
            return
        listing.add_option(
            Option(
                Content(_("You asked these people for something and have not given them anything yet. A give first would balance it: c makes a card.")).stylize("$text-muted"),
                disabled=True,
            )
        )
        # One call for them all: each add_option lays the whole list out again.
        listing.add_options(
            Option(
                Content.assemble(
                    (cell_line(contact.name, 30), "bold"), "  ", (contact.circle.value, "$text-accent"), "  ",
                    (ngettext("asked {n} time", "asked {n} times", asks).format(n=asks), "$text-muted"),
                ),
                id=contact.id,
            )
            for contact, asks in review.only_asked
        )
        listing.highlighted = 1
        listing.focus()  # ↑ / ↓ choose whom c makes a card for, after any month change too

    def _people(self, review: balance.Review) -> Content:
        parts: list[str | tuple[str, str]] = []
        for title, rows in ((_("Given to"), review.most_given), (_("Asked of"), review.most_asked)):
            parts += [(title, "bold $text-secondary")]
            if not rows:
                parts += ["  ", (_("nobody"), "$text-muted")]
            for contact, count in rows:
                parts += ["\n  ", cell_line(contact.name, 30), (f"  {count}", "$text-muted")]
            parts += ["\n"]
        return Content.assemble(*parts[:-1])

    def _network(self, review: balance.Review) -> Content:
        funnel = review.funnel
        parts: list[str | tuple[str, str]] = []
        for title, people in ((_("Met (new in R3)"), funnel.met), (_("R3 → R2"), funnel.r3_to_r2), (_("R2 → R1"), funnel.r2_to_r1)):
            names = ", ".join(cell_line(c.name, 24) for c in people[:6]) + (" …" if len(people) > 6 else "")
            parts += [(title, "$text-muted"), f"  {len(people)}", ("  " + names if names else "", "$text-secondary"), "\n"]
        return Content.assemble(*parts[:-1])

    def _overdue(self, review: balance.Review) -> Content:
        parts: list[str | tuple[str, str]] = []
        for circle in Circle:
            due = review.overdue.get(circle, ())
            names = ", ".join(cell_line(d.contact.name, 20) for d in due[:4]) + (" …" if len(due) > 4 else "")
            parts += [(circle.value, "bold $text-accent"), f"  {len(due)}", ("  " + names if names else "", "$text-muted"), "\n"]
        return Content.assemble(*parts[:-1])

    def _habit(self, review: balance.Review) -> Content:
        s = self._summary
        return Content.assemble(
            (_("Cards"), "$text-muted"),
            "  " + _("{given} given · {dropped} dropped · {open} open").format(given=review.cards_given, dropped=review.cards_dropped, open=review.cards_open),
            "\n",
            (_("Streak"), "$text-muted"),
            "  " + ngettext("{n} active day", "{n} active days", s["active_days"]).format(n=s["active_days"]),
            " · " + ngettext("{n} freeze", "{n} freezes", s["frozen_days"]).format(n=s["frozen_days"]),
            " · " + ngettext("{n} missed", "{n} missed", s["missed_days"]).format(n=s["missed_days"]),
            "\n",
            (_("Now") if review.month == self.app.clock.today().replace(day=1) else _("At the month's end"), "$text-muted"),
            "  " + ngettext("{n} day in a row", "{n} days in a row", s["streak_at_end"]).format(n=s["streak_at_end"]),
        )

    # -- keys -------------------------------------------------------------------------------------

    def action_month(self, step: int) -> None:
        assert self.month is not None
        moved = next_month(self.month) if step > 0 else previous_month(self.month)
        if moved is None or moved > self.app.clock.today():
            self.notify(_("The review goes up to this month."), timeout=3)
            return
        self.month = moved
        self._follows_today = moved == self.app.clock.today().replace(day=1)
        self.review, self._summary = self._compute(moved)
        self._draw()

    def action_this_month(self) -> None:
        self.month = self.app.clock.today().replace(day=1)
        self._follows_today = True
        self.review, self._summary = self._compute(self.month)
        self._draw()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "card_for":
            return bool(self.review and self.review.only_asked)
        return True

    def action_card_for(self) -> None:
        from journal.tui.screens.modals.card_form import CardForm
        from journal.tui.widgets.mention_completion import mention_text

        listing = self.query_one("#review-only-asked", OptionList)
        option = listing.highlighted_option
        contact = self.repository.get_contact(option.id) if option is not None and option.id else None
        if contact is None:
            return
        title = _("Something for {mention}: ").format(mention=mention_text(contact, self.repository.people()))
        card = Card(title=title, kind=CardKind.OTHER, contact_ids=(contact.id,))

        def saved(made: Card | None) -> None:
            if made is None:
                return
            try:
                self.repository.add_card(made)
            except JournalError as error:
                self.notify(error.line(), title=_("Not saved"), severity="error", timeout=15, markup=False)
                return
            self.app.release_journal()
            self.app.tell_warnings()
            self.notify(_("On the board (2), to give."), timeout=4)

        self.app.push_screen(CardForm(card, self.repository.contacts, now=self.app.clock.now()), saved)

    def action_export(self) -> None:
        from journal.tui.screens.modals.review_export import ReviewExportScreen

        if self.review is not None:
            self.app.push_screen(ReviewExportScreen(self.review, self._summary, self.app.data_dir))
