"""The monthly review (journal.domain.balance) as Markdown, JSON or plain text.

Markdown is CommonMark with GFM tables; names and every translated string are
escaped (`escape_inline`), so a name renders as typed and cannot open a link,
a tag or a new table cell. JSON keeps names as stored (it is data). Plain text
fits the width it is given, counted in terminal cells.

`streak_summary` is the streak's figures by name (`streaks.month_summary`:
"active_days", "frozen_days", "missed_days", "streak_at_end"); known names are
worded, others shown as `name: value`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from journal import labels
from journal.domain.balance import Counts, Review
from journal.domain.cadence import Due
from journal.domain.days import month_key
from journal.domain.models import Circle, Contact
from journal.export.markdown import escape_inline
from journal.i18n import _, ngettext
from journal.text import one_line, pad
from journal.text import width as cells

BAR = "█"
BAR_CELLS = 20  # the longest bar of the Markdown chart

_CIRCLES = (Circle.R1, Circle.R2, Circle.R3)

_STREAK: dict[str, Callable[[int], str]] = {
    # journal.domain.streaks.month_summary
    "active_days": lambda n: ngettext("{n} active day", "{n} active days", n).format(n=n),
    "frozen_days": lambda n: ngettext("{n} day bridged by a freeze", "{n} days bridged by a freeze", n).format(n=n),
    "missed_days": lambda n: ngettext("{n} day missed", "{n} days missed", n).format(n=n),
    "streak_at_end": lambda n: ngettext(
        "{n} day in a row at the month's end", "{n} days in a row at the month's end", n
    ).format(n=n),
    # a streak as `tricot streak` shows it
    "current": lambda n: ngettext("Current streak: {n} day", "Current streak: {n} days", n).format(n=n),
    "longest": lambda n: ngettext("Longest streak: {n} day", "Longest streak: {n} days", n).format(n=n),
}


# ---------------------------------------------------------------- words shared by every form


def month_label(month: date) -> str:
    """'November 2026', through the catalogue."""
    return _("{month} {year}").format(month=labels.month_name(month.month), year=month.year)


def _title(review: Review) -> str:
    return _("Review — {month}").format(month=month_label(review.month))


def _summary(review: Review) -> str:
    month = month_label(review.month)
    if not (review.gives or review.asks):
        return _("Nothing was given or asked in {month}.").format(month=month)
    return _("In {month}: {gives}, {asks}.").format(
        month=month,
        gives=ngettext("{n} give", "{n} gives", review.gives).format(n=review.gives),
        asks=ngettext("{n} ask", "{n} asks", review.asks).format(n=review.asks),
    )


def _balance(review: Review) -> str:
    """A word on the balance, or '' when there is nothing to say."""
    if not (review.gives or review.asks):
        return ""
    if review.gives > review.asks:
        return _("You gave more than you asked.")
    if review.gives == review.asks:
        return _("You gave as much as you asked.")
    return _("You asked more than you gave: a give first would even it out.")


def _only_asked_intro() -> str:
    return _(
        "You asked these people for something and have not given them anything yet"
        " — a give first would balance it:"
    )


def _asks(n: int) -> str:
    return ngettext("{n} ask", "{n} asks", n).format(n=n)


def _streak_lines(summary: Mapping[str, int]) -> list[str]:
    lines = []
    for key, value in summary.items():
        word = _STREAK.get(key)
        lines.append(word(value) if word else f"{key}: {value}")
    return lines


def _funnel_rows(review: Review) -> list[tuple[str, tuple[Contact, ...]]]:
    funnel = review.funnel
    return [
        (_("New in R3"), funnel.met),
        (_("R3 → R2"), funnel.r3_to_r2),
        (_("R2 → R1"), funnel.r2_to_r1),
    ]


def _card_lines(review: Review) -> list[str]:
    return [
        ngettext("{n} card given", "{n} cards given", review.cards_given).format(n=review.cards_given),
        ngettext("{n} card dropped", "{n} cards dropped", review.cards_dropped).format(n=review.cards_dropped),
        ngettext("{n} card still to give", "{n} cards still to give", review.cards_open).format(n=review.cards_open),
    ]


def _has_cards(review: Review) -> bool:
    return bool(review.cards_given or review.cards_dropped or review.cards_open)


def _has_funnel(review: Review) -> bool:
    return any(people for _label, people in _funnel_rows(review))


def _has_overdue(review: Review) -> bool:
    return any(review.overdue.get(circle) for circle in _CIRCLES)


def _has_history(review: Review) -> bool:
    return any(counts.gives or counts.asks for _month, counts in review.months)


def _circle_rows(review: Review) -> list[tuple[str, Counts]]:
    rows = [(circle.value, review.by_circle.get(circle, Counts())) for circle in _CIRCLES]
    if review.unknown.gives or review.unknown.asks:
        rows.append((_("People deleted since"), review.unknown))
    return rows


def _kind_rows(review: Review) -> list[tuple[str, Counts]]:
    return [(labels.exchange_kind(kind), counts) for kind, counts in review.by_kind.items()]


def _bar(count: int, most: int, longest: int) -> str:
    if count <= 0 or most <= 0 or longest <= 0:
        return ""
    return BAR * max(1, round(count * longest / most))


# ---------------------------------------------------------------- Markdown


def _md_table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool]) -> str:
    """A GFM table; cells are already escaped."""
    lines = [
        "| " + " | ".join(headers) + " |",
        "| " + " | ".join("---:" if right else ":---" for right in numeric) + " |",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def to_markdown(review: Review, streak_summary: Mapping[str, int] | None = None) -> str:
    """The review as one CommonMark document with GFM tables."""
    e = escape_inline
    parts = ["# " + e(_title(review)), e(_summary(review))]
    balance = _balance(review)
    if balance:
        parts[-1] += " " + e(balance)

    if review.gives or review.asks:
        given, asked = e(_("Given")), e(_("Asked"))
        parts.append("## " + e(_("By circle")))
        parts.append(
            _md_table(
                [e(_("Circle")), given, asked],
                [[e(name), str(c.gives), str(c.asks)] for name, c in _circle_rows(review)],
                [False, True, True],
            )
        )
        parts.append("## " + e(_("By kind")))
        parts.append(
            _md_table(
                [e(_("Kind")), given, asked],
                [[e(name), str(c.gives), str(c.asks)] for name, c in _kind_rows(review)],
                [False, True, True],
            )
        )
        for heading, column, pairs in (
            (_("Most given to"), _("Gives"), review.most_given),
            (_("Most asked of"), _("Asks"), review.most_asked),
        ):
            if pairs:
                parts.append("## " + e(heading))
                parts.append(
                    _md_table([e(_("Person")), e(column)], [[e(c.name), str(n)] for c, n in pairs], [False, True])
                )

    if _has_history(review):
        most = max(c.gives + c.asks for _m, c in review.months)
        parts.append("## " + e(_("The last 12 months")))
        parts.append(
            _md_table(
                [e(_("Month")), e(_("Given")), e(_("Asked")), e(_("Chart"))],
                [
                    [e(month_label(m)), str(c.gives), str(c.asks), _bar(c.gives + c.asks, most, BAR_CELLS)]
                    for m, c in review.months
                ],
                [False, True, True, False],
            )
        )

    if review.only_asked:
        parts.append("## " + e(_("Only asked")))
        parts.append(e(_only_asked_intro()))
        parts.append("\n".join(f"- {e(one_line(c.name))} ({e(_asks(n))})" for c, n in review.only_asked))

    if _has_overdue(review):
        parts.append("## " + e(_("Overdue")))
        for circle in _CIRCLES:
            items = review.overdue.get(circle, ())
            if items:
                parts.append("### " + e(circle.value))
                parts.append("\n".join(f"- {e(one_line(d.contact.name))} — {e(labels.due(d))}" for d in items))

    if _has_funnel(review):
        parts.append("## " + e(_("New and closer")))
        parts.append(
            "\n".join(
                f"- {e(label)}: {len(people)}"
                + (" — " + e(_(", ").join(one_line(c.name) for c in people)) if people else "")
                for label, people in _funnel_rows(review)
            )
        )

    if _has_cards(review):
        parts.append("## " + e(_("Cards")))
        parts.append("\n".join("- " + e(line) for line in _card_lines(review)))

    if streak_summary:
        parts.append("## " + e(_("Streak")))
        parts.append("\n".join("- " + e(line) for line in _streak_lines(streak_summary)))

    return "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------- JSON


def _counts(counts: Counts) -> dict[str, int]:
    return {"gives": counts.gives, "asks": counts.asks}


def _people(pairs: Sequence[tuple[Contact, int]]) -> list[dict[str, Any]]:
    return [{"name": c.name, "id": c.id, "count": n} for c, n in pairs]


def _due(item: Due) -> dict[str, Any]:
    return {
        "name": item.contact.name,
        "id": item.contact.id,
        "reason": item.reason.value,
        "due_on": item.due_on.isoformat(),
        "days_late": item.days_late,
    }


def to_json(review: Review, streak_summary: Mapping[str, int] | None = None) -> dict[str, Any]:
    """The review as plain JSON values (dicts, lists, strings, ints, None)."""
    funnel = review.funnel
    return {
        "month": month_key(review.month),
        "empty": review.is_empty,
        "gives": review.gives,
        "asks": review.asks,
        "by_circle": {circle.value: _counts(review.by_circle.get(circle, Counts())) for circle in _CIRCLES},
        "by_kind": {kind.value: _counts(counts) for kind, counts in review.by_kind.items()},
        "months": [{"month": month_key(m), "gives": c.gives, "asks": c.asks} for m, c in review.months],
        "most_given": _people(review.most_given),
        "most_asked": _people(review.most_asked),
        "only_asked": [c.name for c, _n in review.only_asked],
        "only_asked_detail": [{"name": c.name, "id": c.id, "asks": n} for c, n in review.only_asked],
        "overdue": {circle.value: [d.contact.name for d in review.overdue.get(circle, ())] for circle in _CIRCLES},
        "overdue_detail": {circle.value: [_due(d) for d in review.overdue.get(circle, ())] for circle in _CIRCLES},
        "funnel": {
            "met": [c.name for c in funnel.met],
            "r3_to_r2": [c.name for c in funnel.r3_to_r2],
            "r2_to_r1": [c.name for c in funnel.r2_to_r1],
        },
        "cards": {"given": review.cards_given, "dropped": review.cards_dropped, "open": review.cards_open},
        "unknown": _counts(review.unknown),
        "streak": dict(streak_summary) if streak_summary is not None else None,
    }


# ---------------------------------------------------------------- plain text


def _wrap(text: str, width: int, indent: str = "", first: str = "") -> list[str]:
    """`text` (one line) in lines of at most `width` cells; a word longer than a line is split."""
    lines: list[str] = []
    line, has_word = first, False
    for word in text.split():
        joined = line + " " + word if has_word else line + word
        if cells(joined) <= width:
            line, has_word = joined, True
            continue
        if has_word:
            lines.append(line)
            line, has_word = indent, False
        while cells(line + word) > width:  # a word too long for a line of its own
            room = max(width - cells(line), 1)
            take, used = 0, 0
            for char in word:
                used += cells(char)
                if used > room:
                    break
                take += 1
            take = max(take, 1)
            lines.append(line + word[:take])
            word, line = word[take:], indent
        if word:
            line, has_word = line + word, True
    if has_word or not lines:
        lines.append(line)
    return lines


def _text_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[bool], width: int
) -> list[str]:
    """Columns in `width` cells: numbers right-aligned, the text columns narrowed (with "…") to fit."""
    gap = "  "
    sizes = [max([cells(headers[i])] + [cells(row[i]) for row in rows]) for i in range(len(headers))]
    room = width - 2 - len(gap) * (len(headers) - 1) - sum(s for s, right in zip(sizes, numeric, strict=True) if right)
    text_columns = [i for i, right in enumerate(numeric) if not right]
    while text_columns and sum(sizes[i] for i in text_columns) > room:
        widest = max(text_columns, key=lambda i: sizes[i])
        if sizes[widest] <= 1:
            break
        sizes[widest] -= 1
    lines = []
    for row in [headers, *rows]:
        out = [
            " " * max(sizes[i] - cells(value), 0) + value if numeric[i] else pad(value, sizes[i])
            for i, value in enumerate(row)
        ]
        lines.append(_fit(("  " + gap.join(out)).rstrip(), width))
    return lines


def _fit(line: str, width: int) -> str:
    return line if cells(line) <= width else pad(line, width).rstrip()


def to_text(review: Review, streak_summary: Mapping[str, int] | None = None, width: int = 80) -> str:
    """The review as plain text, no line wider than `width` terminal cells (at least 10)."""
    width = max(width, 10)
    out: list[str] = []

    def heading(text: str) -> None:
        text = one_line(text)
        out.append("")
        out.append(_fit(text, width))
        out.append(_fit("-" * cells(text), width))

    def paragraph(text: str) -> None:
        out.extend(_wrap(one_line(text), width))

    def bullets(items: Sequence[str]) -> None:
        for item in items:
            out.extend(_wrap(one_line(item), width, indent="  ", first="- "))

    title = one_line(_title(review))
    out.append(_fit(title, width))
    out.append(_fit("=" * cells(title), width))
    out.append("")
    paragraph(_summary(review))
    balance = _balance(review)
    if balance:
        paragraph(balance)

    given, asked = _("Given"), _("Asked")
    if review.gives or review.asks:
        heading(_("By circle"))
        out.extend(
            _text_table(
                [_("Circle"), given, asked],
                [[name, str(c.gives), str(c.asks)] for name, c in _circle_rows(review)],
                [False, True, True],
                width,
            )
        )
        heading(_("By kind"))
        out.extend(
            _text_table(
                [_("Kind"), given, asked],
                [[name, str(c.gives), str(c.asks)] for name, c in _kind_rows(review)],
                [False, True, True],
                width,
            )
        )
        for title_text, column, pairs in (
            (_("Most given to"), _("Gives"), review.most_given),
            (_("Most asked of"), _("Asks"), review.most_asked),
        ):
            if pairs:
                heading(title_text)
                out.extend(
                    _text_table([_("Person"), column], [[one_line(c.name), str(n)] for c, n in pairs], [False, True], width)
                )

    if _has_history(review):
        heading(_("The last 12 months"))
        most = max(c.gives + c.asks for _m, c in review.months)
        label_cells = max(cells(month_label(m)) for m, _c in review.months)
        number_cells = [max(cells(header), *(len(str(n)) for n in values)) for header, values in (
            (given, [c.gives for _m, c in review.months]),
            (asked, [c.asks for _m, c in review.months]),
        )]
        longest = min(max(width - 2 - label_cells - sum(number_cells) - 3 * 2, 1), BAR_CELLS * 2)
        out.extend(
            _text_table(
                [_("Month"), given, asked, _("Chart")],
                [[month_label(m), str(c.gives), str(c.asks), _bar(c.gives + c.asks, most, longest)] for m, c in review.months],
                [False, True, True, False],
                width,
            )
        )

    if review.only_asked:
        heading(_("Only asked"))
        paragraph(_only_asked_intro())
        bullets([f"{one_line(c.name)} ({_asks(n)})" for c, n in review.only_asked])

    if _has_overdue(review):
        heading(_("Overdue"))
        for circle in _CIRCLES:
            items = review.overdue.get(circle, ())
            if items:
                out.append(_fit(circle.value, width))
                bullets([f"{one_line(d.contact.name)} — {labels.due(d)}" for d in items])

    if _has_funnel(review):
        heading(_("New and closer"))
        bullets(
            [
                f"{label}: {len(people)}" + (" — " + _(", ").join(one_line(c.name) for c in people) if people else "")
                for label, people in _funnel_rows(review)
            ]
        )

    if _has_cards(review):
        heading(_("Cards"))
        bullets(_card_lines(review))

    if streak_summary:
        heading(_("Streak"))
        bullets(_streak_lines(streak_summary))

    return "\n".join(line.rstrip() for line in out) + "\n"
