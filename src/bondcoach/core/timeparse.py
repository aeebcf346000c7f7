"""Reading what people type for minutes, times and durations. Pure functions.

Every problem is an :class:`InputError` with a one-line message (exit code 2).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from bondcoach.errors import InputError

MAX_MINUTES = 24 * 60
# A clock that runs a little ahead of another device's should not block a log.
FUTURE_SLACK = timedelta(minutes=1)
# Older sessions are for --at; a bound also keeps date arithmetic far from overflow.
MAX_AGO = timedelta(days=7)
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
_DURATION = re.compile(r"^\s*(?:(\d{1,4})\s*h)?\s*(?:(\d{1,6})\s*m(?:in)?)?\s*$", re.IGNORECASE)
_CLOCK_TIME = re.compile(r"^\d{1,2}:\d{2}$")


def parse_minutes(text: str) -> int:
    """'15', or as a time: '15m', '1h', '1h30m', '90 min'."""
    cleaned = text.strip()
    # isdigit() alone would accept "²", which int() cannot read.
    if cleaned.isascii() and cleaned.isdigit():
        return check_minutes(int(cleaned))
    match = _DURATION.match(cleaned) if cleaned.isascii() else None
    if match is None or not any(match.groups()):
        raise InputError(f"minutes must be a whole number like 15, or 1h30m (got {text!r})")
    hours, minutes = (int(part) if part else 0 for part in match.groups())
    return check_minutes(hours * 60 + minutes)


def check_minutes(minutes: int) -> int:
    if not 1 <= minutes <= MAX_MINUTES:
        raise InputError(f"minutes must be between 1 and {MAX_MINUTES} (got {minutes})")
    return minutes


def parse_duration(text: str) -> timedelta:
    """'20m', '1h', '1h30m', '90 min' -> a timedelta of at most a week."""
    match = _DURATION.match(text)
    if match is None or not any(match.groups()):
        raise InputError(f"--ago takes a duration like 20m, 1h or 1h30m (got {text!r})")
    hours, minutes = (int(part) if part else 0 for part in match.groups())
    duration = timedelta(hours=hours, minutes=minutes)
    if duration <= timedelta(0):
        raise InputError("--ago must be more than zero minutes")
    if duration > MAX_AGO:
        raise InputError("--ago reaches back at most 7 days; for older sessions use --at")
    return duration


def check_in_range(day: date, option: str) -> date:
    """The one rule for how far back or ahead a day may be (--at, --date, import)."""
    if not EARLIEST <= day <= LATEST:
        raise InputError(f"{option} takes dates from {EARLIEST.year} to {LATEST.year}")
    return day


def parse_date(text: str, option: str = "--date") -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{option} takes a date like 2026-11-26 (got {text!r})") from None
    return check_in_range(day, option)


def localize(wall: datetime) -> datetime:
    """Attach this computer's local offset to a wall-clock time.

    Around a daylight-saving change a wall time can happen twice (clocks go back) or
    not at all (clocks go forward). The rule: a repeated time means its first
    occurrence; a time that never happened is refused.
    """
    if wall.fold:
        wall = wall.replace(fold=0)
    # A local time read back: its wall clock is ``wall`` only if ``wall`` happened. (The
    # first try needs no copy of ``wall``: an import localizes every row.)
    local = wall.astimezone()
    if local.replace(tzinfo=None) == wall:
        return local
    local = wall.replace(fold=1).astimezone()
    if local.replace(tzinfo=None) == wall:
        return local
    raise InputError(
        f"{wall:%Y-%m-%d %H:%M} did not happen here: the clocks jumped forward that night"
    )


def parse_at(text: str, now: datetime, on: date | None = None) -> datetime:
    """'YYYY-MM-DD HH:MM', or 'HH:MM' on the day ``on``.

    Without ``on``, 'HH:MM' means today, or yesterday when that time is still to come.
    """
    cleaned = " ".join(text.strip().replace("T", " ").split())
    problem = f'--at takes a local time like "2026-11-26 14:30" or "14:30" (got {text!r})'
    try:
        if _CLOCK_TIME.match(cleaned):
            clock_time = time.fromisoformat(cleaned.zfill(5))
            wall = datetime.combine(on or now.date(), clock_time)
            if on is None and localize(wall) > now:
                wall -= timedelta(days=1)
        elif ":" in cleaned:
            wall = datetime.fromisoformat(cleaned)
            if wall.tzinfo is not None:
                raise ValueError("no offsets: times are this computer's local time")
        else:
            raise ValueError("a date alone has no time")
        check_in_range(wall.date(), "--at")
        return localize(wall.replace(second=0, microsecond=0))
    except (ValueError, OverflowError):
        raise InputError(problem) from None


def check_not_future(start: datetime, minutes: int, now: datetime) -> None:
    if start > now + FUTURE_SLACK:
        raise InputError(f"{start:%Y-%m-%d %H:%M} is in the future; log time already spent")
    if start + timedelta(minutes=minutes) > now + FUTURE_SLACK:
        ends = start + timedelta(minutes=minutes)
        raise InputError(
            f"a {minutes}-minute session from {start:%H:%M} would end at {ends:%H:%M}, "
            "which is still to come; log it when it is over"
        )
