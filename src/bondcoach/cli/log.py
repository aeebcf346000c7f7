"""bondcoach log: record time spent together, with one hand if need be."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from bondcoach import messages
from bondcoach.cli.options import ACTIVITY_HELP, AT_HELP, JSON_HELP

if TYPE_CHECKING:
    from bondcoach.coach import When

DEFAULT_MINUTES = 15


def log_command(
    minutes: Annotated[
        str | None,
        typer.Argument(
            metavar="[MINUTES]",
            help="Minutes together (1-1440). Leave it out to be asked, step by step.",
            show_default=False,
        ),
    ] = None,
    activity: Annotated[
        list[str] | None,
        typer.Option(
            "--activity",
            "-a",
            metavar="NAME",
            help=ACTIVITY_HELP,
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar='"YYYY-MM-DD HH:MM"',
            help=AT_HELP,
        ),
    ] = None,
    ago: Annotated[
        str | None,
        typer.Option(
            "--ago",
            metavar="DURATION",
            help="When you started, as a time ago: 20m, 1h, 1h30m. Without MINUTES, "
            "logs the whole time since then.",
        ),
    ] = None,
    mood: Annotated[
        int | None,
        typer.Option(
            "--mood", min=None, metavar="1-5", help="How you feel: 1 very low ... 5 very good."
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option("--note", "-n", metavar="TEXT", help="Something you noticed."),
    ] = None,
    who: Annotated[
        str | None,
        typer.Option("--who", "-w", metavar="NAME", help="Who spent the time (for two carers)."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help=JSON_HELP + " Prompts and messages go to stderr.")
    ] = False,
) -> None:
    """Log time spent together after play, a feed, a change or a cuddle.

    [bold]bondcoach log 15[/] is enough. Counts on the day you started.
    """
    from bondcoach import clock
    from bondcoach.coach import check_mood, resolve_when, split_activities
    from bondcoach.errors import InputError
    from bondcoach.timeparse import parse_duration, parse_minutes

    check_mood(mood)
    if at is not None and ago is not None:
        raise InputError("use --at or --ago, not both: they both say when you started")
    if ago is not None:
        parse_duration(ago)
    minutes_value = parse_minutes(minutes) if minutes is not None else None
    activities = split_activities(activity or [])
    if minutes_value is None and ago is None:
        minutes_value = _ask_minutes(as_json)
        if not activities:
            activities = split_activities([_ask(messages.PROMPT_ACTIVITIES, as_json)])
        note, mood = ask_reflection(note, mood, as_json)

    now = clock.now()
    when = resolve_when(minutes_value, at, ago, now)
    save_and_show(when, activities, mood, note, who, as_json, now)


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
    from bondcoach import journal, views
    from bondcoach.coach import day_progress, new_session, repeats_existing
    from bondcoach.device import load_device
    from bondcoach.profile import load_profile
    from bondcoach.store import new_session_id, open_store
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
    journal.remember("log", (), (session,))
    if session.day == today:
        todays = [*todays, session]
    progress = day_progress(todays, today, profile.target_settings())
    if repeated:
        views.warn(messages.REPEAT_WARNING)
    if as_json:
        views.print_json(log_view.logged_json(session, progress, repeated))
    else:
        log_view.show_logged(session, progress, profile.baby_name)


def ask_reflection(
    note: str | None, mood: int | None, to_stderr: bool
) -> tuple[str | None, int | None]:
    """The short, optional reflection after time together: a note, then a mood."""
    if note is None:
        note = _ask(messages.PROMPT_NOTE, to_stderr) or None
    if mood is None:
        mood = _ask_mood(to_stderr)
    return note, mood


def _ask(question: str, to_stderr: bool) -> str:
    """One optional question: Enter, or the end of input, skips it."""
    from bondcoach.cli.prompts import ask

    return ask(question, "", to_stderr) or ""


def _ask_minutes(to_stderr: bool) -> int:
    from bondcoach.cli.prompts import ask_until
    from bondcoach.timeparse import parse_minutes

    return ask_until(
        messages.PROMPT_MINUTES,
        str(DEFAULT_MINUTES),
        parse_minutes,
        to_stderr,
        if_no_answer=messages.NO_MINUTES_GIVEN,
    )


def _ask_mood(to_stderr: bool) -> int | None:
    """Optional: anything but a mood from 1 to 5 counts as skipping the question."""
    answer = _ask(messages.PROMPT_MOOD, to_stderr)
    return int(answer) if answer in ("1", "2", "3", "4", "5") else None
