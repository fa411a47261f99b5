"""Keys and pastes are handled one at a time, each whole before the next: type-ahead never goes astray.

Textual hands each key to the focused widget's queue as soon as it arrives,
then goes on to the next. When keys arrive in a burst (a laggy SSH link, a
text expander, a paste without bracketed paste) that races:
- `ctrl+s` is a priority binding, run at once, while the text typed just
  before it still waits in the text area's queue: the saved entry lost its
  last words;
- the keys typed right after `n` went to the Today list, because the editor
  `n` opens was not focused yet: lost, or run as commands (`d` deletes!).

- the keys typed right after enter in the command palette went to the
  palette, or to the Today screen before the chosen command had run.

So the app keeps arriving keys in a queue and delivers the next one only
when the previous has gone all the way: through the widget it was given to
and every parent up to the app (where bindings run), then until every
message it set off has been handled (an Input's Submitted, a command the
palette schedules, a new screen's mount and focus): the next key is
delivered when no widget, screen or the app has a message waiting. A
callback posted behind the key at each level, then behind whatever each
busy queue holds, marks those points. If a widget goes away with the
callback in its queue, a watchdog lets the next key through after
STUCK_AFTER seconds. Work in threads (an export) is not waited for.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.app import App
from textual.dom import DOMNode

STUCK_AFTER = 1.0
SETTLE_ROUNDS = 40


class KeysInOrder:
    def __init__(self, app: App, deliver: Callable[[events.Event], Awaitable[None]]) -> None:
        self.app = app
        self._deliver = deliver  # the app's own handling: a priority binding, or forwarding to the focus
        self._pending: deque[events.Event] = deque()
        self._busy_since: float | None = None
        self._token = 0
        self._watchdog = app.set_interval(STUCK_AFTER / 4, self._unstick, pause=True)

    @property
    def idle(self) -> bool:
        return self._busy_since is None and not self._pending

    async def push(self, event: events.Event) -> None:
        self._pending.append(event)
        await self._next()

    async def _next(self) -> None:
        while self._pending and self._busy_since is None:
            event = self._pending.popleft()
            self._token += 1
            token = self._token
            self._busy_since = time.monotonic()
            self._watchdog.resume()
            target = self.app.focused or self.app.screen
            await self._deliver(event)
            if event.is_forwarded:  # given to `target`: follow it up to the app
                self._follow(token, target)
            else:  # a priority binding handled it here and now
                self._settled(token)

    def _follow(self, token: int, node: DOMNode) -> None:
        """Wait behind the key in `node`'s queue; a closed node has nothing left to wait for."""
        if not node.call_later(self._hop, token, node):
            self._settled(token)

    def _hop(self, token: int, node: DOMNode) -> None:
        """`node` has handled the key (and passed it up if it bubbles): go one level up, behind it."""
        if token != self._token:
            return
        parent = node._parent if node is not self.app else None
        if parent is None:
            self._settled(token)
        else:
            self._follow(token, parent)

    def _settled(self, token: int, rounds: int = 0) -> None:
        """The key has reached the app: wait until nothing it set off is still queued.

        Each round waits behind whatever every busy queue holds, then looks again.
        A key's consequences are a few messages deep (Submitted, a selection, the
        command, a new screen's focus); a widget that animates never stops posting,
        so after SETTLE_ROUNDS the next key goes.
        """
        if token != self._token:
            return
        busy = [node for node in (self.app, *self.app._registry) if node.message_queue_size]
        if rounds >= SETTLE_ROUNDS:
            busy = []
        waiting = 0

        def one_done() -> None:
            nonlocal waiting
            waiting -= 1
            if waiting == 0:
                self._settled(token, rounds + 1)

        for node in busy:
            # A node that is closing refuses the callback: its queue will never be handled.
            if node.call_later(one_done):
                waiting += 1
        if waiting == 0:
            self.app.call_later(self._release, token)

    async def _release(self, token: int) -> None:
        if token != self._token:
            return
        self._busy_since = None
        self._watchdog.pause()
        await self._next()

    async def _unstick(self) -> None:
        if self._busy_since is not None and time.monotonic() - self._busy_since > STUCK_AFTER:
            await self._release(self._token)
