"""Tricot against jrnl and bare Textual on ten years of daily use: one table of ratios.

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python bench/run.py [--runs 7] [--years 10] [--samples 40]
    .venv/bin/python bench/run.py --rows contacts --runs 3 --samples 40   # the Contacts pane, vs a bare key press
    .venv/bin/python bench/run.py --rows board --runs 3 --samples 40      # the board (mode 2), vs a bare key press
    .venv/bin/python bench/run.py --rows streak,review --runs 3 --samples 40  # modes 4 and 5, vs a bare key press

Every row is measured side by side in one sitting, runs alternating A/B so
machine noise hits both alike; the table gives medians and their ratio.
jrnl is installed from PyPI into its own virtualenv under the cache folder
the first time. Commands run as a user would run them: with Python's
bytecode cache on (PYTHONDONTWRITEBYTECODE is dropped) and one warm-up each.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.bare_app import key_text  # noqa: E402
from bench.dataset import generate, write_jrnl_copy  # noqa: E402
from bench.habit import HABIT_FIRST_OPENS, measure_review, measure_streak  # noqa: E402
from bench.keystrokes import FIRST_OPENS, measure, measure_board, measure_contacts  # noqa: E402
from bench.terminal import Check, Terminal, showing  # noqa: E402
from journal.clock import SystemClock  # noqa: E402
from journal.store.repository import JournalRepository  # noqa: E402

ROWS = {"check-in", "export", "start", "keystroke", "contacts", "board", "streak", "review"}
JRNL_VERSION = "4.6"
BARE_TEXT = "A bare Textual app"
CHECKIN_TEXT = "Coffee with @Karine, she is hiring #5a7"

# (row, target ratio or p95 seconds) — from issue 3.
TARGETS = {
    "check-in": 0.15,
    "export": 0.30,
    "start": 1.25,
    "memory": 1.5,
    "keystroke": 0.050,  # p95, key press to screen: two frames (issue 9 quotes it against bare Textual too)
}


def jrnl_command(cache: Path) -> Path:
    """jrnl in its own virtualenv, installed once."""
    venv = cache / f"jrnl-{JRNL_VERSION}"
    jrnl = venv / "bin" / "jrnl"
    if not jrnl.exists():
        print(f"installing jrnl {JRNL_VERSION} into {venv} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"jrnl=={JRNL_VERSION}"], check=True)
    return jrnl


def user_env(scratch: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TRICOT_CONFIG_DIR"] = str(scratch / "config")
    return env


def run_command(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def alternate(runs: int, a: Callable[[], float], b: Callable[[], float]) -> tuple[list[float], list[float]]:
    """Warm both up once, then `runs` rounds of A then B (B then A on odd rounds)."""
    a(), b()
    xs: list[float] = []
    ys: list[float] = []
    for i in range(runs):
        if i % 2:
            ys.append(b())
            xs.append(a())
        else:
            xs.append(a())
            ys.append(b())
    return xs, ys


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs",
        type=int,
        default=7,
        help="alternating runs per row (default 7); for contacts, board, streak and review, fresh sessions of both apps",
    )
    parser.add_argument("--years", type=int, default=10, help="years of daily use in the dataset (default 10)")
    parser.add_argument("--samples", type=int, default=40, help="key presses per keystroke row (default 40)")
    parser.add_argument(
        "--rows",
        default="check-in,export,start,keystroke",
        help="which rows to measure: check-in,export,start,keystroke,contacts,board,streak,review (default: the first "
        "four; start includes memory; contacts is the Contacts pane, board the give-first board, streak and review "
        "modes 4 and 5, each against a bare Textual key press, over --runs sessions)",
    )
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "tricot-bench", help="where jrnl is installed")
    args = parser.parse_args()
    wanted = set(args.rows.split(","))
    unknown = wanted - ROWS
    if unknown:
        parser.error(f"unknown rows: {', '.join(sorted(unknown))} (choose from {', '.join(sorted(ROWS))})")

    jrnl = jrnl_command(args.cache)
    today = date.today()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="tricot-bench-") as scratch_name:
        scratch = Path(scratch_name)
        os.environ["TRICOT_STATE_DIR"] = str(scratch / "state")  # never the user's own device state
        data = scratch / "tricot"
        repository = generate(data, years=args.years, end=today)
        entries = repository.entries()
        config = write_jrnl_copy(entries, scratch / "jrnl")
        size = (data / "journal.json").stat().st_size / 1e6
        jrnl_size = (scratch / "jrnl" / "journal.txt").stat().st_size / 1e6
        del repository
        # Check-ins add entries to today; the TUI rows read an untouched copy.
        pristine = scratch / "tricot-pristine"
        shutil.copytree(data, pristine)
        env = user_env(scratch)
        python = sys.executable
        tricot = [python, "-m", "journal", "--data-dir", str(data)]
        tricot_tui = [python, "-m", "journal", "--data-dir", str(pristine)]
        jrnl_cli = [str(jrnl), "--config-file", str(config)]
        first_today = next(e for e in entries if e.day == today)
        marker = " ".join(first_today.body.split()[:3])

        print(f"dataset: {args.years} years, {len(entries)} entries; journal.json {size:.1f} MB, jrnl's file {jrnl_size:.1f} MB", file=sys.stderr)
        samples: dict[str, list[float]] = {}
        rows: list[tuple[str, str, float, float, str, float]] = []  # name, unit, ours, peer's, peer, target

        def row(name: str, unit: str, peer: str, target: float, ours: list[float], theirs: list[float]) -> None:
            rows.append((name, unit, statistics.median(ours), statistics.median(theirs), peer, target))
            print(f"{name} done", file=sys.stderr)

        if "check-in" in wanted:
            row("check-in", "ms", "jrnl", TARGETS["check-in"], *alternate(
                args.runs,
                lambda: run_command([*tricot, "checkin", CHECKIN_TEXT], env),
                lambda: run_command([*jrnl_cli, CHECKIN_TEXT], env),
            ))
        if "export" in wanted:
            row("export (all, Markdown)", "ms", "jrnl", TARGETS["export"], *alternate(
                args.runs,
                lambda: run_command([*tricot, "export"], env),
                lambda: run_command([*jrnl_cli, "--export", "markdown"], env),
            ))
        if "start" in wanted:
            peaks: dict[str, list[float]] = {"ours": [], "bare": []}

            def start(which: str, argv: list[str], text: str) -> float:
                """Time to the text on screen; then 1.5 s more for work done after the first paint."""
                terminal = Terminal(argv, env)
                seconds = terminal.wait_for(showing(text), since=terminal.started)
                terminal.idle(1.5)
                peaks[which].append(terminal.close())
                return seconds

            row("start (to today's text on screen)", "ms", "bare Textual", TARGETS["start"], *alternate(
                args.runs,
                lambda: start("ours", tricot_tui, marker),
                lambda: start("bare", [python, str(HERE / "bare_app.py")], BARE_TEXT),
            ))
            row("memory (peak RSS)", "MB", "bare Textual", TARGETS["memory"], peaks["ours"], peaks["bare"])
        if "keystroke" in wanted:
            terminal = Terminal(tricot_tui, env)
            try:
                terminal.wait_for(showing(marker))
                samples = measure(terminal, JournalRepository.open(pristine, SystemClock()), today, args.samples)
            finally:
                terminal.close()
        contacts: dict[str, list[float]] = {}
        floor: dict[str, list[float]] = {}
        board: dict[str, list[float]] = {}
        board_floor: dict[str, list[float]] = {}

        def start_ours(argv: list[str] = tricot_tui) -> tuple[Terminal, Check]:
            terminal = Terminal(argv, env)
            try:
                terminal.wait_for(showing(marker))
                terminal.idle(1.5)  # what start-up does after the first frame (the Markdown preview) is over
            except BaseException:
                terminal.close()
                raise
            return terminal, showing(marker)

        def start_bare() -> Terminal:
            terminal = Terminal([python, str(HERE / "bare_app.py"), "--keys"], env)
            try:
                terminal.wait_for(showing(key_text(0)))
                terminal.idle(1.0)
            except BaseException:
                terminal.close()
                raise
            return terminal

        if "contacts" in wanted:
            contacts, floor = measure_contacts(
                start_ours, start_bare, JournalRepository.open(pristine, SystemClock()), today, args.samples, args.runs
            )
            print("contacts done", file=sys.stderr)
        if "board" in wanted:
            # The board writes the journal (and undoes each change): on a copy of its own.
            on_board = scratch / "tricot-board"
            shutil.copytree(pristine, on_board)
            board, board_floor = measure_board(
                lambda: start_ours([python, "-m", "journal", "--data-dir", str(on_board)]),
                start_bare,
                JournalRepository.open(on_board, SystemClock()),
                today,
                args.samples,
                args.runs,
            )
            print("board done", file=sys.stderr)
        habit: list[tuple[str, dict[str, list[float]], dict[str, list[float]]]] = []
        for name, measure_rows, title in (
            ("streak", measure_streak, "Streak (mode 4)"),
            ("review", measure_review, "Review (mode 5)"),
        ):
            if name in wanted:  # neither writes: the untouched copy
                ours, bare = measure_rows(
                    start_ours, start_bare, JournalRepository.open(pristine, SystemClock()), today, args.samples, args.runs
                )
                habit.append((title, ours, bare))
                print(f"{name} done", file=sys.stderr)

    print(f"\nTricot bench, {today.isoformat()}: {machine()}")
    load_after = os.getloadavg()
    print(f"load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after; the machine is shared")
    print(f"{args.years} years: {len(entries)} entries, journal.json {size:.1f} MB; jrnl {JRNL_VERSION} on the same entries ({jrnl_size:.1f} MB)")
    if rows:
        print(f"{args.runs} alternating runs per row after a warm-up; medians.\n")
        print("| row | Tricot | peer's | peer | ratio | target | |")
        print("|---|---:|---:|---|---:|---:|---|")
    for name, unit, mine, peer_value, peer, target in rows:
        ratio = mine / peer_value
        scale = 1000 if unit == "ms" else 1
        print(
            f"| {name} | {mine * scale:.0f} {unit} | {peer_value * scale:.0f} {unit} | {peer} | "
            f"{ratio:.2f}x | ≤ {target:.2f}x | {'met' if ratio <= target else 'NOT MET'} |"
        )
    if samples:
        keystroke_table(samples, args.samples)
    if contacts:
        paired_table("Contacts pane (mode 3)", contacts, floor, args.samples, args.runs)
    if board:
        paired_table("Board (mode 2), on 2,000 cards and their ledger lines", board, board_floor, args.samples, args.runs)
    for title, ours, bare in habit:
        paired_table(title, ours, bare, args.samples, args.runs)


def keystroke_table(samples: dict[str, list[float]], count: int) -> None:
    print(f"\nKey press to updated screen ({count} presses each, in the terminal, on the same journal):\n")
    print("| action | p50 | p95 | target p95 | |")
    print("|---|---:|---:|---:|---|")
    for action, values in samples.items():
        p95 = percentile(values, 95)
        print(
            f"| {action} | {percentile(values, 50) * 1000:.1f} ms | {p95 * 1000:.1f} ms | "
            f"≤ {TARGETS['keystroke'] * 1000:.0f} ms | {'met' if p95 <= TARGETS['keystroke'] else 'NOT MET'} |"
        )


def paired_table(title: str, ours: dict[str, list[float]], bare: dict[str, list[float]], count: int, runs: int) -> None:
    """Each row's p50 and p95, the bare key presses taken between its presses, and p95 over bare p95."""
    target = TARGETS["keystroke"]
    pooled = [s for values in bare.values() for s in values]
    print(
        f"\n{title}, key press to updated screen: {count} presses per row over {runs} sessions, "
        f"each paired with a bare Textual key press (a binding updates a label), in alternating order:\n"
    )
    print("| action | p50 | p95 | bare p50 | bare p95 | p95 / bare p95 | target p95 (as a ratio) | |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for action, values in ours.items():
        floor = bare.get(action, pooled)
        p95, bare_p95 = percentile(values, 95), percentile(floor, 95)
        p50, name = percentile(values, 50), action
        if action in FIRST_OPENS + HABIT_FIRST_OPENS:  # one per session: the median, and the worst in the p95 column
            p50, p95, name = statistics.median(values), max(values), f"{action}, median and max of {len(values)}"
        verdict = "met" if p95 <= target else "NOT MET"
        print(
            f"| {name} | {p50 * 1000:.1f} ms | {p95 * 1000:.1f} ms | "
            f"{percentile(floor, 50) * 1000:.1f} ms | {bare_p95 * 1000:.1f} ms | {p95 / bare_p95:.1f}x | "
            f"≤ {target * 1000:.0f} ms ({target / bare_p95:.1f}x) | {verdict} |"
        )
    print(
        f"| bare Textual: key updates a label (all {len(pooled)}) | {percentile(pooled, 50) * 1000:.1f} ms | "
        f"{percentile(pooled, 95) * 1000:.1f} ms | | | 1.0x | | |"
    )


if __name__ == "__main__":
    main()
