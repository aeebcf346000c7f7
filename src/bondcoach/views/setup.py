"""Showing the baby's profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bondcoach.views import console, plain, shown, span

if TYPE_CHECKING:
    from bondcoach.actions.setup import ProfileFacts, Removal
    from bondcoach.core.profile import Baby, Profile


def baby_json(facts: ProfileFacts, baby: Baby) -> dict[str, Any]:
    """One baby's facts, with what they mean today (age, aim)."""
    from bondcoach.core.corrected_age import guidance_age
    from bondcoach.core.targets import daily_target

    born, due = baby.birth_date, baby.due_date
    return {
        "id": baby.id,
        "name": baby.name,
        "birth_date": born.isoformat() if born else None,
        "due_date": due.isoformat() if due else None,
        "age_days": (facts.today - born).days if born else None,
        "guidance_age_days": guidance_age(born, due, facts.today),
        "awake_hours": baby.awake_hours,
        "target_minutes_today": daily_target(facts.today, facts.profile.target_settings(baby.id)),
    }


def profile_json(facts: ProfileFacts) -> dict[str, Any]:
    """1.0's keys, for the first baby, then every baby under ``babies``."""
    from bondcoach.core.babies import family

    babies = [baby_json(facts, baby) for baby in family(facts.profile)]
    first = babies[0]
    return {
        "baby_name": first["name"],
        "birth_date": first["birth_date"],
        "due_date": first["due_date"],
        "age_days": first["age_days"],
        "guidance_age_days": first["guidance_age_days"],
        "awake_hours": first["awake_hours"],
        "week_start": facts.profile.week_start,
        "caregiver": facts.caregiver,
        "target_minutes_today": first["target_minutes_today"],
        "data_folder": str(facts.data_folder),
        "babies": babies,
    }


def show_profile(profile_facts: ProfileFacts, saved: bool = False) -> None:
    from rich.table import Table

    from bondcoach.core.babies import family

    facts = profile_json(profile_facts)
    caregiver = profile_facts.caregiver
    rows: list[tuple[str, str]] = []
    for baby in family(profile_facts.profile):
        rows += baby_rows(profile_facts, baby)
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


def baby_rows(facts: ProfileFacts, baby: Baby) -> list[tuple[str, str]]:
    its = baby_json(facts, baby)
    rows = [("Baby", shown(baby.name or "not set"))]
    if its["birth_date"] or not its["due_date"]:
        rows.append(("Born", its["birth_date"] or "not set (aims assume a newborn)"))
    if its["due_date"]:
        rows.append(("Due", its["due_date"]))
    age = age_row(facts, baby)
    if age:
        rows.append(("Age", age))
    hours = its["awake_hours"]
    rows.append(("Awake hours", f"{hours:g} (set by you)" if hours else "following age"))
    if baby.birth_date is None and baby.due_date is not None:
        rows.append(("Today's aim", "none yet: aims start once your baby is here"))
    else:
        rows.append(("Today's aim", f"about {span(its['target_minutes_today'])}"))
    return rows


def age_row(facts: ProfileFacts, baby: Baby) -> str | None:
    """The age by birth date, and the corrected age beside it while that one counts."""
    from bondcoach.core.corrected_age import age_words, corrects

    born, due, today = baby.birth_date, baby.due_date, facts.today
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
    from bondcoach.core.babies import joined

    named = [baby.name for baby in profile.babies if baby.name]
    name = shown(joined(named)) if named else "your baby"
    console().print(
        f"Found the family profile for {name} in the shared data folder. "
        "Only this computer's caregiver is left to set."
    )


def removal_question(name: str, sessions: int) -> str:
    from bondcoach.formatting import plural

    kept = f"Their {plural(sessions, 'session')} stay" if sessions else "Nothing logged is lost"
    return f"Take {name} out of the profile? {kept}, in history and export."


def show_removal(removal: Removal | None) -> None:

    out = console()
    if removal is None:
        out.print("Kept as it was; nothing changed.")
        return
    out.print(
        f"[green]Done.[/] {shown(removal.name)} is no longer in the profile; every session is kept."
    )
