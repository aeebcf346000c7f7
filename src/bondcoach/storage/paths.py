"""Where bondcoach keeps things, resolved lazily so tests and users can redirect it.

Two kinds of folder, kept apart on purpose:

* the *data* folder holds the family's data (sessions, the baby's profile, the user's
  own tips). It is the folder a family backs up or syncs between computers.
  ``BONDCOACH_HOME`` overrides it.
* the *state* and *cache* folders hold what belongs to this computer only (its device
  id, locks, caches; its caregiver is in its own profile record, written with the
  profile). Syncing those would make two computers look
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


def _platform_folders() -> tuple[Path, Path]:
    """The platform's (data, state) folders, kept apart even where the platform merges
    them: macOS and Windows give one folder for both, and syncing that folder would
    copy this computer's device id to the other computer."""
    import platformdirs

    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    state = Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))
    if data == state:
        return data / "family", state / "this-computer"
    return data, state


def data_dir() -> Path:
    override = _override("BONDCOACH_HOME")
    if override is not None:
        return override
    return _platform_folders()[0]


def state_dir() -> Path:
    override = _override("BONDCOACH_STATE_DIR")
    if override is not None:
        return override
    return _platform_folders()[1]


def cache_dir() -> Path:
    override = _override("BONDCOACH_CACHE_DIR")
    if override is not None:
        return override
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def profile_file() -> Path:
    return data_dir() / "profile.json"


def user_tips_file() -> Path:
    return data_dir() / "tips.yaml"


def device_file() -> Path:
    return state_dir() / "device.json"


def folder_key(folder: Path) -> str:
    """A short stable name for a data folder, for per-folder files in the state folder."""
    import importlib

    # The builtin SHA-256 (the same digest) before hashlib, whose OpenSSL set-up costs
    # every data command a few milliseconds: _sha2 from Python 3.12, _sha256 before.
    for name in ("_sha2", "_sha256", "hashlib"):
        try:
            sha256 = importlib.import_module(name).sha256
            break
        except (ImportError, AttributeError):
            continue
    digest: str = sha256(str(folder.resolve()).encode()).hexdigest()
    return digest[:16]
