"""Checking the values ``bondcoach setup`` accepts. Pure functions: InputError on bad input."""

from __future__ import annotations

from datetime import date

from bondcoach.core.profile import MAX_AWAKE_HOURS, MIN_AWAKE_HOURS, WEEK_STARTS
from bondcoach.core.timeparse import parse_date
from bondcoach.errors import InputError

AUTO = "auto"


def check_birth_date(text: str, today: date) -> date | None:
    if not text.strip():
        return None
    born = parse_date(text, "--birth-date")
    if born > today:
        raise InputError(f"the birth date {born} is still to come; give the day your baby was born")
    return born


def check_awake_hours(text: str) -> float | None:
    """A number of hours from 1 to 20, or 'auto' to follow the baby's age again."""
    cleaned = text.strip().lower()
    if cleaned in (AUTO, ""):
        return None
    try:
        hours = float(cleaned)
    except ValueError:
        raise InputError(
            f"--awake-hours takes a number of hours or 'auto' (got {text!r})"
        ) from None
    if not MIN_AWAKE_HOURS <= hours <= MAX_AWAKE_HOURS:
        raise InputError(f"awake hours go from 1 to 20 (got {text.strip()})")
    return hours


def check_week_start(text: str) -> str:
    cleaned = text.strip().lower()
    if cleaned not in WEEK_STARTS:
        raise InputError(f"--week-start is monday or sunday (got {text!r})")
    return cleaned


def check_name(text: str) -> str | None:
    """A name as typed, on one line, with no control characters (core.text)."""
    from bondcoach.core.text import without_controls

    return " ".join(without_controls(text, keep="\t\n\r\x0b\x0c").split()) or None
