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
    rest_weekdays: tuple[int, ...] = ()  # 0 = Monday; days that neither count nor break the streak
    monthly_freezes: int = 2  # missed days a month the streak bridges by itself
    weekly_give_goal: int = 3  # gives a week (Monday to Sunday)

    def __post_init__(self) -> None:
        # A hand-edited or synced settings file: a value out of range costs only its key (settings_file).
        for name in ("cadence_r1", "cadence_r2", "cadence_r3"):
            if not 1 <= getattr(self, name) <= 3650:
                raise ValueError(f"{name} is a number of days, 1 to 3650")
        if any(not 0 <= day <= 6 for day in self.rest_weekdays) or len(set(self.rest_weekdays)) > 6:
            raise ValueError("rest_weekdays are weekdays 0 (Monday) to 6 (Sunday), at most six of them")
        if not 0 <= self.monthly_freezes <= 31:
            raise ValueError("monthly_freezes is 0 to 31")
        if not 0 <= self.weekly_give_goal <= 1000:
            raise ValueError("weekly_give_goal is 0 to 1000")
