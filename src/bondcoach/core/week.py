"""The week in review: pure arithmetic over sessions, no I/O."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple

from bondcoach.core.mood import LOW_MOOD as LOW_MOOD
from bondcoach.core.mood import UNNAMED as UNNAMED
from bondcoach.core.sessions import Session
from bondcoach.core.targets import TargetSettings, daily_target

DAYS_IN_WEEK = 7


def week_bounds(day: date, week_start: str = "monday") -> tuple[date, date]:
    """The first and last date of the week that holds ``day``."""
    first_weekday = 0 if week_start == "monday" else 6
    offset = (day.weekday() - first_weekday) % DAYS_IN_WEEK
    start = day - timedelta(days=offset)
    return start, start + timedelta(days=DAYS_IN_WEEK - 1)


class DaySummary(NamedTuple):
    date: date
    minutes: int
    target_minutes: int
    sessions: int


class Note(NamedTuple):
    date: date
    text: str
    who: str | None


class WeekSummary(NamedTuple):
    start: date
    end: date
    today: date
    days: tuple[DaySummary, ...]
    by_activity: dict[str, int]
    by_caregiver: dict[str, int]
    notes: tuple[Note, ...] = ()
    # The first day a person's view counts: days before the baby's birth or the first
    # ever log are no shortfall, so the human view leaves them out (the JSON keeps them).
    counts_from: date | None = None

    @property
    def total_minutes(self) -> int:
        return sum(day.minutes for day in self.days)

    @property
    def target_minutes(self) -> int:
        return sum(day.target_minutes for day in self.days)

    @property
    def sessions(self) -> int:
        return sum(day.sessions for day in self.days)

    @property
    def days_so_far(self) -> tuple[DaySummary, ...]:
        return tuple(day for day in self.days if day.date <= self.today)

    @property
    def target_so_far(self) -> int:
        return sum(day.target_minutes for day in self.days_so_far)

    @property
    def days_together(self) -> int:
        return sum(1 for day in self.days if day.minutes > 0)

    def counts(self, day: date) -> bool:
        return self.counts_from is None or day >= self.counts_from

    @property
    def counted_so_far(self) -> tuple[DaySummary, ...]:
        return tuple(day for day in self.days_so_far if self.counts(day.date))

    @property
    def counted_days_together(self) -> int:
        return sum(1 for day in self.counted_so_far if day.minutes > 0)


Aims = TargetSettings | tuple[TargetSettings, ...]


def day_aim(day: date, aims: Aims) -> int:
    """The day's aim; for several babies the largest of theirs (time with all of them
    together meets every aim)."""
    if isinstance(aims, TargetSettings):
        return daily_target(day, aims)
    return max((daily_target(day, one) for one in aims), default=0)


def earliest_birth(aims: Aims) -> date | None:
    """The first birth among the babies (None if a baby's birth date is unknown)."""
    if isinstance(aims, TargetSettings):
        return aims.birth_date
    births = [one.birth_date for one in aims]
    return None if not births or None in births else min(b for b in births if b is not None)


def summarize_week(
    sessions: Iterable[Session], start: date, today: date, settings: Aims
) -> WeekSummary:
    dates = [start + timedelta(days=offset) for offset in range(DAYS_IN_WEEK)]
    end = dates[-1]
    in_week = [session for session in sessions if start <= session.day <= end]
    minutes: Counter[date] = Counter()
    counts: Counter[date] = Counter()
    by_activity: Counter[str] = Counter()
    by_caregiver: Counter[str] = Counter()
    for session in in_week:
        minutes[session.day] += session.minutes
        counts[session.day] += 1
        for activity in session.activities:
            by_activity[activity] += session.minutes
        by_caregiver[session.who or UNNAMED] += session.minutes
    days = tuple(
        DaySummary(day, minutes[day], day_aim(day, settings), counts[day]) for day in dates
    )
    notes = tuple(Note(s.day, s.note, s.who) for s in in_week if s.note)
    return WeekSummary(
        start=start,
        end=end,
        today=today,
        days=days,
        by_activity=dict(by_activity.most_common()),
        by_caregiver=dict(by_caregiver.most_common()),
        notes=notes,
    )


STREAK_CAP = 30


def streak_days(days_with_time: set[date], today: date) -> int:
    """Days in a row with any time together, ending today (or yesterday, while today is
    still open). Stops counting past the cap so a long history costs nothing more."""
    day = today if today in days_with_time else today - timedelta(days=1)
    count = 0
    while day in days_with_time and count <= STREAK_CAP:
        count += 1
        day -= timedelta(days=1)
    return count


def streak_label(count: int) -> str:
    return f"{STREAK_CAP}+" if count > STREAK_CAP else str(count)


class LowMood(NamedTuple):
    who: str
    low_days: int  # days whose lowest mood was low
    mood_days: int  # days with any mood


def low_mood_caregivers(sessions: Iterable[Session]) -> list[str]:
    """Caregivers whose mood was low on more than half of their days with a mood."""
    return [found.who for found in low_moods(sessions)]


def low_moods(sessions: Iterable[Session]) -> list[LowMood]:
    """Caregivers whose mood was low on more than half of their days with a mood, with
    the counts (so the words can fit them: one day is not "most of the days").

    Each caregiver is looked at alone (never averaged with another), and a day counts
    by its lowest mood. This is only a nudge towards support, never a score.
    """
    lowest: dict[str, dict[date, int]] = {}
    for session in sessions:
        if session.mood is None:
            continue
        days = lowest.setdefault(session.who or UNNAMED, {})
        days[session.day] = min(session.mood, days.get(session.day, session.mood))
    flagged = []
    for who, days in lowest.items():
        low = sum(1 for mood in days.values() if mood <= LOW_MOOD)
        if low * 2 > len(days):
            flagged.append(LowMood(who, low, len(days)))
    return sorted(flagged, key=lambda found: found.who)


class WeekReview(NamedTuple):
    """The week, plus what puts it in context: the week before, the streak, moods."""

    summary: WeekSummary
    previous_total: int
    streak: int | None
    low_mood: tuple[str, ...]
    low_mood_counts: tuple[LowMood, ...] = ()


def dates_to_read(day: date, today: date, week_start: str) -> tuple[date, date]:
    """First and last date whose sessions a review of ``day``'s week needs: the week,
    the week before, and (for the current week) enough days back for the streak."""
    start, end = week_bounds(day, week_start)
    first = start - timedelta(days=DAYS_IN_WEEK)
    if start <= today <= end:
        first = min(first, today - timedelta(days=STREAK_CAP + 1))
    return first, end


def counts_from(birth: date | None, first_log: date | None, today: date) -> date | None:
    """The first day worth counting: not before the birth, nor before the first ever log
    (with no log yet, today: a new start, not a row of empty days)."""
    first = first_log if first_log is not None else today
    return first if birth is None else max(birth, first)


def review_week(
    sessions: list[Session],
    day: date,
    today: date,
    week_start: str,
    settings: Aims,
    first_log: date | None = None,
) -> WeekReview:
    """The week holding ``day``, from sessions covering at least ``dates_to_read``.
    ``first_log`` is the day of the first session ever (None if there is none)."""
    start, end = week_bounds(day, week_start)
    previous_start = start - timedelta(days=DAYS_IN_WEEK)
    week_sessions = [s for s in sessions if start <= s.day <= end]
    summary = summarize_week(week_sessions, start, today, settings)
    summary = summary._replace(counts_from=counts_from(earliest_birth(settings), first_log, today))
    streak = None
    if start <= today <= end:
        streak = streak_days({session.day for session in sessions}, today)
    previous_sessions = [s for s in sessions if previous_start <= s.day < start]
    return WeekReview(
        summary=summary,
        previous_total=sum(session.minutes for session in previous_sessions),
        streak=streak,
        low_mood=tuple(low_mood_caregivers(week_sessions)),
        low_mood_counts=tuple(low_moods(week_sessions)),
    )


class MoodMark(NamedTuple):  # a NamedTuple: week reads these, and a dataclass costs every run
    """One mood a caregiver noted. Moods stay with the caregiver who noted them."""

    date: date
    mood: int


def moods_by_caregiver(sessions: Iterable[Session]) -> dict[str, tuple[MoodMark, ...]]:
    """Every mood noted, caregiver by caregiver, oldest first. Never averaged."""
    found: dict[str, list[MoodMark]] = {}
    for session in sorted(sessions, key=lambda s: s.start):
        if session.mood is not None:
            found.setdefault(session.who or UNNAMED, []).append(MoodMark(session.day, session.mood))
    return {who: tuple(marks) for who, marks in sorted(found.items())}
