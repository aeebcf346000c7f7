"""Showing a saved session and how today is going."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bondcoach import messages
from bondcoach.core.mood import LOWEST, is_low
from bondcoach.formatting import day_and_time
from bondcoach.views import console, span, today_row

if TYPE_CHECKING:
    from collections.abc import Sequence

    from bondcoach.actions.saving import Logged
    from bondcoach.core.models import Session


def session_json(session: Session, babies: Sequence[str]) -> dict[str, Any]:
    """``babies``: the names of whose time it was (the stored ids stay inside)."""
    # The same ISO 8601 form as export ("+00:00", never pydantic's "Z"): one format for
    # scripts, and one that Python 3.10's fromisoformat reads.
    return {**session.as_dict(), "babies": list(babies), "day": session.day.isoformat()}


def show_logged(logged: Logged, stderr: bool = False) -> None:
    from rich.markup import escape

    session, today = logged.session, logged.today
    out = console(stderr=stderr)
    who = f", {escape(session.who)}" if session.who else ""
    what = f" ({escape(', '.join(session.activities))})" if session.activities else ""
    out.print(
        f"[green]Saved[/]: {day_and_time(session.start)}, {span(session.minutes)}{what}{who}"
        f"{escape(_whose(logged))}."
    )
    out.print(today_row(today.minutes, today.target, logged.baby_name))
    if session.mood == LOWEST:  # "very low": no "if it keeps happening", just help today
        out.print(messages.VERY_LOW_MOOD_AFTER_LOG)
    elif is_low(session.mood):
        out.print(messages.LOW_MOOD_AFTER_LOG)
    else:
        out.print(messages.warm_word(today.minutes, today.target))
    out.print(f"[dim]{messages.NEXT_AFTER_LOG}[/]")


def _whose(logged: Logged) -> str:
    """', for Mia and Leo; --baby to choose' when the time went to every baby by default;
    nothing with one baby (as 1.0 said it)."""
    from bondcoach.core.babies import joined

    if not logged.several:
        return ""
    if logged.chosen:
        return f", for {joined(logged.babies)}"
    return f", for {joined(logged.babies)}; --baby to choose"


def logged_json(logged: Logged) -> dict[str, Any]:
    session, today, repeated = logged.session, logged.today, logged.repeated
    return {
        "session": session_json(session, logged.babies),
        "today": {
            "date": today.day.isoformat(),
            "minutes": today.minutes,
            "target_minutes": today.target,
            "sessions": today.sessions,
        },
        "repeat_of_existing": repeated,
    }
