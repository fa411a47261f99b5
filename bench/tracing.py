"""What the trace scripts (trace_contacts, trace_board, trace_habit) share.

The app runs in the bench's pseudo-terminal, started through the trace script
with `--child`: `Child` wraps the functions that matter and writes a line per
call (label, start, end: time.perf_counter, the same clock in both processes
on Linux), one per key reaching the app, one per frame written (the app's own
`_display`) and one per garbage collection. The driver (`Driver`) presses keys
until the screen shows their result, as the bench does, and `report` splits
each press into:

- to the app: from writing the key to the app receiving it (driver thread, event loop);
- in the app, to the frame that shows it, with the main thread's CPU meanwhile
  and the time in each category of functions (the union of their calls, so
  nesting counts once);
- to the screen: from the frame handed to the writer thread to pyte reading it.

then lists the functions called on the way (inclusive, median per press), and
what each press set off after its frame. Wall time in the app beyond the main
thread's CPU time is waiting: for Textual's frame timer (a frame comes at
least 1/60 s after the previous one), or for a core.
"""

from __future__ import annotations

import argparse
import functools
import gc
import inspect
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

Event = tuple[str, float, float]

# The last rows of every trace's categories: Textual's own work.
TEXTUAL_CATEGORIES = [
    ("Textual: switching screens (App.switch_mode)", ("App.switch_mode",)),
    ("Footer rebuilt (refresh_bindings -> recompose)", ("Footer.recompose",)),
    ("Textual: layout (Screen._refresh_layout)", ("layout",)),
    ("Textual: render (Compositor.render_update)", ("render",)),
    ("Textual: escape codes, handed to the writer (App._display)", ("frame",)),
]

# -- the child: the app, traced ---------------------------------------------------------------


