"""The share queue: who a card (mostly a newsletter excerpt) is worth sending to.

A card's tags are compared with each contact's tags, organisation and role, so
the user picks from a short list instead of the whole address book. Tags are
compared as folded words (`normal_tag`): "#Social-Work", "social_work" and
"Social work" are one tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import takewhile

from journal.domain.models import Card, Circle, Contact
from journal.domain.names import fold

# A tag matching a contact's own tag says more than one found in their organisation or role.
TAG_SCORE = 2
WHERE_SCORE = 1

_CIRCLE_RANK = {circle: rank for rank, circle in enumerate(Circle)}  # R1 first

# Apostrophes split words here ("Centre d'emploi" is "centre d emploi"); fold would join
# them ("demploi"), which suits names (O'Neil) but hides the French word.
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʼ"), " ")
_WORD = re.compile(r"[^\W_]+")  # letters and digits, in any script


@dataclass(frozen=True, slots=True)
class Suggestion:
    contact: Contact
    tags: tuple[str, ...]  # the card's tags (as the card spells them) matching one of the contact's tags
    where: tuple[str, ...]  # the card's tags matching the contact's organisation or role (and none of their tags)


def normal_tag(tag: str) -> str:
    """`tag` as folded words joined by "-": "#Social-Work", "social_work", "Social work" -> "social-work"."""
    return "-".join(_words(tag))


def share_suggestions(card: Card, contacts: Iterable[Contact], *, limit: int = 8) -> list[Suggestion]:
    """The contacts to offer `card` to, best first, at most `limit`; none already on the card.

    Best: most matches (a tag match counts 2, an organisation or role match 1, each
    card tag once per contact), then the closest circle, then by name.
    """
    # Card tags by their normal form, each once, kept as the card spells it first.
    wanted: dict[str, str] = {}
    for tag in card.tags:
        wanted.setdefault(normal_tag(tag), tag)
    wanted.pop("", None)  # "" or "#" names nothing
    if not wanted or limit <= 0:
        return []
    # A tag's words padded with spaces: a substring test on padded words is a whole-word match.
    padded = {normal: " " + normal.replace("-", " ") + " " for normal in wanted}
    on_card = set(card.contact_ids)
    normal: dict[str, str] = {}  # contacts share tags: each normalised once
    # (-score, circle rank, position, contact, matched tags, tags matching the organisation or role)
    rows: list[tuple[int, int, int, Contact, list[str], list[str]]] = []
    for position, contact in enumerate(contacts):
        if contact.id in on_card:
            continue
        own: set[str] = set()
        for tag in contact.tags:
            if tag not in normal:
                normal[tag] = normal_tag(tag)
            own.add(normal[tag])
        matched = [n for n in wanted if n in own]
        where: list[str] = []
        if contact.organisation or contact.role:
            # A line break between them: a tag's words cannot run from one into the other.
            places = _padded(contact.organisation) + "\n" + _padded(contact.role)
            where = [n for n in wanted if n not in own and padded[n] in places]
        if matched or where:
            score = TAG_SCORE * len(matched) + WHERE_SCORE * len(where)
            rank = _CIRCLE_RANK.get(contact.circle, len(_CIRCLE_RANK))
            rows.append((-score, rank, position, contact, matched, where))
    # Names are folded only for the rows that can still make the cut (folding thousands is slow).
    rows.sort(key=lambda row: row[:3])
    if len(rows) > limit:
        last = rows[limit - 1][:2]
        rows = list(takewhile(lambda row: row[:2] <= last, rows))
    # The position keeps namesakes in the order given.
    rows.sort(key=lambda row: (row[0], row[1], fold(row[3].name), row[2]))
    return [
        Suggestion(contact, tuple(wanted[n] for n in matched), tuple(wanted[n] for n in where))
        for _, _, _, contact, matched, where in rows[:limit]
    ]


def _words(text: str) -> list[str]:
    """The folded words of `text`, apostrophes splitting them."""
    if text.isascii():
        # Folding ASCII only lowers it and turns separators into spaces, which findall
        # skips anyway: this spares fold's Unicode work on each of thousands of contacts.
        return _WORD.findall(text.lower())
    return _WORD.findall(fold(text.translate(_APOSTROPHES)))


def _padded(text: str) -> str:
    """`text` as folded words, each with a space on either side: " rsa quebec "."""
    return " " + " ".join(_words(text)) + " " if text else ""
