"""TricotApp: the modes (screens by number), global keys, themes, and watching the journal file."""

from __future__ import annotations

import dataclasses
import gc
import weakref
from collections.abc import Iterable
from pathlib import Path

from textual import events
from textual._compositor import LayoutUpdate  # private, like _display below: Textual is pinned
from textual.app import App
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.theme import Theme

from journal import paths
from journal.clock import Clock
from journal.domain.settings import DEFAULT_THEME, Settings
from journal.i18n import _, ngettext
from journal.text import displayable
from journal.store import JournalError
from journal.store.repository import JournalRepository
from journal.tui.commands import TricotCommands
from journal.tui.keys_in_order import KeysInOrder
from journal.tui.screens.today import TodayScreen
from journal.tui.themes import load_themes

# Seconds without a change before what changes left behind is collected (a full collection
# walks ten years of records: never while the user types).
IDLE_BEFORE_COLLECTING = 2.0

# Number key -> mode. A mode is listed here only once its screen is built.
SCREEN_KEYS = {"1": "today", "2": "board", "3": "contacts", "4": "streak", "5": "review"}


def _board_screen() -> Screen:
    from journal.tui.screens.board import BoardScreen

    return BoardScreen()


def _streak_screen() -> Screen:
    from journal.tui.screens.streak import StreakScreen

    return StreakScreen()


def _review_screen() -> Screen:
    from journal.tui.screens.review import ReviewScreen

    return ReviewScreen()


def _contacts_screen() -> Screen:
    from journal.tui.screens.contacts import ContactsScreen

    return ContactsScreen()


class TricotApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Tricot"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = {TricotCommands}
    # Screens other than the first are imported when first shown: start-up reads only Today's code.
    MODES = {
        "today": TodayScreen,
        "board": lambda: _board_screen(),
        "contacts": lambda: _contacts_screen(),
        "streak": lambda: _streak_screen(),
        "review": lambda: _review_screen(),
    }
    BINDINGS = [
        Binding("1", "switch_mode('today')", _("Journal screen"), show=False, id="app.mode.today"),
        Binding("2", "switch_mode('board')", _("Board screen"), show=False, id="app.mode.board"),
        Binding("3", "switch_mode('contacts')", _("Contacts screen"), show=False, id="app.mode.contacts"),
        Binding("4", "switch_mode('streak')", _("Streak screen"), show=False, id="app.mode.streak"),
        Binding("5", "switch_mode('review')", _("Review screen"), show=False, id="app.mode.review"),
        Binding("question_mark", "help", _("Keys"), key_display="?", id="app.help"),
        Binding("q", "quit", _("Quit"), id="app.quit"),
    ]

    def __init__(
        self,
        repository: JournalRepository | None,
        clock: Clock,
        settings: Settings,
        *,
        problem: JournalError | None = None,
        notices: Iterable[str] = (),
        settings_path: Path | None = None,
        theme_dirs: Iterable[Path] = (),
        watch_interval: float | None = 1.0,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.repository = repository
        self.data_dir = data_dir if data_dir is not None else (repository.path.parent if repository else None)
        self._keys: KeysInOrder | None = None
        self.clock = clock
        self.settings = settings
        self.problem = problem
        self.settings_path = settings_path
        self._notices = list(notices)
        self._told_about_merging = False
        self._theme_dirs = list(theme_dirs)
        self._watch_interval = watch_interval
        self._told_about_file: str | None = None
        # Published when another process changed the journal and we reloaded it.
        self.journal_changed: Signal[None] = Signal(self, "journal-changed")
        self._watched_day = clock.today()
        # Published with a screen after its first frame is on the terminal: work
        # that can wait (the Markdown preview) waits for it, so the words show first.
        self.screen_shown: Signal[Screen] = Signal(self, "screen-shown")
        self.shown_screens: weakref.WeakSet[Screen] = weakref.WeakSet()
        # Chosen before the first paint: a theme set after mounting makes Textual
        # parse and apply every stylesheet a second time (~40 ms at start-up).
        themes, self._theme_problems = load_themes(*self._theme_dirs)
        for theme in themes:
            self.register_theme(theme)
        for name in (self.settings.theme, DEFAULT_THEME, "textual-dark"):
            if name in self.available_themes:
                self.theme = name
                break

    async def on_event(self, event: events.Event) -> None:
        # Keys and pastes from the terminal wait their turn (see keys_in_order.py).
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded and self._keys is not None:
            await self._keys.push(event)
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        self._keys = KeysInOrder(self, super().on_event)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        problems = self._theme_problems
        for line in [*self._notices, *(_("Theme not loaded: {problem}").format(problem=p) for p in problems)]:
            self.notify(line, severity="warning", timeout=10, markup=False)
        if self.problem is not None or self.repository is None:
            from journal.tui.screens.problem import ProblemScreen

            self.push_screen(ProblemScreen(self.problem))
            return
        self.switch_mode("today")
        self.tell_warnings()  # what opening merged, or could not
        # Once the first screen is drawn: reading every entry costs tens of milliseconds.
        self.screen_shown.subscribe(self, self._tell_unreadable)
        if self._watch_interval:
            self.set_interval(self._watch_interval, self.check_for_changes)

    def _tell_unreadable(self, _screen: Screen) -> None:
        """Say once if records in the file cannot be read: they are kept, but not shown."""
        self.screen_shown.unsubscribe(self)
        if self.repository is None:
            return
        self.repository.entries()  # decodes them all, noting those that fail
        self.keep_loaded_journal()
        # Then, a step at a time while idle (a few ms each), what the contacts pane will need.
        self._preparing = self.set_interval(0.1, self._prepare_contacts)
        count = len(self.repository.unreadable)
        if count:
            self.notify(
                ngettext(
                    "{count} record in {path} could not be read; it is kept in the file but not shown.",
                    "{count} records in {path} could not be read; they are kept in the file but not shown.",
                    count,
                ).format(count=count, path=self.repository.path),
                severity="warning",
                timeout=15,
                markup=False,
            )

    def _prepare_contacts(self) -> None:
        if self.repository is None or self.repository.prepare_activities(limit=500):
            self._preparing.stop()
            self.keep_loaded_journal()

    _frozen_generation: int | None = None
    _refreeze = None  # the timer that collects once the app is idle after a change

    def keep_loaded_journal(self) -> None:
        """Tell Python's collector that the journal loaded at start (ten years of records) stays.

        A full collection walks every object: with a 10-year journal in memory
        that is 100-300 ms, landing on a key press now and then. Frozen objects are
        skipped (and still freed when nothing refers to them any more). Once the
        journal changes, `release_journal` collects what a change left behind and
        freezes the rest again, while the app is idle: never on a key.
        """
        if self.repository is None:
            return
        # Again as more is built (the contacts index), as long as nothing has changed since:
        # what is frozen is then all still in use.
        if self._frozen_generation in (None, self.repository.generation):
            gc.freeze()
            self._frozen_generation = self.repository.generation

    def release_journal(self) -> None:
        """The journal changed: collect what that left behind, and freeze what stays, once the app is idle."""
        if self._frozen_generation is None or self.repository is None:
            return
        if self.repository.generation == self._frozen_generation:
            return
        if self._refreeze is not None:
            self._refreeze.stop()  # another change: wait for the keys to stop again
        self._refreeze = self.set_timer(IDLE_BEFORE_COLLECTING, self._collect_and_freeze)

    def _collect_and_freeze(self) -> None:
        self._refreeze = None
        gc.unfreeze()
        gc.collect()
        gc.freeze()  # everything alive now: the journal as it is, its views and indexes
        self._frozen_generation = self.repository.generation if self.repository is not None else None

    def _display(self, screen, renderable) -> None:
        # Textual has no public "frame drawn" event; this is where frames are written.
        super()._display(screen, renderable)
        # A screen's first real frame is a full repaint (a LayoutUpdate); the
        # earlier partial updates can be empty.
        if isinstance(renderable, LayoutUpdate) and not self._batch_count and screen not in self.shown_screens:
            self.shown_screens.add(screen)
            self.call_next(self.screen_shown.publish, screen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.repository is None and action in ("switch_mode", "help", "command_palette"):
            return False
        # While a dialog is open (the editor, a confirmation) the number keys and `q`
        # belong to it: never switch screens or quit away from words being written.
        # The editor has its own ctrl+q, which keeps a draft and asks first.
        if isinstance(self.screen, ModalScreen) and action in ("switch_mode", "quit", "help", "command_palette"):
            return False
        return True

    def action_command_palette(self) -> None:
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = _("A command, or a day to go to: 2026-03-14, yesterday, hier, lundi…")
            self.push_screen(CommandPalette(placeholder=placeholder, id="--command-palette"))

    _to_a_built_screen = False

    def switch_mode(self, mode: str):
        # Textual holds every frame for 50 ms on a mode switch, to mask a screen being built.
        # A screen built already is drawn whole in its first frame: nothing to mask, and the
        # 50 ms were most of the time from the key to the screen.
        self._to_a_built_screen = mode in self._screen_stacks
        try:
            return super().switch_mode(mode)
        finally:
            self._to_a_built_screen = False

    def delay_update(self, delay: float = 0.05) -> None:
        if not self._to_a_built_screen:
            super().delay_update(delay)

    def run_on_today(self, action: str, *arguments: object) -> None:
        """Run one of the Today screen's actions from the palette, showing that screen first."""
        if self.current_mode != "today":
            self.switch_mode("today")
        getattr(self.get_screen_stack("today")[0], f"action_{action}")(*arguments)

    def action_import_contacts(self) -> None:
        from journal.tui.screens.modals.import_contacts import ImportContactsScreen

        if self.repository is not None:
            self.push_screen(ImportContactsScreen(Path.cwd()))

    def action_reconnect(self) -> None:
        """The contacts pane's reconnect list, from anywhere (the palette)."""
        if self.repository is None:
            return
        self.switch_mode("contacts")
        screen = self.get_screen_stack("contacts")[0]
        self.call_after_refresh(lambda: None if screen.reconnecting else screen.action_reconnect())

    def action_log_exchange(self, direction: str, contact_id: str = "") -> None:
        """Log a give or an ask made without a card, to the contact `contact_id` unless another is typed."""
        from journal.domain.models import Direction
        from journal.tui.screens.modals.exchange_form import ExchangeForm
        from journal.tui.widgets.mention_completion import mention_text

        repository = self.repository
        if repository is None:
            return
        contact = repository.get_contact(contact_id) if contact_id else None
        to = mention_text(contact, repository.people()) + " " if contact is not None else ""

        def saved(exchange) -> None:
            if exchange is None:
                return
            try:
                repository.save_exchange(exchange)
            except JournalError as error:
                self.notify(error.line(), title=_("Not saved"), severity="error", timeout=15, markup=False)
                return
            self.release_journal()
            self.tell_warnings()
            self.notify(_("Give logged.") if exchange.direction is Direction.GIVE else _("Ask logged."), timeout=3)

        self.push_screen(ExchangeForm(Direction(direction), repository.contacts, today=self.clock.today(), to=to), saved)

    def action_export(self) -> None:
        from journal.tui.screens.modals.export import ExportScreen

        if self.repository is not None:
            today = self.get_screen_stack("today")[0]
            day = getattr(today, "day", self.clock.today())
            self.push_screen(ExportScreen(self.repository, self.clock, day, self.data_dir))

    def tell_warnings(self) -> None:
        """Problems of side jobs (a backup that could not be kept), and merges from another device, each said once."""
        if self.repository is None:
            return
        notices = self.repository.take_notices()
        if notices and not self._told_about_merging:
            # Once a session, quietly: nothing was lost, that is the news; a sync tool
            # that keeps picking a winner would otherwise stack one on another.
            self._told_about_merging = True
            more = _("`tricot sync status` lists the merges.")
            self.notify(f"{displayable(notices[0])} {more}", title=_("Sync"), severity="information", timeout=8, markup=False)
        for warning in self.repository.take_warnings():  # the store gives each once already
            # File names in them come from sync tools and other devices: shown, never run.
            self.notify(displayable(warning), title=_("Journal"), severity="warning", timeout=20, markup=False)

    def action_help(self) -> None:
        from journal.tui.screens.modals.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    def check_for_changes(self) -> bool:
        """Reload if another process changed the journal; tell the screens. True if it did."""
        if self.repository is None:
            return False
        try:
            changed = self.repository.refresh()
        except JournalError as error:
            # Said once per problem, not every second; the file stays as it is on disk.
            if self._told_about_file != str(error):
                self._told_about_file = str(error)
                self.notify(
                    _("The journal file changed and cannot be read: {error}. Nothing will be saved over it.").format(
                        error=error
                    ),
                    severity="error",
                    timeout=20,
                    markup=False,
                )
            return False
        self._told_about_file = None
        self.tell_warnings()
        if changed:
            self.release_journal()  # the tables read before may be garbage now
        day = self.clock.today()
        if changed or day != self._watched_day:
            # A new day is a change too: the streak's today, the week's gives, the month reviewed.
            self._watched_day = day
            self.journal_changed.publish(None)
        return changed

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings = dataclasses.replace(self.settings, theme=theme.name)
        if self.settings_path is None:
            return
        from journal.store.settings_file import save_settings

        try:
            save_settings(self.settings_path, self.settings, ("theme",), self.clock.utc_now())
        except OSError as error:
            self.notify(
                _("Could not remember the theme: {error}").format(error=error), severity="warning", markup=False
            )


def make_app(
    repository: JournalRepository | None,
    clock: Clock,
    settings: Settings,
    *,
    user_themes: bool = True,
    **options,
) -> TricotApp:
    """The one way to build the app: the CLI, the demo and the tests all come through here.

    `options` are TricotApp's keyword arguments (problem, notices, settings_path, watch_interval).
    """
    from journal.tui import paste

    paste.install()
    theme_dirs = [paths.bundled_themes_dir()]
    if user_themes:
        theme_dirs.append(paths.user_themes_dir())
    return TricotApp(repository, clock, settings, theme_dirs=theme_dirs, **options)
