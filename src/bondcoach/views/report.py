"""report in the terminal (Rich, or plain words) and as JSON.

Words that never read as a shortfall: time "of about" the aim, days "together",
no percentages, no red.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bondcoach.core.babies import joined
from bondcoach.formatting import day_label, plural
from bondcoach.views import BAR_DONE, BAR_PART, progress_bar, sep, span
from bondcoach.views.charts import counted_aim, week_words

if TYPE_CHECKING:
    from rich.console import Console

    from bondcoach.core.report import Report
    from bondcoach.core.week import DaySummary, WeekSummary

TOGETHER, NOTHING, LATER, BEFORE = "●", "○", " ", "-"


def heading(report: Report) -> str:
    who = joined([b.name for b in report.babies if b.name]) or "your baby"
    weeks = plural(len(report.weeks), "week")
    return (
        f"Time together with {who}: {day_label(report.start)} to "
        f"{day_label(report.end)} {report.end.year} ({weeks})"
    )


def day_mark(day: DaySummary, week: WeekSummary, today_date: Any) -> str:
    if day.date > today_date:
        return LATER
    if day.minutes:
        return TOGETHER
    return BEFORE if day.target_minutes == 0 or not week.counts(day.date) else NOTHING


def totals_lines(report: Report) -> list[str]:
    """The closing lines, shared by both views. Markup-free: escaped by the caller."""
    lines = [
        f"In all: {span(report.total_minutes)} together, in "
        f"{plural(report.sessions, 'session')}, on {plural(report.days_together, 'day')}."
    ]
    if len(report.per_baby) > 1:  # each session once above; here each baby's own time
        each = sep().join(f"{n} {span(one.total_minutes)}" for n, one in report.by_baby.items())
        lines.append(f"With each baby: {each}")
    if report.by_activity:
        top = list(report.by_activity.items())[:3]
        lines.append("What you did most: " + sep().join(f"{n} {span(m)}" for n, m in top))
    if report.by_caregiver:
        who = sep().join(f"{n} {span(m)}" for n, m in report.by_caregiver.items())
        lines.append(f"Who spent the time: {who}")
    return lines


def show_report(out: Console, report: Report, plain: bool = False) -> None:
    from rich.markup import escape

    from bondcoach.core.report import age_line

    out.print(escape(heading(report)), style=None if plain else "bold cyan")
    for baby in report.babies:
        age = age_line(baby, report.today)
        if age:
            out.print(escape(age))
    out.print()
    if plain:
        _plain_weeks(out, report)
    else:
        _drawn_weeks(out, report)
    out.print()
    for line in totals_lines(report):
        out.print(escape(line))
    _notes_and_moods(out, report)


def _drawn_weeks(out: Console, report: Report) -> None:
    from rich.table import Table

    chart = Table.grid(padding=(0, 2))
    for week in report.weeks:
        bar = progress_bar(week.total_minutes, counted_aim(week), width=20)
        chart.add_row(f"Week of {day_label(week.start)}", bar, week_words(week))
    out.print("[bold]Week by week[/]: time together, and the aim for the days so far")
    out.print(chart)
    out.print()
    out.print("[bold]Days together[/]")
    grid = Table.grid(padding=(0, 1))
    first = report.weeks[0].start if report.weeks else report.start
    grid.add_row("", *[f"{first + timedelta(days=i):%a}" for i in range(7)])
    for week in report.weeks:
        marks = []
        for day in week.days:
            mark = day_mark(day, week, report.today)
            reached = day.target_minutes and day.minutes >= day.target_minutes
            colour = BAR_DONE if reached else BAR_PART
            marks.append(f"[{colour}] {mark}[/]" if mark == TOGETHER else f"[dim] {mark}[/]")
        grid.add_row(f"{week.start.day} {week.start:%b}", *marks)
    out.print(grid)
    out.print(
        f"[dim]{TOGETHER} time together   {NOTHING} nothing logged   "
        f"{BEFORE} before the start   blank: still to come[/]"
    )


def _plain_weeks(out: Console, report: Report) -> None:
    """The same in words, for screen readers: no bars, no grid."""
    for week in report.weeks:
        if not week.counted_so_far:
            out.print(f"Week of {day_label(week.start)}: {week_words(week)}.")
            continue
        days = [f"{day.date:%a}" for day in week.days if day.minutes]
        together = f"together on {', '.join(days)}" if days else "no days logged"
        out.print(
            f"Week of {day_label(week.start)}: {week_words(week)}; "
            f"{week.counted_days_together} of {len(week.counted_so_far)} days {together}."
        )


def _notes_and_moods(out: Console, report: Report) -> None:
    from rich.markup import escape

    if report.notes:
        out.print()
        out.print("[bold]What you noticed[/]")
        for note in report.notes:
            who = f" ({escape(note.who)})" if note.who else ""
            out.print(f"  {day_label(note.date)}{who}: {escape(note.text)}")
    if report.moods is not None:
        out.print()
        out.print("[bold]How you felt[/] (1 very low to 5 very good; each caregiver's own)")
        for who, marks in report.moods.items():
            listed = sep().join(f"{day_label(mark.date)} {mark.mood}" for mark in marks)
            out.print(f"  {escape(who)}: {listed}")
        if not report.moods:
            out.print("  No moods were noted in these weeks.")


def show_saved(out: Console, path: Path) -> None:
    from rich.markup import escape

    out.print(f"[dim]Saved the page to {escape(str(path))}. It opens in any browser.[/]")


def week_totals(week: WeekSummary | Report) -> dict[str, int]:
    """The numbers, named as ``week --json`` names them."""
    return {
        "total_minutes": week.total_minutes,
        "target_minutes": week.target_minutes,
        "sessions": week.sessions,
        "days_together": week.days_together,
    }


def report_as_json(report: Report) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "weeks": [
            {"start": w.start.isoformat(), "end": w.end.isoformat(), **week_totals(w)}
            for w in report.weeks
        ],
        **week_totals(report),
        "by_baby": {name: week_totals(one) for name, one in report.by_baby.items()},
        "by_activity": report.by_activity,
        "by_caregiver": report.by_caregiver,
        "notes": [
            {"date": note.date.isoformat(), "text": note.text, "who": note.who}
            for note in report.notes
        ],
    }
    if report.moods is not None:
        payload["moods"] = {
            who: [{"date": mark.date.isoformat(), "mood": mark.mood} for mark in marks]
            for who, marks in report.moods.items()
        }
    return payload
