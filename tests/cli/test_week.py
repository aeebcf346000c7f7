"""bondcoach week, through the command line: the JSON shape, week boundaries, the view."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import LONDON, at, data_files, flat, json_out

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 11, 26, 20, 0, tzinfo=LONDON)  # Thursday evening
TOP_KEYS = {
    "start",
    "end",
    "days",
    "total_minutes",
    "target_minutes",
    "sessions",
    "by_activity",
}
DAY_KEYS = {"date", "minutes", "target_minutes", "sessions"}
FORBIDDEN = ("missed", "behind")


def log(cli, *args: str) -> None:
    result = cli("log", *args)
    assert result.exit_code == 0, (result.stdout, result.stderr)


def week(cli, *args: str) -> dict:
    return json_out(cli("week", "--json", *args))


def day_minutes(summary: dict) -> dict[str, int]:
    return {day["date"]: day["minutes"] for day in summary["days"]}


def is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def use_timezone(monkeypatch, name: str) -> None:
    monkeypatch.setenv("TZ", name)
    time.tzset()


# The JSON shape -----------------------------------------------------------------------


def test_json_shape(cli):
    with at():
        log(cli, "30", "--at", "2026-11-23 09:00", "-a", "sing")
        log(cli, "15", "--at", "2026-11-26 10:00", "-a", "read", "-n", "a note")
        summary = week(cli)
    assert set(summary) >= TOP_KEYS
    assert summary["start"] == "2026-11-23"
    assert summary["end"] == "2026-11-29"
    assert isinstance(summary["days"], list) and len(summary["days"]) == 7
    expected_dates = [(date(2026, 11, 23) + timedelta(days=n)).isoformat() for n in range(7)]
    assert [day["date"] for day in summary["days"]] == expected_dates
    for day in summary["days"]:
        assert set(day) == DAY_KEYS
        assert is_whole(day["minutes"])
        assert is_whole(day["target_minutes"])
        assert is_whole(day["sessions"])
    assert is_whole(summary["total_minutes"])
    assert is_whole(summary["target_minutes"])
    assert is_whole(summary["sessions"])
    assert isinstance(summary["by_activity"], dict)
    assert all(is_whole(minutes) for minutes in summary["by_activity"].values())


def test_json_values_add_up(cli):
    with at():
        log(cli, "30", "--at", "2026-11-23 09:00", "-a", "sing")
        log(cli, "15", "--at", "2026-11-26 10:00")
        log(cli, "5", "--at", "2026-11-26 11:00")
        summary = week(cli)
    assert summary["total_minutes"] == 50 == sum(day["minutes"] for day in summary["days"])
    assert summary["sessions"] == 3 == sum(day["sessions"] for day in summary["days"])
    assert summary["target_minutes"] == sum(day["target_minutes"] for day in summary["days"])
    assert summary["target_minutes"] == 7 * 128  # no profile: the documented default
    days = {day["date"]: day for day in summary["days"]}
    assert (days["2026-11-23"]["minutes"], days["2026-11-23"]["sessions"]) == (30, 1)
    assert (days["2026-11-26"]["minutes"], days["2026-11-26"]["sessions"]) == (20, 2)
    assert (days["2026-11-24"]["minutes"], days["2026-11-24"]["sessions"]) == (0, 0)


def test_empty_week_json(cli):
    with at():
        summary = week(cli)
    assert summary["total_minutes"] == 0
    assert summary["sessions"] == 0
    assert summary["by_activity"] == {}
    assert all(day["minutes"] == 0 and day["sessions"] == 0 for day in summary["days"])


def test_a_two_activity_session_counts_in_both(cli):
    with at():
        log(cli, "20", "--at", "09:00", "-a", "sing", "-a", "talk")
        log(cli, "10", "--at", "10:00", "-a", "talk")
        summary = week(cli)
    assert summary["by_activity"] == {"talk": 30, "sing": 20}
    assert summary["total_minutes"] == 30  # the session itself counts once


def test_activity_names_ignore_case(cli):
    with at():
        log(cli, "10", "--at", "09:00", "-a", "Sing")
        log(cli, "5", "--at", "10:00", "-a", "SING")
        log(cli, "7", "--at", "11:00", "-a", "skin-to-skin, Sing")
        summary = week(cli)
    assert summary["by_activity"] == {"sing": 22, "skin-to-skin": 7}


# Boundaries ---------------------------------------------------------------------------


def test_sunday_2330_and_monday_0010_fall_in_different_weeks(cli):
    with at(datetime(2026, 11, 30, 8, 0, tzinfo=LONDON)):  # Monday morning
        log(cli, "45", "--at", "2026-11-29 23:30")  # Sunday, runs past midnight
        log(cli, "20", "--at", "2026-11-30 00:10")  # Monday
        earlier = week(cli, "--of", "2026-11-29")
        this = week(cli)
    assert (earlier["start"], earlier["end"]) == ("2026-11-23", "2026-11-29")
    assert (this["start"], this["end"]) == ("2026-11-30", "2026-12-06")
    assert earlier["total_minutes"] == 45
    assert day_minutes(earlier)["2026-11-29"] == 45
    assert this["total_minutes"] == 20
    assert day_minutes(this)["2026-11-30"] == 20


def test_a_week_across_two_months(cli):
    with at(datetime(2026, 12, 3, 20, 0, tzinfo=LONDON)):
        log(cli, "10", "--at", "2026-11-30 09:00")
        log(cli, "20", "--at", "2026-12-01 09:00")
        summary = week(cli)
    assert (summary["start"], summary["end"]) == ("2026-11-30", "2026-12-06")
    assert summary["total_minutes"] == 30


def test_a_week_across_two_years(cli):
    with at(datetime(2027, 1, 2, 20, 0, tzinfo=LONDON)):
        log(cli, "10", "--at", "2026-12-28 09:00")
        log(cli, "20", "--at", "2027-01-01 09:00")
        summary = week(cli)
    assert (summary["start"], summary["end"]) == ("2026-12-28", "2027-01-03")
    assert summary["total_minutes"] == 30


@pytest.mark.parametrize(
    ("of", "start", "end"),
    [
        ("2026-11-23", "2026-11-23", "2026-11-29"),  # a Monday
        ("2026-11-26", "2026-11-23", "2026-11-29"),
        ("2026-11-29", "2026-11-23", "2026-11-29"),  # a Sunday
        ("2026-03-01", "2026-02-23", "2026-03-01"),
        ("2028-02-29", "2028-02-28", "2028-03-05"),
    ],
)
def test_of_shows_the_week_that_holds_the_date(cli, of, start, end):
    with at():
        summary = week(cli, "--of", of)
    assert (summary["start"], summary["end"]) == (start, end)


def test_of_shows_only_that_weeks_sessions(cli):
    with at():
        log(cli, "10", "--at", "2026-11-16 09:00")
        log(cli, "20", "--at", "2026-11-24 09:00")
        earlier = week(cli, "--of", "2026-11-18")
        later = week(cli, "--of", "2026-11-24")
    assert earlier["total_minutes"] == 10
    assert later["total_minutes"] == 20


@pytest.mark.parametrize("bad", ["2026-11-31", "next week", "26/11/2026", "2026-13-01", ""])
def test_bad_of_is_exit_2(cli, bad):
    result = cli("week", "--of", bad)
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert "--of" in message
    assert len(message.splitlines()) == 1
    assert "Traceback" not in result.output
    assert result.stdout == ""


# The view for people ------------------------------------------------------------------


def test_human_view_lists_days_totals_activities_and_notes(cli):
    with at():
        log(cli, "30", "--at", "2026-11-23 09:00", "-a", "sing")
        log(cli, "25", "--at", "2026-11-26 10:00", "-a", "skin-to-skin", "-n", "calm today")
        result = cli("week")
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    for label in ("Mon 23 Nov", "Tue 24 Nov", "Wed 25 Nov", "Thu 26 Nov", "Sun 29 Nov"):
        assert label in out
    assert "55 min" in out  # the week's total
    assert "30 min" in out and "25 min" in out  # the days'
    assert "sing" in out and "skin-to-skin" in out
    assert "calm today" in out
    for word in FORBIDDEN:
        assert word not in out.lower()


def test_a_note_with_brackets_shows_literally(cli):
    with at():
        log(cli, "10", "--at", "09:00", "-n", "[bold]smiled[/bold] at [me] and [/]")
        log(cli, "10", "--at", "10:00", "-a", "[dim]peekaboo", "-w", "[b]Sam")
        result = cli("week")
    assert result.exit_code == 0, result.output
    out = flat(result.stdout)
    assert "[bold]smiled[/bold] at [me] and [/]" in out
    assert "[dim]peekaboo" in out
    assert "[b]Sam" in out


def test_an_empty_week_says_so_kindly(cli):
    with at():
        result = cli("week")
    assert result.exit_code == 0, result.output
    out = flat(result.stdout).lower()
    assert "nothing logged" in out
    assert "bondcoach log" in out
    for word in FORBIDDEN:
        assert word not in out


def test_week_reads_but_never_writes_the_data_folder(cli, folders):
    with at():
        log(cli, "10", "--at", "09:00")
        before = data_files(folders.data)
        assert cli("week").exit_code == 0
        assert cli("week", "--json").exit_code == 0
        assert data_files(folders.data) == before


# Time zones ---------------------------------------------------------------------------


def test_a_session_at_2330_local_counts_on_that_local_date(cli, monkeypatch):
    use_timezone(monkeypatch, "America/New_York")
    with at(datetime(2026, 11, 27, 1, 0, tzinfo=NEW_YORK)):  # 06:00 UTC on the 27th
        log(cli, "20", "--at", "2026-11-26 23:30")  # 04:30 UTC on the 27th
        summary = week(cli)
    assert day_minutes(summary)["2026-11-26"] == 20
    assert day_minutes(summary)["2026-11-27"] == 0


def test_a_session_after_midnight_in_summer_time_counts_on_that_date(cli):
    with at(datetime(2026, 6, 2, 9, 0, tzinfo=LONDON)):
        log(cli, "20", "--at", "2026-06-02 00:30")  # 23:30 UTC on the 1st
        log(cli, "15", "--at", "2026-06-01 23:30")  # 22:30 UTC on the 1st
        summary = week(cli)
    assert day_minutes(summary)["2026-06-02"] == 20
    assert day_minutes(summary)["2026-06-01"] == 15


def test_a_session_keeps_the_date_it_was_logged_with_after_travel(cli, monkeypatch):
    with at(datetime(2026, 11, 26, 9, 0, tzinfo=LONDON)):
        log(cli, "20", "--at", "2026-11-26 02:00")  # 21:00 on the 25th in New York
    use_timezone(monkeypatch, "America/New_York")
    with at(datetime(2026, 11, 26, 12, 0, tzinfo=NEW_YORK)):
        summary = week(cli)
    assert day_minutes(summary)["2026-11-26"] == 20
    assert day_minutes(summary)["2026-11-25"] == 0
