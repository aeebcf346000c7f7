"""week: the week's review, and saving what the screen showed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bondcoach.core.week import WeekReview


@dataclass(frozen=True)
class Week:
    review: WeekReview
    baby_name: str | None
    expecting: bool = False  # a due date, no birth date yet: no aims to show


def week(day: date | None, today: date) -> Week:
    """The week that holds ``day`` (default today), read from the store."""
    from bondcoach.core.week import dates_to_read, review_week
    from bondcoach.storage.profile import load_profile
    from bondcoach.storage.session_store import open_store

    day = day if day is not None else today
    profile = load_profile()
    sessions = open_store().sessions_between(*dates_to_read(day, today, profile.week_start))
    review = review_week(sessions, day, today, profile.week_start, profile.target_settings())
    return Week(review, profile.baby_name, profile.expecting)


def save_picture(path: Path, data: bytes) -> None:
    """Keep a picture of the week where the user asked (their folder, left as it is)."""
    from bondcoach.storage.fsio import atomic_write

    atomic_write(path, data, own_folder=False)
