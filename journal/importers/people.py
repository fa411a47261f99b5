"""What the contact importers share: their result, and merging it with the contacts already there.

An address book imported twice, or a LinkedIn export taken every year, must
not make a second Karine. An incoming person is matched to an existing
contact by any email, by LinkedIn profile, or by name (folded, see
`names.fold`), and then only fills in what that contact lacks: the user's own
words are never overwritten, and name, circle and id stay theirs. People
found twice in one file are merged together the same way.

Everything here is pure: `plan_import` says what to save, the caller saves it
in one write.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import unquote, urlsplit

from journal.domain.contacts import is_name
from journal.domain.models import Contact
from journal.domain.names import fold
from journal.i18n import _, ngettext

Progress = Callable[[int, int], None]

PROGRESS_EVERY = 100  # cards or rows between two progress calls: often enough for a bar, cheap enough for 5,000


@dataclass(frozen=True)
class Skip:
    line: int  # 1-based line in the file where the skipped card/row starts (0 if not known)
    reason: str  # one short sentence for the user, through _()


@dataclass
class Parsed:
    contacts: list[Contact]
    skipped: list[Skip]
    # The line each contact starts on, in the same order; lets `plan_import` say
    # which line a duplicate was. Empty when unknown (then duplicates say line 0).
    lines: list[int] = field(default_factory=list)


@dataclass
class ImportPlan:
    new: list[Contact]  # to add
    updated: list[Contact]  # existing contacts with fields filled in (same id as the existing one)
    unchanged: int  # matched an existing contact, nothing to add
    skipped: list[Skip]  # from parsing, plus duplicates inside the file

    def summary(self) -> str:
        """One line for the user, e.g. "3 new, 1 updated, 2 unchanged, 1 skipped"."""
        new, updated, skipped = len(self.new), len(self.updated), len(self.skipped)
        return _("{new}, {updated}, {unchanged}, {skipped}").format(
            new=ngettext("{count} new", "{count} new", new).format(count=new),
            updated=ngettext("{count} updated", "{count} updated", updated).format(count=updated),
            unchanged=ngettext("{count} unchanged", "{count} unchanged", self.unchanged).format(count=self.unchanged),
            skipped=ngettext("{count} skipped", "{count} skipped", skipped).format(count=skipped),
        )


def report_progress(progress: Progress | None, done: int, total: int) -> None:
    """Call `progress` every PROGRESS_EVERY items; the final call is the caller's (`finish_progress`)."""
    if progress is not None and done % PROGRESS_EVERY == 0 and 0 < done < total:
        progress(done, total)


def finish_progress(progress: Progress | None, total: int) -> None:
    """The one call at the end, even for an empty file, so a progress bar always completes."""
    if progress is not None:
        progress(total, total)


# --- Comparing the parts of a contact ------------------------------------------------------------


def clean(text: str) -> str:
    """Text from a file as we keep it: line breaks as "\\n", without NUL or surrounding whitespace.

    Nothing else is touched: markup or escape sequences in a name are data,
    made harmless where they are displayed (text.displayable), not here.
    """
    return text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()


def email_key(email: str) -> str:
    return email.strip().casefold()


def phone_key(phone: str) -> str:
    """"+1 (555) 123-4567" and "+15551234567" are one number; a "phone" without digits is compared as text."""
    digits = re.sub(r"[^\d+]", "", phone)
    return digits if any(c.isdigit() for c in digits) else phone.strip().casefold()


_LINKEDIN_PROFILE = re.compile(r"/(in|pub)/[^/]+")


# Matching asks for the profiles of the same contacts again and again (people sharing a name).
@lru_cache(maxsize=16384)
def linkedin_key(url: str) -> str | None:
    """`linkedin.com/in/<slug>` for any spelling of a LinkedIn profile address, else None.

    The same profile comes as https://www.linkedin.com/in/Karine-T/,
    http://linkedin.com/in/karine-t?trk=..., fr.linkedin.com/in/karine-t or
    percent-encoded: LinkedIn ignores the case of the slug, and so do we.
    """
    text = url.strip()
    if "://" not in text:
        text = "//" + text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").casefold()
    except ValueError:  # "http://[oops/in/x": not an address at all
        return None
    if host != "linkedin.com" and not host.endswith(".linkedin.com"):
        return None
    path = unquote(parts.path).rstrip("/")
    match = _LINKEDIN_PROFILE.match(path)
    if not match:
        return None  # a company page or the home page names no one
    # /in/<slug>/details/skills is still <slug>; an old /pub/<name>/1/2/3 address needs its numbers.
    return "linkedin.com" + (match.group(0) if match.group(1) == "in" else path).casefold()


