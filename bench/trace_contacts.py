"""Key press to screen on the Contacts pane, taken apart: the app in the bench's terminal, with a trace.

    .venv/bin/python bench/trace_contacts.py [DATA_DIR] [--presses 30] [--gc-freeze]

The app runs in the same pseudo-terminal as bench/run.py, but started through
this file, which wraps the functions that matter and writes a line per call
(label, start, end: time.perf_counter, the same clock in both processes on
Linux), one per frame written (`App._display`) and one per garbage
collection. The driver presses the keys of the contacts rows (`3` from Today,
filter letters, `j`), each until the screen shows its result, as the bench
does, then splits each press into:

- to the app: from writing the key to the app receiving it (driver thread, event loop);
- before the frame: from there to the frame being laid out (our handlers, Textual's messages);
- layout (`Screen._refresh_layout`), render (`Compositor.render_update`),
  and turning it into escape codes (the rest of `App._display`);
- to the screen: from the frame handed to the writer thread to pyte reading it.

and lists the functions called on the way (inclusive, median per press), then
what each press set off after its frame (the Footer rebuilt, more frames).
Wall time in the app beyond the main thread's CPU time is waiting: for
Textual's frame timer (60 frames a second: a frame comes at least 16.7 ms
after the previous one), or for a core (on two cores, pyte digesting the
frames in the driver, and other tenants of a shared machine).
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


# -- the child: the app, traced ---------------------------------------------------------------


def _child(log_path: str, argv: list[str], freeze: bool) -> int:
    log = open(log_path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - open for the process's life
    clock = time.perf_counter

    def wrap(owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)
        if hasattr(original, "__wrapped_label__"):
            return
        import inspect

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

    from textual import events
    from textual._compositor import Compositor, LayoutUpdate
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Footer, OptionList, Static

    from journal.store.repository import JournalRepository
    from journal.tui import app as tricot_app
    from journal.tui.keys_in_order import KeysInOrder
    from journal.tui.screens import contacts
    from journal.tui.widgets.contact_detail import ContactDetail
    from journal.tui.widgets.contact_table import ContactTable

    push = KeysInOrder.push

    async def key_in(self, event):
        if isinstance(event, events.Key):
            now = clock()
            log.write(f"key {event.key}\t{now:.6f}\t{now:.6f}\t{time.thread_time():.6f}\n")
        return await push(self, event)

    KeysInOrder.push = key_in  # type: ignore[method-assign]

    display = tricot_app.TricotApp._display  # the app's own: it publishes screen_shown (freeze, idle work)

    def frame(self, screen, renderable):
        start = clock()
        try:
            return display(self, screen, renderable)
        finally:
            if renderable is not None:
                kind = "full" if isinstance(renderable, LayoutUpdate) else "partial"
                log.write(f"frame {kind}\t{start:.6f}\t{clock():.6f}\t{time.thread_time():.6f}\n")

    tricot_app.TricotApp._display = frame  # type: ignore[method-assign]

    screen = contacts.ContactsScreen
    # (@on handlers are registered when the class is made: wrapping them here would not be seen.)
    for name in ("_index", "_show", "_show_detail", "_draw_bar", "on_screen_resume"):
        wrap(screen, name, f"ContactsScreen.{name}")
    wrap(screen, "refresh_bindings", "ContactsScreen.refresh_bindings")
    wrap(ContactTable, "show", "ContactTable.show")
    wrap(ContactTable, "watch_cursor", "ContactTable.watch_cursor")
    wrap(ContactTable, "render_line", "ContactTable.render_line")
    wrap(ContactDetail, "show", "ContactDetail.show")
    wrap(OptionList, "set_options", "OptionList.set_options")
    wrap(Static, "update", "Static.update")
    wrap(JournalRepository, "exchanges", "JournalRepository.exchanges")
    wrap(JournalRepository, "activity", "JournalRepository.activity")
    wrap(JournalRepository, "activities", "JournalRepository.activities")
    wrap(JournalRepository, "contacts", "JournalRepository.contacts")
    wrap(JournalRepository, "due", "JournalRepository.due")
    wrap(Footer, "recompose", "Footer.recompose")
    wrap(Screen, "_refresh_layout", "layout: Screen._refresh_layout")
    wrap(Compositor, "render_update", "render: Compositor.render_update")
    wrap(App, "switch_mode", "App.switch_mode")

    started: list[tuple[float, float]] = []

    def collected(phase: str, info: dict) -> None:
        if phase == "start":
            started.append((clock(), time.thread_time()))
        elif started:
            wall, cpu = started.pop()
            log.write(f"gc gen{info['generation']}\t{wall:.6f}\t{clock():.6f}\t{time.thread_time() - cpu:.6f}\n")

    gc.callbacks.append(collected)
    if freeze:  # the experiment: what is loaded stays out of the collector's way
        show = screen._show
        frozen: list[bool] = []

        def show_then_freeze(self) -> None:
            show(self)
            if not frozen:  # the first time: the contacts, their index and the exchanges are loaded now
                frozen.append(True)
                gc.collect()
                gc.freeze()

        screen._show = show_then_freeze  # type: ignore[method-assign]
        shown = tricot_app.TricotApp._tell_unreadable

        def shown_then_freeze(self, screen) -> None:
            shown(self, screen)
            gc.collect()
            gc.freeze()

        tricot_app.TricotApp._tell_unreadable = shown_then_freeze  # type: ignore[method-assign]
    from journal.cli import main

    return main(argv)


# -- the driver ---------------------------------------------------------------------------------


def _read(log_path: Path) -> tuple[list[tuple[str, float, float]], dict[float, float]]:
    """The calls (label, start, end), and the main thread's CPU time at the end of keys and frames
    (for a garbage collection: the CPU time it took)."""
    events, cpu = [], {}
    for line in log_path.read_text(encoding="utf-8").splitlines():
        label, start, end, *thread = line.split("\t")
        events.append((label, float(start), float(end)))
        if thread:
            cpu[float(end)] = float(thread[0])
    return events, cpu


def _collections(events: list[tuple[str, float, float]], cpu: dict[float, float], since: float) -> None:
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


CATEGORIES = [
    # (name, labels it covers); each category is the union of its calls' intervals, so nesting counts once.
    (
        "Tricot's handlers (screen, table, detail, repository)",
        (
            "ContactsScreen.",
            "ContactTable.show",
            "ContactTable.watch_cursor",
            "ContactDetail.",
            "OptionList.",
            "Static.",
            "JournalRepository.",
        ),
    ),
    ("Textual: switching screens (App.switch_mode)", ("App.switch_mode",)),
    ("Footer rebuilt (refresh_bindings -> recompose)", ("Footer.recompose",)),
    ("Textual: layout (Screen._refresh_layout)", ("layout",)),
    ("Textual: render (Compositor.render_update)", ("render",)),
    ("Textual: escape codes, handed to the writer (App._display)", ("frame",)),
]


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
    events: list[tuple[str, float, float]],
    cpu: dict[float, float],
    categories: list[tuple[str, tuple[str, ...]]] = CATEGORIES,
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


def _drive(data_dir: Path, presses: int, scratch: Path, freeze: bool) -> None:
    from bench.keystrokes import (
        FILTER_PLACEHOLDER,
        FILTER_WORDS,
        SETTLE,
        ContactsPane,
        _all,
    )
    from bench.terminal import Terminal, gone, showing
    from journal.clock import SystemClock
    from journal.store.repository import JournalRepository

    log_path = scratch / "trace.log"
    today = date.today()
    repository = JournalRepository.open(data_dir, SystemClock())
    first = repository.entries_on(today)[0]
    today_shown = showing(" ".join(first.body.split()[:3]))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TRICOT_CONFIG_DIR"] = str(scratch / "config")
    mode = "freeze" if freeze else "plain"
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", mode, str(log_path), "--data-dir", str(data_dir)]
    terminal = Terminal(argv, env)
    done: list[tuple[str, float, float]] = []

    def press(row: str | None, keys: bytes, until) -> None:
        written = time.perf_counter()
        seconds = terminal.press(keys, until)
        terminal.idle(SETTLE)
        if row is not None:
            done.append((row, written, written + seconds))

    try:
        terminal.wait_for(today_shown)
        terminal.idle(1.5)
        pane = ContactsPane(repository, today)
        press("first open (cold)", b"3", pane.check())
        press(None, b"1", today_shown)
        for _ in range(presses):
            press("open (3 from Today)", b"3", pane.check())
            press(None, b"1", today_shown)
        press(None, b"3", pane.check())
        press(None, b"/", showing(FILTER_PLACEHOLDER))
        typed = 0
        for word in FILTER_WORDS * presses:
            word = word[: presses - typed]
            for size in range(1, len(word) + 1):
                pane.filter(word[:size])
                press("filter keystroke", word[size - 1].encode(), pane.check())
            typed += len(word)
            for size in range(len(word) - 1, -1, -1):
                pane.filter(word[:size])
            press(None, b"\x7f" * len(word), pane.check())
            if typed >= presses:
                break
        press(None, b"\x1b", _all(gone(FILTER_PLACEHOLDER), pane.check()))
        for _ in range(presses):
            pane.move(1)
            press("move selection (j)", b"j", pane.check())
        terminal.idle(0.5)
    finally:
        terminal.close()
    events, cpu = _read(log_path)
    nexts = [p[1] for p in done[1:]] + [float("inf")]
    presses_with_next = []
    for (row, written, shown), following in zip(done, nexts, strict=True):
        # The untimed key after this one (`1`, backspaces) starts no later than the next timed press.
        following = min(following, shown + SETTLE)
        presses_with_next.append((row, written, shown, following))
    _report(presses_with_next, events, cpu)
    _collections(events, cpu, done[0][2])


def main() -> None:
    if len(sys.argv) > 3 and sys.argv[1] == "--child":
        sys.exit(_child(sys.argv[3], sys.argv[4:], freeze=sys.argv[2] == "freeze"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path, nargs="?")
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="an experiment: gc.freeze() in the app once the first screen is shown and once the contacts are first drawn",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tricot-trace-") as scratch_name:
        scratch = Path(scratch_name)
        os.environ.setdefault("TRICOT_STATE_DIR", str(scratch / "state"))
        data_dir = args.data_dir
        if data_dir is None:
            from bench.dataset import generate

            data_dir = scratch / "tricot"
            generate(data_dir, end=date.today())
        _drive(data_dir, args.presses, scratch, args.gc_freeze)


if __name__ == "__main__":
    main()
