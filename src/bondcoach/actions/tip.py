"""tip: the day's idea (or every tip), from the shipped guidance and the user's own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bondcoach.guidance.tips import TipData

THREE_YEARS_DAYS = 1096


@dataclass(frozen=True)
class Tips:
    day: date
    tips: list[TipData]  # the tip of the day alone, or every tip asked for
    note: str | None = None  # said once, beside the tips: past three, what bondcoach is for


def tips(
    on: str | None, topic: str | None, show_all: bool, today: date, warn: Callable[[str], None]
) -> Tips:
    """``on`` is the --date text. Problems with the user's own tips go to ``warn`` as
    they are found, so they show even when the command then stops on bad input."""
    from bondcoach.core.corrected_age import guidance_age
    from bondcoach.errors import InputError
    from bondcoach.guidance.tips import load_guidance, tip_of_the_day
    from bondcoach.messages import BEYOND_THREE, NO_TIPS_MATCH
    from bondcoach.storage.profile import load_profile

    guidance = load_guidance()
    for warning in guidance.warnings:
        warn(warning)
    if topic is not None:
        topic = topic.strip().lower()
        if topic not in guidance.topics:
            raise InputError(f"no topic {topic!r}; choose one of: {', '.join(guidance.topics)}")
    if on is not None:
        from bondcoach.core.timeparse import parse_date

        day = parse_date(on)
    else:
        day = today
    profile = load_profile()
    age = guidance_age(profile.birth_date, profile.due_date, day)
    note = BEYOND_THREE if age is not None and age >= THREE_YEARS_DAYS else None
    if show_all:
        chosen = [tip for tip in guidance.tips if topic is None or tip.topic == topic]
        return Tips(day, chosen, note)
    tip = tip_of_the_day(
        guidance.tips, day, profile.birth_date, topic, profile.due_date, profile.families
    )
    if tip is None:
        raise InputError(NO_TIPS_MATCH)
    return Tips(day, [tip], note)
