"""bondcoach tip: the day's idea, drawn from the therapist's guidance."""

from __future__ import annotations

from typing import Annotated

import typer

from bondcoach.cli.options import JsonFlag, PlainFlag
from bondcoach.core.topics import TOPICS


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
            help=f"Pick from one topic: {', '.join(TOPICS)}.",
        ),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", "-a", help="List every tip (with --topic, that topic's).")
    ] = False,
    baby: Annotated[
        str | None,
        typer.Option("--baby", metavar="NAME", help="The tip for this baby (with several)."),
    ] = None,
    as_json: JsonFlag = False,
    plain: PlainFlag = False,
) -> None:
    """Show today's tip: the same tip all day, a new one tomorrow.

    Tips fit your baby's age (corrected, for a baby born early) and come from public
    health guidance and an interview with a perinatal therapist, in bondcoach's own
    words; each says why it helps and where it comes from. Add your own in tips.yaml in
    your data folder (see the README).
    """
    from bondcoach import views
    from bondcoach.actions.tip import tips
    from bondcoach.core import clock
    from bondcoach.views import tip as tip_view

    found = tips(date, topic, show_all, clock.now().date(), warn=views.warn, baby=baby)
    if show_all:
        if as_json:
            views.print_json([tip.as_json() for tip in found.tips])
        else:
            tip_view.show_tip_list(found.tips, found.note)
        return
    tip, day = found.tips[0], found.day
    if as_json:
        views.print_json(tip.as_json())
        return
    if found.for_babies:  # several babies: each one's tip, saying for whom
        from bondcoach.core.babies import joined

        for place, (shown, names) in enumerate(found.for_babies, start=1):
            heading = f"Tip for {joined(names)}, {day:%A} {day.day} {day:%B}{_topic(shown.topic)}"
            last = place == len(found.for_babies)
            tip_view.show_tip(shown, heading, found.note if shown is tip else None, last)
        return
    heading = f"Tip for {day:%A} {day.day} {day:%B}{_topic(tip.topic)}"
    tip_view.show_tip(tip, heading, found.note)


def _topic(topic: str) -> str:
    """After the day in the heading: a middle dot to the eye, words for a screen reader."""
    from bondcoach import views

    return f" ({topic})" if views.plain() else f" · {topic}"
