"""Bare ``bondcoach``: today at a glance, with the tip of the day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bondcoach.core.coach import DayProgress
    from bondcoach.core.tip_data import TipData


@dataclass(frozen=True)
class Glance:
    today: DayProgress
    baby_name: str | None
    tip: TipData | None
    has_profile: bool


def glance(today: date) -> Glance:
    from bondcoach.core.coach import day_progress
    from bondcoach.guidance.tips import load_guidance, tip_of_the_day
    from bondcoach.storage.profile import load_profile, profile_exists
    from bondcoach.storage.session_store import open_store

    profile = load_profile()
    progress = day_progress(
        open_store().sessions_between(today, today), today, profile.target_settings()
    )
    tip = tip_of_the_day(
        load_guidance().tips,
        today,
        profile.birth_date,
        due=profile.due_date,
        families=profile.families,
    )
    return Glance(progress, profile.baby_name, tip, profile_exists())
