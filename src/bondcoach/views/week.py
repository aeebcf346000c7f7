"""Showing the week."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bondcoach import messages
from bondcoach.formatting import day_label, duration, percent
from bondcoach.views import console, progress_bar

if TYPE_CHECKING:
    from rich.console import RenderableType

    from bondcoach.week import WeekSummary


def week_table(summary: WeekSummary) -> RenderableType:
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    for day in summary.days:
        label = day_label(day.date)
        if day.date > summary.today:
            table.add_row(f"[dim]{label}[/]", "[dim]·[/]", "")
            continue
        style = "bold" if day.date == summary.today else ""
        table.add_row(
            f"[{style}]{label}[/]" if style else label,
            progress_bar(day.minutes, day.target_minutes, width=20),
            f"{duration(day.minutes)} / {duration(day.target_minutes)}",
        )
    return table


def week_lines(summary: WeekSummary) -> list[str]:
    from rich.markup import escape

    total, target = summary.total_minutes, summary.target_so_far
    so_far = len(summary.days_so_far)
    lines = [
        f"Together this week: [bold]{duration(total)}[/] of about {duration(target)} "
        f"for the {so_far} day{'s' if so_far != 1 else ''} so far ({percent(total, target)}), "
        f"in {summary.sessions} session{'s' if summary.sessions != 1 else ''}.",
    ]
    if summary.by_activity:
        parts = [f"{escape(name)} {duration(mins)}" for name, mins in summary.by_activity.items()]
        lines.append("What you did: " + " · ".join(parts))
    for note in summary.notes:
        who = f" ({escape(note.who)})" if note.who else ""
        lines.append(f"[dim]{day_label(note.date)}{who}:[/] {escape(note.text)}")
    return lines


def show_week(summary: WeekSummary, baby_name: str | None) -> None:
    from rich.markup import escape

    out = console()
    heading = (
        f"Your week {messages.who_phrase(baby_name)}: "
        f"{day_label(summary.start)} to {day_label(summary.end)} {summary.end.year}"
    )
    out.print(f"[bold cyan]{escape(heading)}[/]")
    out.print(week_table(summary))
    out.print()
    for line in week_lines(summary):
        out.print(line)
    if summary.sessions == 0:
        out.print("Nothing logged this week yet. [bold]bondcoach log 15[/] after time together.")
    out.print(f"[dim]{messages.NEXT_AFTER_WEEK}[/]")
