"""Several babies: finding them by name, and whose time a session was. Pure.

Sessions store babies by id (names are only shown, so a rename follows the history); a
session that names none is the first baby's, the one bondcoach 1.0 knew. Without
``--baby`` a session is time with every baby in the profile when it is logged, and that
list is stored with it (a baby added later does not collect older sessions).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING

from bondcoach.core.profile import FIRST_BABY, Baby, Profile
from bondcoach.errors import InputError

if TYPE_CHECKING:  # kept light: 'bondcoach tip' uses this module and never loads pydantic
    from bondcoach.core.coach import DayProgress
    from bondcoach.core.sessions import Session
    from bondcoach.core.targets import TargetSettings
    from bondcoach.core.week import WeekSummary

UNNAMED_BABY = "(no name)"


def family(profile: Profile) -> tuple[Baby, ...]:
    """The babies in the profile now; with none set up yet, the one 1.0 assumed."""
    return profile.babies or (Baby(FIRST_BABY),)


def label(baby: Baby) -> str:
    return baby.name or UNNAMED_BABY


def joined(names: Sequence[str]) -> str:
    """'Mia', 'Mia and Leo', 'Mia, Leo and Sam'."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def find(profile: Profile, name: str) -> Baby | None:
    """The baby in the profile now called ``name``, case and spacing aside."""
    wanted = " ".join(name.split()).casefold()
    for baby in profile.babies:
        if baby.name is not None and baby.name.casefold() == wanted:
            return baby
    return None


def unknown(profile: Profile, name: str) -> InputError:
    """The exit-2 error for a name the profile does not know, listing the known ones."""
    known = [baby.name for baby in profile.babies if baby.name]
    if not known:
        return InputError(
            f"no baby called {name.strip()!r}: no baby's name is set yet",
            hint="'bondcoach setup --baby-name NAME' gives one.",
        )
    return InputError(f"no baby called {name.strip()!r}; known: {', '.join(known)}")


def chosen(profile: Profile, names: Iterable[str]) -> tuple[Baby, ...]:
    """The babies named (each once, in the profile's order), or exit 2 for an unknown name."""
    wanted = []
    for name in names:
        baby = find(profile, name)
        if baby is None:
            raise unknown(profile, name)
        wanted.append(baby.id)
    return tuple(baby for baby in family(profile) if baby.id in wanted)


def stored_ids(profile: Profile, babies: Sequence[Baby]) -> tuple[str, ...]:
    """What a new session stores: the babies' ids, or nothing for the first baby alone
    (1.0's shape, and the same bytes 1.0 wrote)."""
    ids = tuple(baby.id for baby in babies)
    return () if ids == (FIRST_BABY,) else ids


def session_ids(session: Session) -> tuple[str, ...]:
    return session.babies or (FIRST_BABY,)


def is_for(session: Session, baby_id: str) -> bool:
    return baby_id in session_ids(session)


def for_baby(sessions: Iterable[Session], baby_id: str) -> list[Session]:
    return [session for session in sessions if is_for(session, baby_id)]


def names_of(profile: Profile, ids: Iterable[str]) -> list[str]:
    """Names for stored ids: a removed baby keeps its name; an id the profile does not
    know (an import from another family, say) is shown as it is."""
    every = {baby.id: baby for baby in profile.all_babies}
    return [label(every[one]) if one in every else one for one in ids]


def session_names(profile: Profile, session: Session) -> list[str]:
    return names_of(profile, session_ids(session))


def youngest(profile: Profile) -> Baby:
    """The baby born last (one still on the way counts as youngest of all)."""
    babies = family(profile)

    def order(place: int) -> tuple[int, int]:
        when = babies[place].birth_date or babies[place].due_date
        return (when.toordinal() if when else 0, -place)  # twins: the first named

    return babies[max(range(len(babies)), key=order)]


def new_id(profile: Profile, name: str) -> str:
    """A stable id for a new baby, from the name ('Leo' -> 'leo'), unique in the profile.

    From the name, so two computers adding the same baby while apart make one baby."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]", "", ascii_name.lower())[:24] or "baby"
    taken = {baby.id for baby in profile.all_babies} | {FIRST_BABY}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}{number}", number + 1
    return candidate


def check_unique(profile: Profile, name: str, baby_id: str | None = None) -> None:
    """Names are unique, case aside: two babies called 'Leo' could not be told apart."""
    other = find(profile, name)
    if other is not None and other.id != baby_id:
        raise InputError(f"there is already a baby called {other.name}; names must differ")


def aim_for(day: date, profile: Profile, whose: Sequence[Baby]) -> int:
    """The day's aim for time with these babies: the largest of their aims (time with
    all of them together meets every one)."""
    from bondcoach.core.targets import daily_target

    return max((daily_target(day, profile.target_settings(baby.id)) for baby in whose), default=0)


def progress_for(
    sessions: Iterable[Session], day: date, profile: Profile, whose: Sequence[Baby]
) -> DayProgress:
    """How ``day`` is going with these babies: each session with any of them counted once."""
    from bondcoach.core.coach import DayProgress

    ids = {baby.id for baby in whose}
    todays = [s for s in sessions if s.day == day and ids & set(session_ids(s))]
    return DayProgress(
        day, sum(s.minutes for s in todays), aim_for(day, profile, whose), len(todays)
    )


def aims_of(profile: Profile, whose: Sequence[Baby]) -> TargetSettings | tuple[TargetSettings, ...]:
    """One baby's aim settings, or several babies' (their day's aim is the largest)."""
    settings = tuple(profile.target_settings(baby.id) for baby in whose)
    return settings[0] if len(settings) == 1 else settings


def weeks_by_baby(
    sessions: Sequence[Session],
    start: date,
    today: date,
    profile: Profile,
    whose: Sequence[Baby],
    first_log: date | None,
) -> dict[str, WeekSummary]:
    """Each baby's own week (the week starting ``start``): their sessions, their aim."""

    from bondcoach.core.week import counts_from, summarize_week

    found = {}
    for baby in whose:
        settings = profile.target_settings(baby.id)
        summary = summarize_week(for_baby(sessions, baby.id), start, today, settings)
        counted = counts_from(baby.birth_date, first_log, today)
        found[label(baby)] = summary._replace(counts_from=counted)
    return found


def export_names(profile: Profile, session: Session) -> list[str]:
    """A session's babies as export writes them: names, an id the profile does not know
    as it is (so an import's unknown names come back out unchanged), and the first
    baby, while it has no name, as nothing at all (1.0's sessions, and back in the same)."""
    every = {baby.id: baby.name for baby in profile.all_babies}
    found = []
    for one in session_ids(session):
        name = every.get(one)
        if name:
            found.append(name)
        elif one != FIRST_BABY:
            found.append(one)
    return found


def stored_id(profile: Profile, name: str) -> str:
    """What a session stores for an imported name: the id of the baby called that (case
    aside; one in the profile now first), or else the name itself."""
    known = find(profile, name)
    if known is not None:
        return known.id
    wanted = name.casefold()
    for baby in profile.all_babies:
        if baby.name is not None and baby.name.casefold() == wanted:
            return baby.id
    return name
