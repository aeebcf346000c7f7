"""report: several weeks read from the store, for the terminal, a page or JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bondcoach.core.profile import Profile
    from bondcoach.core.report import Baby, Report


@dataclass(frozen=True)
class ReportRequest:
    today: date
    weeks: int | None = None
    first: date | None = None
    last: date | None = None
    baby: str | None = None
    notes: bool = True
    moods: bool = False


def babies_of(profile: Profile) -> tuple[Baby, ...]:
    """The babies the profile knows. 1.0's profile knows one (due dates come with the
    several-babies work; until then the age shown is the age from birth)."""
    from bondcoach.core.report import Baby

    due = getattr(profile, "due_date", None)
    return (Baby(profile.baby_name, profile.birth_date, due if isinstance(due, date) else None),)


def choose_babies(babies: tuple[Baby, ...], name: str | None) -> tuple[Baby, ...]:
    """All babies, or the one called ``name`` (case aside); an unknown name is exit 2."""
    from bondcoach.errors import InputError

    if name is None:
        return babies
    wanted = name.strip().casefold()
    chosen = tuple(b for b in babies if b.name is not None and b.name.casefold() == wanted)
    if chosen:
        return chosen
    known = [b.name for b in babies if b.name]
    if not known:
        raise InputError(
            f"no baby called {name!r}: no baby's name is set yet",
            hint="'bondcoach setup --baby-name NAME' gives one.",
        )
    raise InputError(f"no baby called {name!r}; known: {', '.join(known)}")


def report(request: ReportRequest) -> Report:
    """The report the request asks for, read from the store. Nothing is written."""
    from bondcoach.actions.week import _first_log
    from bondcoach.core.report import build_report, report_range
    from bondcoach.storage.profile import load_profile
    from bondcoach.storage.session_store import open_store

    profile = load_profile()
    babies = choose_babies(babies_of(profile), request.baby)
    start, end = report_range(
        request.today, profile.week_start, request.weeks, request.first, request.last
    )
    store = open_store()
    sessions = store.sessions_between(start, end)
    return build_report(
        sessions,
        start,
        end,
        request.today,
        profile.target_settings(),
        babies,
        first_log=_first_log(store, start),
        notes=request.notes,
        moods=request.moods,
    )


def save_page(path: Path, data: bytes) -> None:
    """Keep the page where the user asked: private (0600), written whole or not at all,
    and their folder left as it is."""
    from bondcoach.storage.fsio import atomic_write

    atomic_write(path, data, own_folder=False)
