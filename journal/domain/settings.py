"""The user's preferences (PRODUCT.md, "Settings")."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_THEME = "tricot-dark"


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str = DEFAULT_THEME
    language: str | None = None  # None: follow the environment
    cadence_r1: int = 14
    cadence_r2: int = 45
    cadence_r3: int = 90
    rest_weekdays: tuple[int, ...] = ()  # 0 = Monday
    monthly_freezes: int = 2
