"""Showing the week: days, totals, the week before, who spent time, what you did."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from bondcoach import messages
from bondcoach.core.week import UNNAMED
from bondcoach.formatting import day_label, duration, percent, plural
from bondcoach.views import plain, progress_bar, sep, span

if TYPE_CHECKING:
    from collections.abc import Mapping

    from rich.console import Console, RenderableType

    from bondcoach.core.week import DaySummary, WeekReview, WeekSummary


def week_table(summary: WeekSummary, bar: int = 20) -> RenderableType:
    from bondcoach.views.grid import Cell, Grid

    if plain():
        return "\n".join(plain_day(summary, day) for day in summary.days)
    rows: list[list[Cell]] = []
    for day in summary.days:
        label = day_label(day.date)
        if day.date > summary.today or not summary.counts(day.date):
            # still to come, or before the birth or the first log: nothing to count
            rows.append([f"[dim]{label}[/]", "[dim]·[/]", ""])
            continue
        rows.append(
            [
                f"[bold]{label}[/]" if day.date == summary.today else label,
                progress_bar(day.minutes, day.target_minutes, width=bar),
                f"{duration(day.minutes)} / {duration(day.target_minutes)}",
            ]
        )
    return Grid(rows, gap=2)


def plain_day(summary: WeekSummary, day: DaySummary) -> str:
    """One day in words: 'Thu 26 Nov (today): 15 minutes of about 2 hours 8 minutes'."""
    label = day_label(day.date) + (" (today)" if day.date == summary.today else "")
    if day.date > summary.today:
        return f"{label}: still to come"
    if not summary.counts(day.date):  # before the birth or the first log
        return f"{label}: not counted"
    return f"{label}: {span(day.minutes)} of about {span(day.target_minutes)}"


def comparison(review: WeekReview) -> RenderableType | None:
    """The week before beside this one: a small chart, in words that never scold."""
    from bondcoach.views.grid import Grid

    this, before = review.summary.total_minutes, review.previous_total
    if (this == 0 and before == 0) or not counts_week_before(review):
        return None
    if plain():
        return f"The week before: {span(before)}. This week: {span(this)}."
    scale = max(this, before)
    return Grid(
        [
            ["Week before", progress_bar(before, scale, width=20), duration(before)],
            ["This week", progress_bar(this, scale, width=20), duration(this)],
        ],
        gap=2,
    )


def counts_week_before(review: WeekReview) -> bool:
    """Whether the week before counts at all: a week wholly before the baby's birth or the
    first log is not shown as "0 min", as days before then are not (the JSON keeps it)."""
    starts = review.summary.counts_from
    return starts is None or starts < review.summary.start


def comparison_words(review: WeekReview) -> str:
    this, before = review.summary.total_minutes, review.previous_total
    still_going = review.summary.today <= review.summary.end
    if before == 0:
        return "A fresh start: nothing was logged the week before."
    if this == before:
        return "As much time together as the week before."
    if this > before:
        return "More time together than the whole week before."
    if still_going:
        return "This week is still going; every bit of time together adds up."
    return "Weeks differ: sleep, visits and illness all change them."


def share_line(title: str, minutes_by_name: dict[str, int], total: int) -> str:
    from rich.markup import escape

    parts = [
        f"{escape(name)} {span(minutes)} ({percent(minutes, total)})"
        for name, minutes in minutes_by_name.items()
    ]
    return f"{title}: " + sep().join(parts)


def summary_lines(review: WeekReview) -> list[str]:
    from rich.markup import escape

    summary = review.summary
    counted = summary.counted_so_far
    total = sum(day.minutes for day in counted)
    aim = sum(day.target_minutes for day in counted)
    so_far = len(counted)
    if not summary.days_so_far:
        return ["This week is still to come."]
    if so_far == 0:
        return [messages.WEEK_BEFORE_THE_START]
    # No percentage of the aim: a share of it reads as a mark, and a low one as a shortfall.
    lines = [
        f"Together this week: [bold]{span(total)}[/] of about {span(aim)} "
        f"for the {plural(so_far, 'day') if so_far > 1 else 'day'} so far, "
        f"in {plural(summary.sessions, 'session')}.",
    ]
    together = f"Days together: {summary.counted_days_together} of {so_far}"
    streak = review.streak or 0
    if streak > 1:  # "1 in a row" says nothing a parent needs
        from bondcoach.core.week import streak_label

        together += f"{sep()}{streak_label(streak)} in a row up to today"
    lines.append(together)
    if len(summary.by_caregiver) > 1:
        lines.append(share_line("Who", summary.by_caregiver, total))
    if summary.by_activity:
        parts = [f"{escape(name)} {span(mins)}" for name, mins in summary.by_activity.items()]
        lines.append("What you did: " + sep().join(parts))
    if summary.notes:
        lines.append("Notes:")
    for note in summary.notes:
        who = f" ({escape(note.who)})" if note.who else ""
        lines.append(f"  [dim]{day_label(note.date)}{who}:[/] {escape(note.text)}")
    return lines


def show_week(
    out: Console,
    review: WeekReview,
    baby_name: str | None,
    by_baby: Mapping[str, WeekSummary] | None = None,
) -> None:
    from rich.markup import escape

    summary = review.summary
    heading = (
        f"Your week {messages.who_phrase(baby_name)}: "
        f"{day_label(summary.start)} to {day_label(summary.end)} {summary.end.year}"
    )
    out.print(f"[bold cyan]{escape(heading)}[/]")
    several = by_baby is not None and len(by_baby) > 1
    if several:
        out.print(messages.WEEK_TOGETHER_ONCE, markup=False)
    out.print(week_table(summary))
    out.print()
    for line in summary_lines(review):
        out.print(line)
    if several and by_baby is not None:
        for name, own in by_baby.items():
            show_baby(out, name, own)
    chart = comparison(review)
    if chart is not None:
        out.print()
        out.print(chart)
        out.print(comparison_words(review))
    if summary.sessions == 0 and summary.days_so_far:
        out.print("Nothing logged this week yet. [bold]bondcoach log 15[/] after time together.")
    for found in review.low_mood_counts:
        who = None if found.who == UNNAMED else escape(found.who)
        out.print()
        out.print(messages.low_mood_week(who, found.low_days, found.mood_days))
    out.print(f"[dim]{messages.NEXT_AFTER_WEEK}[/]")


def show_baby(out: Console, name: str, summary: WeekSummary) -> None:
    """One baby's days against that baby's own aim (with several babies)."""
    from rich.markup import escape

    counted = summary.counted_so_far
    total = sum(day.minutes for day in counted)
    out.print()
    if plain():
        out.print(f"{escape(name)}: {span(total)} this week so far.")
    else:
        out.print(f"[bold]{escape(name)}[/]: {span(total)} this week so far")
    out.print(week_table(summary, bar=12))


def show_saved(out: Console, path: Path) -> None:
    from rich.markup import escape

    out.print(f"[dim]Saved a copy to {escape(str(path))}.[/]")


def days_json(summary: WeekSummary) -> list[dict[str, Any]]:
    return [
        {
            "date": day.date.isoformat(),
            "minutes": day.minutes,
            "target_minutes": day.target_minutes,
            "sessions": day.sessions,
        }
        for day in summary.days
    ]


def week_as_json(
    review: WeekReview, by_baby: Mapping[str, WeekSummary] | None = None
) -> dict[str, Any]:
    """1.0's fields (each session counted once; a day's aim the largest of the babies'),
    then ``by_baby``: each baby's own week, by name."""
    from bondcoach.core.week import streak_label

    summary = review.summary
    return {
        "start": summary.start.isoformat(),
        "end": summary.end.isoformat(),
        "days": days_json(summary),
        "total_minutes": summary.total_minutes,
        "target_minutes": summary.target_minutes,
        "target_minutes_so_far": summary.target_so_far,
        "sessions": summary.sessions,
        "by_activity": summary.by_activity,
        "by_caregiver": summary.by_caregiver,
        "notes": [
            {"date": note.date.isoformat(), "text": note.text, "who": note.who}
            for note in summary.notes
        ],
        "days_together": summary.days_together,
        "previous_week_minutes": review.previous_total,
        "streak_days": None if review.streak is None else streak_label(review.streak),
        "low_mood_caregivers": list(review.low_mood),
        "by_baby": {
            name: {
                "total_minutes": own.total_minutes,
                "target_minutes": own.target_minutes,
                "days": days_json(own),
            }
            for name, own in (by_baby or {}).items()
        },
    }
