"""Where bondcoach keeps things, resolved lazily so tests and users can redirect it.

Two kinds of folder, kept apart on purpose:

* the *data* folder holds the family's data (sessions, the baby's profile, the user's
  own tips). It is the folder a family backs up or syncs between computers.
  ``BONDCOACH_HOME`` overrides it.
* the *state* and *cache* folders hold what belongs to this computer only (its device
  id, its caregiver name, locks, caches). Syncing those would make two computers look
  like one, so they never live in the data folder. ``BONDCOACH_STATE_DIR`` and
  ``BONDCOACH_CACHE_DIR`` override them (the tests use that on every platform).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "bondcoach"


def _override(variable: str) -> Path | None:
    value = os.environ.get(variable, "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    override = _override("BONDCOACH_HOME")
    if override is not None:
        return override
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    override = _override("BONDCOACH_STATE_DIR")
    if override is not None:
        return override
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    override = _override("BONDCOACH_CACHE_DIR")
    if override is not None:
        return override
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def sessions_dir() -> Path:
    return data_dir() / "sessions"


def profile_file() -> Path:
    return data_dir() / "profile.json"


def user_tips_file() -> Path:
    return data_dir() / "tips.yaml"


def device_file() -> Path:
    return state_dir() / "device.json"
