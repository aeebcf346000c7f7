"""Unit tests of the core: times, targets, ages, weeks and the session store."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import LONDON
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bondcoach.core import ages, targets, timeparse
from bondcoach.core.models import Session
from bondcoach.core.week import week_bounds
from bondcoach.errors import InputError
from bondcoach.storage import session_store as store

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


# targets -----------------------------------------------------------------------------

DAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("settings", "minutes"),
    [
        (targets.TargetSettings(), 128),  # no profile: the documented default
        (targets.TargetSettings(birth_date=DAY), 128),  # newborn
        (targets.TargetSettings(birth_date=date(2026, 3, 26)), 158),  # 8 months
        (targets.TargetSettings(birth_date=date(2024, 11, 26)), 173),  # 2 years
        (targets.TargetSettings(birth_date=date(2022, 11, 26)), 188),  # 4 years
        (targets.TargetSettings(birth_date=date(2026, 12, 1)), 0),  # not yet born
        (targets.TargetSettings(awake_hours_override=10), 150),
        (targets.TargetSettings(birth_date=DAY, awake_hours_override=10), 150),
    ],
)
def test_daily_target(settings, minutes):
    assert targets.daily_target(DAY, settings) == minutes


def test_daily_target_changes_at_the_age_bands():
    birth = date(2026, 1, 15)
    settings = targets.TargetSettings(birth_date=birth)
    assert targets.daily_target(date(2026, 5, 14), settings) == 128  # 3 months
    assert targets.daily_target(date(2026, 5, 15), settings) == 158  # 4 months


# ages --------------------------------------------------------------------------------


def test_add_age_month_end():
    assert ages.add_age(date(2026, 1, 31), 1, "month") == date(2026, 2, 28)
    assert ages.add_age(date(2028, 1, 31), 1, "month") == date(2028, 2, 29)
    assert ages.add_age(date(2026, 1, 31), 2, "month") == date(2026, 3, 31)
    assert ages.add_age(date(2028, 2, 29), 1, "year") == date(2029, 2, 28)
    assert ages.add_age(date(2026, 11, 30), 3, "month") == date(2027, 2, 28)
    assert ages.add_age(date(2026, 1, 1), 6, "week") == date(2026, 2, 12)
    assert ages.add_age(date(2026, 1, 1), 10, "day") == date(2026, 1, 11)


def test_months_old():
    birth = date(2026, 1, 31)
    assert ages.months_old(birth, date(2026, 1, 31)) == 0
    assert ages.months_old(birth, date(2026, 2, 27)) == 0
    assert ages.months_old(birth, date(2026, 2, 28)) == 1
    assert ages.months_old(birth, date(2026, 3, 30)) == 1
    assert ages.months_old(birth, date(2026, 3, 31)) == 2
    assert ages.months_old(birth, date(2027, 1, 31)) == 12
    assert ages.months_old(birth, date(2025, 12, 31)) < 0


@given(
    birth=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    months=st.integers(min_value=0, max_value=200),
)
def test_months_old_is_consistent_with_add_age(birth, months):
    reached = ages.add_age(birth, months, "month")
    assert ages.months_old(birth, reached) == months
    assert ages.months_old(birth, reached - timedelta(days=1)) <= months


# week bounds -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (date(2026, 11, 26), date(2026, 11, 23), date(2026, 11, 29)),
        (date(2026, 11, 23), date(2026, 11, 23), date(2026, 11, 29)),
        (date(2026, 11, 29), date(2026, 11, 23), date(2026, 11, 29)),
        (date(2026, 11, 30), date(2026, 11, 30), date(2026, 12, 6)),
        (date(2027, 1, 1), date(2026, 12, 28), date(2027, 1, 3)),
    ],
)
def test_week_bounds_monday(day, start, end):
    assert week_bounds(day) == (start, end)
    assert week_bounds(day, "monday") == (start, end)


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (date(2026, 11, 26), date(2026, 11, 22), date(2026, 11, 28)),
        (date(2026, 11, 28), date(2026, 11, 22), date(2026, 11, 28)),
        (date(2026, 11, 29), date(2026, 11, 29), date(2026, 12, 5)),
    ],
)
def test_week_bounds_sunday(day, start, end):
    assert week_bounds(day, "sunday") == (start, end)


@given(st.dates(), st.sampled_from(["monday", "sunday"]))
def test_week_bounds_properties(day, week_start):
    start, end = week_bounds(day, week_start)
    assert start <= day <= end
    assert end - start == timedelta(days=6)
    assert start.weekday() == (0 if week_start == "monday" else 6)


# The store ---------------------------------------------------------------------------


def make_store(root: Path, device: str = "deva") -> store.SessionStore:
    return store.SessionStore(root=root, device=device, lock_file=root / "locks" / "s.lock")


def session(session_id: str, start: datetime, minutes: int = 15, **fields: object) -> Session:
    return Session(id=session_id, start=start, minutes=minutes, **fields)


def write_month_file(path: Path, records: list[tuple[Session, datetime, bool]]) -> None:
    payload = {
        "schema": store.SCHEMA_VERSION,
        "device": path.parent.name,
        "month": path.name[:7],
        "records": [],
    }
    for item, updated, deleted in records:
        record = item.model_dump(mode="json")
        record["updated"] = updated.isoformat()
        if deleted:
            record["deleted"] = True
        payload["records"].append(record)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload), encoding="utf-8")


NOV = (date(2026, 11, 1), date(2026, 11, 30))
DEC = (date(2026, 12, 1), date(2026, 12, 31))
BOTH = (date(2026, 11, 1), date(2026, 12, 31))
T0 = datetime(2026, 12, 2, 8, 0, tzinfo=LONDON)


def test_store_round_trip(tmp_path):
    sessions_store = make_store(tmp_path)
    first = session(
        "aaaa1111",
        datetime(2026, 11, 10, 9, 0, tzinfo=LONDON),
        20,
        activities=("sing", "talk"),
        mood=4,
        note='she "laughed"\nand [smiled]',
        who="Sam",
    )
    second = session("bbbb2222", datetime(2026, 11, 11, 23, 30, tzinfo=LONDON))
    sessions_store.add(second, T0)
    sessions_store.add(first, T0)
    assert sessions_store.sessions_between(*NOV) == [first, second]  # oldest first
    assert sessions_store.sessions_between(date(2026, 11, 11), date(2026, 11, 11)) == [second]
    assert (tmp_path / "sessions" / "deva" / "2026-11.json").is_file()
    raw = json.loads((tmp_path / "sessions" / "deva" / "2026-11.json").read_text())
    assert raw["schema"] == store.SCHEMA_VERSION


def test_a_new_store_is_empty(tmp_path):
    assert make_store(tmp_path).sessions_between(*BOTH) == []


def test_newest_version_wins_whatever_the_order_in_the_file(tmp_path):
    start = datetime(2026, 11, 10, 9, 0, tzinfo=LONDON)
    old, new = session("cccc3333", start, 10), session("cccc3333", start, 40)
    write_month_file(
        tmp_path / "sessions" / "deva" / "2026-11.json",
        [(new, T0 + timedelta(hours=1), False), (old, T0, False)],
    )
    assert make_store(tmp_path).sessions_between(*NOV) == [new]


@pytest.mark.parametrize("newer_device", ["deva", "devb"])
def test_newest_version_wins_across_devices(tmp_path, newer_device):
    start = datetime(2026, 11, 10, 9, 0, tzinfo=LONDON)
    older_device = "devb" if newer_device == "deva" else "deva"
    old, new = session("dddd4444", start, 10), session("dddd4444", start, 40)
    write_month_file(tmp_path / "sessions" / older_device / "2026-11.json", [(old, T0, False)])
    write_month_file(
        tmp_path / "sessions" / newer_device / "2026-11.json",
        [(new, T0 + timedelta(minutes=1), False)],
    )
    assert make_store(tmp_path).sessions_between(*NOV) == [new]


def test_a_newer_deletion_hides_a_session(tmp_path):
    sessions_store = make_store(tmp_path)
    item = session("eeee5555", datetime(2026, 11, 10, 9, 0, tzinfo=LONDON))
    sessions_store.add(item, T0)
    sessions_store.delete(item, T0 + timedelta(minutes=1))
    assert sessions_store.sessions_between(*NOV) == []


def test_replace_in_the_same_month(tmp_path):
    sessions_store = make_store(tmp_path)
    item = session("ffff6666", datetime(2026, 11, 10, 9, 0, tzinfo=LONDON), 10)
    edited = item.model_copy(update={"minutes": 25})
    sessions_store.add(item, T0)
    sessions_store.replace(item, edited, T0 + timedelta(minutes=1))
    assert sessions_store.sessions_between(*NOV) == [edited]


def test_a_session_moved_to_another_month_appears_once(tmp_path):
    sessions_store = make_store(tmp_path)
    item = session("abcd7777", datetime(2026, 11, 30, 20, 0, tzinfo=LONDON), 30)
    moved = item.model_copy(update={"start": datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)})
    sessions_store.add(item, T0)
    sessions_store.replace(item, moved, T0 + timedelta(minutes=1))
    assert sessions_store.sessions_between(*BOTH) == [moved]
    assert sessions_store.sessions_between(*NOV) == []
    assert sessions_store.sessions_between(*DEC) == [moved]
    fresh = make_store(tmp_path, "devz")  # another computer reading the synced folder
    assert fresh.sessions_between(*NOV) == []
    assert fresh.sessions_between(*DEC) == [moved]


def test_a_session_moved_there_and_back(tmp_path):
    sessions_store = make_store(tmp_path)
    item = session("abcd8888", datetime(2026, 11, 30, 20, 0, tzinfo=LONDON), 30)
    moved = item.model_copy(update={"start": datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)})
    back = item.model_copy(update={"start": datetime(2026, 11, 15, 9, 0, tzinfo=LONDON)})
    sessions_store.add(item, T0)
    sessions_store.replace(item, moved, T0 + timedelta(minutes=1))
    sessions_store.replace(moved, back, T0 + timedelta(minutes=2))
    assert sessions_store.sessions_between(*BOTH) == [back]
    assert sessions_store.sessions_between(*NOV) == [back]
    assert sessions_store.sessions_between(*DEC) == []


def test_conflict_copies_are_read_and_merged_without_duplicates(tmp_path):
    sessions_store = make_store(tmp_path, "deva")
    day = datetime(2026, 11, 10, 9, 0, tzinfo=LONDON)
    a = session("aaaa0001", day, 10)
    b = session("bbbb0002", day + timedelta(days=2), 20)
    c = session("cccc0003", day + timedelta(days=4), 30)
    d = session("dddd0004", day + timedelta(days=6), 40)
    b_edited = b.model_copy(update={"minutes": 45})
    sessions_store.add(a, T0)
    sessions_store.add(b, T0)
    folder = tmp_path / "sessions" / "deva"
    shutil.copy(folder / "2026-11.json", folder / "2026-11 (conflicted copy).json")
    sessions_store.add(c, T0 + timedelta(minutes=1))
    write_month_file(
        folder / "2026-11.sync-conflict-20261120-1.json",
        [(a, T0, False), (b_edited, T0 + timedelta(minutes=5), False), (d, T0, False)],
    )
    found = sessions_store.sessions_between(*NOV)
    assert [s.id for s in found] == ["aaaa0001", "bbbb0002", "cccc0003", "dddd0004"]
    assert found[1].minutes == 45
    assert make_store(tmp_path, "devz").sessions_between(*NOV) == found


def test_writing_keeps_records_of_other_devices_untouched(tmp_path):
    other = tmp_path / "sessions" / "devb" / "2026-11.json"
    theirs = session("bbbb9999", datetime(2026, 11, 3, 9, 0, tzinfo=LONDON))
    write_month_file(other, [(theirs, T0, False)])
    before = other.read_bytes()
    mine = session("aaaa9999", datetime(2026, 11, 4, 9, 0, tzinfo=LONDON))
    make_store(tmp_path, "deva").add(mine, T0)
    assert other.read_bytes() == before
    assert make_store(tmp_path).sessions_between(*NOV) == [theirs, mine]


# A hypothesis round trip ---------------------------------------------------------------

FIXED_OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
STARTS = st.datetimes(
    min_value=datetime(1990, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.one_of(st.timezones(), FIXED_OFFSETS),
)
SESSIONS = st.builds(
    Session,
    id=st.from_regex(r"[0-9a-z]{4,64}", fullmatch=True),
    start=STARTS,
    minutes=st.integers(min_value=1, max_value=1440),
    activities=st.lists(st.text(min_size=1, max_size=20), max_size=4).map(tuple),
    mood=st.none() | st.integers(min_value=1, max_value=5),
    note=st.none() | st.text(max_size=200),
    who=st.none() | st.text(max_size=30),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(item=SESSIONS)
def test_any_session_survives_the_store(item):
    with tempfile.TemporaryDirectory() as folder:
        sessions_store = make_store(Path(folder))
        sessions_store.add(item, datetime(2026, 1, 1, tzinfo=UTC))
        [restored] = sessions_store.sessions_between(item.day, item.day)
        again = make_store(Path(folder), "other").sessions_between(item.day, item.day)
    assert restored.day == item.day
    assert restored.start.replace(tzinfo=None) == item.start.replace(tzinfo=None)
    assert restored.start.utcoffset() == item.start.utcoffset()
    assert restored.model_dump(exclude={"start"}) == item.model_dump(exclude={"start"})
    assert again == [restored]
