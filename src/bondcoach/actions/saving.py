"""Saving a session after time together, shared by ``log`` and ``play``; and the undo note."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from bondcoach import messages

if TYPE_CHECKING:
    from bondcoach.core.coach import DayProgress, When
    from bondcoach.core.models import Session


@dataclass(frozen=True)
class Logged:
    session: Session
    today: DayProgress
    repeated: bool
    baby_name: str | None
    warnings: list[str] = field(default_factory=list)


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
) -> Logged:
    """Store a session, remember it for undo, and say how today is going."""
    from bondcoach.core.coach import day_progress, new_session, repeats_existing
    from bondcoach.storage.device import load_device
    from bondcoach.storage.profile import load_profile
    from bondcoach.storage.session_store import new_session_id, open_store

    who = who if who is not None else load_device().caregiver
    session = new_session(new_session_id(), when, activities, mood, note, who)
    store = open_store()
    profile = load_profile()
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
    progress = day_progress(todays, today, profile.target_settings())
    if repeated:
        warnings.append(messages.REPEAT_WARNING)
    return Logged(session, progress, repeated, profile.baby_name, warnings)


def add_reflection(logged: Logged, note: str | None, mood: int | None, now: datetime) -> Logged:
    """Add play's reflection to the session saved when its timer ended.

    The undo note is rewritten to name the session as it is now, still as one "log":
    one 'bondcoach undo' takes back the session and its reflection together."""
    from dataclasses import replace

    from bondcoach.core.models import Session
    from bondcoach.storage.session_store import open_store

    if note is None and mood is None:
        return replace(logged, warnings=[])
    old = logged.session
    new = Session.model_validate({**old.model_dump(), "note": note, "mood": mood})
    open_store().replace(old, new, now)
    warnings: list[str] = []
    remember_for_undo("log", (), (new,), warnings)
    return replace(logged, session=new, warnings=warnings)
