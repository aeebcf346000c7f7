"""bondcoach log: record time spent together, with one hand if need be."""

from __future__ import annotations

from typing import Annotated

import typer

from bondcoach import messages
from bondcoach.cli.options import (
    ActivityOption,
    AtOption,
    BabyOption,
    PlainFlag,
    json_flag,
    who_option,
)


def log_command(
    minutes: Annotated[
        str | None,
        typer.Argument(
            metavar="[MINUTES]",
            help="Minutes together (1-1440). Leave it out to be asked, step by step.",
            show_default=False,
        ),
    ] = None,
    activity: ActivityOption = None,
    at: AtOption = None,
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
    who: Annotated[str | None, who_option("Who spent the time (for two caregivers).")] = None,
    baby: BabyOption = None,
    as_json: Annotated[bool, json_flag(" Prompts and messages go to stderr.")] = False,
    plain: PlainFlag = False,
) -> None:
    """Log time spent together after play, a feed, a change or a cuddle.

    [bold]bondcoach log 15[/] is enough. Counts on the day you started.
    """
    from bondcoach.actions.saving import family_for
    from bondcoach.cli.saving import ask_babies, ask_optional, ask_reflection, show_saved
    from bondcoach.core import clock
    from bondcoach.core.coach import check_mood, check_when_options, resolve_when, split_activities
    from bondcoach.core.timeparse import parse_minutes

    check_mood(mood)
    check_when_options(at, ago)
    minutes_value = parse_minutes(minutes) if minutes is not None else None
    activities = split_activities(activity or [])
    family = family_for(baby or [])  # an unknown --baby stops here, before any question
    babies = family.chosen if baby else ()
    if minutes_value is None and ago is None:
        minutes_value = _ask_minutes(as_json)
        if family.several and not baby:
            babies = ask_babies(family, as_json)
        if not activities:
            answer = ask_optional(messages.PROMPT_ACTIVITIES, as_json)
            activities = split_activities([answer])
        note, mood = ask_reflection(note, mood, as_json)

    now = clock.now()
    when = resolve_when(minutes_value, at, ago, now)
    show_saved(when, activities, mood, note, who, as_json, now, babies)


def _ask_minutes(to_stderr: bool) -> int:
    from bondcoach.cli.prompts import ask_until
    from bondcoach.core.coach import DEFAULT_MINUTES
    from bondcoach.core.timeparse import parse_minutes

    return ask_until(
        messages.PROMPT_MINUTES,
        str(DEFAULT_MINUTES),
        parse_minutes,
        to_stderr,
        if_no_answer=messages.NO_MINUTES_GIVEN,
    )
