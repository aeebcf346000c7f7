"""One family, two computers: two devices (two state folders) sharing one data folder.

Each device writes only under its own ``sessions/<device id>/``; every command reads the
union; conflict copies made by sync tools are merged without duplicates and reported.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from helpers import LONDON, data_files, json_out

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)  # a Thursday
CONFLICT_NAMES = (
    "2026-11 (conflicted copy 2026-11-20).json",
    "2026-11.sync-conflict-20261120-101010-ABCDEFG.json",
)


class Devices:
    """Run bondcoach as computer A or B: same BONDCOACH_HOME, own state folders."""

    def __init__(self, cli, folders, tmp_path: Path, clock) -> None:
        self.cli = cli
        self.folders = folders
        self.clock = clock
        self.state = {"A": folders.state, "B": tmp_path / "state-b"}

    def env(self, device: str) -> dict[str, str]:
        return {"BONDCOACH_STATE_DIR": str(self.state[device])}

    def run(self, device: str, *args: str, input: str | None = None):
        self.clock.shift(timedelta(seconds=1))  # each command a moment after the last
        return self.cli(*args, input=input, env=self.env(device))

    def ok(self, device: str, *args: str, input: str | None = None):
        result = self.run(device, *args, input=input)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    def log(self, device: str, minutes: int, at: str, *extra: str) -> str:
        result = self.ok(device, "log", str(minutes), "--at", at, "--json", *extra)
        return json.loads(result.stdout)["session"]["id"]

    def device_id(self, device: str) -> str:
        return json.loads((self.state[device] / "device.json").read_text())["device"]

    def folder(self, device: str) -> Path:
        return self.folders.data / "sessions" / self.device_id(device)

    def week(self, device: str, of: str = "2026-11-26") -> dict:
        return json_out(self.run(device, "week", "--of", of, "--json"))

    def history(self, device: str) -> list[dict]:
        return json_out(self.run(device, "history", "--last", "1000", "--json"))


@pytest.fixture
def devices(cli, folders, tmp_path) -> Iterator[Devices]:
    with time_machine.travel(NOW, tick=False) as clock:
        yield Devices(cli, folders, tmp_path, clock)


def ids_in(folder: Path) -> set[str]:
    found = set()
    for path in folder.glob("*.json"):
        found.update(record["id"] for record in json.loads(path.read_bytes())["records"])
    return found


def test_each_device_writes_only_its_own_folder_and_reads_the_union(devices, folders):
    a1 = devices.log("A", 10, "2026-11-24 09:00")
    a2 = devices.log("A", 20, "2026-10-30 09:00")
    a_files = data_files(devices.folder("A"))
    b1 = devices.log("B", 30, "2026-11-24 18:00", "--who", "Alex")
    b2 = devices.log("B", 5, "2026-11-25 07:00")

    assert devices.device_id("A") != devices.device_id("B")
    sessions = folders.data / "sessions"
    assert sorted(p.name for p in sessions.iterdir()) == sorted(
        [devices.device_id("A"), devices.device_id("B")]
    )
    assert data_files(devices.folder("A")) == a_files  # B never touched A's files
    assert ids_in(devices.folder("A")) == {a1, a2}
    assert ids_in(devices.folder("B")) == {b1, b2}

    for device in ("A", "B"):
        summary = devices.week(device)
        assert summary["sessions"] == 3
        assert summary["total_minutes"] == 10 + 30 + 5
        days = {day["date"]: day["minutes"] for day in summary["days"]}
        assert days["2026-11-24"] == 40
        assert {s["id"] for s in devices.history(device)} == {a1, a2, b1, b2}


def test_both_computers_logging_at_once_lose_nothing(devices, folders):
    devices.log("A", 1, "2026-01-05 08:00")  # each computer has been used before
    devices.log("B", 1, "2026-01-05 08:01")
    processes = []
    for number in range(8):
        device = "AB"[number % 2]
        env = {**os.environ, **devices.env(device)}
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "bondcoach",
                    "log",
                    "1",
                    "--at",
                    f"2026-01-06 09:{number:02d}",
                ],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for process in processes:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    summary = devices.week("A", "2026-01-06")
    assert summary["sessions"] == 2 + 8
    assert len({s["id"] for s in devices.history("B")}) == 10
    assert len(ids_in(devices.folder("A"))) == 5
    assert len(ids_in(devices.folder("B"))) == 5


# Conflict copies ---------------------------------------------------------------------------


def add_record(path: Path, **session) -> None:
    payload = json.loads(path.read_bytes())
    payload["records"].append({"updated": "2026-11-20T11:00:00Z", **session})
    path.write_text(json.dumps(payload, indent=1))


@pytest.mark.parametrize("name", CONFLICT_NAMES)
def test_a_conflict_copy_is_merged_without_duplicates_and_reported(devices, name):
    s1 = devices.log("A", 10, "2026-11-20 09:00")
    s2 = devices.log("A", 20, "2026-11-20 12:00")
    folder = devices.folder("A")
    copy = folder / name
    shutil.copyfile(folder / "2026-11.json", copy)
    # The other side of the conflict also holds a session this side never saw.
    add_record(copy, id="c0ffee000001", start="2026-11-20T15:00:00Z", minutes=7)

    summary = devices.week("A", "2026-11-20")
    assert summary["sessions"] == 3
    assert summary["total_minutes"] == 10 + 20 + 7
    ids = [s["id"] for s in devices.history("B")]
    assert sorted(ids) == sorted([s1, s2, "c0ffee000001"])
    exported = devices.ok("A", "export", "--format", "json").stdout
    assert len(json.loads(exported)) == 3

    doctor = devices.run("A", "doctor")
    assert doctor.exit_code == 0, doctor.stdout
    assert name in doctor.stdout
    assert "conflict" in doctor.stdout.lower()


def test_both_conflict_copies_at_once_and_a_deletion_still_wins(devices):
    s1 = devices.log("A", 10, "2026-11-20 09:00")
    s2 = devices.log("A", 20, "2026-11-20 12:00")
    folder = devices.folder("A")
    for name in CONFLICT_NAMES:
        shutil.copyfile(folder / "2026-11.json", folder / name)
    devices.ok("A", "delete", s2, "--yes")  # the copies still hold the older s2
    devices.ok("B", "edit", s1, "--minutes", "15")

    summary = devices.week("B", "2026-11-20")
    assert summary["sessions"] == 1
    assert summary["total_minutes"] == 15
    assert [s["id"] for s in devices.history("A")] == [s1]
    doctor = devices.run("B", "doctor")
    for name in CONFLICT_NAMES:
        assert name in doctor.stdout


# Edits across devices ---------------------------------------------------------------------


def test_an_edit_on_b_of_a_session_from_a_writes_only_b_and_wins(devices):
    session = devices.log("A", 15, "2026-11-24 09:00", "--note", "bath time")
    a_files = data_files(devices.folder("A"))

    devices.ok("B", "edit", session[:6], "--minutes", "40", "--note", "long bath")
    assert data_files(devices.folder("A")) == a_files
    assert session in ids_in(devices.folder("B"))
    for device in ("A", "B"):
        [found] = devices.history(device)
        assert found["id"] == session
        assert found["minutes"] == 40
        assert found["note"] == "long bath"
        assert devices.week(device)["total_minutes"] == 40

    # Another edit on A, later, wins over B's.
    devices.ok("A", "edit", session, "--minutes", "25")
    assert [s["minutes"] for s in devices.history("B")] == [25]


def test_a_move_and_a_delete_on_b_leave_a_untouched(devices):
    session = devices.log("A", 15, "2026-11-02 09:00")
    other = devices.log("A", 5, "2026-11-03 09:00")
    a_files = data_files(devices.folder("A"))
    devices.ok("B", "edit", session, "--at", "2026-10-30 09:00")
    devices.ok("B", "delete", other, "--yes")
    assert data_files(devices.folder("A")) == a_files
    for device in ("A", "B"):
        history = devices.history(device)
        assert [s["id"] for s in history] == [session]
        assert history[0]["start"].startswith("2026-10-30T09:00")
        assert devices.week(device, "2026-11-02")["sessions"] == 0
        assert devices.week(device, "2026-10-30")["sessions"] == 1
    devices.ok("B", "undo")  # B's last change: the delete
    assert {s["id"] for s in devices.history("A")} == {session, other}
    assert data_files(devices.folder("A")) == a_files


# Setup on the second computer ---------------------------------------------------------------


def test_setup_on_the_second_computer_asks_only_for_its_caregiver(devices, folders):
    devices.ok(
        "A", "setup", "--baby-name", "Ada", "--birth-date", "2026-09-01", "--caregiver", "Sam"
    )
    profile_bytes = data_files(folders.data / "profile")

    result = devices.ok("B", "setup", input="Alex\n")
    assert "Ada" in result.stdout
    assert result.stdout.count("Who uses this computer") == 1
    for question in ("Your baby's name", "Birth date (", "Hours awake a day", "Weeks start on"):
        assert question not in result.stdout, question
    after = data_files(folders.data / "profile")
    assert {name: after[name] for name in profile_bytes} == profile_bytes  # A's, unchanged
    (b_record,) = set(after) - set(profile_bytes)
    assert json.loads(after[b_record])["profile"] == {}  # B changed no field
    shown = json_out(devices.run("B", "setup", "--show", "--json"))
    assert shown["caregiver"] == "Alex"
    assert shown["baby_name"] == "Ada"
    assert shown["birth_date"] == "2026-09-01"
    assert json_out(devices.run("A", "setup", "--show", "--json"))["caregiver"] == "Sam"

    devices.log("A", 10, "2026-11-25 09:00")
    devices.log("B", 20, "2026-11-25 10:00")
    by_caregiver = devices.week("A")["by_caregiver"]
    assert by_caregiver == {"Alex": 20, "Sam": 10}


def test_a_mend_wins_even_over_a_computer_whose_clock_runs_ahead(folders, monkeypatch):
    """Computer A's clock is an hour fast; B edits what A logged, at B's (earlier) now."""
    from datetime import datetime, timedelta, timezone

    from bondcoach.core.models import Session
    from bondcoach.storage.session_store import SessionStore

    now = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
    lock = folders.state / "s.lock"
    first = Session(id="abcdef123456", start=now - timedelta(hours=2), minutes=15)
    SessionStore(folders.data, "deviceA", lock).add(first, now + timedelta(hours=1))
    mended = first.model_copy(update={"minutes": 20})
    b = SessionStore(folders.data, "deviceB", lock)
    b.replace(first, mended, now)
    [seen] = b.sessions_between(first.day, first.day)
    assert seen.minutes == 20
    b.delete(mended, now)
    assert b.sessions_between(first.day, first.day) == []
