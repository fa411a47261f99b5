"""Every user-facing string goes through `_` (stdlib gettext).

Catalogues live in journal/locale/<lang>/LC_MESSAGES/tricot.mo; with none
installed for the user's language the English source strings are shown.
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "tricot"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_translation: gettext.NullTranslations = gettext.translation(
    DOMAIN, localedir=LOCALE_DIR, fallback=True
)


def set_language(language: str | None, localedir: Path | None = None) -> None:
    """Switch catalogue; None follows the environment (LANGUAGE, LC_ALL, LANG)."""
    global _translation
    languages = [language] if language else None
    _translation = gettext.translation(
        DOMAIN, localedir=localedir or LOCALE_DIR, languages=languages, fallback=True
    )


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _translation.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a string for extraction where it must stay untranslated until shown."""
    return message