def link_key(url: str) -> str:
    """Two spellings of one address compare equal: scheme, `www.`, trailing slash and case don't count."""
    profile = linkedin_key(url)
    if profile:
        return profile
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().casefold())
    return text.removeprefix("www.").rstrip("/")


def union(first: Iterable[str], second: Iterable[str], key: Callable[[str], str]) -> tuple[str, ...]:
    """`first` then what `second` adds, in order, once each by `key`, without empty values."""
    seen: set[str] = set()
    out: list[str] = []
    for value in (*first, *second):
        k = key(value)
        if value.strip() and k not in seen:
            seen.add(k)
            out.append(value)
    return tuple(out)


def tag_key(tag: str) -> str:
    return tag.strip().casefold()


def tidy(contact: Contact) -> Contact:
    """`contact` with its lists once each, compared the way `plan_import` compares them.

    The parsers pass every contact through this, so a card listing one email
    twice ("A@x" and "a@x"), or its name again as a nickname, holds it once
    before it is ever compared to the journal.
    """
    own = fold(contact.name)
    return dataclasses.replace(
        contact,
        emails=union(contact.emails, (), email_key),
        phones=union(contact.phones, (), phone_key),
        links=union(contact.links, (), link_key),
        tags=union(contact.tags, (), tag_key),
        aliases=tuple(alias for alias in union(contact.aliases, (), fold) if fold(alias) not in ("", own)),
    )


# --- Merging -------------------------------------------------------------------------------------


def _missing(
    have: tuple[str, ...], offered: Iterable[str], key: Callable[[str], str], *, also: Iterable[str] = ()
) -> tuple[str, ...]:
    """What `offered` holds that `have` (and `also`) lack, once each by `key`.

    `have` itself is never deduplicated: two spellings the user typed stay, and
    a contact that gains nothing compares equal to what it was (idempotence).
    """
    seen = {key(value) for value in (*have, *also)}
    added: list[str] = []
    for value in offered:
        k = key(value)
        if value.strip() and k and k not in seen:
            seen.add(k)
            added.append(value)
    return tuple(added)


def fill(target: Contact, incoming: Contact) -> Contact:
    """`target` with what `incoming` adds: empty fields filled, missing emails, phones, links, tags, aliases added.

    Never overwrites: a field the user wrote, even differently, is theirs. Name,
    circle, id, created and moves are never touched. Returns `target` itself
    when there is nothing to add.
    """
    changes: dict[str, Any] = {}
    for name in ("organisation", "role", "met_where", "notes"):
        if not getattr(target, name).strip() and getattr(incoming, name).strip():
            changes[name] = getattr(incoming, name)
    if target.met_on is None and incoming.met_on is not None:
        changes["met_on"] = incoming.met_on
    if target.cadence_days is None and incoming.cadence_days is not None:
        changes["cadence_days"] = incoming.cadence_days
    for name, key in (("emails", email_key), ("phones", phone_key), ("links", link_key), ("tags", tag_key)):
        added = _missing(getattr(target, name), getattr(incoming, name), key)
        if added:
            changes[name] = getattr(target, name) + added
    aliases = _missing(target.aliases, incoming.aliases, fold, also=(target.name,))
    if aliases:
        changes["aliases"] = target.aliases + aliases
    return dataclasses.replace(target, **changes) if changes else target


def _profiles(contact: Contact) -> set[str]:
    return {key for key in map(linkedin_key, contact.links) if key}


class _Index:
    """Who is who among the contacts known so far (the journal's, then the file's new ones).

    The first contact to hold a key keeps it: the journal's order decides, so
    importing the same file again finds the same contacts.
    """

    def __init__(self) -> None:
        self.contacts: list[Contact] = []
        self.by_email: dict[str, int] = {}
        self.by_profile: dict[str, int] = {}
        self.by_name: dict[str, list[int]] = {}

    def add(self, contact: Contact) -> int:
        self.contacts.append(contact)
        slot = len(self.contacts) - 1
        self.learn(slot)
        name = fold(contact.name)
        if name:
            self.by_name.setdefault(name, []).append(slot)
        return slot

    def learn(self, slot: int) -> None:
        """Index what the contact in `slot` holds now (after a merge gave it more emails or links)."""
        contact = self.contacts[slot]
        for email in contact.emails:
            if email_key(email):
                self.by_email.setdefault(email_key(email), slot)
        for profile in _profiles(contact):
            self.by_profile.setdefault(profile, slot)

    def find(self, incoming: Contact) -> int | None:
        """The contact `incoming` is: by email, else LinkedIn profile, else name."""
        for email in incoming.emails:
            slot = self.by_email.get(email_key(email))
            if slot is not None:
                return slot
        profiles = _profiles(incoming)
        for profile in profiles:
            slot = self.by_profile.get(profile)
            if slot is not None:
                return slot
        for slot in self.by_name.get(fold(incoming.name), ()):
            known = _profiles(self.contacts[slot])
            # Two LinkedIn profiles that differ are two people who share a name.
            if not (profiles and known and not profiles & known):
                return slot
        return None


