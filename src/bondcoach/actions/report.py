"""report: several weeks read from the store, for the terminal, a page or JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bondcoach.core.models import Session
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
    """The babies in the profile now (1.0's profile knows one)."""
    from bondcoach.core import babies
    from bondcoach.core.report import Baby

    return tuple(
        Baby(one.name, one.birth_date, one.due_date, one.id) for one in babies.family(profile)
    )


def choose_babies(babies: tuple[Baby, ...], name: str | None) -> tuple[Baby, ...]:
    """All babies, or the one called ``name`` (case aside); an unknown name is exit 2."""
    from bondcoach.errors import InputError

    if name is None:
        return babies
    wanted = " ".join(name.split()).casefold()
    chosen = tuple(b for b in babies if b.name is not None and b.name.casefold() == wanted)
    if chosen:
        return chosen
    known = [b.name for b in babies if b.name]
    if not known:
        raise InputError(
            f"no baby called {name.strip()!r}: no baby's name is set yet",
            hint="'bondcoach setup --baby-name NAME' gives one.",
        )
    raise InputError(f"no baby called {name.strip()!r}; known: {', '.join(known)}")


def report(request: ReportRequest) -> Report:
    """The report the request asks for, read from the store. Nothing is written."""
    from dataclasses import replace

    from bondcoach.actions.week import _first_log
    from bondcoach.core.babies import for_baby
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
    if request.baby is not None:
        sessions = for_baby(sessions, babies[0].id)
    first_log = _first_log(store, start)

    def build(whose: tuple[Baby, ...], some: list[Session]) -> Report:
        aims = tuple(profile.target_settings(one.id) for one in whose)
        return build_report(
            some,
            start,
            end,
            request.today,
            aims[0] if len(aims) == 1 else aims,
            whose,
            first_log=first_log,
            notes=request.notes,
            moods=request.moods,
        )

    whole = build(babies, sessions)
    if len(babies) == 1:
        return whole
    # Each baby's own weeks: their sessions against their own aim.
    own = tuple(build((one,), for_baby(sessions, one.id)) for one in babies)
    return replace(whole, per_baby=own)


def save_page(path: Path, data: bytes) -> None:
    """Keep the page where the user asked: private (0600), written whole or not at all,
    and their folder left as it is."""
    from bondcoach.storage.fsio import atomic_write

    atomic_write(path, data, own_folder=False)
