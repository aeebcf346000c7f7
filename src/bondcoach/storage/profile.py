"""The baby's profile (family data, in the data folder), read without pydantic.

``bondcoach tip`` reads the profile on every run to pick an age-appropriate tip, so
this stays on plain ``json`` to keep start-up fast.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from bondcoach.core.profile import MAX_AWAKE_HOURS as MAX_AWAKE_HOURS
from bondcoach.core.profile import MIN_AWAKE_HOURS as MIN_AWAKE_HOURS
from bondcoach.core.profile import WEEK_STARTS as WEEK_STARTS
from bondcoach.core.profile import Profile as Profile
from bondcoach.errors import DataError
from bondcoach.storage import paths
from bondcoach.storage.fsio import atomic_write, read_bytes
from bondcoach.storage.schema import check_schema

PROFILE_SCHEMA = 1


def _fail(path: Path, problem: str) -> DataError:
    return DataError(
        f"{path} cannot be read: {problem}",
        hint="bondcoach left it untouched. Fix it by hand, or move it aside and run "
        "'bondcoach setup' again.",
    )


def parse_profile(path: Path, raw: bytes) -> Profile:
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _fail(path, f"it is not valid JSON ({error})") from error
    if not isinstance(payload, dict):
        raise _fail(path, "it is not a JSON object")
    check_schema(payload, path, PROFILE_SCHEMA, _fail, name_newest=False)
    try:
        return _profile_from(payload)
    except (TypeError, ValueError) as error:
        raise _fail(path, str(error)) from error


def _profile_from(payload: dict[str, Any]) -> Profile:
    name = payload.get("baby_name")
    if name is not None and not isinstance(name, str):
        raise ValueError("baby_name is not text")
    birth_text = payload.get("birth_date")
    birth = None if birth_text is None else date.fromisoformat(str(birth_text))
    due_text = payload.get("due_date")
    due = None if due_text is None else date.fromisoformat(str(due_text))
    hours = payload.get("awake_hours")
    if hours is not None:
        if isinstance(hours, bool) or not isinstance(hours, (int, float)):
            raise ValueError("awake_hours is not a number")
        if not MIN_AWAKE_HOURS <= hours <= MAX_AWAKE_HOURS:
            raise ValueError("awake_hours is outside 1-20")
        hours = float(hours)
    week_start = payload.get("week_start", "monday")
    if week_start not in WEEK_STARTS:
        raise ValueError("week_start is neither monday nor sunday")
    return Profile(
        baby_name=name, birth_date=birth, awake_hours=hours, week_start=week_start, due_date=due
    )


def load_profile() -> Profile:
    """The saved profile, or an empty one when none exists yet."""
    path = paths.profile_file()
    raw = read_bytes(path)
    return Profile() if raw is None else parse_profile(path, raw)


def profile_exists() -> bool:
    return paths.profile_file().exists()


def save_profile(profile: Profile) -> None:
    payload: dict[str, Any] = {"schema": PROFILE_SCHEMA, **profile._asdict()}
    for key in ("birth_date", "due_date"):
        if payload[key] is not None:
            payload[key] = payload[key].isoformat()
    if profile.due_date is None:
        del payload["due_date"]  # a profile without one stays byte for byte as 1.0 wrote it
    text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    atomic_write(paths.profile_file(), text.encode("utf-8"))
