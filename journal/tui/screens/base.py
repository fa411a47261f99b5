"""What every mode's screen shares: it redraws when the journal changed since it last drew.

Five screens read one repository. Each change bumps the repository's
generation; a screen remembers the generation it drew and redraws when it is
shown again or when another process changed the file, so a contact mentioned
on Today is current on Contacts without anyone telling Contacts.
"""

from __future__ import annotations

from textual.screen import Screen


class TricotScreen(Screen[None]):
    drawn_generation = -1
    drawn_day = None  # the clock's day when drawn: "today", "this week" and "this month" move at midnight

    @property
    def repository(self):
        return self.app.repository

    def on_mount(self) -> None:
        self.app.journal_changed.subscribe(self, lambda _: self.redraw_if_stale())

    def on_screen_resume(self) -> None:
        self.redraw_if_stale()

    def redraw_if_stale(self) -> None:
        if self.repository is None:
            return
        if self.repository.generation != self.drawn_generation or self.app.clock.today() != self.drawn_day:
            self.app.release_journal()
            self.reload()

    def reload(self) -> None:
        """Draw from the repository; subclasses call this at their end (it notes the generation drawn)."""
        self.drawn_generation = self.repository.generation
        self.drawn_day = self.app.clock.today()
