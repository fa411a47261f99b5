"""Where Tricot keeps its files. Environment variables override the platform defaults."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "tricot"
JOURNAL_FILE = "journal.json"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The journal's folder: --data-dir, else $TRICOT_DATA_DIR, else the platform's user data dir."""
    chosen = override or os.environ.get("TRICOT_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """Settings and user themes: $TRICOT_CONFIG_DIR, else the platform's user config dir."""
    chosen = os.environ.get("TRICOT_CONFIG_DIR")
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    """This device's own files, never synced: $TRICOT_STATE_DIR, else the platform's user state dir.

    The device id, what this device last wrote of each journal, and drafts.
    """
    chosen = os.environ.get("TRICOT_STATE_DIR")
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def settings_file() -> Path:
    return config_dir() / "settings.json"


def bundled_themes_dir() -> Path:
    """Themes shipped with Tricot: inside the wheel, or the checkout's top-level themes/."""
    package = Path(__file__).resolve().parent
    inside_wheel = package / "themes"
    if inside_wheel.is_dir():
        return inside_wheel
    return package.parent / "themes"
