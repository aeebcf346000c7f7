"""Bare ``bondcoach``: today at a glance, with the tip of the day and what to do next."""

from __future__ import annotations


def glance() -> None:
    from bondcoach.core import clock
    from bondcoach.core.coach import day_progress
    from bondcoach.guidance.tips import load_guidance, tip_of_the_day
    from bondcoach.storage.profile import load_profile, profile_exists
    from bondcoach.storage.session_store import open_store
    from bondcoach.views import glance as glance_view

    today = clock.now().date()
    profile = load_profile()
    progress = day_progress(
        open_store().sessions_between(today, today), today, profile.target_settings()
    )
    tip = tip_of_the_day(load_guidance().tips, today, profile.birth_date)
    glance_view.show_glance(progress, profile.baby_name, tip, has_profile=profile_exists())
