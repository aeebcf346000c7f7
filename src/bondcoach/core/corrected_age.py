"""The age that guidance follows: corrected for babies born early, and before the birth.

Pure functions of the birth date, the due date and the day. Paediatric guidance (AAP's
HealthyChildren.org, Bliss; see data/sources.yaml) counts a premature baby's age from the
due date until they are two: a baby born at 28 weeks is not expected to do at four
months what a baby born at term does.
"""

from __future__ import annotations

from datetime import date, timedelta

from bondcoach.core.ages import add_age

# Born before 37+0 weeks, i.e. more than three weeks before a 40-week due date.
BORN_EARLY_DAYS = 21
CORRECT_UNTIL_YEARS = 2
# Setup refuses a due date this far from the birth: a typing slip, not a baby.
MAX_DUE_AFTER_BIRTH = timedelta(weeks=18)
MAX_DUE_BEFORE_BIRTH = timedelta(weeks=4)
PREGNANCY_DAYS = 280


def is_born_early(birth: date | None, due: date | None) -> bool:
    return birth is not None and due is not None and (due - birth).days > BORN_EARLY_DAYS


def corrects(birth: date | None, due: date | None, on: date) -> bool:
    """Whether ages on ``on`` are counted from the due date (born early, not yet two)."""
    return (
        is_born_early(birth, due)
        and birth is not None
        and on < add_age(birth, CORRECT_UNTIL_YEARS, "year")
    )


def aims_birth(birth: date | None, due: date | None, on: date) -> date | None:
    """The date aims count the baby's age from on ``on``: the due date while corrected."""
    return due if corrects(birth, due, on) else birth


def guidance_age(birth: date | None, due: date | None, on: date) -> int | None:
    """Whole days of age that tips follow on ``on``; negative before the birth.

    None when nothing is known. With a due date and no birth date the baby is still on
    the way as far as bondcoach knows, so the age stays below zero even after the due
    date. A baby born early counts as a newborn (0) until the due date arrives.
    """
    if birth is None:
        return None if due is None else min((on - due).days, -1)
    if on < birth:
        return (on - birth).days
    if due is not None and corrects(birth, due, on):
        return max((on - due).days, 0)
    return (on - birth).days


def timeline_start(birth: date | None, due: date | None, on: date) -> date | None:
    """The first day the tip rotation counts from: the birth, or for a day before the
    birth, early in the pregnancy (so the tips the baby's first days get stay fresh)."""
    if birth is not None and on >= birth:
        return birth
    known = birth if birth is not None else due
    return None if known is None else known - timedelta(days=PREGNANCY_DAYS)


def age_words(counted_from: date, on: date) -> str:
    """An age as a parent says it: "9 days", "5 weeks", "7 months", "2 years 3 months"."""
    from bondcoach.core.ages import months_old

    days = (on - counted_from).days
    if days < 14:
        return f"{days} day{'' if days == 1 else 's'}"
    if days < 56:
        return f"{days // 7} weeks"
    months = months_old(counted_from, on)
    if months < 24:
        return f"{months} months"
    years, rest = divmod(months, 12)
    return f"{years} years" + (f" {rest} month{'' if rest == 1 else 's'}" if rest else "")
