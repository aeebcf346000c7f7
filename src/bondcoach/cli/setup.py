"""bondcoach setup: the baby's profile (shared by the family) and this computer's caregiver."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bondcoach.cli.options import PlainFlag, json_flag

if TYPE_CHECKING:
    from bondcoach.core.profile import Profile


def setup_command(
    baby_name: Annotated[
        str | None, typer.Option("--baby-name", metavar="NAME", help="Your baby's name.")
    ] = None,
    birth_date: Annotated[
        str | None,
        typer.Option(
            "--birth-date",
            metavar="DATE",
            help="A date like 2026-09-14: aims and tips then fit their age.",
        ),
    ] = None,
    due_date: Annotated[
        str | None,
        typer.Option(
            "--due-date",
            metavar="DATE",
            help="The due date, like 2026-09-14: for a baby born early (age counted from it) "
            "or still on the way.",
        ),
    ] = None,
    caregiver: Annotated[
        str | None,
        typer.Option(
            "--caregiver", metavar="NAME", help="Who uses this computer (the default for --who)."
        ),
    ] = None,
    awake_hours: Annotated[
        str | None,
        typer.Option(
            "--awake-hours",
            metavar="H|auto",
            help="Hours your baby is awake a day (1-20), or 'auto' to follow the baby's age.",
        ),
    ] = None,
    week_start: Annotated[
        str | None,
        typer.Option(
            "--week-start", metavar="DAY", help="The first day of a week: monday or sunday."
        ),
    ] = None,
    show: Annotated[
        bool, typer.Option("--show", help="Print the profile and change nothing.")
    ] = False,
    as_json: Annotated[bool, json_flag(" With --show.")] = False,
    plain: PlainFlag = False,
) -> None:
    """Tell bondcoach about your baby, so aims and tips fit their age.

    With no options it asks, offering what is saved now: Enter keeps it. With options it
    changes just those, without asking. The profile is shared with every computer that
    uses the same data folder; the caregiver name belongs to this computer only.
    """
    from bondcoach import views
    from bondcoach.actions import setup as setup_action
    from bondcoach.core import clock
    from bondcoach.errors import InputError
    from bondcoach.views import setup as setup_view

    if as_json and not show:
        raise InputError("--json goes with --show")
    today = clock.now().date()
    flags = setup_action.SetupFlags(
        baby_name, birth_date, caregiver, awake_hours, week_start, due_date
    )
    if show:
        # With options too (setup --week-start sunday --show): apply them, then show.
        if flags.any_given():
            setup_action.setup(flags, today, _no_interview)
        facts = setup_action.show(today)
        if as_json:
            views.print_json(setup_view.profile_json(facts))
        else:
            setup_view.show_profile(facts, saved=flags.any_given())
        return
    facts = setup_action.setup(
        flags,
        today,
        lambda profile, caregiver, joining: _interview(profile, caregiver, joining, today),
    )
    for warning in facts.warnings:
        views.warn(warning)
    setup_view.show_profile(facts, saved=True)


def _no_interview(profile: Profile, caregiver: str | None, joining: bool) -> Any:
    raise AssertionError("options were given, so nothing is asked")  # pragma: no cover


def _interview(
    profile: Profile, caregiver: str | None, joining: bool, today: date
) -> tuple[dict[str, Any], str | None]:
    from bondcoach.cli.prompts import ask_until
    from bondcoach.core.profile_checks import (
        check_awake_hours,
        check_birth_date,
        check_name,
        check_week_start,
    )

    if joining:
        # A computer new to bondcoach, joining a synced folder that has the profile.
        from bondcoach.views import setup as setup_view

        setup_view.show_found_profile(profile)
        return {}, ask_until("Who uses this computer? (your name)", "", check_name)
    born = profile.birth_date.isoformat() if profile.birth_date else ""
    hours = f"{profile.awake_hours:g}" if profile.awake_hours is not None else "auto"

    def ask(question: str, default: str, check: Callable[[str], Any]) -> Any:
        # A wrong answer is asked again; three keep what is saved, never lose the rest.
        return ask_until(question, default, check, keep_default=True)

    changes = {
        "baby_name": ask("Your baby's name", profile.baby_name or "", check_name),
        "birth_date": ask(
            "Birth date (YYYY-MM-DD)", born, lambda text: check_birth_date(text, today)
        ),
        "awake_hours": ask(
            "Hours awake a day (1-20, or auto to follow age)", hours, check_awake_hours
        ),
        "week_start": ask("Weeks start on (monday/sunday)", profile.week_start, check_week_start),
    }
    return changes, ask("Your name, as this computer's caregiver", caregiver or "", check_name)
