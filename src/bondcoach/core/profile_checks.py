"""Checking the values ``bondcoach setup`` accepts. Pure functions: InputError on bad input.

The same checks serve the options and the questions ``setup`` asks, so their words name
the thing ('a birth date'), never an option ('--birth-date takes'): a parent answering a
question never typed a flag."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from bondcoach.core.corrected_age import MAX_DUE_AFTER_BIRTH, MAX_DUE_BEFORE_BIRTH
from bondcoach.core.profile import MAX_AWAKE_HOURS, MIN_AWAKE_HOURS, WEEK_STARTS, Profile
from bondcoach.core.timeparse import parse_date
from bondcoach.errors import InputError

AUTO = "auto"


def check_birth_date(text: str, today: date) -> date | None:
    if not text.strip():
        return None
    try:
        born = parse_date(text, "--birth-date")
    except InputError:
        raise InputError(f"a birth date is a date like 2026-09-14 (got {text.strip()!r})") from None
    if born > today:
        raise InputError(
            f"the birth date {born} is still to come; while you are expecting, "
            "give the due date instead: bondcoach setup --due-date YYYY-MM-DD"
        )
    return born


# A due date this far ahead is a slip: a pregnancy lasts about 40 weeks from its start.
MAX_DUE_AHEAD = timedelta(weeks=44)


def check_due_date(text: str) -> date | None:
    if not text.strip():
        return None
    return parse_date(text, "--due-date")


def check_dates(birth: date | None, due: date | None, today: date) -> None:
    """The birth and due dates make sense together (and, with no birth, with today)."""
    if due is None:
        return
    if due - today > MAX_DUE_AHEAD:
        raise InputError(f"the due date {due} is more than 44 weeks away; check the year")
    if birth is None:
        if today - due > MAX_DUE_AFTER_BIRTH:
            raise InputError(
                f"the due date {due} was long ago; once your baby is here, "
                "add the birth date too: bondcoach setup --birth-date YYYY-MM-DD"
            )
        return
    if due - birth > MAX_DUE_AFTER_BIRTH:
        raise InputError(
            f"the due date {due} is more than 18 weeks after the birth date {birth}; "
            'check both dates (--due-date "" clears the due date)'
        )
    if birth - due > MAX_DUE_BEFORE_BIRTH:
        raise InputError(
            f"the due date {due} is more than 4 weeks before the birth date {birth}; "
            'check both dates (--due-date "" clears the due date)'
        )


def check_awake_hours(text: str) -> float | None:
    """A number of hours from 1 to 20, or 'auto' to follow the baby's age again."""
    cleaned = text.strip().lower()
    if cleaned in (AUTO, ""):
        return None
    try:
        hours = float(cleaned)
    except ValueError:
        raise InputError(
            f"awake hours are a number of hours, or 'auto' to follow age (got {text.strip()!r})"
        ) from None
    if not MIN_AWAKE_HOURS <= hours <= MAX_AWAKE_HOURS:
        raise InputError(f"awake hours go from 1 to 20 (got {text.strip()})")
    return hours


def check_week_start(text: str) -> str:
    """monday or sunday, as people write them: Sun, sunday, SUN, mon, m, s."""
    cleaned = text.strip().lower()
    found = [day for day in WEEK_STARTS if cleaned and day.startswith(cleaned)]
    if len(found) != 1:
        raise InputError(f"weeks start on monday or sunday (got {text.strip()!r})")
    return found[0]


def check_name(text: str) -> str | None:
    """A name as typed, on one line, with no control characters (core.text)."""
    from bondcoach.core.text import without_controls

    return " ".join(without_controls(text, keep="\t\n\r\x0b\x0c").split()) or None


def check_babies(profile: Profile, today: date, changed: Collection[str]) -> None:
    """The dates of each baby in ``changed`` (ids) make sense, and no two babies share a
    name (case aside)."""
    seen: dict[str, str] = {}
    # Babies not changed first, so a clash names the baby already there.
    for baby in sorted(profile.babies, key=lambda one: one.id in changed):
        if baby.id in changed:
            check_dates(baby.birth_date, baby.due_date, today)
        if baby.name is None:
            continue
        key = baby.name.casefold()
        if key in seen:
            raise InputError(f"there is already a baby called {seen[key]}; names must differ")
        seen[key] = baby.name