def plan_import(existing: Iterable[Contact], parsed: Parsed) -> ImportPlan:
    """What importing `parsed` into a journal holding `existing` adds and changes; nothing is saved.

    In two steps, so that importing the same file again changes nothing: the
    file's people are first grouped among themselves (`_group`), then each
    group is matched to the journal. Matching one card at a time instead
    could give one email to two contacts (a card makes a new contact, a later
    card holding the same email and another one fills an existing contact),
    and the next import would move the first card to the other contact.
    """
    originals = list(existing)
    index = _Index()
    for contact in originals:
        index.add(contact)
    known = len(originals)
    lines = parsed.lines if len(parsed.lines) == len(parsed.contacts) else [0] * len(parsed.contacts)
    skipped = list(parsed.skipped)
    # A name as the rest of Tricot takes one: on one line, with a letter or digit ("!!!" names nobody).
    people, people_lines = [], []
    for contact, line in zip(parsed.contacts, lines):
        name = " ".join(contact.name.split())
        if not is_name(name):
            skipped.append(Skip(line, _("no name with a letter or digit in it")))
            continue
        people.append(contact if name == contact.name else dataclasses.replace(contact, name=name))
        people_lines.append(line)
    parsed = Parsed(people, [], people_lines)
    lines = people_lines
    first_line: dict[int, int] = {}  # slot -> line of the group that first matched or made it
    for person, members in _group(parsed.contacts):
        line = lines[members[0]]
        skipped += [Skip(lines[member], _duplicate_reason(line)) for member in members[1:]]
        slot = index.find(person)
        if slot is None:
            first_line[index.add(person)] = line
            continue
        index.contacts[slot] = fill(index.contacts[slot], person)
        index.learn(slot)
        if slot in first_line:  # two people of the file are one contact of the journal
            skipped.append(Skip(line, _duplicate_reason(first_line[slot])))
        else:
            first_line[slot] = line
    matched = [slot for slot in first_line if slot < known]
    updated = [index.contacts[slot] for slot in matched if index.contacts[slot] != originals[slot]]
    return ImportPlan(
        new=index.contacts[known:],
        updated=updated,
        unchanged=len(matched) - len(updated),
        skipped=sorted(skipped, key=lambda skip: skip.line),
    )


def _group(people: list[Contact]) -> list[tuple[Contact, list[int]]]:
    """The file's people grouped by who is who, each group merged into its first card; in file order.

    Cards sharing an email or a LinkedIn profile are one person, however they
    chain (A shares an email with B, B a profile with C). A card sharing
    neither joins the first group holding its name, unless both have
    LinkedIn profiles and none in common.
    """
    parent = list(range(len(people)))
    merged: dict[int, Contact] = {}  # group root (its first card) -> the group as one contact
    by_email: dict[str, int] = {}
    by_profile: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}

    def root(member: int) -> int:
        while parent[member] != member:
            parent[member] = parent[parent[member]]
            member = parent[member]
        return member

    for member, person in enumerate(people):
        profiles = _profiles(person)
        emails = [k for k in map(email_key, person.emails) if k]
        roots = {root(by_email[k]) for k in emails if k in by_email}
        roots |= {root(by_profile[k]) for k in profiles if k in by_profile}
        if not roots:
            for other in by_name.get(fold(person.name), ()):
                known = _profiles(merged[root(other)])
                if not (profiles and known and not profiles & known):
                    roots = {root(other)}
                    break
        group = min(roots, default=member)
        for other in sorted(roots - {group}):  # this card joins groups that were apart until now
            parent[other] = group
            merged[group] = fill(merged[group], merged.pop(other))
        # The earlier card wins a field both fill: the file's order, as for the journal's contacts.
        merged[group] = fill(merged[group], person) if roots else person
        parent[member] = group
        for k in emails:
            by_email.setdefault(k, member)
        for k in profiles:
            by_profile.setdefault(k, member)
        if fold(person.name):
            by_name.setdefault(fold(person.name), []).append(member)
    members: dict[int, list[int]] = {}
    for member in range(len(people)):
        members.setdefault(root(member), []).append(member)
    return [(merged[group], members[group]) for group in sorted(members)]


def _duplicate_reason(line: int) -> str:
    if line:
        return _("the same person as on line {line}; merged into it").format(line=line)
    return _("the same person as one earlier in the file; merged into it")
