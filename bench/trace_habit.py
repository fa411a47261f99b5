"""Key press to screen on the streak (mode 4) and the review (mode 5), taken apart: the app in the bench's terminal, with a trace.

    .venv/bin/python bench/trace_habit.py [DATA_DIR] [--presses 40] [--patch ...] [--gc-census]

As bench/trace_board.py, for the rows of `bench/run.py --rows streak,review`
(bench/habit.py): the app runs in the same 120x40 pseudo-terminal, started
through this file, which wraps the functions that matter and logs a line per
call, frame written and garbage collection (bench/tracing.py). The driver
presses the keys as the rows do, each until the screen shows its result:
`4` (cold, then from Today), `[` / `]` a year back and ahead, then `5` (cold,
after the streak: the day counts are built already; then from Today) and
`[` / `]` a month before and after. The year and month keys are reported by
where they land: a past year or month, or back to this one (the streak's
whole walk, the review's `due` of today); a month shown for the first time
in the session on its own line (what a cache would not save). Each press is
split into the screen's own work (the streak's `compute` and `states`; the
review's `_compute`: the ledger by month, who was due, `review_from_index`,
the month's streak; its `_draw`), Textual's Footer, layout and render, and
the garbage collections. Nothing is written: DATA_DIR is only read. The
driver waits 2.5 s after start (the bench 1.5 s), so that what `--patch
prepare` does while idle is done before the first open.

`--patch` runs the app with fixes proposed for journal/ applied by
monkeypatching (an experiment, to measure what each would buy; see PATCHES).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.tracing import TEXTUAL_CATEGORIES, Child, Driver, patched_main  # noqa: E402

CATEGORIES = [
    # (name, labels it covers); each is the union of its calls' intervals, so nesting counts once.
    (
        "Tricot's handlers (screens, heatmap, repository, domain)",
        ("StreakScreen.", "ReviewScreen.", "Heatmap.show", "JournalRepository.", "streaks.", "balance.", "cadence."),
    ),
    ("  streak: the numbers (StreakScreen.reload)", ("StreakScreen.reload",)),
    ("  streak: the year drawn (StreakScreen._draw_year)", ("StreakScreen._draw_year",)),
    ("    streaks.compute (every day since the first)", ("streaks.compute",)),
    ("    streaks.states (every day since the first, to the window's end)", ("streaks.states",)),
    ("  review: computed (ReviewScreen._compute)", ("ReviewScreen._compute",)),
    ("    the ledger of 12 months decoded (exchanges_by_month)", ("JournalRepository.exchanges_by_month",)),
    ("    who was due (due / due_at_end_of)", ("JournalRepository.due",)),
    ("      cadence.due over the contacts", ("cadence.due",)),
    ("    balance.review_from_index", ("balance.review_from_index",)),
    ("    the month's streak (streaks.month_summary)", ("streaks.month_summary",)),
    (
        "    contacts, cards, given_before, action_days",
        (
            "JournalRepository.contacts",
            "JournalRepository.cards",
            "JournalRepository.given_before",
            "JournalRepository.action_days",
        ),
    ),
    ("  review: drawn (ReviewScreen._draw)", ("ReviewScreen._draw",)),
    ("    the only-asked list (ReviewScreen._only_asked)", ("ReviewScreen._only_asked",)),
    ("the heatmap's lines (Heatmap.render_line, within Textual's render)", ("Heatmap.render_line",)),
    *TEXTUAL_CATEGORIES,
]

# -- the experiments: fixes proposed for journal/, applied in the traced app only ----------------

PATCHES = {
    "switch": "a mode whose screen is built already is switched to without Textual's `delay_update` (App.switch_mode "
    "holds every frame for 50 ms to mask the switch): the frame comes as soon as it is ready",
    "options": "the review's only-asked list given to the OptionList in one `add_options` call, not one `add_option` "
    "per person (each lays out every line again)",
    "review": "the review of a month (and its streak summary) kept per month, journal generation and day: a month "
    "seen again only draws it",
    "dueindex": "who was due from an index of each contact's interaction days (ascending, built once per version "
    "of the contacts and their activity): due as of any day by bisection, no Activity.as_of copies (same result)",
    "prefetch": "(with review) once a month is on screen, the month before it computed just after the frame, "
    "so that `[` finds it ready",
    "prepare": "once the idle preparation for the contacts is done, a step per tick while idle: the streak's and "
    "review's modules imported, the day counts (action_days), the activity index and today's due list built, "
    "then frozen for the collector",
    "draw": "the review's boxes updated without a layout of the screen when their number of lines is unchanged "
    "(an experiment: a line that wraps differently would be cut)",
}


class OverdueIndex:
    """Who is due as of any day, from each contact's interaction days kept ascending (the `dueindex` patch).

    The same list as `cadence.due(known, {id: activity.as_of(day)}, day, settings)`: follow-ups
    first (latest event first), then the overdue, most overdue first, then by name.
    """

    def __init__(self, contacts, activities, settings) -> None:
        from journal.domain.cadence import cadence_days
        from journal.domain.models import EntryKind

        self.rows = []
        for contact in contacts:
            activity = activities.get(contact.id)
            entries = [at for at, _ in reversed(activity.entries)] if activity is not None else []
            exchanges = [on for on, _ in reversed(activity.exchanges)] if activity is not None else []
            first = activity.first_mention if activity is not None else None
            event = first[0] if first is not None and first[1] == EntryKind.EVENT.value else None
            fallback = max((d for d in (contact.met_on, contact.created) if d is not None), default=None)
            self.rows.append(
                (
                    contact,
                    [at.date() for at in entries],
                    entries,
                    exchanges,
                    event,
                    fallback,
                    cadence_days(contact, settings),
                )
            )

    def due_as_of(self, day):
        from bisect import bisect_right
        from datetime import timedelta

        from journal.domain.cadence import FOLLOW_UP_DAYS, Due, Reason

        follow_ups, overdue = [], []
        for contact, entry_days, entries, exchanges, event, fallback, every in self.rows:
            if contact.created is not None and contact.created > day:
                continue
            i = bisect_right(entry_days, day)
            j = bisect_right(exchanges, day)
            last_entry = entry_days[i - 1] if i else None
            last_exchange = exchanges[j - 1] if j else None
            last = max(d for d in (last_entry, last_exchange) if d is not None) if i or j else None
            if event is not None and i and not entries[i - 1] > event and not (j and last_exchange >= event.date()):
                due_on = event.date() + timedelta(days=FOLLOW_UP_DAYS)
                follow_ups.append((event, Due(contact, Reason.FOLLOW_UP, due_on, (day - due_on).days, last)))
                continue
            start = last if last is not None else fallback
            late = None if start is None else (day - start).days - every
            if late is not None and late >= 0:
                overdue.append(
                    (
                        -late,
                        contact.name.casefold(),
                        Due(contact, Reason.OVERDUE, day - timedelta(days=late), late, last),
                    )
                )
        follow_ups.sort(key=lambda pair: pair[0], reverse=True)
        overdue.sort(key=lambda row: row[:2])
        return [d for _, d in follow_ups] + [d for *_, d in overdue]


def _patch(names: set[str]) -> None:
    from textual.app import App
    from textual.widgets import OptionList, Static

    from journal.store.repository import JournalRepository
    from journal.tui import app as tricot_app
    from journal.tui.screens import review as review_screen

    if "switch" in names:

        def switch_mode(self, mode):
            if mode in self._screen_stacks and mode != self.current_mode:  # built: nothing to mask
                self.delay_update = lambda delay=0.05: None
                try:
                    return App.switch_mode(self, mode)
                finally:
                    del self.delay_update
            return App.switch_mode(self, mode)

        tricot_app.TricotApp.switch_mode = switch_mode  # type: ignore[method-assign]
    if "options" in names:
        only_asked = review_screen.ReviewScreen._only_asked

        def only_asked_at_once(self, review):
            listing = self.query_one("#review-only-asked", OptionList)
            pending: list = []
            listing.add_option = pending.append  # the screen's own code, its options gathered
            try:
                only_asked(self, review)
            finally:
                del listing.add_option
            if pending:
                listing.add_options(pending)
                listing.highlighted = 1

        review_screen.ReviewScreen._only_asked = only_asked_at_once  # type: ignore[method-assign]
    if "review" in names or "prefetch" in names:
        compute = review_screen.ReviewScreen._compute
        reviews: dict[tuple, tuple] = {}

        def compute_kept(self, month):
            key = (month, self.repository.generation, self.app.clock.today(), id(self.app.settings))
            if key not in reviews:
                reviews[key] = compute(self, month)
            return reviews[key]

        review_screen.ReviewScreen._compute = compute_kept  # type: ignore[method-assign]
    if "dueindex" in names:
        indexes: dict[tuple, OverdueIndex] = {}

        def index(self, settings) -> OverdueIndex:
            contacts, activities = self.contacts(), self.activities()
            key = (id(contacts), id(activities), id(settings))
            if key not in indexes:
                indexes.clear()
                indexes[key] = OverdueIndex(contacts, activities, settings)
            return indexes[key]

        JournalRepository.due_at_end_of = lambda self, day, settings: index(self, settings).due_as_of(day)  # type: ignore[method-assign]
        JournalRepository.due = lambda self, today, settings: index(self, settings).due_as_of(today)  # type: ignore[method-assign]
    if "prefetch" in names:
        draw = review_screen.ReviewScreen._draw

        def draw_then_prefetch(self):
            draw(self)

            def prefetch() -> None:
                from journal.domain.days import previous_month

                before = previous_month(self.month)
                if before is not None and self.is_current:
                    self._compute(before)  # kept by the `review` patch

            self.call_after_refresh(prefetch)

        review_screen.ReviewScreen._draw = draw_then_prefetch  # type: ignore[method-assign]
    if "prepare" in names:
        import importlib

        prepare_contacts = tricot_app.TricotApp._prepare_contacts

        def prepare_more(self) -> None:
            prepare_contacts(self)
            if self.repository is None or getattr(self, "_bench_steps", None) is not None:
                return
            if not self.repository.prepare_activities(limit=0):  # the contacts' preparation is not over
                return
            repository, today = self.repository, self.clock.today()
            self._bench_steps = [
                lambda: importlib.import_module("journal.tui.screens.streak"),
                lambda: importlib.import_module("journal.tui.screens.review"),
                repository.action_days,
                repository.activities,
                lambda: repository.due(today, self.settings),
                self.keep_loaded_journal,
            ]

            def step() -> None:
                if self._bench_steps:
                    self._bench_steps.pop(0)()
                else:
                    timer.stop()

            timer = self.set_interval(0.1, step)

        tricot_app.TricotApp._prepare_contacts = prepare_more  # type: ignore[method-assign]
    if "draw" in names:
        update = Static.update

        def update_in_place(self, content="", *, layout=True):
            if self.id is not None and self.id.startswith("review-"):
                lines = str(content).count("\n") + 1
                if lines == getattr(self, "_bench_lines", None):
                    layout = False
                self._bench_lines = lines
            update(self, content, layout=layout)

        Static.update = update_in_place  # type: ignore[method-assign]


# -- the child: the app, traced ---------------------------------------------------------------


def _child(log_path: str, argv: list[str], patches: set[str]) -> int:
    from textual.widget import Widget
    from textual.widgets import Digits, OptionList, Static

    from journal.domain import balance, cadence, streaks
    from journal.store import repository
    from journal.store.repository import JournalRepository
    from journal.tui.screens import review, streak
    from journal.tui.widgets.heatmap import Heatmap

    _patch(patches)  # before the wrapping: a patched function is traced under its name
    child = Child(log_path)
    child.hook()
    wrap = child.wrap
    for name in ("reload", "_draw_year", "action_year", "action_this_year", "on_screen_resume", "refresh_bindings"):
        wrap(streak.StreakScreen, name, f"StreakScreen.{name}")
    for name in (
        "reload",
        "_compute",
        "_draw",
        "_only_asked",
        "action_month",
        "action_this_month",
        "on_screen_resume",
        "refresh_bindings",
    ):
        wrap(review.ReviewScreen, name, f"ReviewScreen.{name}")
    for name in ("compute", "states", "month_summary", "first_activity", "week_gives", "year_weeks"):
        wrap(streaks, name, f"streaks.{name}")
    for name in ("review_from_index", "window"):
        wrap(balance, name, f"balance.{name}")
    wrap(cadence, "due", "cadence.due")  # due_as_of calls it by the module's name
    wrap(repository, "due", "cadence.due")  # the repository's `due` calls it by its own
    for name in (
        "action_days", "give_days", "exchanges_by_month", "given_before", "due", "due_at_end_of",
        "contacts", "cards", "activities",
    ):  # fmt: skip
        wrap(JournalRepository, name, f"JournalRepository.{name}")
    wrap(Heatmap, "show", "Heatmap.show")
    wrap(Heatmap, "render_line", "Heatmap.render_line")
    wrap(Digits, "update", "Digits.update")
    wrap(Static, "update", "Static.update")
    wrap(OptionList, "clear_options", "OptionList.clear_options")
    wrap(OptionList, "add_option", "OptionList.add_option")
    wrap(Widget, "focus", "Widget.focus")
    return child.run(argv)


# -- the driver ---------------------------------------------------------------------------------


def _drive(data_dir: Path, presses: int, scratch: Path, patches: set[str]) -> None:
    from bench.habit import ReviewPane, StreakPane, zigzag

    # 2.5 s after start, not the bench's 1.5: the `prepare` patch's steps come after the contacts' preparation.
    app = Driver(__file__, ",".join(sorted(patches)) or "-", data_dir, scratch, idle=2.5)

    def screen(key: bytes, name: str, pane, where) -> None:
        """As `habit._measure_screen`: cold, from Today, then `[` / `]`, each row named by `where(pane)`."""
        shown = pane.check()
        app.press(f"{name}: first open (cold)", key, shown)
        app.press(None, b"1", app.today_shown)
        for _ in range(presses):
            app.press(f"{name}: open ({key.decode()} from Today)", key, shown)
            app.press(None, b"1", app.today_shown)
        app.press(None, key, shown)
        for step in zigzag(presses):
            pane.step(step)
            app.press(where(pane), b"[" if step < 0 else b"]", pane.check())
        pane.reset()
        app.press(None, b"t", pane.check())
        app.press(None, b"1", app.today_shown)

    this_month = app.today.replace(day=1)
    seen = {this_month}

    def month(pane: ReviewPane) -> str:
        first_time = pane.month not in seen
        seen.add(pane.month)
        if first_time:
            return "review: [ to a month not shown yet in the session"
        return (
            "review: [ / ] to a past month shown before" if pane.month < this_month else "review: ] back to this month"
        )

    try:
        streak = StreakPane(app.repository, app.today)
        screen(
            b"4",
            "streak",
            streak,
            lambda pane: "streak: [ / ] to a past year" if pane.end else "streak: ] back to this year",
        )
        screen(b"5", "review", ReviewPane(app.repository, app.today), month)
    except BaseException:
        app.close()
        raise
    app.finish(CATEGORIES)


def main() -> None:
    patched_main(__doc__.splitlines()[0], _child, _drive, PATCHES)


if __name__ == "__main__":
    main()
