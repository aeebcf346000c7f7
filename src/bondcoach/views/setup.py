"""Showing the baby's profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bondcoach.views import console, plain, shown, span

if TYPE_CHECKING:
    from bondcoach.actions.setup import ProfileFacts
    from bondcoach.core.profile import Profile


def profile_json(facts: ProfileFacts) -> dict[str, Any]:
    from bondcoach.core.corrected_age import guidance_age

    profile = facts.profile
    born, due = profile.birth_date, profile.due_date
    return {
        "baby_name": profile.baby_name,
        "birth_date": born.isoformat() if born else None,
        "due_date": due.isoformat() if due else None,
        "age_days": (facts.today - born).days if born else None,
        "guidance_age_days": guidance_age(born, due, facts.today),
        "awake_hours": profile.awake_hours,
        "week_start": profile.week_start,
        "caregiver": facts.caregiver,
        "target_minutes_today": facts.target_minutes_today,
        "data_folder": str(facts.data_folder),
    }


def show_profile(profile_facts: ProfileFacts, saved: bool = False) -> None:
    from rich.table import Table

    facts = profile_json(profile_facts)
    caregiver = profile_facts.caregiver
    rows = [("Baby", shown(facts["baby_name"] or "not set"))]
    if facts["birth_date"] or not facts["due_date"]:
        rows.append(("Born", facts["birth_date"] or "not set (aims assume a newborn)"))
    if facts["due_date"]:
        rows.append(("Due", facts["due_date"]))
    age = age_row(profile_facts)
    if age:
        rows.append(("Age", age))
    hours = facts["awake_hours"]
    rows.append(("Awake hours", f"{hours:g} (set by you)" if hours else "following age"))
    if profile_facts.profile.expecting:
        rows.append(("Today's aim", "none yet: aims start once your baby is here"))
    else:
        rows.append(("Today's aim", f"about {span(facts['target_minutes_today'])}"))
    rows.append(("Weeks start", facts["week_start"].capitalize()))
    rows.append(("This computer", shown(caregiver or "no caregiver name")))
    out = console()
    if saved:
        out.print("[green]Saved.[/]")
    folder = shown(facts["data_folder"])
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


def age_row(facts: ProfileFacts) -> str | None:
    """The age by birth date, and the corrected age beside it while that one counts."""
    from bondcoach.core.corrected_age import age_words, corrects

    born, due, today = facts.profile.birth_date, facts.profile.due_date, facts.today
    if born is None:
        if due is None:
            return None
        days = (due - today).days
        return "on the way" if days < 0 else f"on the way: due in {age_words(today, due)}"
    if today < born:
        return None
    by_birth = age_words(born, today)
    if due is None or not corrects(born, due, today):
        return by_birth
    if today < due:
        return (
            f"{by_birth} since the birth; aims and tips treat your baby as a newborn "
            "until the due date"
        )
    corrected = age_words(due, today)
    return (
        f"{by_birth} since the birth; {corrected} corrected (from the due date), "
        "which aims and tips follow"
    )


def show_found_profile(profile: Profile) -> None:
    name = shown(profile.baby_name) if profile.baby_name else "your baby"
    console().print(
        f"Found the family profile for {name} in the shared data folder. "
        "Only this computer's caregiver is left to set."
    )
