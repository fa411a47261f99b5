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
from dataclasses import dataclass

import pyte

COLUMNS, LINES = 120, 40


@dataclass
class Launch:
    seconds: float  # from spawn until the text was on screen
    peak_rss_mb: float  # the process's peak resident memory over its whole run
    screen: str


def launch_until(argv: list[str], text: str, env: dict[str, str], *, settle: float = 0.0, timeout: float = 30.0) -> Launch:
    """Spawn `argv` in a COLUMNS x LINES terminal; time until `text` shows; then let it run `settle` s more."""
    screen = pyte.Screen(COLUMNS, LINES)
    stream = pyte.ByteStream(screen)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: become the program
        os.execvpe(argv[0], argv, {**env, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(LINES)})
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    seen_at: float | None = None
    try:
        while True:
            now = time.perf_counter()
            if seen_at is None and now - start > timeout:
                raise TimeoutError(f"{text!r} never showed on screen running {argv}:\n" + "\n".join(screen.display))
            if seen_at is not None and now - seen_at >= settle:
                break
            ready, _, _ = select.select([fd], [], [], 0.01)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                raise RuntimeError(f"{argv} ended before showing {text!r}:\n" + "\n".join(screen.display)) from None
            stream.feed(chunk)
            if seen_at is None and text in "\n".join(screen.display):
                seen_at = time.perf_counter()
    finally:
        os.kill(pid, signal.SIGKILL)
        _, _, usage = os.wait4(pid, 0)
        os.close(fd)
    return Launch(seen_at - start, usage.ru_maxrss / 1024, "\n".join(screen.display))
