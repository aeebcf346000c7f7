"""tip: the day's idea (or every tip), from the shipped guidance and the user's own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bondcoach.guidance.tips import TipData


@dataclass(frozen=True)
class Tips:
    day: date
    tips: list[TipData]  # the tip of the day alone, or every tip asked for


def tips(
    on: str | None, topic: str | None, show_all: bool, today: date, warn: Callable[[str], None]
) -> Tips:
    """``on`` is the --date text. Problems with the user's own tips go to ``warn`` as
    they are found, so they show even when the command then stops on bad input."""
    from bondcoach.errors import InputError
    from bondcoach.guidance.tips import load_guidance, tip_of_the_day
    from bondcoach.messages import NO_TIPS_MATCH
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
    if show_all:
        chosen = [tip for tip in guidance.tips if topic is None or tip.topic == topic]
        return Tips(day, chosen)
    tip = tip_of_the_day(guidance.tips, day, load_profile().birth_date, topic)
    if tip is None:
        raise InputError(NO_TIPS_MATCH)
    return Tips(day, [tip])
