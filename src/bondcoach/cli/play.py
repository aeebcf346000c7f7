"""bondcoach play: a gentle timer for focused time together, logged at the end."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from bondcoach import messages
from bondcoach.cli.options import ActivityOption, BabyOption, PlainFlag, who_option

if TYPE_CHECKING:
    from bondcoach.actions.saving import Logged
    from bondcoach.core.coach import When

# The timer's clock and sleep, replaced by tests to run a 15-minute timer instantly.
TIMER_CLOCK = time.monotonic
TIMER_SLEEP = time.sleep


def play_command(
    minutes: Annotated[
        str,
        typer.Argument(
            metavar="[MINUTES]",
            help="How long, from 1 to 1440 minutes (15 if you leave it out).",
            show_default=False,
        ),
    ] = "15",
    activity: ActivityOption = None,
    who: Annotated[str | None, who_option("Who is spending the time.")] = None,
    baby: BabyOption = None,
    bell: Annotated[
        bool, typer.Option("--bell", help="Ring the terminal's bell, once, when the time is up.")
    ] = False,
    plain: PlainFlag = False,
) -> None:
    """Start a gentle timer for time together; the session is saved when it ends.

    A new idea appears every few minutes. Ctrl-C stops early and asks whether to keep
    the minutes so far; a second Ctrl-C leaves without saving anything.

    At the end it asks what you noticed and how you feel; that adds to the saved
    session, and one 'bondcoach undo' takes back both.
    """
    from bondcoach import views
    from bondcoach.actions.saving import add_reflection, family_for, ready_to_play
    from bondcoach.cli.saving import ask_babies, ask_reflection
    from bondcoach.core import clock
    from bondcoach.core.coach import When, split_activities
    from bondcoach.core.timeparse import parse_minutes
    from bondcoach.core.timer import PlayTimer, whole_minutes
    from bondcoach.errors import BondcoachError, DataError, Interrupted
    from bondcoach.formatting import duration
    from bondcoach.views import play as play_view

    planned = parse_minutes(minutes)
    activities = split_activities(activity or [])
    family = family_for(baby or [])  # an unknown --baby stops here, before the timer
    # With several babies and no --baby, asked before the timer: Enter is all of them.
    babies = family.chosen if baby else ask_babies(family, False) if family.several else ()
    started = clock.now()
    ideas = ready_to_play(activities, started)
    timer = PlayTimer(planned * 60, clock=TIMER_CLOCK, sleep=TIMER_SLEEP)
    try:
        play_view.run_timer(timer, ideas)
        spent = planned
        if bell:
            play_view.ring()
    except KeyboardInterrupt:
        spent = whole_minutes(timer.elapsed())
        if spent < 1:
            views.warn(messages.PLAY_UNDER_A_MINUTE)
            return
        if not _keep(spent):
            views.warn(messages.PLAY_NOT_KEPT)
            return
    when = When(start=started.replace(second=0, microsecond=0), minutes=spent)
    # Saved the moment the time is up: nothing said or not said afterwards can lose it.
    logged = _save(when, activities, who, clock.now(), babies)
    play_view.show_time_up(spent)
    try:
        note, mood = ask_reflection(None, None, to_stderr=False)
    except KeyboardInterrupt:
        said = messages.play_reflection_stopped(duration(spent), when.start)
        raise Interrupted(said) from None
    try:
        logged = add_reflection(logged, note, mood, clock.now())
    except BondcoachError as error:
        raise DataError(error.message, hint=messages.PLAY_SAVED_WITHOUT_REFLECTION) from error
    for warning in logged.warnings:
        views.warn(warning)
    play_view.show_played(logged)


def _save(
    when: When, activities: Sequence[str], who: str | None, now: datetime, babies: Sequence[str]
) -> Logged:
    from bondcoach import views
    from bondcoach.actions.saving import save_session
    from bondcoach.errors import BondcoachError, DataError

    try:
        logged = save_session(when, activities, None, None, who, now, babies)
    except BondcoachError as error:
        hint = messages.play_not_saved(when.start, when.minutes)
        raise DataError(error.message, hint=hint) from error
    for warning in logged.warnings:
        views.warn(warning)
    return logged


def _keep(spent: int) -> bool:
    """Ask whether to keep the minutes so far. A second Ctrl-C leaves, saving nothing."""
    from bondcoach.cli.prompts import confirm
    from bondcoach.errors import Interrupted

    try:
        # Yes by default, at the end of input too: the time together was real.
        return confirm(messages.play_keep_question(spent), default=True)
    except KeyboardInterrupt:
        raise Interrupted(messages.play_stopped_unsaved(spent)) from None
