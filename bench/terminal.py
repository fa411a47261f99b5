"""Run a program in a pseudo-terminal and read its screen as a person would see it.

The output goes through pyte, a terminal emulator, so "the text is on screen"
means it was drawn, whatever escape sequences Textual put between the letters.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import termios
import time
from collections.abc import Callable

import pyte

COLUMNS, LINES = 120, 40

Check = Callable[[list[str]], bool]


def showing(*texts: str) -> Check:
    """A check that every one of `texts` is somewhere on screen."""
    return lambda lines: all(any(text in line for line in lines) for text in texts)


def gone(text: str) -> Check:
    return lambda lines: not any(text in line for line in lines)


class Terminal:
    """A program running in a COLUMNS x LINES terminal."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.argv = argv
        self.screen = pyte.Screen(COLUMNS, LINES)
        self._stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the program
            os.execvpe(argv[0], argv, {**env, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)})
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        self.peak_rss_mb = 0.0
        self.last_output_at = self.started

    @property
    def lines(self) -> list[str]:
        return self.screen.display

    def _pump(self, wait: float) -> None:
        ready, _, _ = select.select([self.fd], [], [], wait)
        if ready:
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                raise RuntimeError(f"{self.argv} ended; its screen:\n" + "\n".join(self.lines)) from None
            # pyte is pure Python and slower than a real terminal: time the
            # output's arrival, not how long the emulator took to digest it.
            self.last_output_at = time.perf_counter()
            self._stream.feed(chunk)

    def wait_for(self, check: Check, timeout: float = 30.0, since: float | None = None) -> float:
        """Seconds from `since` (default: now) until the output that made `check` hold arrived."""
        start = time.perf_counter() if since is None else since
        while not check(self.lines):
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"the screen of {self.argv} never got there:\n" + "\n".join(self.lines))
            self._pump(0.005)
        return max(self.last_output_at - start, 0.0)

    def idle(self, seconds: float) -> None:
        """Keep reading the output for `seconds`."""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self._pump(0.01)

    def press(self, keys: bytes, until: Check, timeout: float = 30.0) -> float:
        """Seconds from typing `keys` until `until` holds for the screen."""
        start = time.perf_counter()
        os.write(self.fd, keys)
        return self.wait_for(until, timeout, since=start)

    def close(self) -> float:
        """Kill the program; its peak resident memory in MB."""
        os.kill(self.pid, signal.SIGKILL)
        _, _, usage = os.wait4(self.pid, 0)
        os.close(self.fd)
        self.peak_rss_mb = usage.ru_maxrss / 1024
        return self.peak_rss_mb
