"""setup: the baby's profile (shared by the family) and this computer's caregiver."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from bondcoach.core.profile import Profile

# Asked when no option was given: (profile, caregiver, joining) -> (changes, caregiver).
# ``joining``: this computer is new to a data folder that already has the profile.
Interview = Callable[[Profile, "str | None", bool], "tuple[dict[str, Any], str | None]"]


@dataclass(frozen=True)
class SetupFlags:
    baby_name: str | None = None
    birth_date: str | None = None
    caregiver: str | None = None
    awake_hours: str | None = None
    week_start: str | None = None
    due_date: str | None = None

    def any_given(self) -> bool:
        return any(value is not None for value in vars(self).values())


@dataclass(frozen=True)
class ProfileFacts:
    """The profile as 'setup' shows it, with what it means today."""

    profile: Profile
    caregiver: str | None
    target_minutes_today: int
    data_folder: Path
    today: date
    warnings: tuple[str, ...] = ()  # e.g. once: computers still on 1.0 must upgrade


def _facts(profile: Profile, caregiver: str | None, today: date) -> ProfileFacts:
    from bondcoach.core.targets import daily_target
    from bondcoach.storage import paths

    target = daily_target(today, profile.target_settings())
    return ProfileFacts(profile, caregiver, target, paths.data_dir(), today)


def show(today: date) -> ProfileFacts:
    """The profile and this computer's caregiver, changing nothing."""
    from bondcoach.storage.device import load_device
    from bondcoach.storage.profile import load_profile

    profile = load_profile()
    # create=False: showing, like a refused setup, leaves not even a device id behind.
    return _facts(profile, load_device(create=False).caregiver, today)


def setup(flags: SetupFlags, today: date, interview: Interview) -> ProfileFacts:
    """Change what ``flags`` give, or else what ``interview`` answers; then save."""
    from bondcoach.core.profile_checks import (
        check_awake_hours,
        check_birth_date,
        check_dates,
        check_due_date,
        check_name,
        check_week_start,
    )
    from bondcoach.storage import device
    from bondcoach.storage.profile import load_profile, profile_exists, save_profile

    profile = load_profile()
    # create=False: a refused setup must not leave even a device id behind.
    this_device = device.load_device(create=False)
    changes: dict[str, Any] = {}
    if flags.any_given():
        if flags.baby_name is not None:
            changes["baby_name"] = check_name(flags.baby_name)
        if flags.birth_date is not None:
            changes["birth_date"] = check_birth_date(flags.birth_date, today)
        if flags.due_date is not None:
            changes["due_date"] = check_due_date(flags.due_date)
        if flags.awake_hours is not None:
            changes["awake_hours"] = check_awake_hours(flags.awake_hours)
        if flags.week_start is not None:
            changes["week_start"] = check_week_start(flags.week_start)
        caregiver = this_device.caregiver
        new_caregiver = check_name(flags.caregiver) if flags.caregiver is not None else caregiver
    else:
        joining = profile_exists() and not device.device_exists()
        changes, new_caregiver = interview(profile, this_device.caregiver, joining)
    from bondcoach.core import clock

    changed = profile.with_changes(**changes)
    if changes:
        check_dates(changed.birth_date, changed.due_date, today)  # before anything is saved
    caregiver_changes = new_caregiver != this_device.caregiver or not device.device_exists()
    _save_both(
        (lambda: save_profile(changed, clock.now())) if changes else None,
        (lambda: device.save_caregiver(new_caregiver)) if caregiver_changes else None,
    )
    notices = _schema_notice() if changes else ()
    return replace(_facts(load_profile(), new_caregiver, today), warnings=notices)


def _schema_notice() -> tuple[str, ...]:
    """The profile record is the new format: say once if 1.0 computers share the folder."""
    from bondcoach.storage.session_store import open_store
    from bondcoach.storage.upgrade import tell_once_about_schema

    store = open_store()
    tell_once_about_schema(store)
    return tuple(store.notices)


def _save_both(
    profile: Callable[[], object] | None, caregiver: Callable[[], object] | None
) -> None:
    """The profile (family data) and this computer's caregiver live in two files, so
    they cannot be one atomic write: the caregiver goes first (this computer's own), and
    a failure after either is saved says exactly which was saved."""
    from bondcoach.errors import DataError
    from bondcoach.storage.fsio import FlushFailed

    unflushed: FlushFailed | None = None
    if caregiver is not None:
        try:
            caregiver()  # on other failures nothing was saved yet: the error says so
        except FlushFailed as error:
            unflushed = error  # saved, only not flushed: the profile goes on
    if profile is not None:
        try:
            profile()
        except DataError as error:
            if caregiver is None or error.message_says_saved:
                raise
            failed = DataError(
                f"saved this computer's caregiver, but not the baby's profile ({error.message})"
            )
            failed.message_says_saved = True
            raise failed from error
    if unflushed is not None:
        if profile is not None:
            unflushed.message += "; the baby's profile was saved too"
        raise unflushed
