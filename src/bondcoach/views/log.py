"""Showing a saved session and how today is going."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bondcoach import messages
from bondcoach.core.mood import LOWEST, is_low
from bondcoach.formatting import day_and_time
from bondcoach.views import console, span, today_row

if TYPE_CHECKING:
    from bondcoach.core.coach import DayProgress
    from bondcoach.core.models import Session


def session_json(session: Session) -> dict[str, Any]:
    # The same ISO 8601 form as export ("+00:00", never pydantic's "Z"): one format for
    # scripts, and one that Python 3.10's fromisoformat reads.
    return {**session.as_dict(), "day": session.day.isoformat()}


def show_logged(
    session: Session, today: DayProgress, baby_name: str | None, stderr: bool = False
) -> None:
    from rich.markup import escape

    out = console(stderr=stderr)
    who = f", {escape(session.who)}" if session.who else ""
    what = f" ({escape(', '.join(session.activities))})" if session.activities else ""
    out.print(
        f"[green]Saved[/]: {day_and_time(session.start)}, {span(session.minutes)}{what}{who}."
    )
    out.print(today_row(today.minutes, today.target, baby_name))
    if session.mood == LOWEST:  # "very low": no "if it keeps happening", just help today
        out.print(messages.VERY_LOW_MOOD_AFTER_LOG)
    elif is_low(session.mood):
        out.print(messages.LOW_MOOD_AFTER_LOG)
    else:
        out.print(messages.warm_word(today.minutes, today.target))
    out.print(f"[dim]{messages.NEXT_AFTER_LOG}[/]")


def logged_json(session: Session, today: DayProgress, repeated: bool) -> dict[str, Any]:
    return {
        "session": session_json(session),
        "today": {
            "date": today.day.isoformat(),
            "minutes": today.minutes,
            "target_minutes": today.target,
            "sessions": today.sessions,
        },
        "repeat_of_existing": repeated,
    }
