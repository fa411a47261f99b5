"""Check-in time vs TUI start-up time on the same journal, measured side by side.

    python bench/startup.py [--runs 7] [--years 10]

Start-up is timed in a pseudo-terminal from spawn until the screen's text
appears in the terminal output; the bare Textual app is the floor. Runs
alternate between the commands so machine noise hits all of them alike.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.dataset import generate  # noqa: E402


def time_until_on_screen(argv: list[str], marker: bytes, timeout: float = 30.0) -> float:
    """Seconds from spawn until `marker` shows in the program's terminal output."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
                if marker in seen:
                    return time.perf_counter() - start
        raise RuntimeError(f"{marker!r} not seen from {argv}; got {seen[-300:]!r}")
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


def time_command(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "journal"
        generate(data, years=args.years)
        size = (data / "journal.json").stat().st_size / 1e6
        env_python = sys.executable
        checkin = [env_python, "-m", "journal", "--data-dir", str(data), "checkin", "coffee with @Karine #5a7"]
        tui = [env_python, "-m", "journal", "--data-dir", str(data)]
        bare = [env_python, str(HERE / "bare_app.py")]
        os.environ["TRICOT_CONFIG_DIR"] = str(Path(scratch) / "config")
        times: dict[str, list[float]] = {"checkin": [], "tui start": [], "bare textual start": []}
        for _ in range(args.runs):
            times["checkin"].append(time_command(checkin))
            times["tui start"].append(time_until_on_screen(tui, b"Today"))
            times["bare textual start"].append(time_until_on_screen(bare, b"Today"))
        medians = {name: statistics.median(values) for name, values in times.items()}
        print(f"journal: {args.years} years, {size:.1f} MB; {args.runs} alternating runs; medians")
        for name, value in medians.items():
            print(f"  {name:<20} {value * 1000:7.0f} ms")
        print(f"  checkin / tui start          {medians['checkin'] / medians['tui start']:.2f}x")
        print(f"  tui start / bare textual     {medians['tui start'] / medians['bare textual start']:.2f}x")


if __name__ == "__main__":
    main()
