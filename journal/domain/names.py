"""Comparing people's names the way people type them: without case, accents or apostrophes.

"helene" finds "Hélène", "oneil" finds "O'Neil", "jean luc" finds "Jean-Luc":
a user typing a filter or a mention on an English keyboard, or a name
imported from a file in another spelling, still reaches the person.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Apostrophes and the like vanish ("O'Neil" -> "oneil"); hyphens and dots become spaces ("Jean-Luc" -> "jean luc").
_VANISH = dict.fromkeys(map(ord, "'’‘`´ʼ"), None)
_SPACES = re.compile(r"[\s\-‐‑–—._·]+")


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """`text` for comparison: no case, no accents (ß -> ss, œ -> oe), no apostrophes, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("œ", "oe").replace("æ", "ae").replace("ø", "o").replace("ł", "l").replace("đ", "d")
    return _SPACES.sub(" ", bare.translate(_VANISH)).strip()
