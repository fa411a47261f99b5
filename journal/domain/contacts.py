"""Rules for contacts: editing, renaming, moving between circles, finding and ordering them."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import Enum

from journal.domain.cadence import NEVER, Activity, days_overdue
from journal.domain.models import Circle, CircleMove, Contact
from journal.domain.names import fold
from journal.domain.settings import Settings

MAX_CADENCE_DAYS = 3660  # ten years: beyond that, "keep in touch" means nothing


def is_name(text: str) -> bool:
    """Whether `text` can name a person: at least one letter or digit, in any script."""
    return any(character.isalnum() for character in text)


def answering_to(name: str, contacts: Iterable[Contact]) -> Contact | None:
    """The first contact whose name or an alias is `name` (folded): a new alias equal to it would make
    the mention mean nobody, so the form and the CLI refuse it."""
    wanted = fold(name)
    return next((c for c in contacts if wanted in {fold(n) for n in (c.name, *c.aliases)}), None)


def parse_cadence(text: str) -> int | None:
    """A cadence typed in a form: empty for the circle's default, else a whole number of days. ValueError if not."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= MAX_CADENCE_DAYS:
        raise ValueError(text)
    return int(text)


def parse_circle(text: str) -> Circle:
    """"R1", "r2", "3" -> a Circle; ValueError otherwise."""
    text = text.strip().upper()
    if text in ("1", "2", "3"):
        text = "R" + text
    return Circle(text)


def edited(old: Contact, new: Contact, on: date) -> Contact:
    """`new` as saved over `old`: a new name keeps the old one as an alias, and a circle change is kept as a move.

    Old entries say `@Karine`; after Karine becomes "Karine Tremblay-Roy" they
    must still be hers. Entries stay as written (they are the user's words), so
    the old name becomes an alias rather than a rewrite of ten years of text.
    """
    aliases = list(new.aliases)
    if fold(old.name) != fold(new.name) and all(fold(a) != fold(old.name) for a in aliases):
        aliases.append(old.name)
    moves = new.moves
    if new.circle != old.circle:
        moves = (*old.moves, CircleMove(on, old.circle, new.circle))
    return dataclasses.replace(new, aliases=tuple(aliases), moves=moves)


def moved(contact: Contact, to: Circle, on: date) -> Contact:
    """The contact in circle `to`, the move kept with its day (no move if already there)."""
    if to == contact.circle:
        return contact
    return dataclasses.replace(contact, circle=to, moves=(*contact.moves, CircleMove(on, contact.circle, to)))


def search_key(contact: Contact) -> str:
    """What `/` filters on: name, aliases, organisation and tags (written #tag), folded.

    "ux" finds the tag #ux and the organisation "UX Studio"; "#ux" only the tag.
    """
    words = fold(" ".join((contact.name, *contact.aliases, contact.organisation)))
    return words + " " + " ".join("#" + fold(tag) for tag in contact.tags)


def matches(key: str, query_words: Sequence[str]) -> bool:
    return all(word in key for word in query_words)


def query_words(query: str) -> list[str]:
    """A filter as typed, folded and split: every word must be found (in any order); "@" is dropped, "#" kept."""
    return [word for word in fold(query.replace("@", " ")).split() if word != "#"]


def sort_name(contact: Contact) -> str:
    """The name as the alphabet orders it: folded, leading quotes and brackets aside ("[Eve]" with the E's)."""
    return _LEADING.sub("", fold(contact.name))


_LEADING = re.compile(r"^[^\w]+")


class SortBy(str, Enum):
    NAME = "name"
    LAST = "last"  # most recent interaction first, never last
    OVERDUE = "overdue"  # most overdue first, then the rest by name


def sort_contacts(
    contacts: Iterable[Contact], by: SortBy, activities: Mapping[str, Activity], today: date, settings: Settings
) -> list[Contact]:
    people = list(contacts)
    if by is SortBy.NAME:
        return sorted(people, key=lambda c: (sort_name(c), c.id))
    if by is SortBy.LAST:
        never = date.min

        def last(c: Contact) -> date:
            return activities.get(c.id, NEVER).last or never

        return sorted(people, key=lambda c: (-last(c).toordinal(), sort_name(c), c.id))

    def lateness(c: Contact) -> int:
        late = days_overdue(c, activities.get(c.id, NEVER), today, settings)
        return -1 if late is None else late

    return sorted(people, key=lambda c: (-lateness(c), sort_name(c), c.id))
