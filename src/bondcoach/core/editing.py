"""Mending mistakes: edits validated like a log, and what undoing a change means."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bondcoach.core.coach import check_mood, split_activities
from bondcoach.core.models import Session
from bondcoach.core.timeparse import check_not_future, parse_at, parse_minutes
from bondcoach.errors import BondcoachError, InputError
from bondcoach.storage.session_store import SessionStore
from bondcoach.storage.undo_log import Change


@dataclass(frozen=True)
class EditRequest:
    minutes: str | None = None
    at: str | None = None
    activities: Sequence[str] | None = None
    note: str | None = None
    mood: int | None = None
    who: str | None = None

    def is_empty(self) -> bool:
        return all(
            value is None
            for value in (self.minutes, self.at, self.activities, self.note, self.mood, self.who)
        )


def edited(session: Session, request: EditRequest, now: datetime) -> Session:
    """The session with the requested changes, checked the way ``log`` checks."""
    if request.is_empty():
        raise InputError("say what to change: --minutes, --at, --activity, --note, --mood or --who")
    changes: dict[str, object] = {}
    if request.minutes is not None:
        changes["minutes"] = parse_minutes(request.minutes)
    if request.at is not None:
        # "HH:MM" moves the session within its own day; a full date moves it anywhere.
        changes["start"] = parse_at(request.at, now, on=session.day)
    if request.activities is not None:
        changes["activities"] = split_activities(request.activities)
    if request.note is not None:
        changes["note"] = request.note.strip() or None
    if request.mood is not None:
        changes["mood"] = check_mood(request.mood)
    if request.who is not None:
        changes["who"] = request.who.strip() or None
    result = Session.model_validate({**session.model_dump(), **changes})
    check_not_future(result.start, result.minutes, now)
    return result


def undo(store: SessionStore, change: Change | None, now: datetime) -> str:
    """Take back this computer's last change; returns what was undone, in words."""
    if change is None or change.undone:
        raise BondcoachError("there is nothing to undo on this computer")
    if change.kind in ("log", "import"):
        store.delete_many(change.after, now)
        return f"removed {len(change.after)} session{'s' if len(change.after) != 1 else ''}"
    if change.kind == "edit":
        store.replace(change.after[0], change.before[0], now)
        return "put the session back as it was before the edit"
    if change.kind == "delete":
        store.add_many(change.before, store.newer_than_stored(change.before, now))
        return "brought the deleted session back"
    raise BondcoachError(f"cannot undo a change of kind {change.kind!r}")
