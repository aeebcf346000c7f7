"""bondcoach setup: the baby's profile (shared by the family) and this computer's caregiver."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from bondcoach.cli.options import JSON_HELP

if TYPE_CHECKING:
    from bondcoach.storage.profile import Profile

T = TypeVar("T")


def setup_command(
    baby_name: Annotated[
        str | None, typer.Option("--baby-name", metavar="NAME", help="Your baby's name.")
    ] = None,
    birth_date: Annotated[
        str | None,
        typer.Option("--birth-date", metavar="YYYY-MM-DD", help="For age-aware aims and tips."),
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
        typer.Option("--week-start", metavar="monday|sunday", help="The first day of a week."),
    ] = None,
    show: Annotated[
        bool, typer.Option("--show", help="Print the profile and change nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP + " With --show.")] = False,
) -> None:
    """Tell bondcoach about your baby, so aims and tips fit their age.

    With no options it asks, offering what is saved now: Enter keeps it. With options it
    changes just those, without asking. The profile is shared with every computer that
    uses the same data folder; the caregiver name belongs to this computer only.
    """
    from bondcoach import views
    from bondcoach.core import clock
    from bondcoach.core.profile_checks import (
        check_awake_hours,
        check_birth_date,
        check_name,
        check_week_start,
    )
    from bondcoach.errors import InputError
    from bondcoach.storage import device
    from bondcoach.storage.profile import load_profile, profile_exists, save_profile
    from bondcoach.views import setup as setup_view

    if as_json and not show:
        raise InputError("--json goes with --show")
    profile = load_profile()
    # create=False: a refused setup must not leave even a device id behind.
    this_device = device.load_device(create=False)
    if show:
        if as_json:
            views.print_json(setup_view.profile_json(profile, this_device.caregiver))
        else:
            setup_view.show_profile(profile, this_device.caregiver)
        return
    today = clock.now().date()
    flags = (baby_name, birth_date, caregiver, awake_hours, week_start)
    changes: dict[str, Any] = {}
    if any(flag is not None for flag in flags):
        if baby_name is not None:
            changes["baby_name"] = check_name(baby_name)
        if birth_date is not None:
            changes["birth_date"] = check_birth_date(birth_date, today)
        if awake_hours is not None:
            changes["awake_hours"] = check_awake_hours(awake_hours)
        if week_start is not None:
            changes["week_start"] = check_week_start(week_start)
        new_caregiver = check_name(caregiver) if caregiver is not None else this_device.caregiver
    elif profile_exists() and not device.device_exists():
        # A computer new to bondcoach, joining a synced folder that has the profile.
        setup_view.show_found_profile(profile)
        from bondcoach.cli.prompts import ask_until

        new_caregiver = ask_until("Who uses this computer? (your name)", "", check_name)
    else:
        changes, new_caregiver = _interview(profile, this_device.caregiver, today)
    if changes:
        save_profile(profile.with_changes(**changes))
    if new_caregiver != this_device.caregiver or not device.device_exists():
        device.save_caregiver(new_caregiver)  # from now on this computer is known
    setup_view.show_profile(load_profile(), new_caregiver, saved=True)


def _interview(
    profile: Profile, caregiver: str | None, today: Any
) -> tuple[dict[str, Any], str | None]:
    from bondcoach.cli.prompts import ask_until
    from bondcoach.core.profile_checks import (
        check_awake_hours,
        check_birth_date,
        check_name,
        check_week_start,
    )

    born = profile.birth_date.isoformat() if profile.birth_date else ""
    hours = f"{profile.awake_hours:g}" if profile.awake_hours is not None else "auto"
    changes = {
        "baby_name": ask_until("Your baby's name", profile.baby_name or "", check_name),
        "birth_date": ask_until(
            "Birth date (YYYY-MM-DD)", born, lambda text: check_birth_date(text, today)
        ),
        "awake_hours": ask_until(
            "Hours awake a day (1-20, or auto to follow age)", hours, check_awake_hours
        ),
        "week_start": ask_until(
            "Weeks start on (monday/sunday)", profile.week_start, check_week_start
        ),
    }
    return changes, ask_until(
        "Your name, as this computer's caregiver", caregiver or "", check_name
    )
