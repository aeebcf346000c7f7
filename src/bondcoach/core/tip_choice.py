"""Choosing the tip of the day: pure, deterministic, no repeat while others are waiting.

The rule, day by day from the start of the baby's timeline (the birth, or early in the
pregnancy): among the tips that fit the age that day and the family, show the one shown
least recently; tips never shown come first, tips for the family's situation (born
early, twins) and then tips of the age band (those with an end age) before tips for
every age, then a fixed order from the id (CRC-32, so a new tip
slots in without reshuffling the others). That is "least recently shown", so a tip
comes back only after every other tip that fits has had its day: with 60 or more tips
fitting, no repeat within 60 days.

Mood and help tips go on evenly spaced days, a week or more apart (``spread``).

The fitting set only changes when the age crosses some tip's from/until day, so the
days between such crossings are one cycle through a fixed order: the whole history is
a few dozen sorts, not a day-by-day replay.
"""

from __future__ import annotations

import math
import zlib
from bisect import bisect_right
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from bondcoach.core.tip_data import TipData

AgeOn = Callable[[date], "int | None"]
NEVER = -(10**9)
# The parent's mood and professional help: at most about one day in seven.
SPACED_TOPICS = frozenset({"mood", "help"})
SPACING = 7


def order_key(tip_id: str) -> tuple[int, str]:
    """A fixed pseudo-random place for each tip, so new tips slot in without reshuffling."""
    return zlib.crc32(tip_id.encode("utf-8")), tip_id


def rotation(tips: Sequence[TipData]) -> list[TipData]:
    return sorted(tips, key=lambda tip: order_key(tip.id))


def _breakpoints(tips: Sequence[TipData]) -> list[int]:
    ages = {tip.from_age_days for tip in tips} | {tip.until_age_days for tip in tips}
    return sorted(age for age in ages if age is not None)


def _segment_end(first: date, last: date, age_on: AgeOn, breaks: list[int]) -> date:
    """The last day from ``first`` to ``last`` whose age lies between the same breakpoints.

    Ages never go down as days go on, so a binary search finds it."""

    def band(day: date) -> int:
        return bisect_right(breaks, age_on(day) or 0)

    here = band(first)
    low, high = 0, (last - first).days
    while low < high:
        middle = (low + high + 1) // 2
        if band(first + timedelta(days=middle)) == here:
            low = middle
        else:
            high = middle - 1
    return first + timedelta(days=low)


def spread(order: list[TipData], since: int = SPACING) -> list[TipData]:
    """The same tips, mood and help ones on evenly spaced days of the cycle.

    Evenly around the whole cycle, so the gap holds when the cycle starts again too;
    ``since``: days since such a tip was last shown, before the first of ``order``."""
    spaced = [tip for tip in order if tip.topic in SPACED_TOPICS]
    others = [tip for tip in order if tip.topic not in SPACED_TOPICS]
    if not spaced or not others:
        return order
    step = len(order) / len(spaced)
    first = min(max(0, SPACING - since), int(step) - 1)
    slots = {first + math.floor(index * step) for index in range(len(spaced))}
    waiting, rest = iter(spaced), iter(others)
    return [next(waiting) if place in slots else next(rest) for place in range(len(order))]


def choose(
    tips: Sequence[TipData],
    day: date,
    age_on: AgeOn,
    start: date | None,
    families: frozenset[str] = frozenset(),
) -> TipData | None:
    """The tip for ``day``. ``age_on`` gives the age in days (None: unknown)."""
    if start is None or age_on(day) is None:
        # Nothing known about the baby: a plain cycle through the tips for every age.
        pool = [tip for tip in rotation(tips) if tip.fits(None, families)]
        return pool[day.toordinal() % len(pool)] if pool else None
    breaks = _breakpoints(tips)
    last_shown: dict[str, int] = {}
    first = min(start, day)
    while True:
        end = _segment_end(first, day, age_on, breaks)
        age = age_on(first)
        order = sorted(
            (tip for tip in tips if tip.fits(age, families)),
            key=lambda tip: (
                last_shown.get(tip.id, NEVER),
                not tip.families,  # tips for this family's situation first
                tip.until_age_days is None,
                order_key(tip.id),
            ),
        )
        spaced = [last_shown[t.id] for t in tips if t.topic in SPACED_TOPICS and t.id in last_shown]
        # None shown yet: the first waits a week too, so a new parent starts elsewhere.
        order = spread(order, first.toordinal() - max(spaced) if spaced else 0)
        if end == day:
            return order[(day - first).days % len(order)] if order else None
        length = (end - first).days + 1
        for place, tip in enumerate(order[:length]):
            cycles = (length - 1 - place) // len(order)
            last_shown[tip.id] = first.toordinal() + place + cycles * len(order)
        first = end + timedelta(days=1)
