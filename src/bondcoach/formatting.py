"""Small text helpers shared by the views. No Rich here."""

from __future__ import annotations

from datetime import date, datetime

# Keeps "2 h 8 min" on one line when the terminal wraps (views.console teaches Rich's
# wrapping to honour it: left alone, Rich breaks lines at any whitespace, this one too).
NBSP = "\u00a0"


def duration(minutes: int) -> str:
    """45 -> '45 min', 100 -> '1 h 40 min', 120 -> '2 h' (only no-break spaces)."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}{NBSP}min"
    return f"{hours}{NBSP}h{NBSP}{rest}{NBSP}min" if rest else f"{hours}{NBSP}h"


def duration_words(minutes: int) -> str:
    """45 -> '45 minutes', 100 -> '1 hour 40 minutes', 120 -> '2 hours' (no-break spaces)."""
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours}{NBSP}{'hour' if hours == 1 else 'hours'}"] if hours else []
    if rest or not hours:
        parts.append(f"{rest}{NBSP}{'minute' if rest == 1 else 'minutes'}")
    return NBSP.join(parts)


def day_label(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def day_and_time(moment: datetime) -> str:
    return f"{day_label(moment.date())}, {moment:%H:%M}"


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
