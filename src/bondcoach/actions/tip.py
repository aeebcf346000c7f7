"""tip: the day's idea (or every tip), from the shipped guidance and the user's own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from bondcoach.guidance.tips import TipData

THREE_YEARS_DAYS = 1096


class Tips(NamedTuple):
    day: date
    tips: list[TipData]  # the tip of the day alone, or every tip asked for
    note: str | None = None  # said once, beside the tips: past three, what bondcoach is for
    # With several babies: each different tip of the day, with whom it is for (the first
    # one is the youngest baby's, the one --json gives).
    for_babies: Sequence[tuple[TipData, tuple[str, ...]]] = ()


def tips(
    on: str | None,
    topic: str | None,
    show_all: bool,
    today: date,
    warn: Callable[[str], None],
    baby: str | None = None,
) -> Tips:
    """``on`` is the --date text. Problems with the user's own tips go to ``warn`` as
    they are found, so they show even when the command then stops on bad input."""
    from bondcoach.core import babies
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
    # The tip is the youngest baby's, or the one --baby names (exit 2 if unknown).
    whose = babies.chosen(profile, [baby]) if baby is not None else (babies.youngest(profile),)
    first = whose[0]
    age = guidance_age(first.birth_date, first.due_date, day)
    note = BEYOND_THREE if age is not None and age >= THREE_YEARS_DAYS else None
    if show_all:
        chosen = [tip for tip in guidance.tips if topic is None or tip.topic == topic]
        return Tips(day, chosen, note)
    others = [one for one in babies.family(profile) if one.id != first.id]
    found: list[tuple[TipData, tuple[str, ...]]] = []
    for one in [first, *([] if baby is not None else others)]:
        tip = tip_of_the_day(
            guidance.tips, day, one.birth_date, topic, one.due_date, profile.families_for(one.id)
        )
        if tip is None:
            raise InputError(NO_TIPS_MATCH)
        same = [i for i, (known, _) in enumerate(found) if known.id == tip.id]
        if same:  # twins the same age: one tip, for both
            known, names = found[same[0]]
            found[same[0]] = (known, (*names, babies.label(one)))
        else:
            found.append((tip, (babies.label(one),)))
    return Tips(day, [found[0][0]], note, found if len(babies.family(profile)) > 1 else [])
