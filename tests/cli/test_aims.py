"""Age-aware daily targets, through the command line (week --json and setup --show --json).

15 minutes per awake hour; awake hours are 24 minus the middle of the National Sleep
Foundation's 2015 recommended sleep for the age, minutes rounded half up:
0-3 months 8.5 h -> 128, 4-11 months 10.5 h -> 158, 1-2 years 11.5 h -> 173,
3-5 years 12.5 h -> 188.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from helpers import LONDON, at, json_out

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=LONDON)  # Thursday; the week is Mon 23 - Sun 29 Nov
WEEK = [f"2026-11-{day}" for day in range(23, 30)]


def ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)


def targets(cli, *args: str) -> dict[str, int]:
    summary = json_out(cli("week", "--json", *args))
    return {day["date"]: day["target_minutes"] for day in summary["days"]}


def target_today(cli) -> int:
    return json_out(cli("setup", "--show", "--json"))["target_minutes_today"]


def test_no_profile_uses_the_documented_newborn_default(cli):
    with at():
        week_targets = targets(cli)
        today = target_today(cli)
    assert week_targets == dict.fromkeys(WEEK, 128)
    assert today == 128


@pytest.mark.parametrize(
    ("birth_date", "expected", "age"),
    [
        ("2026-11-25", 128, "born yesterday"),
        ("2026-11-26", 128, "born today"),
        ("2026-09-01", 128, "nearly 3 months"),
        ("2026-03-01", 158, "8 months"),
        ("2025-12-01", 158, "11 months"),
        ("2025-11-26", 173, "1 year today"),
        ("2024-11-01", 173, "2 years"),
        ("2023-11-26", 188, "3 years today"),
        ("2022-11-01", 188, "4 years"),
    ],
)
def test_target_today_follows_the_age(cli, birth_date, expected, age):
    with at():
        ok(cli("setup", "--birth-date", birth_date))
        today = target_today(cli)
        week_targets = targets(cli)
    assert today == expected, age
    assert week_targets["2026-11-26"] == expected, age


@pytest.mark.parametrize(
    ("birth_date", "expected"),
    [("2026-03-01", 158), ("2024-11-01", 173), ("2022-11-01", 188)],
    ids=["8 months", "2 years", "4 years"],
)
def test_every_day_of_the_week_has_the_age_target(cli, birth_date, expected):
    with at():
        ok(cli("setup", "--birth-date", birth_date))
        week_targets = targets(cli)
    assert week_targets == dict.fromkeys(WEEK, expected)


def test_first_days_and_the_days_before_the_birth(cli):
    """Born yesterday (Wednesday): Monday and Tuesday of that week have no target."""
    with at():
        ok(cli("setup", "--birth-date", "2026-11-25"))
        week_targets = targets(cli)
        summary = json_out(cli("week", "--json"))
    assert week_targets == {
        "2026-11-23": 0,
        "2026-11-24": 0,
        "2026-11-25": 128,
        "2026-11-26": 128,
        "2026-11-27": 128,
        "2026-11-28": 128,
        "2026-11-29": 128,
    }
    assert summary["target_minutes"] == 5 * 128


def test_a_week_wholly_before_the_birth_has_no_target(cli):
    with at():
        ok(cli("setup", "--birth-date", "2026-11-25"))
        week_targets = targets(cli, "--of", "2026-11-10")
    assert set(week_targets.values()) == {0}


def test_the_target_changes_on_the_day_the_age_band_changes(cli):
    """Born 27 July: four months old on Friday 27 November, so 128 until then, 158 after."""
    with at():
        ok(cli("setup", "--birth-date", "2026-07-27"))
        week_targets = targets(cli)
    assert [week_targets[day] for day in WEEK] == [128, 128, 128, 128, 158, 158, 158]


def test_awake_hours_override(cli):
    with at():
        ok(cli("setup", "--birth-date", "2026-03-01", "--awake-hours", "10"))
        week_targets = targets(cli)
        today = target_today(cli)
    assert week_targets == dict.fromkeys(WEEK, 150)
    assert today == 150


def test_awake_hours_override_without_a_birth_date(cli):
    with at():
        ok(cli("setup", "--awake-hours", "10"))
        assert targets(cli) == dict.fromkeys(WEEK, 150)


def test_half_minutes_round_up(cli):
    """9.5 awake hours are 142.5 minutes: half up gives 143, never 142."""
    with at():
        ok(cli("setup", "--awake-hours", "9.5"))
        assert target_today(cli) == 143


def test_two_caregivers_count_against_one_target(cli):
    with at():
        ok(cli("setup", "--birth-date", "2026-03-01"))
        ok(cli("log", "60", "--at", "2026-11-26 09:00", "--who", "Sam"))
        logged = json_out(cli("log", "70", "--at", "2026-11-26 14:00", "--who", "Alex", "--json"))
        summary = json_out(cli("week", "--json"))
    today = next(day for day in summary["days"] if day["date"] == "2026-11-26")
    assert today["minutes"] == 130
    assert today["target_minutes"] == 158
    assert summary["by_caregiver"] == {"Alex": 70, "Sam": 60}
    assert summary["target_minutes"] == 7 * 158
    assert logged["today"]["minutes"] == 130
    assert logged["today"]["target_minutes"] == 158


def test_the_log_shows_the_same_target_as_the_week(cli):
    with at():
        ok(cli("setup", "--birth-date", "2024-11-01"))
        logged = json_out(cli("log", "15", "--json"))
    assert logged["today"]["target_minutes"] == 173
