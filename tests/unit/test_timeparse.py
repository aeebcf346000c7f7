"""Times: minutes, durations, --at and dates, across summer-time changes.

Split from test_core.py, which bundled five modules."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from helpers import LONDON

from bondcoach.core import timeparse
from bondcoach.errors import InputError

NEW_YORK = ZoneInfo("America/New_York")
UTC = timezone.utc


def use_timezone(monkeypatch, name: str) -> None:
    monkeypatch.setenv("TZ", name)
    time.tzset()


def refused(function, *args) -> InputError:
    with pytest.raises(InputError) as caught:
        function(*args)
    assert caught.value.exit_code == 2
    assert caught.value.message and "\n" not in caught.value.message
    return caught.value


# timeparse: minutes and durations --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"), [("15", 15), (" 7 ", 7), ("1", 1), ("1440", 1440), ("0090", 90)]
)
def test_parse_minutes_accepts_whole_numbers(text, minutes):
    assert timeparse.parse_minutes(text) == minutes


@pytest.mark.parametrize("text", ["0", "-3", "1441", "15.5", "abc", "", " ", "1e3", "½", "²"])
def test_parse_minutes_refuses_the_rest(text):
    refused(timeparse.parse_minutes, text)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("20m", 20), ("1h", 60), ("1h30m", 90), ("90 min", 90), ("2H", 120), ("1h 5m", 65)],
)
def test_parse_duration(text, minutes):
    assert timeparse.parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["", "abc", "0m", "0h0m", "-5m", "20", "1d", "m"])
def test_parse_duration_refuses_the_rest(text):
    refused(timeparse.parse_duration, text)


# timeparse: --at ---------------------------------------------------------------------

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


def test_parse_at_full_date_and_time():
    start = timeparse.parse_at("2026-11-24 14:30", NOW)
    assert start == datetime(2026, 11, 24, 14, 30, tzinfo=LONDON)
    assert start.utcoffset() == timedelta(0)
    assert start.tzinfo is not None


def test_parse_at_summer_time_has_its_offset():
    start = timeparse.parse_at("2026-07-01 09:00", NOW)
    assert start.utcoffset() == timedelta(hours=1)
    assert start.replace(tzinfo=None) == datetime(2026, 7, 1, 9, 0)


def test_parse_at_accepts_a_t_and_extra_spaces():
    expected = datetime(2026, 11, 24, 14, 30, tzinfo=LONDON)
    assert timeparse.parse_at("2026-11-24T14:30", NOW) == expected
    assert timeparse.parse_at("  2026-11-24   14:30 ", NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:30", datetime(2026, 11, 26, 9, 30)),
        ("9:30", datetime(2026, 11, 26, 9, 30)),
        ("10:00", datetime(2026, 11, 26, 10, 0)),  # now is not still to come
        ("10:01", datetime(2026, 11, 25, 10, 1)),
        ("23:59", datetime(2026, 11, 25, 23, 59)),
        ("00:00", datetime(2026, 11, 26, 0, 0)),
    ],
)
def test_parse_at_time_only(text, expected):
    start = timeparse.parse_at(text, NOW)
    assert start.replace(tzinfo=None) == expected
    assert start.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "text", ["", "yesterday", "25:00", "12:60", "2026-02-30 10:00", "2026-11-24 14:30+01:00"]
)
def test_parse_at_refuses_what_does_not_parse(text):
    refused(timeparse.parse_at, text, NOW)


def test_london_spring_forward_time_does_not_exist():
    error = refused(timeparse.parse_at, "2026-03-29 01:30", NOW)
    assert "2026-03-29 01:30" in error.message


def test_london_spring_forward_time_only_does_not_exist():
    now = datetime(2026, 3, 29, 12, 0, tzinfo=LONDON)
    refused(timeparse.parse_at, "01:30", now)


def test_london_fall_back_time_is_its_first_occurrence():
    start = timeparse.parse_at("2026-10-25 01:30", NOW)
    assert start.utcoffset() == timedelta(hours=1)
    assert start.replace(tzinfo=None) == datetime(2026, 10, 25, 1, 30)
    assert start == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def test_london_times_either_side_of_the_changes():
    assert timeparse.parse_at("2026-03-29 00:59", NOW).utcoffset() == timedelta(0)
    assert timeparse.parse_at("2026-03-29 02:00", NOW).utcoffset() == timedelta(hours=1)
    assert timeparse.parse_at("2026-10-25 02:00", NOW).utcoffset() == timedelta(0)


def test_new_york_spring_forward_time_does_not_exist(monkeypatch):
    use_timezone(monkeypatch, "America/New_York")
    now = datetime(2026, 11, 26, 10, 0, tzinfo=NEW_YORK)
    refused(timeparse.parse_at, "2026-03-08 02:30", now)


def test_new_york_fall_back_time_is_its_first_occurrence(monkeypatch):
    use_timezone(monkeypatch, "America/New_York")
    now = datetime(2026, 11, 26, 10, 0, tzinfo=NEW_YORK)
    start = timeparse.parse_at("2026-11-01 01:30", now)
    assert start.utcoffset() == timedelta(hours=-4)
    assert start.replace(tzinfo=None) == datetime(2026, 11, 1, 1, 30)
    assert timeparse.parse_at("2026-11-26 09:00", now).utcoffset() == timedelta(hours=-5)


def test_check_not_future():
    timeparse.check_not_future(NOW - timedelta(minutes=15), 15, NOW)
    timeparse.check_not_future(NOW - timedelta(minutes=14), 15, NOW)  # a minute of slack
    refused(timeparse.check_not_future, NOW - timedelta(minutes=13), 15, NOW)
    refused(timeparse.check_not_future, NOW + timedelta(minutes=5), 1, NOW)


@pytest.mark.parametrize("text", ["2026-11-31", "tomorrow", ""])
def test_parse_date_refuses_bad_dates_naming_the_option(text):
    error = refused(timeparse.parse_date, text, "--of")
    assert "--of" in error.message
