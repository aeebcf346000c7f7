"""Bare ``bondcoach``: today at a glance, with the tip of the day and what to do next."""

from __future__ import annotations


def glance() -> None:
    from bondcoach.actions.glance import glance as today_at_a_glance
    from bondcoach.core import clock
    from bondcoach.views import glance as glance_view

    seen = today_at_a_glance(clock.now().date())
    glance_view.show_glance(seen.today, seen.baby_name, seen.tip, has_profile=seen.has_profile)
