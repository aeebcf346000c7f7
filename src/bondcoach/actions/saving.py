"""Saving a session after time together, shared by ``log`` and ``play``; and the undo note."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from bondcoach import messages

if TYPE_CHECKING:
    from bondcoach.core.coach import DayProgress, When
    from bondcoach.core.sessions import Session


class Logged(NamedTuple):
    session: Session
    today: DayProgress
    repeated: bool
    baby_name: str | None  # the names of whose time it was, joined ('Mia and Leo')
    warnings: Sequence[str] = ()
    babies: tuple[str, ...] = ()  # their names
    several: bool = False  # the family has several babies
    chosen: bool = False  # --baby (or the question) chose them


class Family(NamedTuple):
    """The babies a session can be for: their names, and those ``--baby`` chose."""

    names: tuple[str, ...]
    chosen: tuple[str, ...]

    @property
    def several(self) -> bool:
        return len(self.names) > 1


def family_for(names: Sequence[str]) -> Family:
    """Check ``--baby`` names before anything is asked or saved (exit 2 if unknown)."""
    from bondcoach.core import babies
    from bondcoach.storage.profile import load_profile

    profile = load_profile()
    known = tuple(babies.label(baby) for baby in babies.family(profile))
    chosen = tuple(babies.label(baby) for baby in babies.chosen(profile, names))
    return Family(known, chosen)


def forget_for_undo() -> None:
    """Before a change is saved: 'undo' must never take back an older one (see disarm)."""
    from bondcoach.storage import undo_log

    undo_log.disarm()


def remember_for_undo(
    kind: str, before: tuple[Session, ...], after: tuple[Session, ...], warnings: list[str]
) -> None:
    """Note the change for 'undo'. Best effort: the change itself is already saved, and
    reporting failure now would invite a retry that saves it twice."""
    from bondcoach.errors import DataError
    from bondcoach.storage import undo_log

    try:
        undo_log.remember(kind, before, after)
    except DataError as error:
        warnings.append(f"saved, but 'bondcoach undo' will not know about it ({error.message})")


def ready_to_play(activities: Sequence[str], now: datetime) -> list[str]:
    """Before play's timer starts: check the store reads (a problem should show before
    the time together, not after), and pick the ideas to show along the way."""
    from bondcoach.core.corrected_age import guidance_age
    from bondcoach.core.timer import ideas_for
    from bondcoach.guidance.tips import load_guidance
    from bondcoach.storage.profile import load_profile
    from bondcoach.storage.session_store import open_store

    open_store().sessions_between(now.date(), now.date())
    profile = load_profile()
    age = guidance_age(profile.birth_date, profile.due_date, now.date())
    return ideas_for(load_guidance(), activities, age)


def save_session(
    when: When,
    activities: Sequence[str],
    mood: int | None,
    note: str | None,
    who: str | None,
    now: datetime,
    baby_names: Sequence[str] = (),
) -> Logged:
    """Store a session, remember it for undo, and say how today is going. Without
    ``baby_names`` the session is time with every baby in the profile now."""
    from bondcoach.core import babies
    from bondcoach.core.coach import new_session, repeats_existing
    from bondcoach.storage.device import load_device
    from bondcoach.storage.profile import load_caregiver, load_profile
    from bondcoach.storage.session_store import new_session_id, open_store

    profile = load_profile()
    whose = babies.chosen(profile, baby_names) if baby_names else babies.family(profile)
    who = who if who is not None else load_caregiver(load_device())
    ids = babies.stored_ids(profile, whose)
    session = new_session(new_session_id(), when, activities, mood, note, who, ids)
    store = open_store()
    today = now.date()
    # Everything that could fail to read is read before saving: a command that reports
    # failure must not have saved anything (a retry would log the session twice).
    same_day = store.sessions_between(session.day, session.day)
    todays = same_day if session.day == today else store.sessions_between(today, today)
    repeated = repeats_existing(session, same_day)
    forget_for_undo()
    store.add(session, now)
    warnings: list[str] = list(store.notices)
    remember_for_undo("log", (), (session,), warnings)
    if profile.expecting:
        from bondcoach.messages import EXPECTING_NO_AIMS

        warnings.append(EXPECTING_NO_AIMS)
    if session.day == today:
        todays = [*todays, session]
    progress = babies.progress_for(todays, today, profile, whose)
    if repeated:
        warnings.append(messages.REPEAT_WARNING)
    names = tuple(babies.label(baby) for baby in whose)
    several = len(babies.family(profile)) > 1
    shown = babies.joined(names) if several else profile.baby_name
    return Logged(session, progress, repeated, shown, warnings, names, several, bool(baby_names))


def add_reflection(logged: Logged, note: str | None, mood: int | None, now: datetime) -> Logged:
    """Add play's reflection to the session saved when its timer ended.

    The undo note is rewritten to name the session as it is now, still as one "log":
    one 'bondcoach undo' takes back the session and its reflection together."""

    from bondcoach.core.sessions import Session
    from bondcoach.storage.session_store import open_store

    if note is None and mood is None:
        return logged._replace(warnings=())
    old = logged.session
    new = Session.model_validate({**old.model_dump(), "note": note, "mood": mood})
    open_store().replace(old, new, now)
    warnings: list[str] = []
    remember_for_undo("log", (), (new,), warnings)
    return logged._replace(session=new, warnings=warnings)
