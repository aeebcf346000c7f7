"""Bare ``bondcoach``: today at a glance, with the tip of the day."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from bondcoach.core.coach import DayProgress
    from bondcoach.core.tip_data import TipData


class Glance(NamedTuple):
    today: DayProgress
    baby_name: str | None
    tip: TipData | None
    has_profile: bool


def glance(today: date) -> Glance:
    from bondcoach.core import babies
    from bondcoach.guidance.tips import load_guidance, tip_of_the_day
    from bondcoach.storage.profile import load_profile
    from bondcoach.storage.session_store import open_store

    profile = load_profile()
    # Every baby's time today, each session once, against the largest of their aims;
    # the tip is the youngest baby's, as 'tip --json' gives it.
    family = babies.family(profile)
    todays = open_store().sessions_between(today, today)
    progress = babies.progress_for(todays, today, profile, family)
    youngest = babies.youngest(profile)
    tip = tip_of_the_day(
        load_guidance().tips,
        today,
        youngest.birth_date,
        due=youngest.due_date,
        families=profile.families_for(youngest.id),
    )
    named = [baby.name for baby in family if baby.name]
    shown = babies.joined(named) if len(family) > 1 and named else profile.baby_name
    # A record holding only a caregiver is no profile yet: setup is still to come.
    return Glance(progress, shown, tip, bool(profile.fields))
