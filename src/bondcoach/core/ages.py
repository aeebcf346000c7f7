"""Ages written as text in tips ("6 weeks", "4 years") and calendar arithmetic on them.

Kept free of pydantic so the tip of the day can be chosen from a cache without it.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

_AGE = re.compile(r"^\s*(\d{1,4})\s+(day|week|month|year)s?\s*$")


def parse_age(text: str) -> tuple[int, str]:
    """Split "6 weeks" into (6, "week"); raise ValueError for anything else."""
    match = _AGE.match(text)
    if match is None:
        raise ValueError(f"age {text!r} should look like '6 weeks', '3 months' or '4 years'")
    return int(match.group(1)), match.group(2)


def age_text_days(text: str) -> int:
    """Whole days in an age written as text: "6 weeks" is 42, "4 months" 122, "1 year" 365.

    Months and years use the average calendar (30.4375 days a month), halves rounded
    down, as the built-in tips' day counts do (8 months is 243, 2 years 730).
    """
    amount, unit = parse_age(text)
    per_unit = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}[unit]
    return math.ceil(amount * per_unit - 0.5)


def add_age(birth: date, amount: int, unit: str) -> date:
    """The date on which a baby born on ``birth`` reaches the given age."""
    if unit == "day":
        return birth + timedelta(days=amount)
    if unit == "week":
        return birth + timedelta(weeks=amount)
    months = amount * 12 if unit == "year" else amount
    year, month_index = divmod(birth.month - 1 + months, 12)
    year += birth.year
    month = month_index + 1
    # A baby born on the 31st turns one month old on the last day of a shorter month.
    day = min(birth.day, _days_in_month(year, month))
    return date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def has_reached(birth: date, on: date, age_text: str) -> bool:
    amount, unit = parse_age(age_text)
    return on >= add_age(birth, amount, unit)


def months_old(birth: date, on: date) -> int:
    """Completed calendar months of age on ``on`` (negative before the birth)."""
    months = (on.year - birth.year) * 12 + (on.month - birth.month)
    if months > 0 and add_age(birth, months, "month") > on:
        months -= 1
    return months


def fits_age(from_age: str | None, until_age: str | None, birth: date | None, on: date) -> bool:
    """Whether a tip meant for [from_age, until_age) suits the baby on that day.

    Without a birth date every tip fits: we know nothing that rules one out.
    """
    if birth is None:
        return True
    if from_age is not None and not has_reached(birth, on, from_age):
        return False
    return until_age is None or not has_reached(birth, on, until_age)
