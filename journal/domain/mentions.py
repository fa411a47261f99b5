"""`#tags` and `@mentions` in entry bodies, and resolving mentions to contacts.

A mention is `@Name` (one word) or `@"Multi Word Name"`. A tag is `#word`.
Both must start a word: `karine@example.com` and `page.html#top` hold neither,
and `# Heading` is Markdown, not a tag.

Code does not count. Bodies are Markdown, and `@decorator` or `#include` in
code is code, not a person or a tag. Two constructs are read as CommonMark
reads them:

- a fenced code block opens with a line of 3 or more backticks or tildes,
  indented by at most 3 spaces (after a backtick fence, the rest of the line
  holds no backtick). It closes with a line of the same character, at least
  as many, indented by at most 3 spaces, with only spaces or tabs after them.
  An unclosed fence runs to the end of the text.
- a code span is a run of N backticks closed by the next run of exactly N
  backticks in the same paragraph. A run with no partner is plain text, and
  so is a backtick escaped by a backslash.

Where a link goes (`[Karine](@page)`) and what an HTML comment hides
(`<!-- @Hidden -->`) do not count either: they are not read as text.

Left out on purpose: indented code blocks (in a journal, a line indented 4
spaces is far more often a nested list item than code); container blocks (a
fence inside a `>` quote or deeper than 3 spaces in a list item is not seen,
and a code span is looked for between blank lines without regard to list
items or headings); raw HTML and autolinks, which CommonMark reads before
code spans.

Markup is not a mention either. Text pasted from Textual or Rich markup, such
as `[@click=app.quit]hi[/]` or `[#ff0000]`, looks like a mention or a tag, so:

- a mention or tag alone in square brackets (`[@click]`, `[#ff0000]`, a
  Pandoc citation `[@smith2020]`) does not count, unless the brackets are a
  Markdown link's text: `[@Karine](https://…)` is Karine, and so is the
  prose `[@Karine to call back]`;
- a mention directly followed by `=` does not count (`[@click=app.quit]`,
  `[b @click=app.bell]`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

from journal.domain.models import Contact
from journal.domain.names import fold

# What may not stand right before the `@` or `#` that starts a mention or tag.
_NOT_AFTER = r"[\w@#&/\\]"
# A word: letters/digits/underscore in any script, with inner - . ' ’ (Jean-Luc, O'Neil).
_WORD = r"\w(?:[\w\-'’.]*\w)?"


def _sigil_pattern(sigils: str) -> re.Pattern[str]:
    """A sigil from `sigils` starting a word: group 1 a quoted name, group 2 a one-word name.

    The check of what stands before looks back from after the sigil, so the pattern
    starts with a literal character the regex engine can search for quickly instead
    of testing every position.
    """
    sigil = re.escape(sigils) if len(sigils) == 1 else "[" + re.escape(sigils) + "]"
    return re.compile(sigil + r"(?<!" + _NOT_AFTER + sigil + r')(?:"([^"\n]+)"|(' + _WORD + r"))")


_MENTION = _sigil_pattern("@")
_TAG = re.compile(r"#(?<!" + _NOT_AFTER + r"#)(" + _WORD + r")")


def mentions(text: str) -> list[str]:
    """Names mentioned in `text`, in order of first appearance, each once (case-insensitively)."""
    text = prose(text)
    markup_possible = "[" in text or "=" in text  # skips the check in most prose
    seen: dict[str, str] = {}
    for match in _MENTION.finditer(text):
        if markup_possible and _is_markup(text, match, mention=True):
            continue
        name = _name(match)
        if name:  # @"  " names nobody
            seen.setdefault(name.casefold(), name)
    return list(seen.values())


def tags(text: str) -> list[str]:
    """Tags in `text` without the `#`, lowercased, in order of first appearance, each once."""
    text = prose(text)
    markup_possible = "[" in text
    seen: dict[str, None] = {}
    for match in _TAG.finditer(text):
        if not (markup_possible and _is_markup(text, match, mention=False)):
            seen.setdefault(match.group(1).casefold(), None)
    return list(seen)


def format_mention(name: str) -> str:
    """The way to write a mention of `name` so that `mentions` reads it back.

    A name holding a double quote loses it (the quoted form cannot hold one), and
    one holding two backticks may not read back at all: they can make a code span.
    """
    if re.fullmatch(_WORD, name):
        return "@" + name
    return '@"' + name.replace('"', "") + '"'


def rewrite_as_tags(text: str, words: Iterable[str]) -> tuple[str, int]:
    """`text` with the words in `words` made `#tags`, and how many were rewritten.

    Each of `words` carries its own sigil, e.g. `@work` or `+idea` (`#` ones are
    tags already). Wherever `text` holds that sigil and word the way `mentions`
    would read a one-word mention (case-insensitively, the whole word, not in code
    or markup, "'s" dropped), the sigil becomes `#`: `@Work` -> `#Work`. A word in
    `words` is read the same way, so jrnl's `@work/home` names the word `work`.
    `@"Multi Word"` is never rewritten.
    """
    wanted: dict[str, set[str]] = {}
    for word in words:
        sigil = word[:1]
        if sigil == "#" or sigil == '"' or not sigil or sigil.isspace() or re.match(r"\w", sigil):
            continue
        match = _sigil_pattern(sigil).match(word)
        if match and match.group(2):
            wanted.setdefault(sigil, set()).add(_name(match).casefold())
    if not wanted:
        return text, 0
    masked = prose(text)
    pieces: list[str] = []
    done = 0
    for match in _sigil_pattern("".join(wanted)).finditer(masked):
        if match.group(2) is None or _is_markup(masked, match, mention=True):
            continue
        if _name(match).casefold() in wanted[masked[match.start()]]:
            pieces += [text[done : match.start()], "#"]
            done = match.start() + 1
    return "".join(pieces) + text[done:], len(pieces) // 2


class People:
    """Contacts by every name a mention may use: full name, alias, first name.

    Built once from the contacts (a dict lookup per mention after that), compared
    without case, accents or apostrophes (`names.fold`). A mention names one
    person or nobody: a full name or alias two people share, or a first name
    several people have and none holds as an alias, resolves to nobody, and
    `candidates` says who it could be.
    """

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self.by_name: dict[str, list[Contact]] = {}
        self.by_first: dict[str, list[Contact]] = {}
        for contact in contacts:
            keys = {fold(n) for n in (contact.name, *contact.aliases)} - {""}
            for key in keys:
                self.by_name.setdefault(key, []).append(contact)
            first = fold(contact.name).split(" ")[0]
            if first:
                self.by_first.setdefault(first, []).append(contact)

    def candidates(self, name: str) -> list[Contact]:
        """Everyone `name` could mean: those it names in full (or by alias), else by first name."""
        key = fold(name)
        return self.by_name.get(key) or self.by_first.get(key) or []

    def resolve(self, name: str) -> Contact | None:
        """The one contact `name` means, or None (nobody, or more than one)."""
        found = self.candidates(name)
        return found[0] if len(found) == 1 else None

    def closest(self, name: str, limit: int = 3) -> list[Contact]:
        """Up to `limit` contacts `name` may be a misspelling of, best first: for "did you mean".

        Compared like `candidates` (folded) with every full name, alias and first
        name, by difflib's similarity ratio, 0.75 at least: one letter wrong, missing
        or two swapped in a name of some length. An exact match (accents aside)
        comes first. Each contact once; equal scores in alphabetical order.
        """
        key = fold(name)
        if not key or limit <= 0:
            return []
        cutoff = 0.75
        matcher = SequenceMatcher()
        matcher.set_seq2(key)  # what difflib caches: the name sought, compared with each of ours
        scored: list[tuple[float, str]] = []
        for known in (*self.by_name, *(first for first in self.by_first if first not in self.by_name)):
            matcher.set_seq1(known)
            # The cheap upper bounds first, as difflib.get_close_matches does: most names fail them.
            if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
                score = matcher.ratio()
                if score >= cutoff:
                    scored.append((-score, known))
        found: dict[str, Contact] = {}
        for _score, known in sorted(scored):
            for contact in (*self.by_name.get(known, ()), *self.by_first.get(known, ())):
                found.setdefault(contact.id, contact)
        return list(found.values())[:limit]


def resolve(name: str, contacts: Iterable[Contact]) -> Contact | None:
    """The contact a mention means (see People); for one-off lookups."""
    return People(contacts).resolve(name)


def _name(match: re.Match[str]) -> str:
    quoted, word = match.groups()
    if quoted is not None:
        return " ".join(quoted.split())
    return word[:-2] if word.endswith(("'s", "’s")) else word  # "@Joran's ask" is Joran


def _is_markup(text: str, match: re.Match[str], mention: bool) -> bool:
    """Whether a match is Textual/Rich markup or a citation rather than prose (see the module doc)."""
    end = match.end()
    if mention and text[end : end + 1] == "=":
        return True
    start = match.start()
    return text[start - 1 : start] == "[" and text[end : end + 1] == "]" and text[end + 1 : end + 2] != "("


# --- Markdown code ----------------------------------------------------------------------------

# Masked code is replaced by line breaks: no word, quoted name or sigil can hold one.
_MASK = "\n"
# Each pattern starts with the line break before a line (the text is read with one put in
# front), so the regex engine can search for that character instead of testing every position.
_FENCE_OPEN = re.compile(r"\n {0,3}(?:(`{3,})[^`\n]*|(~{3,})[^\n]*)(?=\n|\Z)")
_FENCE_CLOSE = re.compile(r"\n {0,3}(`{3,}|~{3,})[ \t]*(?=\n|\Z)")
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
_TICKS = re.compile(r"``*")  # not "`+", which the engine cannot search for quickly


# Not prose either: where a link goes (`[Karine](@karine-page)`, `![photo](@pic)`) and
# what an HTML comment hides (`<!-- @Hidden -->`). Blanked the same way as code.
_LINK_DESTINATION = re.compile(r"\]\([^)\n]*\)")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def prose(text: str) -> str:
    """`text` with code, link destinations and HTML comments blanked out; same length."""
    text = without_code(text)
    # One character first: searching for one is several times faster than for two.
    if "]" in text and "](" in text:
        text = _LINK_DESTINATION.sub(lambda m: _MASK * len(m.group()), text)
    if "<" in text and "<!--" in text:
        text = _HTML_COMMENT.sub(lambda m: _MASK * len(m.group()), text)
    return text


def without_code(text: str) -> str:
    """`text` with Markdown code (fenced blocks, code spans) blanked out; same length.

    Outside code every character stays where it was, so a match in the result is a
    match in `text` at the same place.
    """
    if "`" not in text and ("~" not in text or "~~~" not in text):
        return text  # the usual entry: no code possible, no work
    return _masked(text)


# Callers read a body's mentions and its tags one after the other (export, preview, lists):
# the second call finds the body masked already.
@lru_cache(maxsize=32)
def _masked(text: str) -> str:
    pieces: list[str] = []
    done = 0
    for start, end in _code_regions(text):
        pieces += [text[done:start], _MASK * (end - start)]
        done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _code_regions(text: str) -> list[tuple[int, int]]:
    """(start, end) of each fenced code block and code span in `text`, in order."""
    if "\r" in text:
        # CommonMark ends lines at \n, \r\n or \r. Rewritten to \n alone, at the same
        # positions (a space before the \n of \r\n: fences and blank lines allow one).
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    lines = "\n" + text  # positions in `lines` are one more than in `text`
    fences: list[tuple[int, int]] = []
    if "```" in lines or "~~~" in lines:
        position = 0
        while opening := _FENCE_OPEN.search(lines, position):
            marker = opening.group(1) or opening.group(2)
            position = len(lines)  # unclosed: code to the end
            for closing in _FENCE_CLOSE.finditer(lines, opening.end()):
                if closing.group(1)[0] == marker[0] and len(closing.group(1)) >= len(marker):
                    position = closing.end()
                    break
            fences.append((opening.start() + 1, position))
    regions: list[tuple[int, int]] = []
    inline_start = 1
    for fence_start, fence_end in [*fences, (len(lines), len(lines))]:
        if lines.find("`", inline_start, fence_start) != -1:
            regions += _code_spans(lines, inline_start, fence_start)
        regions.append((fence_start, fence_end))
        inline_start = fence_end
    return [(start - 1, end - 1) for start, end in regions if start < end]


def _code_spans(lines: str, start: int, end: int) -> list[tuple[int, int]]:
    """Code spans in lines[start:end], which holds no fenced code; each within its paragraph."""
    spans: list[tuple[int, int]] = []
    for blank in _BLANK_LINE.finditer(lines, start, end):
        spans += _code_spans_in_paragraph(lines, start, blank.start())
        start = blank.end()
    return spans + _code_spans_in_paragraph(lines, start, end)


def _code_spans_in_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    runs = [match.span() for match in _TICKS.finditer(text, start, end)]
    if len(runs) < 2:
        return []
    # Each run's index by its length, to find a closer without rescanning the paragraph
    # for every opener (a paragraph of lone backticks would otherwise take quadratic time).
    by_length: dict[int, list[int]] = {}
    for index, (run_start, run_end) in enumerate(runs):
        by_length.setdefault(run_end - run_start, []).append(index)
    spans: list[tuple[int, int]] = []
    floor = start  # backslashes before this are inside a span already read
    index = 0
    while index < len(runs):
        run_start, run_end = runs[index]
        # An odd number of backslashes escapes the first backtick (backslashes pair up).
        backslash = run_start
        while backslash > floor and text[backslash - 1] == "\\":
            backslash -= 1
        run_start += (run_start - backslash) % 2
        same_length = by_length.get(run_end - run_start, [])
        after = bisect_right(same_length, index)
        if run_start == run_end or after == len(same_length):
            index += 1  # literal backticks
            continue
        index = same_length[after]
        spans.append((run_start, runs[index][1]))
        floor = runs[index][1]
        index += 1
    return spans
