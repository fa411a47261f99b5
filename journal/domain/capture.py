"""`give:` and `ask:` lines in an entry body: things to turn into a give card or an ask.

A line such as `give: forward the UX job to @Amina` or `demander : intro à @Joran`
is a *capture*. The marker word starts the line, after optional indentation, list
bullets (`- `, `* `, `+ `, `1. `, `1) `, a task box `[ ]`) and blockquote `>`s.
Exactly four words are markers, in any case: `give`, `ask`, `donner`, `demander`.
Not `donne` or `demande`, which ordinary French prose starts lines with.
Between the word and the colon (`:` or the full-width `：`) there may be spaces of
any width: French typography puts a no-break space before a colon.

Code does not count: a fenced block or code span (read as mentions.py reads them)
and an indented code block (see `_indented_code`).

Lines end at `\\n`, `\\r\\n` or `\\r`, as CommonMark ends them; `Capture.line`
counts them from 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TypeVar

from journal.domain.mentions import mentions, without_code
from journal.domain.models import CardKind, Direction, ExchangeKind
from journal.domain.names import fold

# Horizontal spaces allowed between the word and the colon: tab and Unicode's space
# separators (no-break U+00A0, narrow no-break U+202F, thin U+2009, …).
_SPACE = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"

# One line (the body is searched with MULTILINE, `^` after each `\n`). re.ASCII keeps
# IGNORECASE to ASCII: "GİVE" (dotted capital I) or a Kelvin sign is not a marker.
# Each prefix piece starts with a character a space is not, so the repetition cannot
# backtrack more than linearly.
_CAPTURE = re.compile(
    r"^(?P<indent>[ \t]*)"
    r"(?:(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])[ \t]*)*"  # blockquote markers and list bullets
    r"(?:\[[ xX]\][ \t]+)?"  # a task list box
    r"(?:(?P<give>give|donner)|(?P<ask>ask|demander))"
    + _SPACE
    + r"*[:：](?P<text>[^\n]*)",
    re.IGNORECASE | re.ASCII | re.MULTILINE,
)

# For the indented code rule, read on a line without its indentation: a list item's start,
# and the starts of blocks that end a list without a blank line (a paragraph line would not).
_BULLET = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_INTERRUPTS = re.compile(r">|```|~~~|#{1,6}(?:[ \t]|$)")


@dataclass(frozen=True, slots=True)
class Capture:
    direction: Direction
    text: str  # what follows the colon, stripped; never empty
    line: int  # 0-based line number in the body
    # Stable fingerprint (Entry.settled holds it): the same line re-typed with other
    # case, accents or spacing is the same capture, so it is not offered again.
    key: str
    names: tuple[str, ...]  # the @mentions in `text`, in order


def captures(body: str) -> list[Capture]:
    """The `give:` / `ask:` lines of `body`, in order."""
    if ":" not in body and "：" not in body:
        return []  # the usual entry: nothing to look for
    # CommonMark line ends made `\n` at the same positions (a space before the `\n` of
    # `\r\n`: the text is stripped anyway), so positions in `lines` are positions in `body`.
    lines = body.replace("\r\n", " \n").replace("\r", "\n") if "\r" in body else body
    masked = without_code(body)  # same length; code blanked out
    found: list[Capture] = []
    line = 0
    counted = 0  # `line` is the number of `\n` in lines[:counted]
    indented_code: Iterator[bool] | None = None
    code_line = -1  # the line `indented_code` last answered for
    is_code = False
    for match in _CAPTURE.finditer(lines):
        text = match.group("text").strip()
        if not text:
            continue
        colon = match.start("text")
        if masked[match.start() : colon] != body[match.start() : colon]:
            continue  # the marker is in a fenced block or a code span
        line += lines.count("\n", counted, match.start())
        counted = match.start()
        if _columns(match.group("indent")) >= 4:
            # Read lazily and once, from the top: most bodies have no indented marker line.
            if indented_code is None:
                indented_code = _indented_code(lines.split("\n"))
            while code_line < line:
                is_code = next(indented_code)
                code_line += 1
            if is_code:
                continue
        direction = Direction.GIVE if match.group("give") else Direction.ASK
        found.append(Capture(direction, text, line, capture_key(direction, text), tuple(mentions(text))))
    return found


def capture_key(direction: Direction, text: str) -> str:
    """`Capture.key` for a line of `direction` saying `text`."""
    return direction.value + ":" + " ".join(fold(text).split())


def _columns(indent: str) -> int:
    """The width of an indentation of spaces and tabs (a tab goes to the next multiple of 4)."""
    width = 0
    for character in indent:
        width = width + 4 - width % 4 if character == "\t" else width + 1
    return width


def _indented_code(lines: list[str]) -> Iterator[bool]:
    """For each line, whether it is in an indented code block; CommonMark, roughly.

    A line indented 4 columns or more is code when the previous non-blank line was
    code, or when it follows a blank line (or starts the text) outside a list. It
    cannot interrupt a paragraph, and in a list it is a nested item or a
    continuation: journals indent those far more than they hold code. A list runs
    from a bullet line to a line indented less than 2 that follows a blank line or
    starts a quote, heading or fence. What is inside quotes and fences is not followed.
    """
    in_code = False
    after_break = True  # at the start, or after a blank line
    in_list = False
    for line in lines:
        content = line.lstrip(" \t")
        if not content.strip():
            after_break = True
            yield False
            continue
        indent = _columns(line[: len(line) - len(content)])
        in_code = indent >= 4 and (in_code or (after_break and not in_list))
        if not in_code and indent < 4:
            if _BULLET.match(content):
                in_list = True
            elif indent < 2 and (after_break or _INTERRUPTS.match(content)):
                in_list = False
        after_break = False
        yield in_code


# --- Guessing a kind --------------------------------------------------------------------------

# Keywords are matched after folding (names.fold: no case, no accents) as whole words, so
# "Présenter" finds "présenter" and "presenter". A keyword of several words matches them
# consecutively. The first kind with a match wins, in the order listed.
CARD_KEYWORDS: tuple[tuple[CardKind, tuple[str, ...]], ...] = (
    (
        CardKind.INTRODUCTION,
        ("intro", "intros", "introduce", "introduction", "présenter", "mettre en contact", "mettre en relation", "connect"),
    ),
    (
        CardKind.OFFER,
        ("job", "jobs", "offer", "offre", "offres", "poste", "emploi", "contract", "contrat", "opening", "gig", "mandat"),
    ),
    (
        CardKind.EXCERPT,
        ("newsletter", "infolettre", "article", "excerpt", "extrait", "read", "lire", "lien", "link"),
    ),
    (
        CardKind.ANSWER,
        ("answer", "répondre", "help", "aider", "aide", "apartment", "appartement", "logement", "lift", "covoiturage", "ride"),
    ),
)

# For an ask; a give is read with CARD_KEYWORDS (a give is a card's kind of thing).
ASK_KEYWORDS: tuple[tuple[ExchangeKind, tuple[str, ...]], ...] = (
    (ExchangeKind.INTRODUCTION, dict(CARD_KEYWORDS)[CardKind.INTRODUCTION]),
    (ExchangeKind.ADVICE, ("advice", "conseil", "conseils", "avis", "tip", "tips")),
    (
        ExchangeKind.INFORMATION,
        ("info", "infos", "information", "informations", "renseignement", "renseignements", "question", "questions"),
    ),
    (
        ExchangeKind.REFERRAL,
        ("referral", "référence", "recommandation", "recommendation", "recommend", "recommander", "référer"),
    ),
)


def card_kind(text: str) -> CardKind:
    """A guess at the kind of card a give line means; OTHER when no keyword says."""
    return _first_kind(text, _CARD_KEYS, CardKind.OTHER)


def exchange_kind(text: str, direction: Direction) -> ExchangeKind:
    """A guess at the ledger kind of an ask or a give; OTHER when no keyword says."""
    if direction is Direction.GIVE:
        return ExchangeKind(card_kind(text).value)  # the two enums share these values
    return _first_kind(text, _ASK_KEYS, ExchangeKind.OTHER)


# Apostrophes split words here ("l'offre" is "l offre"); fold would join them ("loffre"),
# which suits names (O'Neil) but not French prose.
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʼ"), " ")
_LETTERS = re.compile(r"[^\W\d_]+")


def _words(text: str) -> str:
    """`text` as folded words, each with a space on either side: " l offre d emploi "."""
    return " " + " ".join(_LETTERS.findall(fold(text.translate(_APOSTROPHES)))) + " "


Kind = TypeVar("Kind", CardKind, ExchangeKind)


def _folded(table: tuple[tuple[Kind, tuple[str, ...]], ...]) -> list[tuple[Kind, tuple[str, ...]]]:
    """`table` with each keyword as `_words` gives it, ready for a substring test."""
    return [(kind, tuple(dict.fromkeys(_words(k) for k in keywords))) for kind, keywords in table]


_CARD_KEYS = _folded(CARD_KEYWORDS)
_ASK_KEYS = _folded(ASK_KEYWORDS)


def _first_kind(text: str, table: list[tuple[Kind, tuple[str, ...]]], otherwise: Kind) -> Kind:
    # Both sides padded with spaces: a substring test is a whole-word (or consecutive words) match.
    words = _words(text)
    for kind, keywords in table:
        if any(keyword in words for keyword in keywords):
            return kind
    return otherwise
