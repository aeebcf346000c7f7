"""Showing the baby's profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bondcoach.views import console, plain, span

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
    from rich.markup import escape
    from rich.table import Table

    facts = profile_json(profile_facts)
    caregiver = profile_facts.caregiver
    hours = facts["awake_hours"]
    rows = [
        ("Baby", escape(facts["baby_name"] or "not set")),
        ("Born", facts["birth_date"] or "not set (aims assume a newborn)"),
        ("Awake hours", f"{hours:g} (set by you)" if hours else "following age"),
        ("Today's aim", f"about {span(facts['target_minutes_today'])}"),
        ("Weeks start", facts["week_start"].capitalize()),
        ("This computer", escape(caregiver or "no caregiver name")),
    ]
    out = console()
    if saved:
        out.print("[green]Saved.[/]")
    folder = escape(facts["data_folder"])
    if plain():
        # 'Baby: Mia' lines: a grid's spacing means nothing read aloud.
        for label, value in rows:
            out.print(f"{label}: {value}")
        out.print(f"Data folder: {folder}", soft_wrap=True)
        return
    table = Table.grid(padding=(0, 2))
    table.add_column(style="dim")
    for label, value in rows:
        table.add_row(label, value)
    out.print(table)
    # Outside the table, never folded or cut (a path with "..." in it cannot be used):
    # the terminal wraps it if it must, and a pipe gets it whole on one line.
    out.print(f"[dim]Data folder[/]    {folder}", soft_wrap=True)


def show_found_profile(profile: Profile) -> None:
    from rich.markup import escape

    name = escape(profile.baby_name) if profile.baby_name else "your baby"
    console().print(
        f"Found the family profile for {name} in the shared data folder. "
        "Only this computer's caregiver is left to set."
    )
