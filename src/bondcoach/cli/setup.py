"""bondcoach setup: the baby's profile (shared by the family) and this computer's caregiver."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from bondcoach.cli.options import PlainFlag, json_flag

if TYPE_CHECKING:
    from bondcoach.core.profile import Baby, Profile


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
    add_baby: Annotated[
        str | None,
        typer.Option(
            "--add-baby",
            metavar="NAME",
            help="Add a baby: a twin, a new brother or sister. The dates and awake hours "
            "given with it are theirs.",
        ),
    ] = None,
    baby: Annotated[
        str | None,
        typer.Option(
            "--baby",
            metavar="NAME",
            help="Which baby the other options change (the first one if left out); "
            "with a new name, renames them.",
        ),
    ] = None,
    remove_baby: Annotated[
        str | None,
        typer.Option(
            "--remove-baby",
            metavar="NAME",
            help="Take a baby out of the profile. Asks first; every session is kept.",
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
        baby_name, birth_date, caregiver, awake_hours, week_start, due_date, add_baby, baby
    )
    if remove_baby is not None:
        if flags.any_given() or show:
            raise InputError("--remove-baby goes alone: remove first, then change the rest")
        removed = setup_action.remove_baby(remove_baby, today, _confirm_removal)
        setup_view.show_removal(removed)
        return
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


def _confirm_removal(name: str, sessions: int) -> bool:
    from bondcoach.cli.prompts import confirm
    from bondcoach.views.setup import removal_question

    return confirm(removal_question(name, sessions), default=False)


def _no_interview(profile: Profile, caregiver: str | None, joining: bool) -> Any:
    raise AssertionError("options were given, so nothing is asked")  # pragma: no cover


def _interview(
    profile: Profile, caregiver: str | None, joining: bool, today: date
) -> tuple[dict[str, Any], str | None]:
    from bondcoach.cli.prompts import ask_until
    from bondcoach.core.profile import FIRST_BABY, Baby
    from bondcoach.core.profile_checks import check_name, check_week_start

    if joining:
        # A computer new to bondcoach, joining a synced folder that has the profile.
        from bondcoach.views import setup as setup_view

        setup_view.show_found_profile(profile)
        return {}, ask_until("Who uses this computer? (your name)", "", check_name)

    def ask(question: str, default: str, check: Callable[[str], Any]) -> Any:
        # A wrong answer is asked again; three keep what is saved, never lose the rest.
        return ask_until(question, default, check, keep_default=True)

    changes: dict[str, Any] = {}
    several = len(profile.babies) > 1
    for baby in profile.babies or (Baby(FIRST_BABY),):
        changes.update(_ask_baby(profile, baby, today, ask, several))
    changes["week_start"] = ask(
        "Weeks start on (monday/sunday)", profile.week_start, check_week_start
    )
    new_caregiver = ask("Your name, as this computer's caregiver", caregiver or "", check_name)
    changes.update(_offer_more_babies(profile.with_changes(**changes), today, ask))
    return changes, new_caregiver


def _ask_baby(
    profile: Profile, baby: Baby, today: date, ask: Callable[..., Any], several: bool
) -> dict[str, Any]:
    """One baby's questions; with several babies, each names the baby it is about."""
    from bondcoach.core.profile_checks import check_awake_hours, check_birth_date, check_name

    whose = f"{baby.name}'s" if several and baby.name else "Your baby's"
    born = baby.birth_date.isoformat() if baby.birth_date else ""
    hours = f"{baby.awake_hours:g}" if baby.awake_hours is not None else "auto"
    prefix = f"{baby.name}: " if several and baby.name else ""
    path = f"babies.{baby.id}"
    return {
        f"{path}.name": ask(f"{whose} name", baby.name or "", check_name),
        f"{path}.birth_date": ask(
            f"{prefix}Birth date (YYYY-MM-DD)", born, lambda text: check_birth_date(text, today)
        ),
        f"{path}.awake_hours": ask(
            f"{prefix}Hours awake a day (1-20, or auto to follow age)", hours, check_awake_hours
        ),
    }


def _offer_more_babies(profile: Profile, today: date, ask: Callable[..., Any]) -> dict[str, Any]:
    """After the questions: another baby (twins, a new sibling)? Enter: no."""
    from bondcoach.cli.prompts import confirm
    from bondcoach.core import babies
    from bondcoach.core.profile_checks import check_birth_date, check_name

    added: dict[str, Any] = {}
    while confirm("Add another baby (a twin, a brother or sister)?", default=False):
        name = ask("The new baby's name", "", check_name)
        if name is None:
            break
        baby_id = babies.new_id(profile.with_changes(**added), name)
        added[f"babies.{baby_id}.name"] = name
        added[f"babies.{baby_id}.birth_date"] = ask(
            f"{name}: Birth date (YYYY-MM-DD)",
            "",
            lambda text: check_birth_date(text, today),
        )
    return added
