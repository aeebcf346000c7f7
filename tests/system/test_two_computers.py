"""Two computers, one family, one synced folder (in-process; the real Syncthing run is in
test_syncthing.py): profile and session changes merge by field, undo leaves the other
computer's later changes alone, conflict copies are folded in before they are called
safe to delete, and an edit checks only what it changes."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from helpers import LONDON, flat, json_out

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


class Family:
    def __init__(self, cli, folders, tmp_path: Path, clock) -> None:
        self.cli, self.folders, self.clock = cli, folders, clock
        self.state = {"A": folders.state, "B": tmp_path / "state-b"}

    def run(self, side: str, *args: str, input: str | None = None):
        self.clock.shift(timedelta(seconds=1))
        return self.cli(*args, input=input, env={"BONDCOACH_STATE_DIR": str(self.state[side])})

    def ok(self, side: str, *args: str):
        result = self.run(side, *args)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    def log(self, side: str, *args: str) -> str:
        return json.loads(self.ok(side, "log", *args, "--json").stdout)["session"]["id"]

    def session(self, side: str, session_id: str) -> dict:
        found = json_out(self.run(side, "history", "--last", "100", "--json"))
        matches = [s for s in found if s["id"] == session_id]
        return matches[0] if matches else {}

    def shown(self, side: str) -> dict:
        return json_out(self.run(side, "setup", "--show", "--json"))

    def device(self, side: str) -> str:
        return json.loads((self.state[side] / "device.json").read_text())["device"]


@pytest.fixture
def family(cli, folders, tmp_path) -> Iterator[Family]:
    with time_machine.travel(NOW, tick=False) as clock:
        yield Family(cli, folders, tmp_path, clock)


def test_profile_changes_to_different_fields_on_two_computers_both_survive(family):
    family.ok("A", "setup", "--baby-name", "Mia", "--birth-date", "2026-09-20")
    family.ok("B", "setup", "--caregiver", "Alex")
    family.ok("A", "setup", "--awake-hours", "12")
    family.ok("B", "setup", "--week-start", "sunday")
    family.ok("B", "setup", "--baby-name", "Mia Rose")
    for side in ("A", "B"):
        shown = family.shown(side)
        assert shown["baby_name"] == "Mia Rose"
        assert shown["awake_hours"] == 12
        assert shown["week_start"] == "sunday"
        assert shown["birth_date"] == "2026-09-20"
    # Same field on both: the newest change wins (B's 14 came after A's 12).
    family.ok("B", "setup", "--awake-hours", "14")
    assert family.shown("A")["awake_hours"] == 14
    files = sorted(p.name for p in (family.folders.data / "profile").iterdir())
    assert files == sorted(f"{family.device(s)}.json" for s in ("A", "B"))


def test_a_1_0_profile_json_is_the_oldest_layer_and_is_never_rewritten(family):
    legacy = family.folders.data / "profile.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text(
        '{"schema": 1, "baby_name": "Mia", "birth_date": "2026-09-20", '
        '"awake_hours": null, "week_start": "monday"}\n'
    )
    before = legacy.read_bytes()
    family.ok("A", "setup", "--awake-hours", "11")
    shown = family.shown("B")
    assert (shown["baby_name"], shown["awake_hours"]) == ("Mia", 11)
    assert legacy.read_bytes() == before


def test_concurrent_edits_of_different_fields_both_survive(family):
    session = family.log("A", "20", "--at", "09:00", "--note", "first")
    family.ok("A", "edit", session, "--note", "from A")
    family.ok("B", "edit", session, "--minutes", "45")
    for side in ("A", "B"):
        found = family.session(side, session)
        assert (found["note"], found["minutes"]) == ("from A", 45)


def test_undo_leaves_a_later_change_from_the_other_computer(family):
    session = family.log("A", "20", "--at", "09:00")
    family.ok("A", "edit", session, "--minutes", "25")
    family.ok("B", "edit", session, "--minutes", "30")
    result = family.run("A", "undo")
    assert result.exit_code == 1
    assert "changed (minutes) since" in flat(result.stderr)
    assert family.session("B", session)["minutes"] == 30

    other = family.log("A", "10", "--at", "08:00")
    family.ok("A", "edit", other, "--note", "A's")
    family.ok("B", "delete", other, "--yes")
    result = family.run("A", "undo")
    assert result.exit_code == 1
    assert "was deleted since" in flat(result.stderr)
    assert family.session("A", other) == {}


def test_undo_of_a_delete_brings_back_only_the_session_keeping_later_edits(family):
    session = family.log("A", "20", "--at", "09:00")
    family.ok("B", "edit", session, "--note", "B's note")
    family.ok("A", "delete", session, "--yes")
    family.ok("A", "undo")
    assert family.session("B", session)["note"] == "B's note"
    family.ok("B", "undo")  # B's edit: still as B left it, so it is taken back
    assert family.session("A", session)["note"] is None


def test_a_session_from_a_computer_whose_clock_runs_ahead_can_be_edited(family):
    family.clock.shift(timedelta(minutes=10))  # A runs 10 minutes fast
    session = family.log("A", "15", "--at", "09:52")  # ends 10:07: past, by A's clock
    family.clock.shift(timedelta(minutes=-10))
    result = family.run("B", "edit", session, "--note", "lovely")
    assert result.exit_code == 0, result.stderr
    assert family.session("B", session)["note"] == "lovely"
    # A change that moves the end later is still checked against B's clock.
    assert family.run("B", "edit", session, "--minutes", "40").exit_code == 2


def test_a_conflict_copy_is_folded_in_before_it_is_called_safe_to_delete(family):
    kept = family.log("A", "20", "--at", "09:00")
    folder = family.folders.data / "sessions" / family.device("A")
    copy = folder / "2026-11.sync-conflict-20261126-100000-ABCDEFG.json"
    shutil.copy(folder / "2026-11.json", copy)
    family.ok("A", "edit", kept, "--note", "only in the copy")
    # The copy now holds the edit; the real file goes back to before it.
    edited_bytes = (folder / "2026-11.json").read_bytes()
    (folder / "2026-11.json").write_bytes(copy.read_bytes())
    copy.write_bytes(edited_bytes)

    doctor = family.run("B", "doctor")
    assert doctor.exit_code == 0
    text = flat(doctor.stdout)
    assert "1 record in it are in no other file" in text
    assert "keep the copy until then" in text
    assert family.session("B", kept)["note"] == "only in the copy"

    fixed = family.run("A", "doctor", "--fix")
    assert fixed.exit_code == 0
    assert "safe to delete" in flat(fixed.stdout)
    copy.unlink()
    assert family.session("B", kept)["note"] == "only in the copy"


def test_doctor_names_a_conflict_copy_of_any_file_and_exits_0(family):
    family.ok("A", "setup", "--baby-name", "Mia")
    profile = family.folders.data / "profile" / f"{family.device('A')}.json"
    shutil.copy(profile, profile.with_name(f"{profile.stem} (conflict_on_laptop).json"))
    tips = family.folders.data / "tips (Sam's conflicted copy 2026-11-26).yaml"
    tips.write_text("tips: []\n")
    (family.folders.data / "tips.yaml").write_text("tips: []\n")
    result = family.run("A", "doctor")
    assert result.exit_code == 0, result.stdout
    text = flat(result.stdout)
    assert "a conflict copy of " + profile.name + " made by Unison" in text
    assert "a conflict copy of tips.yaml made by Dropbox/Nextcloud" in text


def test_each_computer_keeps_its_caregiver_when_conflict_copies_fold_in(family):
    family.ok("A", "setup", "--baby-name", "Mia", "--caregiver", "Sam")
    family.ok("B", "setup", "--caregiver", "Alex")
    profile = family.folders.data / "profile" / f"{family.device('A')}.json"
    copy = profile.with_name(f"{profile.stem}.sync-conflict-20261126-100000-ABCDEFG.json")
    shutil.copy(profile, copy)
    family.ok("B", "setup", "--baby-name", "Ada")  # newer than both A's file and the copy
    record = json.loads(copy.read_text())
    record["profile"]["week_start"] = {"value": "sunday", "updated": "2026-11-26T11:00:00+00:00"}
    copy.write_text(json.dumps(record))  # a change only the copy holds

    fixed = family.run("A", "doctor", "--fix")
    assert fixed.exit_code == 0, fixed.stdout
    folded = json.loads(profile.read_text())
    assert folded["profile"]["week_start"]["value"] == "sunday"  # copied in from the copy
    assert folded["computer"]["caregiver"]["value"] == "Sam"  # and A's own part kept
    shown_a, shown_b = family.shown("A"), family.shown("B")
    assert (shown_a["caregiver"], shown_b["caregiver"]) == ("Sam", "Alex")
    assert shown_a["week_start"] == shown_b["week_start"] == "sunday"
    assert shown_a["baby_name"] == shown_b["baby_name"] == "Ada"


def copy_with_caregiver(family, suffix: str, updated: str) -> tuple[Path, Path]:
    """A's record (Sam) and a conflict copy of it naming Alex, as of ``updated``."""
    family.ok("A", "setup", "--baby-name", "Mia", "--caregiver", "Sam")
    profile = family.folders.data / "profile" / f"{family.device('A')}.json"
    copy = profile.with_name(f"{profile.stem}{suffix}.json")
    record = json.loads(profile.read_text())
    record["computer"]["caregiver"] = {"value": "Alex", "updated": updated}
    copy.write_text(json.dumps(record))
    return profile, copy


