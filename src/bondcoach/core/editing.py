"""Editing a session: the changes asked for, validated the way ``log`` validates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bondcoach.core.coach import split_activities
from bondcoach.core.mood import check_mood
from bondcoach.core.sessions import Session
from bondcoach.core.timeparse import check_not_future, parse_at, parse_minutes
from bondcoach.errors import InputError


@dataclass(frozen=True)
class EditRequest:
    minutes: str | None = None
    at: str | None = None
    activities: Sequence[str] | None = None
    note: str | None = None
    mood: int | None = None
    who: str | None = None
    babies: tuple[str, ...] | None = None  # the stored ids (``core.babies.stored_ids``)

    def is_empty(self) -> bool:
        asked = (self.minutes, self.at, self.activities, self.note, self.mood, self.who)
        return self.babies is None and all(value is None for value in asked)


def edited(session: Session, request: EditRequest, now: datetime) -> Session:
    """The session with the requested changes, checked the way ``log`` checks."""
    if request.is_empty():
        raise InputError(
            "say what to change: --minutes, --at, --activity, --note, --mood, --who or --baby"
        )
    changes: dict[str, object] = {}
    if request.minutes is not None:
        changes["minutes"] = parse_minutes(request.minutes)
    if request.at is not None:
        # "HH:MM" moves the session within its own day; a full date moves it anywhere.
        changes["start"] = parse_at(request.at, now, on=session.day)
    if request.activities is not None:
        changes["activities"] = split_activities(request.activities)
    if request.note is not None:
        changes["note"] = request.note  # '' clears it; Session cleans the rest
    if request.mood is not None:
        changes["mood"] = check_mood(request.mood)
    if request.who is not None:
        changes["who"] = request.who
    if request.babies is not None:
        changes["babies"] = list(request.babies)
    result = Session.model_validate({**session.model_dump(), **changes})
    # Check only what the edit changes: a session logged by a computer whose clock runs
    # ahead may still "end later" than this clock's now, and mending its note is fine.
    if result.start != session.start or result.end > session.end:
        check_not_future(result.start, result.minutes, now)
    return result
