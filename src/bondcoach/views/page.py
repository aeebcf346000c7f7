"""Saved pages and pictures: the report as one HTML file, the week as SVG or HTML.

Jinja2 with autoescape on: every word from a person (a note, a name, an activity) is
escaped by the template engine, so a note of ``<script>`` is shown, never run. Jinja2
is imported only here, and this module only by ``report`` and ``week --save``.
Nothing in the output loads from anywhere: styles and charts are inline.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bondcoach.core.babies import joined
from bondcoach.formatting import day_label, duration
from bondcoach.views import charts

if TYPE_CHECKING:
    from jinja2 import Environment

    from bondcoach.core.report import MoodMark, Report
    from bondcoach.core.week import Note, WeekReview

TEMPLATES = Path(__file__).parent / "templates"
MOOD_WORDS = {1: "very low", 2: "low", 3: "okay", 4: "good", 5: "very good"}


def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["duration"] = duration
    env.filters["day"] = day_label
    env.filters["long_date"] = long_date
    env.globals["mood_words"] = MOOD_WORDS
    env.globals["counted_aim"] = charts.counted_aim
    return env


def long_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def notes_by_date(notes: tuple[Note, ...]) -> list[tuple[date, list[Note]]]:
    grouped: dict[date, list[Note]] = {}
    for note in notes:
        grouped.setdefault(note.date, []).append(note)
    return sorted(grouped.items())


def moods_by_date(marks: tuple[MoodMark, ...]) -> list[tuple[date, list[int]]]:
    grouped: dict[date, list[int]] = {}
    for mark in marks:
        grouped.setdefault(mark.date, []).append(mark.mood)
    return sorted(grouped.items())


def listing(items: dict[str, int], most: int = 3) -> str:
    """'sing (2 h), read (1 h 10 min) and talk (40 min)'."""
    parts = [f"{name} ({duration(minutes)})" for name, minutes in list(items.items())[:most]]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def report_context(report: Report, generated: date) -> dict[str, Any]:
    from bondcoach.core.report import age_line

    return {
        "report": report,
        "generated": generated,
        "babies": [(baby, age_line(baby, report.today)) for baby in report.babies],
        "who": joined([baby.name for baby in report.babies if baby.name]) or "your baby",
        "weekly": charts.scaled_bars(charts.week_rows(report), label_width=150),
        "calendar": charts.calendar(report),
        "activities": charts.scaled_bars(charts.activity_rows(report.by_activity)),
        "shares": charts.shares(report.by_caregiver),
        "top_activities": listing(report.by_activity),
        "notes": notes_by_date(report.notes),
        "moods": {who: moods_by_date(marks) for who, marks in (report.moods or {}).items()},
        "with_moods": report.moods is not None,
    }


def report_page(report: Report) -> bytes:
    page = environment().get_template("report.html.j2").render(report_context(report, report.today))
    return page.encode("utf-8")


def week_lines(review: WeekReview) -> list[str]:
    """The week in a few plain lines: no percentages, nothing that reads as a shortfall."""
    from bondcoach.messages import WEEK_BEFORE_THE_START

    summary = review.summary
    so_far = len(summary.counted_so_far)
    if not summary.days_so_far:
        return ["This week is still to come."]
    if so_far == 0:
        return [WEEK_BEFORE_THE_START]
    lines = [
        f"Together this week: {duration(summary.total_minutes)}, "
        f"in {_count(summary.sessions, 'session')}.",
        f"Days together: {summary.counted_days_together} of {so_far}"
        + (f" · {review.streak} in a row up to today" if (review.streak or 0) > 1 else ""),
    ]
    if len(summary.by_caregiver) > 1:
        lines.append("Who: " + _joined(summary.by_caregiver))
    if summary.by_activity:
        lines.append("What you did: " + _joined(summary.by_activity))
    return lines


def _moods(marks: list[int]) -> str:
    return ", ".join(f"{mark} ({MOOD_WORDS[mark]})" for mark in marks)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def _joined(minutes_by_name: dict[str, int]) -> str:
    return " · ".join(f"{name} {duration(minutes)}" for name, minutes in minutes_by_name.items())


def week_context(
    review: WeekReview, baby_name: str | None, moods: dict[str, tuple[MoodMark, ...]] | None
) -> dict[str, Any]:
    from bondcoach.views.week import comparison_words, counts_week_before

    summary = review.summary
    scale = max(review.previous_total, summary.total_minutes, 1)
    return {
        "review": review,
        "summary": summary,
        "who": baby_name or "your baby",
        "days": charts.scaled_bars(charts.day_rows(summary)),
        "lines": week_lines(review),
        "compare": charts.scaled_bars(
            [
                ("Week before", review.previous_total, None, duration(review.previous_total)),
                ("This week", summary.total_minutes, None, duration(summary.total_minutes)),
            ]
        ),
        "compare_words": comparison_words(review),
        "compared": counts_week_before(review)
        and bool(review.previous_total or summary.total_minutes),
        "scale": scale,
        "notes": notes_by_date(summary.notes),
        "moods": {who: moods_by_date(marks) for who, marks in (moods or {}).items()},
        "with_moods": moods is not None,
    }


def week_picture(
    review: WeekReview,
    baby_name: str | None,
    suffix: str,
    moods: dict[str, tuple[MoodMark, ...]] | None = None,
) -> bytes:
    """The week as a picture a parent would keep: SVG, or a small HTML page. A fixed
    width whatever the terminal, and no command hints."""
    context = week_context(review, baby_name, moods)
    name = "week.html.j2"
    if suffix.lower() == ".svg":
        context.update(svg_layout(context))
        name = "week.svg.j2"
    return environment().get_template(name).render(context).encode("utf-8")


LINE, WRAP = 24, 92


def svg_layout(context: dict[str, Any]) -> dict[str, Any]:
    """Where each line of words goes under the chart (SVG text does not wrap itself)."""
    import textwrap

    y = 68 + context["days"].height + 24
    placed: list[tuple[str, int, str]] = []

    def put(style: str, text: str) -> None:
        nonlocal y
        for line in textwrap.wrap(text, WRAP) or [""]:
            placed.append((style, y, line))
            y += LINE

    for line in context["lines"]:
        put("line", line)
    compare_y = 0
    if context["compared"]:
        compare_y = y
        y += context["compare"].height + 12
        put("line", context["compare_words"])
    if context["notes"]:
        y += 12
        put("heading", "What you noticed")
        for note_date, notes in context["notes"]:
            for note in notes:
                who = f" ({note.who})" if note.who else ""
                put("note", f"{day_label(note_date)}{who}: {note.text}")
    if context["with_moods"]:
        y += 12
        put("heading", "How you felt (1 very low to 5 very good; each caregiver's own)")
        for who_felt, days in context["moods"].items() or [("", [])]:
            marks = " · ".join(f"{day_label(d)}: {_moods(m)}" for d, m in days)
            put("line", f"{who_felt}: {marks}" if who_felt else "No moods were noted this week.")
    return {"placed": placed, "compare_y": compare_y, "height": y + 8}