class Child:
    """The traced app's log and its hooks; `run(argv)` starts the app (journal.cli.main)."""

    def __init__(self, log_path: str) -> None:
        self.log = open(log_path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - open for the process's life
        self.clock = time.perf_counter

    def wrap(self, owner: object, name: str, label: str) -> None:
        """Log each call of `owner.name` (a function or a coroutine function) under `label`; once only."""
        original = getattr(owner, name)
        if hasattr(original, "__wrapped_label__"):
            return
        log, clock = self.log, self.clock
        if inspect.iscoroutinefunction(original):

            @functools.wraps(original)
            async def traced_async(*args, **kwargs):
                start = clock()
                try:
                    return await original(*args, **kwargs)
                finally:
                    log.write(f"{label}\t{start:.6f}\t{clock():.6f}\n")

            traced_async.__wrapped_label__ = label  # type: ignore[attr-defined]
            setattr(owner, name, traced_async)
            return

        @functools.wraps(original)
        def traced(*args, **kwargs):
            start = clock()
            try:
                return original(*args, **kwargs)
            finally:
                log.write(f"{label}\t{start:.6f}\t{clock():.6f}\n")

        traced.__wrapped_label__ = label  # type: ignore[attr-defined]
        setattr(owner, name, traced)

    def hook(self) -> None:
        """Keys reaching the app, frames written, garbage collections; Textual's layout, render, Footer, modes."""
        from textual import events
        from textual._compositor import Compositor, LayoutUpdate
        from textual.app import App
        from textual.screen import Screen
        from textual.widgets import Footer

        from journal.tui import app as tricot_app
        from journal.tui.keys_in_order import KeysInOrder

        log, clock = self.log, self.clock
        push = KeysInOrder.push

        async def key_in(keys, event):
            if isinstance(event, events.Key):
                now = clock()
                log.write(f"key {event.key}\t{now:.6f}\t{now:.6f}\t{time.thread_time():.6f}\n")
            return await push(keys, event)

        KeysInOrder.push = key_in  # type: ignore[method-assign]
        display = tricot_app.TricotApp._display  # the app's own: it publishes screen_shown (freeze, idle work)

        def frame(app, screen, renderable):
            start = clock()
            try:
                return display(app, screen, renderable)
            finally:
                if renderable is not None:
                    kind = "full" if isinstance(renderable, LayoutUpdate) else "partial"
                    log.write(f"frame {kind}\t{start:.6f}\t{clock():.6f}\t{time.thread_time():.6f}\n")

        tricot_app.TricotApp._display = frame  # type: ignore[method-assign]
        self.wrap(Footer, "recompose", "Footer.recompose")
        self.wrap(Screen, "_refresh_layout", "layout: Screen._refresh_layout")
        self.wrap(Compositor, "render_update", "render: Compositor.render_update")
        self.wrap(App, "switch_mode", "App.switch_mode")
        started: list[tuple[float, float]] = []
        census = os.environ.get("TRICOT_TRACE_GC_CENSUS") == "1"  # costs a few ms after each full collection

        def collected(phase: str, info: dict) -> None:
            if phase == "start":
                started.append((clock(), time.thread_time()))
            elif started:
                wall, cpu = started.pop()
                log.write(f"gc gen{info['generation']}\t{wall:.6f}\t{clock():.6f}\t{time.thread_time() - cpu:.6f}\n")
                if census and info["generation"] == 2:  # what the collector walked, and what was frozen out of its way
                    walked = info["collected"] + len(gc.get_objects())
                    log.write(f"gc walked {walked} frozen {gc.get_freeze_count()}\t{wall:.6f}\t{wall:.6f}\n")

        gc.callbacks.append(collected)

    @staticmethod
    def run(argv: list[str]) -> int:
        from journal.cli import main

        return main(argv)


# -- the driver ---------------------------------------------------------------------------------


class Driver:
    """The traced app in the bench's terminal, showing Today; `press` times a key to its screen."""

    def __init__(self, script: str, mode: str, data_dir: Path, scratch: Path, idle: float = 1.5) -> None:
        from bench.terminal import Terminal, showing
        from journal.clock import SystemClock
        from journal.store.repository import JournalRepository

        self.log_path = scratch / "trace.log"
        self.today = date.today()
        self.repository = JournalRepository.open(data_dir, SystemClock())
        first = self.repository.entries_on(self.today)[0]
        self.today_shown = showing(" ".join(first.body.split()[:3]))
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["TRICOT_CONFIG_DIR"] = str(scratch / "config")
        argv = [
            sys.executable,
            str(Path(script).resolve()),
            "--child",
            mode,
            str(self.log_path),
            "--data-dir",
            str(data_dir),
        ]
        self.terminal = Terminal(argv, env)
        self.done: list[tuple[str, float, float, float]] = []  # row, key written, shown, settle after it
        try:
            self.terminal.wait_for(self.today_shown)
            self.terminal.idle(idle)  # what start-up does after the first frame is over
        except BaseException:
            self.terminal.close()
            raise

    def press(
        self, row: str | None, keys: bytes, until: Callable[[list[str]], bool], settle: float | None = None
    ) -> None:
        """Type `keys`, wait until the screen holds `until`, then `settle` s of quiet; timed when `row` is named."""
        from bench.keystrokes import SETTLE

        settle = SETTLE if settle is None else settle
        written = time.perf_counter()
        seconds = self.terminal.press(keys, until)
        self.terminal.idle(settle)
        if row is not None:
            self.done.append((row, written, written + seconds, settle))

    def finish(self, categories: list[tuple[str, tuple[str, ...]]]) -> list[Event]:
        """Close the app, print the report; the events logged, for more."""
        self.terminal.idle(0.5)
        self.terminal.close()
        events, cpu = _read(self.log_path)
        nexts = [p[1] for p in self.done[1:]] + [float("inf")]
        # The untimed keys after a press (`1`, backspaces, `j`) start no later than its settle is over.
        presses = [
            (row, written, shown, min(following, shown + settle))
            for (row, written, shown, settle), following in zip(self.done, nexts, strict=True)
        ]
        _report(presses, events, cpu, categories)
        _collections(events, cpu, self.done[0][2])
        return events

    def close(self) -> None:
        self.terminal.close()


def with_dataset(data_dir: Path | None, run: Callable[[Path, Path], None]) -> None:
    """`run(data_dir, scratch)`: DATA_DIR, or the bench's dataset generated into a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="tricot-trace-") as scratch_name:
        scratch = Path(scratch_name)
        os.environ.setdefault("TRICOT_STATE_DIR", str(scratch / "state"))
        if data_dir is None:
            from bench.dataset import generate

            data_dir = scratch / "tricot"
            generate(data_dir, end=date.today())
        run(data_dir, scratch)


def patched_main(
    description: str,
    child: Callable[[str, list[str], set[str]], int],
    drive: Callable[[Path, int, Path, set[str]], None],
    patches: dict[str, str],
) -> None:
    """A trace script's command line: DATA_DIR, --presses, --patch (experiments by name), --gc-census;
    or, with --child, the traced app itself (`child(log_path, argv, patches)`)."""
    if len(sys.argv) > 3 and sys.argv[1] == "--child":
        sys.exit(child(sys.argv[3], sys.argv[4:], set(sys.argv[2].split(",")) - {"-"}))
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("data_dir", type=Path, nargs="?")
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--patch", default="", help=f"comma-separated experiments: {', '.join(patches)}")
    parser.add_argument(
        "--gc-census", action="store_true", help="count the objects each full collection walked (adds a few ms to each)"
    )
    args = parser.parse_args()
    chosen = set(filter(None, args.patch.split(",")))
    if args.gc_census:
        os.environ["TRICOT_TRACE_GC_CENSUS"] = "1"
    if chosen - set(patches):
        parser.error(f"unknown patches: {', '.join(sorted(chosen - set(patches)))}")
    for name in sorted(chosen):
        print(f"patched ({name}): {patches[name]}")
    print(f"{date.today()}: {args.presses} presses per row")
    with_dataset(args.data_dir, lambda data_dir, scratch: drive(data_dir, args.presses, scratch, chosen))


def _read(log_path: Path) -> tuple[list[Event], dict[float, float]]:
    """The calls (label, start, end), and the main thread's CPU time at the end of keys and frames
    (for a garbage collection: the CPU time it took)."""
    events, cpu = [], {}
    for line in log_path.read_text(encoding="utf-8").splitlines():
        label, start, end, *thread = line.split("\t")
        events.append((label, float(start), float(end)))
        if thread:
            cpu[float(end)] = float(thread[0])
    return events, cpu


def _collections(events: list[Event], cpu: dict[float, float], since: float) -> None:
    """Full collections (generation 2) after `since`: how many, how long on the clock and on the CPU."""
    full = [(end - start, cpu.get(end, 0.0)) for label, start, end in events if label == "gc gen2" and start >= since]
    if not full:
        print("\nno full garbage collection after the first open")
        return
    walls, cpus = [w * 1000 for w, _ in full], [c * 1000 for _, c in full]
    print(
        f"\nfull garbage collections (generation 2) after the first open: {len(full)}; "
        f"wall median {statistics.median(walls):.0f} ms, max {max(walls):.0f} ms; "
        f"CPU median {statistics.median(cpus):.0f} ms, max {max(cpus):.0f} ms"
    )


def _union(intervals: list[tuple[float, float]], low: float, high: float) -> float:
    total, reach = 0.0, low
    for start, end in sorted(intervals):
        start, end = max(start, reach), min(end, high)
        if end > start:
            total += end - start
            reach = end
    return total


def _percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _report(
    presses: list[tuple[str, float, float, float]],
    events: list[Event],
    cpu: dict[float, float],
    categories: list[tuple[str, tuple[str, ...]]],
) -> None:
    """`presses`: (row, key written, screen showed it, next key)."""
    rows: dict[str, list[dict[str, float]]] = defaultdict(list)
    calls: dict[str, list[dict[str, float]]] = defaultdict(list)
    after: dict[str, list[dict[str, float]]] = defaultdict(list)
    for row, written, shown, following in presses:
        inside = [e for e in events if written <= e[1] < following]
        key = next((e[2] for e in inside if e[0].startswith("key ")), None)
        frames = [e for e in inside if e[0].startswith("frame") and e[2] <= shown + 0.0005]
        if key is None or not frames:
            continue
        done = frames[-1][2]
        before = [e for e in inside if e[1] < done]
        phases = {
            "total (key written to screen)": shown - written,
            "to the app (driver thread, event loop)": key - written,
            "in the app, to the frame that shows it (wall)": done - key,
            "  the main thread's CPU meanwhile": cpu[done] - cpu[key],
        }
        for name, prefixes in categories:
            phases["  " + name] = _union([(s, e) for label, s, e in before if label.startswith(prefixes)], key, done)
        phases["  garbage collection (within the above)"] = _union(
            [(s, e) for label, s, e in before if label.startswith("gc")], key, done
        )
        phases["  frames written until it showed"] = len(frames)
        phases["  the first of them, after the key"] = frames[0][2] - key
        phases["to the screen (writer thread, pty, read)"] = shown - done
        rows[row].append(phases)
        phases["row"] = row  # type: ignore[assignment]
        inclusive: dict[str, float] = defaultdict(float)
        for label, start, end in before:
            if not label.startswith(("frame", "key ")):
                inclusive[label] += end - start
        calls[row].append(inclusive)
        trailing: dict[str, float] = defaultdict(float)
        for label, start, end in inside:
            if start >= done and not label.startswith("key "):
                trailing[label] += end - start
        after[row].append(trailing)

    slowest = sorted(
        (s for samples in rows.values() for s in samples), key=lambda s: -s["total (key written to screen)"]
    )[:5]
    print("the five slowest presses (ms):")
    for s in slowest:
        parts = ", ".join(
            f"{k.strip()} {v * 1000:.0f}"
            for k, v in s.items()
            if k != "row" and "frames" not in k and "total" not in k and v * 1000 >= 5
        )
        print(f"  {s['row']}: {s['total (key written to screen)'] * 1000:.0f}: {parts}")
    for row, samples in rows.items():
        print(f"\n{row}: {len(samples)} presses; median (p95) in ms\n")
        for phase in [p for p in samples[0] if p != "row"]:
            p50, p95 = _percentiles([s[phase] for s in samples])
            scale = 1 if "frames" in phase else 1000
            print(f"  {phase:66s} {p50 * scale:7.1f}  ({p95 * scale:.1f})")
        for title, per_press in (
            ("functions until that frame (inclusive)", calls[row]),
            ("after that frame, before the next key", after[row]),
        ):
            labels = {label for c in per_press for label in c}
            stats = {label: _percentiles([c.get(label, 0.0) for c in per_press]) for label in labels}
            print(f"  {title}, median (p95) ms per press:")
            for label, (p50, p95) in sorted(stats.items(), key=lambda item: -item[1][0] - item[1][1] / 100):
                if p95 >= 0.0002:
                    print(f"    {p50 * 1000:7.2f}  ({p95 * 1000:.1f})  {label}")
