"""Turning a ``log`` request into a session, and how today is going. Pure logic."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from bondcoach.core.mood import check_mood as check_mood
from bondcoach.core.sessions import Session, normalise_activity
from bondcoach.core.targets import TargetSettings, daily_target
from bondcoach.core.timeparse import MAX_MINUTES, check_not_future, parse_at, parse_duration
from bondcoach.errors import InputError

DEFAULT_MINUTES = 15


class When(NamedTuple):
    start: datetime
    minutes: int


def check_when_options(at: str | None, ago: str | None) -> None:
    """--at and --ago both say when a session started: only one may be given."""
    if at is not None and ago is not None:
        raise InputError("use --at or --ago, not both: they both say when you started")
    if ago is not None:
        parse_duration(ago)


def resolve_when(minutes: int | None, at: str | None, ago: str | None, now: datetime) -> When:
    """Work out the start and length of a session from MINUTES, --at and --ago.

    The caller has checked --at and --ago with ``check_when_options`` (log does, before
    asking anything)."""
    if ago is not None:
        since = parse_duration(ago)
        start = now - since
        if minutes is None:
            whole = max(1, round(since.total_seconds() / 60))
            if whole > MAX_MINUTES:
                raise InputError(
                    f"--ago {ago} alone would log {whole} minutes, more than a day; "
                    "give the minutes too, like: log 30 --ago 25h"
                )
            minutes = whole
    elif at is not None:
        start = parse_at(at, now)
    else:
        start = now - timedelta(minutes=minutes or DEFAULT_MINUTES)
    final_minutes = minutes or DEFAULT_MINUTES
    # astimezone(): a start worked out from now takes the offset in force at that time
    # (3 hours before 03:30 on a spring-forward night is 23:30 the day before).
    start = start.astimezone().replace(second=0, microsecond=0)
    check_not_future(start, final_minutes, now)
    return When(start=start, minutes=final_minutes)


def split_activities(values: Iterable[str]) -> tuple[str, ...]:
    """Accept repeated options and lists alike: -a sing -a "talk, feed" -a "read; play".

    ";" separates too, because it joins activities in a CSV export.
    """
    names = (
        normalise_activity(part) for value in values for part in value.replace(";", ",").split(",")
    )
    return tuple(dict.fromkeys(name for name in names if name))


def new_session(
    session_id: str,
    when: When,
    activities: Sequence[str] = (),
    mood: int | None = None,
    note: str | None = None,
    who: str | None = None,
    babies: tuple[str, ...] = (),
) -> Session:
    return Session.model_validate(
        {
            "id": session_id,
            "start": when.start,
            "minutes": when.minutes,
            "activities": tuple(activities),
            "mood": mood,  # checked once, where it was given (log's --mood, play's question)
            "note": note,  # Session cleans note and who (text.without_controls)
            "who": who,
            "babies": babies,
        }
    )


def repeats_existing(session: Session, existing: Iterable[Session]) -> bool:
    """True when the same start, length and caregiver is already logged (a re-run, say)."""
    return any(
        other.id != session.id
        and other.start == session.start
        and other.minutes == session.minutes
        and other.who == session.who
        for other in existing
    )


class DayProgress(NamedTuple):
    day: date
    minutes: int
    target: int
    sessions: int

    @property
    def share(self) -> float:
        return self.minutes / self.target if self.target else 0.0


def day_progress(sessions: Iterable[Session], day: date, settings: TargetSettings) -> DayProgress:
    todays = [session for session in sessions if session.day == day]
    return DayProgress(
        day=day,
        minutes=sum(session.minutes for session in todays),
        target=daily_target(day, settings),
        sessions=len(todays),
    )
