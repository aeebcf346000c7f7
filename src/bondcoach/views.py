"""Everything the user sees: Rich rendering for people, JSON for scripts, errors on stderr.

Rich is imported inside the functions that draw, so commands that print JSON, and
``--help``, do not pay for it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bondcoach import messages
from bondcoach.formatting import day_and_time, day_label, duration, percent

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from bondcoach.coach import DayProgress
    from bondcoach.models import Session
    from bondcoach.tips import TipData
    from bondcoach.week import WeekSummary

# Calm colours only: progress is never shown in red.
BAR_BACK, BAR_PART, BAR_DONE = "grey30", "cyan", "green"


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def error(message: str, hint: str | None = None) -> None:
    out = console(stderr=True)
    out.print(f"[bold]bondcoach:[/] {message}", markup=True, soft_wrap=True, highlight=False)
    if hint:
        out.print(hint, style="dim", markup=False, soft_wrap=True)


def warn(message: str) -> None:
    console(stderr=True).print(f"Note: {message}", markup=False, soft_wrap=True)


def progress_bar(minutes: int, target: int, width: int = 24) -> RenderableType:
    from rich.progress_bar import ProgressBar

    return ProgressBar(
        total=max(target, 1),
        completed=min(minutes, target),
        width=width,
        style=BAR_BACK,
        complete_style=BAR_PART,
        finished_style=BAR_DONE,
    )


# tip -------------------------------------------------------------------------


def tip_panel(tip: TipData, heading: str) -> RenderableType:
    from rich.panel import Panel
    from rich.text import Text

    body = Text()
    body.append(tip.title, style="bold")
    body.append("\n\n")
    body.append(tip.text)
    body.append("\n\n")
    body.append(f"Source: {tip.source}", style="dim italic")
    return Panel(body, title=heading, title_align="left", border_style="cyan", padding=(1, 2))


def show_tip(tip: TipData, heading: str) -> None:
    out = console()
    out.print(tip_panel(tip, heading))
    out.print(messages.NEXT_AFTER_TIP)


def show_tip_list(tips: Sequence[TipData]) -> None:
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    table.add_column("Topic", style="cyan", no_wrap=True)
    table.add_column("Tip")
    for tip in tips:
        table.add_row(tip.topic, f"[bold]{tip.title}[/]\n{tip.text}\n[dim]{tip.id}[/]")
    out = console()
    out.print(table)
    out.print(f"[dim]{len(tips)} tips. {messages.NOT_MEDICAL_ADVICE}[/]")


def tip_json(tip: TipData) -> dict[str, Any]:
    return tip.as_json()


# log -------------------------------------------------------------------------


def session_json(session: Session) -> dict[str, Any]:
    payload: dict[str, Any] = session.model_dump(mode="json")
    payload["day"] = session.day.isoformat()
    return payload


def show_logged(
    session: Session, today: DayProgress, baby_name: str | None, stderr: bool = False
) -> None:
    from rich.markup import escape
    from rich.table import Table

    out = console(stderr=stderr)
    who = f", {escape(session.who)}" if session.who else ""
    what = f" ({escape(', '.join(session.activities))})" if session.activities else ""
    out.print(
        f"[green]Saved[/]: {day_and_time(session.start)}, {duration(session.minutes)}{what}{who}."
    )
    row = Table.grid(padding=(0, 1))
    row.add_row(
        f"Today {messages.who_phrase(baby_name)}, so far:",
        progress_bar(today.minutes, today.target),
        f"{duration(today.minutes)} of about {duration(today.target)}",
    )
    out.print(row)
    if session.mood is not None and session.mood <= 2:
        out.print(messages.LOW_MOOD_AFTER_LOG)
    else:
        out.print(messages.warm_word(today.minutes, today.target))
    out.print(f"[dim]{messages.NEXT_AFTER_LOG}[/]")


def logged_json(session: Session, today: DayProgress, repeated: bool) -> dict[str, Any]:
    return {
        "session": session_json(session),
        "today": {
            "date": today.day.isoformat(),
            "minutes": today.minutes,
            "target_minutes": today.target,
            "sessions": today.sessions,
        },
        "repeat_of_existing": repeated,
    }


# week ------------------------------------------------------------------------


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
