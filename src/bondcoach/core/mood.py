"""The mood a parent may note after time together: 1 (very low) to 5 (very good)."""

from __future__ import annotations

from bondcoach.errors import InputError

LOWEST, HIGHEST = 1, 5
LOW_MOOD = 2  # this or lower is a low mood: the gentle word after 'log', the week's note
UNNAMED = "(no name)"  # a caregiver who gave no name (sessions logged without --who)


def is_low(mood: int | None) -> bool:
    return mood is not None and mood <= LOW_MOOD


def check_mood(mood: int | None) -> int | None:
    if mood is not None and not LOWEST <= mood <= HIGHEST:
        raise InputError(f"mood goes from 1 (very low) to 5 (very good) (got {mood})")
    return mood
