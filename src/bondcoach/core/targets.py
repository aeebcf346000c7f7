"""Daily targets: about 15 minutes of focused time for each hour the baby is awake.

The 15-minutes-an-awake-hour routine is the therapist's (see data/tips.yaml). Awake
hours come from the baby's age, using the National Sleep Foundation's recommended total
sleep per 24 hours (Hirshkowitz et al., "National Sleep Foundation's sleep time duration
recommendations: methodology and results summary", Sleep Health 1(1), 2015):

    0-3 months  14-17 h     4-11 months  12-15 h
    1-2 years   11-14 h     3-5 years    10-13 h

We take the middle of each range; awake hours are 24 minus that. Older children keep
the 3-5 year figure: the routine is about babies and toddlers. For a baby born early
the age counts from the due date until two (core/corrected_age), so a baby born at 28
weeks stays in the newborn band until about four months after the due date.
"""

from __future__ import annotations

import math
from datetime import date
from typing import NamedTuple

from bondcoach.core.ages import months_old
from bondcoach.core.corrected_age import aims_birth

MINUTES_PER_AWAKE_HOUR = 15

# (first month of age not in the band, recommended sleep range in hours)
SLEEP_BANDS: tuple[tuple[int, tuple[float, float]], ...] = (
    (4, (14.0, 17.0)),
    (12, (12.0, 15.0)),
    (36, (11.0, 14.0)),
    (10**6, (10.0, 13.0)),
)

# Without a birth date we assume a newborn, the age most users start at:
# 24 h - 15.5 h of sleep = 8.5 awake hours, so a target of 128 minutes.
DEFAULT_AWAKE_HOURS = 8.5


class TargetSettings(NamedTuple):
    birth_date: date | None = None
    awake_hours_override: float | None = None
    due_date: date | None = None


def awake_hours_for_age(months: int) -> float:
    for limit, (low, high) in SLEEP_BANDS:
        if months < limit:
            return 24.0 - (low + high) / 2
    raise AssertionError("the last band has no upper limit")  # pragma: no cover


def awake_hours_on(day: date, settings: TargetSettings) -> float:
    if settings.awake_hours_override is not None:
        return settings.awake_hours_override
    counted_from = aims_birth(settings.birth_date, settings.due_date, day)
    if counted_from is None:
        return DEFAULT_AWAKE_HOURS
    return awake_hours_for_age(max(months_old(counted_from, day), 0))


def round_half_up(value: float) -> int:
    # Half-hours times 15 land on exact halves (8.5 h -> 127.5 min), which Python's
    # round() would send to the even neighbour; the tiny epsilon absorbs float noise.
    return math.floor(value + 0.5 + 1e-9)


def daily_target(day: date, settings: TargetSettings) -> int:
    """Minutes of focused time to aim for on ``day``; 0 before the baby is born."""
    if settings.birth_date is not None and day < settings.birth_date:
        return 0
    if settings.birth_date is None and settings.due_date is not None:
        return 0  # still expecting: aims start once the birth date is known
    return round_half_up(awake_hours_on(day, settings) * MINUTES_PER_AWAKE_HOUR)
