"""Showing the baby's profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bondcoach.views import console, shown

if TYPE_CHECKING:
    from bondcoach.actions.setup import ProfileFacts
    from bondcoach.core.profile import Profile


def profile_json(facts: ProfileFacts) -> dict[str, Any]:
    profile = facts.profile
    return {
        "baby_name": profile.baby_name,
        "birth_date": profile.birth_date.isoformat() if profile.birth_date else None,
        "awake_hours": profile.awake_hours,
        "week_start": profile.week_start,
        "caregiver": facts.caregiver,
        "target_minutes_today": facts.target_minutes_today,
        "data_folder": str(facts.data_folder),
    }


def show_profile(profile_facts: ProfileFacts, saved: bool = False) -> None:
    from rich.table import Table

    from bondcoach.formatting import duration

    facts = profile_json(profile_facts)
    caregiver = profile_facts.caregiver
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim")
    table.add_row("Baby", shown(facts["baby_name"] or "not set"))
    table.add_row("Born", facts["birth_date"] or "not set (aims assume a newborn)")
    hours = facts["awake_hours"]
    table.add_row("Awake hours", f"{hours:g} (set by you)" if hours else "following age")
    table.add_row("Today's aim", f"about {duration(facts['target_minutes_today'])}")
    table.add_row("Weeks start", facts["week_start"].capitalize())
    table.add_row("This computer", shown(caregiver or "no caregiver name"))
    table.add_row("Data folder", shown(facts["data_folder"]))
    out = console()
    if saved:
        out.print("[green]Saved.[/]")
    out.print(table)


def show_found_profile(profile: Profile) -> None:
    name = shown(profile.baby_name) if profile.baby_name else "your baby"
    console().print(
        f"Found the family profile for {name} in the shared data folder. "
        "Only this computer's caregiver is left to set."
    )
