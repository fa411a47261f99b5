"""`#tags` and `@mentions` in entry bodies, and resolving mentions to contacts.

A mention is `@Name` (one word) or `@"Multi Word Name"`. A tag is `#word`.
Both must start a word: `karine@example.com` and `page.html#top` hold neither,
and `# Heading` is Markdown, not a tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from journal.domain.models import Contact

# What may not stand right before the `@` or `#` that starts a mention or tag. The
# check looks back from after the sigil, so each pattern starts with a literal
# character the regex engine can search for quickly instead of testing every position.
_NOT_AFTER = r"[\w@#&/\\]"
# A word: letters/digits/underscore in any script, with inner - . ' ’ (Jean-Luc, O'Neil).
_WORD = r"\w(?:[\w\-'’.]*\w)?"

# "@Joran's ask": the possessive is not part of the name.
_POSSESSIVE = re.compile(r"['’]s$")

_MENTION = re.compile(r"@(?<!" + _NOT_AFTER + r'@)(?:"([^"\n]+)"|(' + _WORD + r"))")
_TAG = re.compile(r"#(?<!" + _NOT_AFTER + r"#)(" + _WORD + r")")


def mentions(text: str) -> list[str]:
    """Names mentioned in `text`, in order of first appearance, each once (case-insensitively)."""
    seen: dict[str, str] = {}
    for match in _MENTION.finditer(text):
        if match.group(1) is not None:
            name = " ".join(match.group(1).split())
        else:
            name = _POSSESSIVE.sub("", match.group(2))
        if name:
            seen.setdefault(name.casefold(), name)
    return list(seen.values())


def tags(text: str) -> list[str]:
    """Tags in `text` without the `#`, lowercased, in order of first appearance, each once."""
    seen: dict[str, None] = {}
    for match in _TAG.finditer(text):
        seen.setdefault(match.group(1).casefold(), None)
    return list(seen)


def format_mention(name: str) -> str:
    """The way to write a mention of `name` so that `mentions` reads it back."""
    if re.fullmatch(_WORD, name):
        return "@" + name
    return '@"' + name.replace('"', "") + '"'


def resolve(name: str, contacts: Iterable[Contact]) -> Contact | None:
    """The contact a mention means: a full name or alias, else a unique first name.

    Case and accents as typed are compared case-insensitively; an ambiguous
    first name resolves to nobody rather than to the wrong person.
    """
    wanted = " ".join(name.split()).casefold()
    by_first_word: list[Contact] = []
    for contact in contacts:
        names = (contact.name, *contact.aliases)
        if any(" ".join(n.split()).casefold() == wanted for n in names):
            return contact
        first = contact.name.split()[:1]
        if first and first[0].casefold() == wanted:
            by_first_word.append(contact)
    return by_first_word[0] if len(by_first_word) == 1 else None