def test_a_newer_caregiver_only_in_a_copy_of_this_computers_record_is_kept(family):
    # e.g. this computer's files restored from a clone
    newer = "2026-11-26T11:00:00+00:00"
    profile, copy = copy_with_caregiver(family, ".sync-conflict-20261126-100000-ABCDEFG", newer)
    assert family.shown("A")["caregiver"] == "Alex"  # read as a layer, newest wins

    fixed = family.run("A", "doctor", "--fix")
    assert fixed.exit_code == 0, fixed.stdout
    assert json.loads(profile.read_text())["computer"]["caregiver"]["value"] == "Alex"
    copy.unlink()  # safe now, as doctor says
    assert family.shown("A")["caregiver"] == "Alex"
    family.ok("A", "setup", "--caregiver", "Sam")  # and a later change still wins
    assert family.shown("A")["caregiver"] == "Sam"


def test_an_older_caregiver_in_a_copy_changes_nothing(family):
    profile, _ = copy_with_caregiver(family, " (conflict_on_laptop)", "2026-01-01T00:00:00+00:00")
    before = profile.read_bytes()
    assert family.shown("A")["caregiver"] == "Sam"
    assert family.run("A", "doctor", "--fix").exit_code == 0
    assert profile.read_bytes() == before  # nothing newer to fold in
