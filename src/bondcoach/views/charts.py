"""Chart geometry for saved pages and pictures: numbers in, shapes out. No markup here.

The templates (views/templates/) turn these shapes into SVG, escaping every word.
Charts are hand-drawn SVG rather than a charting library: four simple bar and grid
charts need a few lines of arithmetic each, open offline, print crisply, and keep a
parent's saved page free of any script. Colours are the terminal views' calm ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bondcoach.formatting import day_label, duration

if TYPE_CHECKING:
    from bondcoach.core.report import Report
    from bondcoach.core.week import DaySummary, WeekSummary

# The terminal's cyan (time together), green (an aim reached), grey (the rest), made
# dark enough to read on white (WCAG AA for text beside them).
PART, DONE, TRACK, MARK = "#0e7490", "#15803d", "#e3e8ec", "#374151"
SHARES = ("#0e7490", "#15803d", "#b45309", "#6d28d9", "#475569", "#be185d")


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    width: float  # the time together
    aim_x: float | None  # where the aim falls, if there is one
    colour: str
    value: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]
    value_room: int = 300

    @property
    def value_x(self) -> int:
        return self.width - self.value_room + 10


def scaled_bars(
    rows: Sequence[tuple[str, int, int | None, str]], label_width: int = 110, row: int = 34
) -> BarChart:
    """Rows of (label, minutes, aim or None, words) as bars on one scale."""
    width, value_room = 800, 340
    room = width - label_width - value_room
    scale = max([1, *(m for _, m, _, _ in rows), *(a or 0 for _, _, a, _ in rows)])
    bars = []
    for index, (label, minutes, aim, words) in enumerate(rows):
        length = room * minutes / scale
        if minutes > 0:
            length = max(length, 3.0)  # any time together shows
        reached = aim is not None and aim > 0 and minutes >= aim
        aim_x = None if not aim else label_width + room * aim / scale
        bars.append(Bar(label, 8 + index * row, length, aim_x, DONE if reached else PART, words))
    return BarChart(width, 16 + row * len(rows), label_width, 18, tuple(bars), value_room)


def day_rows(summary: WeekSummary) -> list[tuple[str, int, int | None, str]]:
    rows: list[tuple[str, int, int | None, str]] = []
    for day in summary.days:
        if day.date > summary.today:
            rows.append((day_label(day.date), 0, None, "still to come"))
        elif not summary.counts(day.date) and not day.minutes:
            rows.append((day_label(day.date), 0, None, ""))  # before the start: no shortfall
        elif day.target_minutes == 0:
            rows.append((day_label(day.date), day.minutes, None, duration(day.minutes)))
        elif day.minutes == 0:
            rows.append((day_label(day.date), 0, day.target_minutes, "nothing logged"))
        else:
            words = f"{duration(day.minutes)} of about {duration(day.target_minutes)}"
            rows.append((day_label(day.date), day.minutes, day.target_minutes, words))
    return rows


def week_rows(report: Report) -> list[tuple[str, int, int | None, str]]:
    """Each week against the aim of its days so far (days still to come ask nothing)."""
    rows: list[tuple[str, int, int | None, str]] = []
    for week in report.weeks:
        label = f"Week of {week.start.day} {week.start:%b}"
        if not week.days_so_far:
            rows.append((label, 0, None, "still to come"))
            continue
        rows.append((label, week.total_minutes, counted_aim(week) or None, week_words(week)))
    return rows


def week_words(week: WeekSummary) -> str:
    """'1 h 5 min of about 14 h 56 min', 'nothing logged', 'still to come'."""
    if not week.days_so_far:
        return "still to come"
    if not week.counted_so_far:
        return "before the start"
    if not week.total_minutes:
        return "nothing logged"
    words = f"{duration(week.total_minutes)} of about {duration(counted_aim(week))}"
    return words + (" so far" if len(week.days_so_far) < len(week.days) else "")


def counted_aim(week: WeekSummary) -> int:
    """The aim of the week's days so far that count (none before the birth or first log)."""
    return sum(day.target_minutes for day in week.counted_so_far)


def activity_rows(by_activity: dict[str, int], most: int = 8) -> list[tuple[str, int, None, str]]:
    items = list(by_activity.items())
    shown = items[:most]
    rest = sum(minutes for _, minutes in items[most:])
    if rest:
        shown.append(("everything else", rest))
    return [(_short(name), minutes, None, duration(minutes)) for name, minutes in shown]


def _short(name: str, limit: int = 16) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


@dataclass(frozen=True)
class Cell:
    x: int
    y: int
    day: int
    kind: str  # together | reached | none | later | before
    words: str


@dataclass(frozen=True)
class Calendar:
    width: int
    height: int
    size: int
    headers: tuple[tuple[int, str], ...]
    rows: tuple[tuple[int, str], ...]
    cells: tuple[Cell, ...]


def calendar(report: Report) -> Calendar:
    """A grid of the report's days, a week to a row; days with time together filled."""
    size, gap, left, top = 40, 6, 90, 28
    headers = tuple(
        (left + i * (size + gap) + size // 2, f"{report.start + timedelta(days=i):%a}")
        for i in range(7)
    )
    rows, cells = [], []
    for r, week in enumerate(report.weeks):
        y = top + r * (size + gap)
        rows.append((y + size // 2 + 5, f"{week.start.day} {week.start:%b}"))
        for c, day in enumerate(week.days):
            kind, words = _day_kind(day, report.today)
            if kind == "none" and not week.counts(day.date):
                kind, words = "before", "before the start"
            x = left + c * (size + gap)
            cells.append(Cell(x, y, day.date.day, kind, f"{day_label(day.date)}: {words}"))
    height = top + len(report.weeks) * (size + gap) + 4
    return Calendar(left + 7 * (size + gap), height, size, headers, tuple(rows), tuple(cells))


def _day_kind(day: DaySummary, today: date) -> tuple[str, str]:
    if day.date > today:
        return "later", "still to come"
    if day.minutes and day.target_minutes and day.minutes >= day.target_minutes:
        return "reached", f"{duration(day.minutes)} together, the day's aim reached"
    if day.minutes:
        return "together", f"{duration(day.minutes)} together"
    if day.target_minutes == 0:
        return "before", "before the start"
    return "none", "no time logged"


@dataclass(frozen=True)
class Slice:
    x: float
    width: float
    colour: str
    name: str
    value: str


def shares(by_caregiver: dict[str, int], width: int = 680) -> tuple[Slice, ...]:
    """Each caregiver's time as a piece of one bar (sizes only: no percentages)."""
    total = sum(by_caregiver.values())
    if not total:
        return ()
    slices, x = [], 0.0
    for index, (name, minutes) in enumerate(by_caregiver.items()):
        piece = width * minutes / total
        colour = SHARES[index % len(SHARES)]
        slices.append(Slice(x, piece, colour, name, duration(minutes)))
        x += piece
    return tuple(slices)
