"""bondcoach tip: the day's idea, drawn from the therapist's guidance."""

from __future__ import annotations

from typing import Annotated

import typer


def tip_command(
    date: Annotated[
        str | None,
        typer.Option("--date", "-d", metavar="YYYY-MM-DD", help="Show the tip for another day."),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic",
            "-t",
            metavar="TOPIC",
            help="Pick from one topic: expectations, cues, routine, you, support, mood, help.",
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", "-a", help="List every tip (with --topic, that topic's).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Show today's tip: the same tip all day, a new one tomorrow.

    Tips come from an interview with a perinatal therapist, in bondcoach's own words.
    Add your own in tips.yaml in your data folder (see the README).
    """
    from bondcoach import views
    from bondcoach.core import clock
    from bondcoach.errors import InputError
    from bondcoach.guidance.tips import load_guidance, tip_of_the_day
    from bondcoach.messages import NO_TIPS_MATCH
    from bondcoach.storage.profile import load_profile
    from bondcoach.views import tip as tip_view

    guidance = load_guidance()
    for warning in guidance.warnings:
        views.warn(warning)
    if topic is not None:
        topic = topic.strip().lower()
        if topic not in guidance.topics:
            raise InputError(f"no topic {topic!r}; choose one of: {', '.join(guidance.topics)}")
    if date is not None:
        from bondcoach.core.timeparse import parse_date

        day = parse_date(date)
    else:
        day = clock.now().date()
    if show_all:
        chosen = [tip for tip in guidance.tips if topic is None or tip.topic == topic]
        if as_json:
            views.print_json([tip.as_json() for tip in chosen])
        else:
            tip_view.show_tip_list(chosen)
        return
    birth = load_profile().birth_date
    tip = tip_of_the_day(guidance.tips, day, birth, topic)
    if tip is None:
        raise InputError(NO_TIPS_MATCH)
    if as_json:
        views.print_json(tip.as_json())
        return
    heading = f"Tip for {day:%A} {day.day} {day:%B} · {tip.topic}"
    tip_view.show_tip(tip, heading)
