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
    add_baby: str | None = None  # a new baby's name; the date options then are theirs
    baby: str | None = None  # which baby the other options change (default: the first)

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
    from bondcoach.storage.profile import load_caregiver, load_profile

    profile = load_profile()
    # create=False: showing, like a refused setup, leaves not even a device id behind.
    return _facts(profile, load_caregiver(load_device(create=False)), today)


def setup(flags: SetupFlags, today: date, interview: Interview) -> ProfileFacts:
    """Change what ``flags`` give, or else what ``interview`` answers; then save."""
    from bondcoach.core.profile_checks import check_babies, check_name
    from bondcoach.storage import device
    from bondcoach.storage.profile import (
        UNCHANGED,
        load_caregiver,
        load_profile,
        save_profile,
    )

    profile = load_profile()
    # create=False: a refused setup must not leave even a device id behind.
    caregiver = load_caregiver(device.load_device(create=False))
    changes: dict[str, Any] = {}
    if flags.any_given():
        changes = _changes(flags, profile, today)
        new_caregiver = check_name(flags.caregiver) if flags.caregiver is not None else caregiver
    else:
        joining = bool(profile.fields) and not device.device_exists()
        changes, new_caregiver = interview(profile, caregiver, joining)
    from bondcoach.core import clock

    changed = profile.with_changes(**changes)
    if changes:
        touched = {path.split(".")[1] for path in _paths(changes) if path.startswith("babies.")}
        check_babies(changed, today, touched)  # before anything is saved
    # One atomic write: the caregiver lives in this computer's own profile record.
    save_profile(changed, clock.now(), new_caregiver if new_caregiver != caregiver else UNCHANGED)
    device.load_device()  # after a first setup, this computer has its id (is no longer new)
    notices = _schema_notice() if changes else ()
    return replace(_facts(load_profile(), new_caregiver, today), warnings=notices)


def _paths(changes: dict[str, Any]) -> list[str]:
    from bondcoach.core.profile import FIRST_BABY_ALIASES

    return [FIRST_BABY_ALIASES.get(name, name) for name in changes]


def _changes(flags: SetupFlags, profile: Profile, today: date) -> dict[str, Any]:
    """The fields the options change, by path; the dates and names are checked here."""
    from bondcoach.core import babies
    from bondcoach.core.profile_checks import (
        check_awake_hours,
        check_birth_date,
        check_due_date,
        check_name,
        check_week_start,
    )
    from bondcoach.errors import InputError

    changes: dict[str, Any] = {}
    if flags.add_baby is not None:
        if flags.baby is not None or flags.baby_name is not None:
            raise InputError(
                "--add-baby gives the new baby's name; "
                "to rename one, use --baby NAME --baby-name NEW"
            )
        name = check_name(flags.add_baby)
        if name is None:
            raise InputError("--add-baby needs the new baby's name")
        target = babies.new_id(profile, name)
        changes[f"babies.{target}.name"] = name
    elif flags.baby is not None:
        found = babies.find(profile, flags.baby)
        if found is None:
            raise babies.unknown(profile, flags.baby)
        target = found.id
    else:
        target = babies.family(profile)[0].id  # the first (or only) baby, as in 1.0
    values = {
        "name": (flags.baby_name, check_name),
        "birth_date": (flags.birth_date, lambda text: check_birth_date(text, today)),
        "due_date": (flags.due_date, check_due_date),
        "awake_hours": (flags.awake_hours, check_awake_hours),
    }
    for field, (given, check) in values.items():
        if given is not None:
            changes[f"babies.{target}.{field}"] = check(given)
    if flags.week_start is not None:
        changes["week_start"] = check_week_start(flags.week_start)
    return changes


@dataclass(frozen=True)
class Removal:
    name: str
    sessions_kept: int


def remove_baby(name: str, today: date, confirm: Callable[[str, int], bool]) -> Removal | None:
    """Take a baby out of the profile, after ``confirm(name, sessions)`` says yes (None if
    not). Their sessions stay, and keep their name in history and export."""
    from bondcoach.core import babies, clock
    from bondcoach.errors import InputError
    from bondcoach.storage.profile import load_profile, save_profile
    from bondcoach.storage.session_store import open_store

    profile = load_profile()
    found = babies.find(profile, name)
    if found is None:
        raise babies.unknown(profile, name)
    if len(profile.babies) == 1:
        raise InputError(f"{found.name} is the only baby in the profile, so stays")
    sessions = babies.for_baby(open_store().iter_sessions(), found.id)
    if not confirm(babies.label(found), len(sessions)):
        return None
    save_profile(profile.with_changes(**{f"babies.{found.id}.removed": True}), clock.now())
    return Removal(babies.label(found), len(sessions))


def _schema_notice() -> tuple[str, ...]:
    """The profile record is the new format: say once if 1.0 computers share the folder."""
    from bondcoach.storage.session_store import open_store
    from bondcoach.storage.upgrade import tell_once_about_schema

    store = open_store()
    tell_once_about_schema(store)
    return tuple(store.notices)
