"""Contrast as drawn: every letter on screen, in the states a user sees, over what is really behind it.

tests/unit/test_contrast.py checks a matrix of theme colours resolved by hand the way Textual
resolves them; this renders the screens and reads the colours Textual sends to the terminal, so
the matrix cannot drift from what is drawn (and what the matrix leaves out, such as syntax
highlighting in the preview, is checked too).
"""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.color import Color
from textual.widgets import Input, Select

from journal.domain.models import Entry, EntryKind
from journal.domain.settings import Settings
from tests.unit.test_contrast import AA, contrast

BODY = """Coffee with @Karine #5a7: she is looking for a **UX** job, `portfolio` first.

## What to send
###### small print

> a quote from her

- the [offer](https://example.org)

```python
def intro(name):
    return "hello " + name  # to send
```
"""


def low_contrast_cells(app) -> list[str]:
    """Letters drawn below AA by the top screen's own widgets (not the screen dimmed under a dialog)."""
    leaves = [w.region for w in app.screen.walk_children() if not w.children and w.region.area]
    problems = []
    # The frame as the terminal receives it (the compositor is private, but it is what is drawn).
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            style = segment.style
            if style is not None and style.color is not None and style.bgcolor is not None:
                text, back = (Color(*c.get_truecolor()) for c in (style.color, style.bgcolor))
                if style.reverse:
                    text, back = back, text
                ratio = contrast(text, back)
                for offset, character in enumerate(segment.text):
                    if (character.isalnum() or character in "#@★?^…") and ratio < AA:
                        if any(region.contains(x + offset, y) for region in leaves):
                            problems.append(f"{ratio:.2f} {text.hex} on {back.hex} line {y}: {segment.text.strip()!r}")
                            break
            x += segment.cell_length
    return sorted(set(problems))


@pytest.mark.parametrize("theme", ["tricot-dark", "tricot-light"])
async def test_what_is_drawn_reaches_aa(theme, repository, make_test_app):
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 8, 5), body="Lunch with @Bob #give", kind=EntryKind.MEETING))
    repository.save_entry(Entry(at=datetime(2026, 11, 21, 9, 5), body=BODY, starred=True))
    app = make_test_app(repository, settings=Settings(theme=theme))
    found: dict[str, list[str]] = {}
    async with app.run_test(size=(120, 40), notifications=True) as pilot:

        async def look(state: str) -> None:
            await pilot.pause(0.3)
            found[state] = low_contrast_cells(app)

        await look("today, list focused")
        app.screen.query_one("#entry-preview").focus()
        await look("today, list blurred")
        app.screen.query_one("#entry-list").focus()
        for severity in ("information", "warning", "error"):
            app.notify("A message", title=severity.title(), severity=severity, timeout=30)
        await look("notifications")
        app.clear_notifications()
        await pilot.press("question_mark")
        await look("help")
        await pilot.press("escape", "e")
        await pilot.pause()
        time = app.screen.query_one(Input)
        time.value = ""  # its placeholder shows
        time.focus()
        await look("editor, placeholder")
        app.screen.query_one(Select).focus()
        await pilot.press("enter")
        await look("editor, kind open")
        await pilot.press("escape")
        time.value = "09:05"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")
        await look("confirm")
        await pilot.press("n")
        await pilot.press("ctrl+p")
        await look("command palette")
    problems = [f"{state}: {line}" for state, lines in found.items() for line in lines]
    assert not problems, "\n".join(problems)
