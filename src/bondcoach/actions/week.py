"""week: the week's review, and saving what the screen showed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from bondcoach.core.week import MoodMark, WeekReview, WeekSummary
    from bondcoach.storage.session_reader import SessionReader


class Week(NamedTuple):
    review: WeekReview
    baby_name: str | None
    moods: dict[str, tuple[MoodMark, ...]] | None = None  # only when asked for
    expecting: bool = False  # a due date, no birth date yet: no aims to show
    # Each baby's own week, by name (one entry with one baby); the review above counts
    # each session once, against the largest of the babies' aims.
    by_baby: Mapping[str, WeekSummary] = MappingProxyType({})  # read only, shared


def week(day: date | None, today: date, moods: bool = False, baby: str | None = None) -> Week:
    """The week that holds ``day`` (default today), read from the store; with
    ``moods``, each caregiver's moods that week too (for a saved picture); with
    ``baby``, that baby's week alone (an unknown name is exit 2)."""
    from bondcoach.core import babies
    from bondcoach.core.week import dates_to_read, moods_by_caregiver, review_week, week_bounds
    from bondcoach.storage.profile import load_profile
    from bondcoach.storage.session_store import open_store

    day = day if day is not None else today
    profile = load_profile()
    whose = babies.chosen(profile, [baby]) if baby is not None else babies.family(profile)
    store = open_store()
    first_read, last_read = dates_to_read(day, today, profile.week_start)
    sessions = store.sessions_between(first_read, last_read)
    if baby is not None:
        sessions = babies.for_baby(sessions, whose[0].id)
    first = _first_log(store, first_read)
    aims = babies.aims_of(profile, whose)
    review = review_week(sessions, day, today, profile.week_start, aims, first)
    start, end = week_bounds(day, profile.week_start)
    by_baby = babies.weeks_by_baby(sessions, start, today, profile, whose, first)
    named = [one.name for one in whose if one.name]
    shown = babies.joined(named) if named else None
    expecting = all(one.birth_date is None and one.due_date is not None for one in whose)
    if not moods:
        return Week(review, shown, expecting=expecting, by_baby=by_baby)
    in_week = [session for session in sessions if start <= session.day <= end]
    return Week(review, shown, moods_by_caregiver(in_week), expecting, by_baby)


def _first_log(store: SessionReader, first_read: date) -> date | None:
    """The day of the first session ever, as far as the week needs to know it.

    A month before the first one read for the week only says "long ago", so it is not
    opened (and a damaged old file cannot block this week)."""
    from bondcoach.errors import DataError

    months = store.months()
    if not months:
        return None
    earliest = date.fromisoformat(f"{months[0]}-01")
    if earliest < first_read.replace(day=1):
        return earliest
    try:
        days = [session.day for session in store.sessions_in_month(months[0])]
    except DataError:  # it cannot be read, but sessions were kept that month
        return earliest
    return min(days, default=earliest)


def save_picture(path: Path, data: bytes) -> None:
    """Keep a picture of the week where the user asked (their folder, left as it is)."""
    from bondcoach.storage.fsio import atomic_write

    atomic_write(path, data, own_folder=False)
