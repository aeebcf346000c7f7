"""Saving a session after time together, shared by ``log`` and ``play``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bondcoach import messages

if TYPE_CHECKING:
    from bondcoach.core.coach import When
    from bondcoach.core.models import Session


def remember_for_undo(kind: str, before: tuple[Session, ...], after: tuple[Session, ...]) -> None:
    """Note the change for 'undo'. Best effort: the change itself is already saved, and
    reporting failure now would invite a retry that saves it twice."""
    from bondcoach import views
    from bondcoach.errors import DataError
    from bondcoach.storage import undo_log as journal

    try:
        journal.remember(kind, before, after)
    except DataError as error:
        views.warn(f"saved, but 'bondcoach undo' will not know about it ({error.message})")


def save_and_show(
    when: When,
    activities: Sequence[str],
    mood: int | None,
    note: str | None,
    who: str | None,
    as_json: bool,
    now: datetime,
) -> None:
    """Store a session, remember it for undo, and show how today is going."""
    from bondcoach import views
    from bondcoach.core.coach import day_progress, new_session, repeats_existing
    from bondcoach.storage.device import load_device
    from bondcoach.storage.profile import load_profile
    from bondcoach.storage.session_store import new_session_id, open_store
    from bondcoach.views import log as log_view

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
    store.add(session, now)
    remember_for_undo("log", (), (session,))
    if session.day == today:
        todays = [*todays, session]
    progress = day_progress(todays, today, profile.target_settings())
    if repeated:
        views.warn(messages.REPEAT_WARNING)
    if as_json:
        views.print_json(log_view.logged_json(session, progress, repeated))
    # With --json the same words go to stderr, so a script's stdout stays pure JSON.
    log_view.show_logged(session, progress, profile.baby_name, stderr=as_json)


def ask_reflection(
    note: str | None, mood: int | None, to_stderr: bool
) -> tuple[str | None, int | None]:
    """The short, optional reflection after time together: a note, then a mood."""
    if note is None:
        note = ask_optional(messages.PROMPT_NOTE, to_stderr) or None
    if mood is None:
        mood = _ask_mood(to_stderr)
    return note, mood


def ask_optional(question: str, to_stderr: bool) -> str:
    """One optional question: Enter, or the end of input, skips it."""
    from bondcoach.cli.prompts import ask

    return ask(question, "", to_stderr) or ""


def _ask_mood(to_stderr: bool) -> int | None:
    """Optional: anything but a mood from 1 to 5 counts as skipping the question."""
    answer = ask_optional(messages.PROMPT_MOOD, to_stderr)
    return int(answer) if answer in ("1", "2", "3", "4", "5") else None
