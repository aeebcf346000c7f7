"""The report: several weeks at a glance, for the family and their therapist. Pure.

Each week is ``summarize_week``'s, the same arithmetic ``week`` uses, so the report's
numbers agree with ``week --json`` by construction (and a test holds it).

The data is laid out for several babies: ``by_baby`` has one entry per baby, named after
the baby. With one baby in the profile it has that one entry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from bondcoach.core.ages import add_age, months_old
from bondcoach.core.sessions import Session
from bondcoach.core.week import (
    DAYS_IN_WEEK,
    UNNAMED,
    Aims,
    Note,
    WeekSummary,
    counts_from,
    earliest_birth,
    summarize_week,
    week_bounds,
)
from bondcoach.core.week import MoodMark as MoodMark
from bondcoach.core.week import moods_by_caregiver as moods_by_caregiver

DEFAULT_WEEKS = 6
MAX_WEEKS = 156  # three years: the routine is about babies and toddlers


@dataclass(frozen=True)
class Baby:
    name: str | None
    birth_date: date | None = None
    due_date: date | None = None
    id: str = "first"  # as sessions store it (core/babies)

    @property
    def label(self) -> str:
        return self.name or UNNAMED


@dataclass(frozen=True)
class Report:
    start: date
    end: date
    today: date
    babies: tuple[Baby, ...]
    weeks: tuple[WeekSummary, ...]
    notes: tuple[Note, ...] = ()
    moods: dict[str, tuple[MoodMark, ...]] | None = None  # None: not asked for
    # Each baby's own report (their sessions, their aim), when there are several.
    per_baby: tuple[Report, ...] = ()

    @property
    def total_minutes(self) -> int:
        return sum(week.total_minutes for week in self.weeks)

    @property
    def target_minutes(self) -> int:
        return sum(week.target_minutes for week in self.weeks)

    @property
    def sessions(self) -> int:
        return sum(week.sessions for week in self.weeks)

    @property
    def days_together(self) -> int:
        return sum(week.days_together for week in self.weeks)

    @property
    def days_so_far(self) -> int:
        """Days so far worth counting (not before the birth or the first log)."""
        return sum(len(week.counted_so_far) for week in self.weeks)

    @property
    def by_activity(self) -> dict[str, int]:
        return _merged(week.by_activity for week in self.weeks)

    @property
    def by_caregiver(self) -> dict[str, int]:
        return _merged(week.by_caregiver for week in self.weeks)

    @property
    def by_baby(self) -> dict[str, Report]:
        """Each baby's own report, by name: with one baby, this report itself."""
        if not self.per_baby:
            return {baby.label: self for baby in self.babies}
        return {one.babies[0].label: one for one in self.per_baby}


def _merged(counts: Iterable[dict[str, int]]) -> dict[str, int]:
    total: Counter[str] = Counter()
    for one in counts:
        total.update(one)
    return dict(sorted(total.items(), key=lambda item: (-item[1], item[0])))


def report_range(
    today: date,
    week_start: str,
    weeks: int | None = None,
    first: date | None = None,
    last: date | None = None,
) -> tuple[date, date]:
    """The whole weeks a report covers: the last ``weeks`` up to this one, or the weeks
    that hold ``first`` to ``last`` (either may be left out)."""
    if first is None and last is None:
        end = week_bounds(today, week_start)[1]
        return end - timedelta(days=DAYS_IN_WEEK * (weeks or DEFAULT_WEEKS) - 1), end
    last_day = last if last is not None else max(today, first or today)
    end = week_bounds(last_day, week_start)[1]
    if first is None:
        return end - timedelta(days=DAYS_IN_WEEK * DEFAULT_WEEKS - 1), end
    return week_bounds(first, week_start)[0], end


def week_starts(start: date, end: date) -> list[date]:
    count = ((end - start).days + 1) // DAYS_IN_WEEK
    return [start + timedelta(days=DAYS_IN_WEEK * n) for n in range(count)]


def build_report(
    sessions: list[Session],
    start: date,
    end: date,
    today: date,
    settings: Aims,
    babies: tuple[Baby, ...],
    *,
    first_log: date | None = None,
    notes: bool = True,
    moods: bool = False,
) -> Report:
    """The report over [start, end] (whole weeks). ``first_log``: the day of the first
    session ever; days before it (or the birth) are no shortfall, so people's views
    leave them out, as ``week`` does. ``notes=False`` leaves every note out, of the
    weeks too; moods are there only when asked for."""
    in_range = [s for s in sessions if start <= s.day <= end]
    counted = counts_from(earliest_birth(settings), first_log, today)
    weeks = tuple(
        summarize_week(in_range, first, today, settings)._replace(counts_from=counted)
        for first in week_starts(start, end)
    )
    if not notes:
        weeks = tuple(week._replace(notes=()) for week in weeks)
    return Report(
        start=start,
        end=end,
        today=today,
        babies=babies,
        weeks=weeks,
        notes=tuple(note for week in weeks for note in week.notes),
        moods=moods_by_caregiver(in_range) if moods else None,
    )


def age_words(birth: date, on: date) -> str:
    """'9 days', '5 weeks', '4 months', '1 year 3 months': how old, in plain words."""
    days = (on - birth).days
    if days < 0:
        return "not born yet"
    if days < 14:
        return _count(days, "day")
    if days < 8 * 7:
        return _count(days // 7, "week")
    months = months_old(birth, on)
    if months < 24:
        return _count(months, "month")
    years, rest = divmod(months, 12)
    return _count(years, "year") + (f" {_count(rest, 'month')}" if rest else "")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def age_line(baby: Baby, on: date) -> str | None:
    """'Mia is 10 weeks old (corrected age 6 weeks, counted from the due date).' or None."""
    if baby.birth_date is None:
        return None
    name = baby.name or "Your baby"
    if on < baby.birth_date:
        return f"{name} is not born yet on {on.day} {on:%B %Y}."
    line = f"{name} is {age_words(baby.birth_date, on)} old"
    due = baby.due_date
    if due is not None and due > baby.birth_date and add_age(due, 2, "year") > on:
        if on < due:
            line += " (born early: the due date is still to come)"
        else:
            line += f" (corrected age {age_words(due, on)}, counted from the due date)"
    return line + "."
