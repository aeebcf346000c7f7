"""Daylight saving: both changes of 2026 in Europe/London and America/New_York.

The documented rule (timeparse.localize): a wall time that happens twice means its first
occurrence; a wall time that never happens is refused with exit 2. Days and weeks follow
the local calendar.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from helpers import data_files, json_out


@dataclass(frozen=True)
class Zone:
    name: str
    spring: date  # clocks go forward
    missing: str  # a wall time that never happens that night
    before_gap: tuple[str, str]  # the last minute before the gap, and its offset
    after_gap: tuple[str, str]  # the first minute after it, and its offset
    autumn: date  # clocks go back
    ambiguous: str  # a wall time that happens twice
    first_offset: str  # its first occurrence's offset
    after_repeat: tuple[str, str]  # the first minute after the repeated hour

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.name)


UK = Zone(
    name="Europe/London",
    spring=date(2026, 3, 29),
    missing="2026-03-29 01:30",
    before_gap=("2026-03-29 00:59", "+00:00"),
    after_gap=("2026-03-29 02:00", "+01:00"),
    autumn=date(2026, 10, 25),
    ambiguous="2026-10-25 01:30",
    first_offset="+01:00",
    after_repeat=("2026-10-25 02:00", "+00:00"),
)
NEW_YORK = Zone(
    name="America/New_York",
    spring=date(2026, 3, 8),
    missing="2026-03-08 02:30",
    before_gap=("2026-03-08 01:59", "-05:00"),
    after_gap=("2026-03-08 03:00", "-04:00"),
    autumn=date(2026, 11, 1),
    ambiguous="2026-11-01 01:30",
    first_offset="-04:00",
    after_repeat=("2026-11-01 02:00", "-05:00"),
)
ZONES = [UK, NEW_YORK]


@pytest.fixture(params=ZONES, ids=lambda zone: zone.name)
def zone(request, monkeypatch) -> Zone:
    monkeypatch.setenv("TZ", request.param.name)
    time.tzset()
    return request.param


def travel(zone: Zone, *parts: int) -> time_machine.travel:
    return time_machine.travel(datetime(*parts, tzinfo=zone.tz), tick=False)


def after_both_changes(zone: Zone) -> time_machine.travel:
    return travel(zone, 2026, 11, 26, 12, 0)


def offset(iso: str) -> str:
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    delta = moment.utcoffset()
    assert delta is not None
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def logged(cli, *args: str) -> dict:
    return json_out(cli("log", *args, "--json"))["session"]


def day_minutes(cli, day: date) -> dict[str, int]:
    summary = json_out(cli("week", "--of", day.isoformat(), "--json"))
    return {entry["date"]: entry["minutes"] for entry in summary["days"]}


# Clocks go forward: the missing hour ------------------------------------------------------


def test_a_time_that_never_happened_is_refused_and_nothing_is_written(cli, folders, zone):
    with after_both_changes(zone):
        result = cli("log", "20", "--at", zone.missing)
    assert result.exit_code == 2, result.output
    assert "did not happen" in result.stderr
    assert zone.missing in result.stderr
    assert "Traceback" not in result.output
    assert data_files(folders.data) == {}


def test_editing_into_the_missing_hour_is_refused(cli, folders, zone):
    with after_both_changes(zone):
        session = logged(cli, "20", "--at", zone.before_gap[0])
        before = data_files(folders.data)
        result = cli("edit", session["id"], "--at", zone.missing)
    assert result.exit_code == 2, result.output
    assert data_files(folders.data) == before


def test_importing_a_row_in_the_missing_hour_is_refused(cli, folders, zone, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text(f"start,minutes\n{zone.before_gap[0]},5\n{zone.missing},10\n")
    with after_both_changes(zone):
        result = cli("import", str(path))
    assert result.exit_code == 2, result.output
    assert "line 3" in result.stderr
    assert data_files(folders.data) == {}


@pytest.mark.parametrize("edge", ["before_gap", "after_gap"])
def test_the_minutes_around_the_gap_get_the_offset_in_force(cli, zone, edge):
    wall, expected = getattr(zone, edge)
    with after_both_changes(zone):
        session = logged(cli, "5", "--at", wall)
        [stored] = json_out(cli("history", "--json"))
    assert stored["start"] == session["start"]
    assert offset(stored["start"]) == expected
    assert stored["start"].replace("T", " ").startswith(wall)


# Clocks go back: the repeated hour ----------------------------------------------------------


def test_a_repeated_time_is_its_first_occurrence(cli, zone):
    with after_both_changes(zone):
        logged(cli, "20", "--at", zone.ambiguous)
        [stored] = json_out(cli("history", "--json"))
    assert stored["start"] == f"{zone.ambiguous.replace(' ', 'T')}:00{zone.first_offset}"
    assert stored["day"] == zone.autumn.isoformat()


def test_the_hour_after_the_repeat_has_the_winter_offset(cli, zone):
    wall, expected = zone.after_repeat
    with after_both_changes(zone):
        logged(cli, "20", "--at", wall)
        [stored] = json_out(cli("history", "--json"))
    assert offset(stored["start"]) == expected


def test_a_repeated_time_in_an_import_is_its_first_occurrence(cli, zone, tmp_path):
    path = tmp_path / "tracker.csv"
    path.write_text(f"start,minutes\n{zone.ambiguous},10\n")
    with after_both_changes(zone):
        assert cli("import", str(path)).exit_code == 0
        [stored] = json_out(cli("history", "--json"))
    assert offset(stored["start"]) == zone.first_offset


def test_a_clock_time_on_the_night_itself_means_the_first_occurrence(cli, zone):
    # "Now" is in the second run of the repeated hour, a quarter of an hour after the
    # second 01:30; "--at 01:30" still means the first one.
    wall = datetime.fromisoformat(zone.ambiguous)
    second_time_round = (wall + timedelta(minutes=15)).replace(tzinfo=zone.tz, fold=1)
    with time_machine.travel(second_time_round, tick=False):
        session = logged(cli, "10", "--at", zone.ambiguous[-5:])
    start = datetime.fromisoformat(session["start"])
    # (Compared as instants: Python never calls an ambiguous time equal across zones.)
    assert start.timestamp() == wall.replace(tzinfo=zone.tz, fold=0).timestamp()
    assert offset(session["start"]) == zone.first_offset


# Days follow the local calendar ----------------------------------------------------------------


@pytest.mark.parametrize("which", ["spring", "autumn", "summer", "winter"])
def test_a_session_at_23_30_counts_on_its_local_date(cli, zone, which):
    day = {
        "spring": zone.spring,
        "autumn": zone.autumn,
        "summer": date(2026, 7, 15),
        "winter": date(2026, 1, 14),
    }[which]
    with after_both_changes(zone):
        session = logged(cli, "20", "--at", f"{day} 23:30")
        minutes = day_minutes(cli, day)
        following = day_minutes(cli, day + timedelta(days=1))
    assert session["day"] == day.isoformat()
    assert minutes[day.isoformat()] == 20
    assert following[(day + timedelta(days=1)).isoformat()] == 0


def test_half_past_midnight_counts_on_its_own_date(cli, zone):
    day = date(2026, 7, 15)  # summer: half past midnight is the previous day in UTC
    with after_both_changes(zone):
        logged(cli, "20", "--at", f"{day} 00:30")
        minutes = day_minutes(cli, day)
        previous = day_minutes(cli, day - timedelta(days=1))
    assert minutes[day.isoformat()] == 20
    assert previous[(day - timedelta(days=1)).isoformat()] == 0


@pytest.mark.parametrize("season", ["spring", "autumn"])
def test_the_week_of_a_change_has_seven_days_and_counts_every_session(cli, zone, season):
    change = getattr(zone, season)
    with after_both_changes(zone):
        for hours in ("00:10", "03:30", "12:00", "23:30"):
            logged(cli, "10", "--at", f"{change} {hours}")
        summary = json_out(cli("week", "--of", change.isoformat(), "--json"))
    dates = [entry["date"] for entry in summary["days"]]
    assert len(dates) == 7
    first = date.fromisoformat(dates[0])
    assert dates == [(first + timedelta(days=n)).isoformat() for n in range(7)]
    assert summary["sessions"] == 4
    assert {entry["date"]: entry["minutes"] for entry in summary["days"]}[change.isoformat()] == 40


def test_a_start_worked_out_from_now_uses_the_offset_in_force_then(cli, monkeypatch):
    """New York, 03:30 EDT on the spring night: three hours earlier was 23:30 EST the
    day before (04:30 UTC), so the session counts on 7 March."""
    monkeypatch.setenv("TZ", NEW_YORK.name)
    time.tzset()
    with travel(NEW_YORK, 2026, 3, 8, 3, 30):
        by_minutes = logged(cli, "180")
        by_ago = logged(cli, "--ago", "3h")
    expected = datetime(2026, 3, 7, 23, 30, tzinfo=NEW_YORK.tz)
    for session in (by_minutes, by_ago):
        assert datetime.fromisoformat(session["start"]) == expected
        assert session["day"] == "2026-03-07", json.dumps(session)
