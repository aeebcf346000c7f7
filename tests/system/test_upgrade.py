"""The first schema upgrade, from stores written by the real bondcoach 1.0.0.

The fixture (tests/fixtures/store-1.0.0, see its README) is two computers' work in one
data folder. Opened by this version it shows every session, edit and deletion as 1.0.0
did; a save upgrades only this computer's own files, after a backup of each; the other
computer's files are read as they are and never touched.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest
import time_machine
from helpers import LONDON, data_files, flat, json_out
from helpers_store import (
    DEVICE_A,
    DEVICE_B,
    copy_store,
    expected_export,
    expected_history,
    schema_of,
)

NOW = datetime(2026, 12, 3, 9, 0, tzinfo=LONDON)


@pytest.fixture
def store(tmp_path, monkeypatch):
    found = copy_store(tmp_path / "store")
    monkeypatch.setenv("BONDCOACH_HOME", str(found["data"]))
    with time_machine.travel(NOW, tick=False):
        yield found


def run(cli, store, side: str, *args: str, input: str | None = None):
    return cli(*args, input=input, env={"BONDCOACH_STATE_DIR": str(store[side])})


def history(cli, store, side: str) -> list[dict[str, object]]:
    return json_out(run(cli, store, side, "history", "--last", "1000", "--json"))


def export(cli, store, side: str) -> str:
    result = run(cli, store, side, "export")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_1_0_0_store_opens_with_every_session_edit_and_deletion(cli, store):
    before = data_files(store["data"])
    for side in ("A", "B"):
        assert history(cli, store, side) == expected_history()
        assert export(cli, store, side) == expected_export()
    shown = json_out(run(cli, store, "A", "setup", "--show", "--json"))
    assert (shown["baby_name"], shown["birth_date"], shown["caregiver"]) == (
        "Mia",
        "2026-09-20",
        "Sam",
    )
    assert json_out(run(cli, store, "B", "setup", "--show", "--json"))["caregiver"] == "Alex"
    assert data_files(store["data"]) == before  # reading upgrades nothing


def test_a_save_upgrades_only_this_computers_files_after_a_backup_of_each(cli, store):
    data = store["data"]
    before = data_files(data)
    mine = sorted((data / "sessions" / DEVICE_A).glob("*.json"))
    result = run(cli, store, "A", "log", "10", "--at", "08:30", "--json")
    assert result.exit_code == 0, result.stderr
    logged = json.loads(result.stdout)["session"]["id"]
    # Said once, plainly: B is still on 1.0 and must upgrade to read the folder.
    notice = flat(result.stderr)
    assert "computers still on bondcoach 1.0" in notice and DEVICE_B in notice
    assert "must upgrade" in notice

    for path in mine:
        payload = json.loads(path.read_bytes())
        assert (payload["schema"], payload["requires"]) == (2, "2.0.0"), path.name
        rel = str(path.relative_to(data))
        backups = sorted((data / "backups" / DEVICE_A).glob(f"{path.stem}.*.json"))
        assert any(b.read_bytes() == before[rel] for b in backups), f"no backup of {rel}"
    after = data_files(data)
    for name, raw in before.items():  # B's files and 1.0's profile.json: never touched
        if not name.startswith((f"sessions/{DEVICE_A}", f"backups/{DEVICE_A}")):
            assert after[name] == raw, name
    assert not (data / "sessions" / DEVICE_A / "pending.json").exists()

    expected = [*expected_history()]
    now = history(cli, store, "B")
    assert [s for s in now if s["id"] != logged] == expected
    assert history(cli, store, "A") == now

    again = run(cli, store, "A", "log", "5", "--at", "08:45")
    assert again.exit_code == 0
    assert "bondcoach 1.0" not in again.stderr  # once


def test_doctor_reports_which_computers_files_are_on_which_schema(cli, store):
    assert run(cli, store, "A", "log", "10", "--at", "08:30").exit_code == 0
    result = run(cli, store, "A", "doctor")
    assert result.exit_code == 0, result.stdout
    text = flat(result.stdout)
    assert f"{DEVICE_A} (this computer): schema 2 (bondcoach 2.0)" in text
    assert f"{DEVICE_B}: schema 1 (bondcoach 1.0)" in text


def test_undo_takes_back_the_change_1_0_0_journaled(cli, store):
    # A's last change in 1.0.0 was logging 2f13f592fa58 on 1 Dec: undo (the first save
    # here, so it also upgrades A's files) removes it, and only it.
    result = run(cli, store, "A", "undo")
    assert result.exit_code == 0, result.stderr
    assert "took back the session you logged: Tue 1 Dec, 07:00" in flat(result.stdout)
    remaining = [s for s in expected_history() if s["id"] != "2f13f592fa58"]
    assert history(cli, store, "B") == remaining
    assert schema_of(store["data"] / "sessions" / DEVICE_A / "2026-12.json") == 2
    assert run(cli, store, "A", "undo").exit_code == 1  # once


def test_a_newer_file_is_refused_naming_the_version_it_needs(cli, store):
    path = store["data"] / "sessions" / DEVICE_B / "2026-11.json"
    payload = json.loads(path.read_bytes())
    path.write_text(json.dumps({**payload, "schema": 3, "requires": "3.1.0"}), encoding="utf-8")
    result = run(cli, store, "A", "history")
    assert result.exit_code == 1
    assert "needs bondcoach 3.1.0 or newer" in flat(result.stderr)
    assert schema_of(path) == 3  # left untouched


def test_a_profile_change_says_once_that_1_0_computers_must_upgrade(cli, store):
    legacy = store["data"] / "profile.json"
    before = legacy.read_bytes()
    first = run(cli, store, "B", "setup", "--awake-hours", "12")
    assert first.exit_code == 0, first.stderr
    notice = flat(first.stderr)
    assert "computers still on bondcoach 1.0" in notice and DEVICE_A in notice
    again = run(cli, store, "B", "setup", "--week-start", "sunday")
    assert "bondcoach 1.0" not in again.stderr
    assert legacy.read_bytes() == before  # 1.0's profile.json is never rewritten
    shown = json_out(run(cli, store, "A", "setup", "--show", "--json"))
    assert (shown["baby_name"], shown["awake_hours"], shown["week_start"]) == (
        "Mia",
        12,
        "sunday",
    )


def test_a_damaged_own_file_is_left_as_it_is_and_upgraded_once_restored(cli, store):
    # Like 1.0, a damaged old month does not block today's log: the upgrade leaves the
    # file it cannot read untouched (never overwritten), does the others, and does that
    # one on the first save after it is put right.
    damaged = store["data"] / "sessions" / DEVICE_A / "2026-10.json"
    good = damaged.read_bytes()
    damaged.write_bytes(good[:40])
    result = run(cli, store, "A", "log", "10", "--at", "08:30")
    assert result.exit_code == 0, result.stderr
    assert damaged.read_bytes() == good[:40]
    assert schema_of(store["data"] / "sessions" / DEVICE_A / "2026-11.json") == 2
    damaged.write_bytes(good)
    assert run(cli, store, "A", "log", "5", "--at", "08:45").exit_code == 0
    assert schema_of(damaged) == 2
    assert [s for s in history(cli, store, "B") if s["minutes"] not in (5, 10)] == [
        s for s in expected_history() if s["minutes"] not in (5, 10)
    ]
