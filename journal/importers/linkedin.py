"""Read LinkedIn's Connections.csv (Settings > Data privacy > Get a copy of your data).

The file starts with a note from LinkedIn ("Notes:", a paragraph, a blank
line) before its header row, so the header is found by its cells, not its
position: the first row holding "First Name" and "Last Name". Columns are
found by name too: older exports have no URL column, and a file re-saved
by a spreadsheet may have them in another order or use `;` or tabs.

Everyone here was met on LinkedIn: met_where is "LinkedIn" and met_on the
day the connection was made ("22 Dec 2025"). A date that cannot be read is
left out and the person kept: the date is a detail, the person is not.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from journal.domain.days import day_problem, parse_day
from journal.domain.models import Circle, Contact
from journal.i18n import _
from journal.importers.people import Parsed, Progress, Skip, clean, finish_progress, report_progress, tidy

MET_WHERE = "LinkedIn"  # a site's name, the same in every language

_FIRST, _LAST, _URL, _EMAIL, _COMPANY, _POSITION, _CONNECTED = (
    "first name", "last name", "url", "email address", "company", "position", "connected on",
)  # fmt: skip
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})")


def parse_linkedin(
    data: bytes,
    *,
    today: date,
    circle: Circle = Circle.R3,
    progress: Progress | None = None,
) -> Parsed:
    """The connections in a LinkedIn export, and the rows left out with their line and why."""
    text = _text(data)
    for delimiter in (",", ";", "\t"):
        rows = _rows(text, delimiter)
        header = next((i for i, (_line, cells, _error) in enumerate(rows) if _is_header(cells)), None)
        if header is not None:
            break
    else:
        finish_progress(progress, 0)
        return Parsed(
            [], [Skip(0, _("no header row with First Name and Last Name: is this LinkedIn's Connections.csv?"))]
        )
    columns = {clean(cell).casefold(): index for index, cell in reversed(list(enumerate(rows[header][1])))}
    data_rows = [row for row in rows[header + 1 :] if row[2] or any(clean(cell) for cell in row[1])]
    result = Parsed(contacts=[], skipped=[])
    for done, (line, cells, error) in enumerate(data_rows, start=1):
        if error:
            result.skipped.append(Skip(line, error))
        else:
            contact = _contact(cells, columns, today, circle)
            if contact is None:
                result.skipped.append(Skip(line, _("no first or last name")))
            else:
                result.contacts.append(contact)
                result.lines.append(line)
        report_progress(progress, done, len(data_rows))
    finish_progress(progress, len(data_rows))
    return result


def _text(data: bytes) -> str:
    """LinkedIn writes UTF-8 with a BOM; a spreadsheet may have re-saved it as Windows-1252."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return text.replace("\x00", "")  # csv refuses NUL in older Pythons; it is never data


def _rows(text: str, delimiter: str) -> list[tuple[int, list[str], str | None]]:
    """Every row with the line it starts on (a quoted field may hold line breaks), or why it cannot be read."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str], str | None]] = []
    previous = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return rows
        except csv.Error as error:  # a field over csv's 128 KiB limit: no connection has one
            rows.append((previous + 1, [], _("this row cannot be read: {reason}").format(reason=error)))
        else:
            rows.append((previous + 1, cells, None))
        previous = reader.line_num


def _is_header(cells: list[str]) -> bool:
    names = {clean(cell).casefold() for cell in cells}
    return _FIRST in names and _LAST in names


def _contact(cells: list[str], columns: dict[str, int], today: date, circle: Circle) -> Contact | None:
    def cell(name: str) -> str:
        index = columns.get(name)
        return clean(cells[index]) if index is not None and index < len(cells) else ""

    name = " ".join(part for part in (cell(_FIRST), cell(_LAST)) if part)
    if not name:
        return None
    return tidy(
        Contact(
            name=name,
            circle=circle,
            organisation=cell(_COMPANY),
            role=cell(_POSITION),
            met_where=MET_WHERE,
            met_on=connected_on(cell(_CONNECTED), today),
            emails=(cell(_EMAIL),),
            links=(cell(_URL),),
            created=today,
        )
    )


def connected_on(text: str, today: date) -> date | None:
    """"22 Dec 2025" (what LinkedIn writes, English months whatever the user's language) or "2025-12-22"."""
    try:
        match = _DAY_MONTH_YEAR.fullmatch(text.strip())
        if match:
            day, month, year = match.groups()
            if month.casefold() not in _MONTHS:
                return None
            on = date(int(year), _MONTHS[month.casefold()], int(day))
        else:
            on = parse_day(text)
    except ValueError:
        return None
    return on if day_problem(on, today) is None else None
