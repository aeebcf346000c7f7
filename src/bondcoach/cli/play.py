"""bondcoach play: a gentle timer for focused time together, logged at the end."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from bondcoach import messages
from bondcoach.cli.options import ActivityOption, who_option

# The timer's clock and sleep, replaced by tests to run a 15-minute timer instantly.
TIMER_CLOCK = time.monotonic
TIMER_SLEEP = time.sleep


def play_command(
    minutes: Annotated[
        str,
        typer.Argument(metavar="[MINUTES]", help="How long, 1-1440 (default 15)."),
    ] = "15",
    activity: ActivityOption = None,
    who: Annotated[str | None, who_option("Who is spending the time.")] = None,
) -> None:
    """Start a gentle timer for time together; it logs the session when it ends.

    A new idea appears every few minutes. Ctrl-C stops early and asks whether to keep
    the minutes so far; a second Ctrl-C leaves without saving anything.
    """
    from bondcoach import views
    from bondcoach.actions.saving import ready_to_play
    from bondcoach.cli.saving import ask_reflection, show_saved
    from bondcoach.core import clock
    from bondcoach.core.coach import When, split_activities
    from bondcoach.core.timeparse import parse_minutes
    from bondcoach.core.timer import PlayTimer, whole_minutes
    from bondcoach.errors import BondcoachError, DataError
    from bondcoach.views import play as play_view

    planned = parse_minutes(minutes)
    activities = split_activities(activity or [])
    started = clock.now()
    ideas = ready_to_play(activities, started)
    timer = PlayTimer(planned * 60, clock=TIMER_CLOCK, sleep=TIMER_SLEEP)
    try:
        play_view.run_live(timer, ideas)
        spent = planned
    except KeyboardInterrupt:
        spent = whole_minutes(timer.elapsed())
        if spent < 1:
            views.warn(messages.PLAY_UNDER_A_MINUTE)
            return
        if not _keep(spent):
            views.warn(messages.PLAY_NOT_KEPT)
            return
    play_view.show_finished(spent)
    note, mood = ask_reflection(None, None, to_stderr=False)
    when = When(start=started.replace(second=0, microsecond=0), minutes=spent)
    try:
        show_saved(when, activities, mood, note, who, False, clock.now())
    except BondcoachError as error:
        raise DataError(error.message, hint=messages.play_not_saved(when.start, spent)) from error


def _keep(spent: int) -> bool:
    """Ask whether to keep the minutes so far. A second Ctrl-C escapes from here."""
    from bondcoach.cli.prompts import confirm

    # Yes by default, at the end of input too: the time together was real.
    return confirm(messages.play_keep_question(spent), default=True)
