"""The report's pure parts: its weeks, ages in words, moods kept per caregiver."""

from __future__ import annotations

from datetime import date, datetime, timezone

from bondcoach.core.models import Session
from bondcoach.core.report import (
    Baby,
    age_line,
    age_words,
    build_report,
    moods_by_caregiver,
    report_range,
)
from bondcoach.core.targets import TargetSettings

THURSDAY = date(2026, 11, 26)


def session(day: str, minutes: int, who: str | None = None, mood: int | None = None) -> Session:
    start = datetime.fromisoformat(f"{day}T09:00:00").replace(tzinfo=timezone.utc)
    return Session(
        id=f"s{day.replace('-', '')}{minutes}", start=start, minutes=minutes, who=who, mood=mood
    )


def test_the_range_is_whole_weeks():
    assert report_range(THURSDAY, "monday") == (date(2026, 10, 19), date(2026, 11, 29))
    assert report_range(THURSDAY, "monday", weeks=1) == (date(2026, 11, 23), date(2026, 11, 29))
    assert report_range(THURSDAY, "sunday", weeks=1) == (date(2026, 11, 22), date(2026, 11, 28))
    widened = report_range(THURSDAY, "monday", first=date(2026, 11, 4), last=date(2026, 11, 4))
    assert widened == (date(2026, 11, 2), date(2026, 11, 8))
    to_only = report_range(THURSDAY, "monday", last=date(2026, 11, 8))
    assert to_only == (date(2026, 9, 28), date(2026, 11, 8))
    from_only = report_range(THURSDAY, "monday", first=date(2026, 11, 10))
    assert from_only == (date(2026, 11, 9), date(2026, 11, 29))


def test_ages_in_plain_words():
    birth = date(2026, 9, 14)
    assert age_words(birth, date(2026, 9, 15)) == "1 day"
    assert age_words(birth, date(2026, 9, 27)) == "13 days"
    assert age_words(birth, date(2026, 9, 28)) == "2 weeks"
    assert age_words(birth, date(2026, 11, 8)) == "7 weeks"
    assert age_words(birth, date(2026, 11, 26)) == "2 months"
    assert age_words(birth, date(2028, 12, 1)) == "2 years 2 months"
    assert age_words(birth, date(2027, 9, 14)) == "12 months"


def test_the_corrected_age_counts_from_the_due_date():
    early = Baby("Leo", birth_date=date(2026, 9, 1), due_date=date(2026, 10, 27))
    assert age_line(early, THURSDAY) == (
        "Leo is 2 months old (corrected age 4 weeks, counted from the due date)."
    )
    assert age_line(early, date(2026, 10, 1)) == (
        "Leo is 4 weeks old (born early: the due date is still to come)."
    )
    assert age_line(Baby("Mia", date(2026, 9, 14)), THURSDAY) == "Mia is 2 months old."
    assert age_line(Baby(None), THURSDAY) is None
    late = Baby("Ada", birth_date=date(2026, 9, 14), due_date=date(2026, 9, 10))
    assert "corrected" not in (age_line(late, THURSDAY) or "")


def test_moods_stay_with_each_caregiver_never_averaged():
    moods = moods_by_caregiver(
        [
            session("2026-11-24", 10, "Sam", 5),
            session("2026-11-24", 20, "Alex", 1),
            session("2026-11-25", 30, "Sam", 3),
            session("2026-11-25", 40, "Sam", None),
        ]
    )
    assert {who: [m.mood for m in marks] for who, marks in moods.items()} == {
        "Alex": [1],
        "Sam": [5, 3],
    }


def test_a_report_adds_up_its_weeks_and_names_its_baby():
    sessions = [session("2026-11-17", 20, "Sam"), session("2026-11-24", 30, "Alex")]
    report = build_report(
        sessions,
        date(2026, 11, 16),
        date(2026, 11, 29),
        THURSDAY,
        TargetSettings(),
        (Baby("Mia"),),
    )
    assert [week.total_minutes for week in report.weeks] == [20, 30]
    assert report.total_minutes == 50 and report.sessions == 2 and report.days_together == 2
    assert report.by_caregiver == {"Alex": 30, "Sam": 20}
    assert list(report.by_baby) == ["Mia"]
    assert report.by_baby["Mia"].total_minutes == 50
    assert report.moods is None
