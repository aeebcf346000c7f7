"""Stores written by the version before several babies (tests/fixtures/store-pre12).

That version already wrote schema 2. Several babies need no new schema number: babies
live in the profile's generic field records (``babies.<id>.name``, and the new
``babies.<id>.removed``) and sessions' ``babies`` field, both already part of schema 2.
So the store opens as it is, every session, edit and deletion intact, and the new
fields go into this computer's own files only.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from helpers import LONDON, data_files, flat, json_out
from helpers_store import copy_store

FIXTURE = Path(__file__).parents[1] / "fixtures" / "store-pre12"
DEVICE_A, DEVICE_B = "8faae7e59945", "c04684b31736"
NOW = datetime(2026, 12, 3, 9, 30, tzinfo=LONDON)  # the morning the store was made


@pytest.fixture
def store(tmp_path, monkeypatch):
    found = copy_store(tmp_path / "store", FIXTURE)
    monkeypatch.setenv("BONDCOACH_HOME", str(found["data"]))
    with time_machine.travel(NOW, tick=False):
        yield found


def run(cli, store, side: str, *args: str, input: str | None = None):
    return cli(*args, input=input, env={"BONDCOACH_STATE_DIR": str(store[side])})


def expected(name: str) -> str:
    return (FIXTURE / name).read_text(encoding="utf-8")


def expected_history() -> list[dict[str, object]]:
    """That version's history, as this one gives it: each session names Mia."""
    return [{**s, "babies": ["Mia"]} for s in json.loads(expected("expected-history.json"))]


def test_the_store_opens_with_every_session_edit_and_deletion(cli, store):
    before = data_files(store["data"])
    for side in ("A", "B"):
        history = json_out(run(cli, store, side, "history", "--last", "100", "--json"))
        assert history == expected_history()
    rows = list(csv.reader(io.StringIO(run(cli, store, "A", "export").stdout)))
    old = list(csv.reader(io.StringIO(expected("expected-export.csv"))))
    assert [row[:-1] for row in rows] == old  # the same columns, then babies
    assert {row[-1] for row in rows[1:]} == {"Mia"}
    shown = json_out(run(cli, store, "A", "setup", "--show", "--json"))
    old_profile = json.loads(expected("expected-profile.json"))
    old_profile["data_folder"] = str(store["data"])
    assert {key: shown[key] for key in old_profile} == old_profile  # B's awake hours too
    assert data_files(store["data"]) == before  # reading writes nothing


def test_adding_a_baby_writes_only_this_computers_files_and_b_reads_it(cli, store):
    data = store["data"]
    before = data_files(data)
    assert (
        run(cli, store, "A", "setup", "--add-baby", "Leo", "--birth-date", "2026-09-20").exit_code
        == 0
    )
    logged = json_out(run(cli, store, "A", "log", "10", "--at", "09:00", "--json"))["session"]
    after = data_files(data)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed and all(DEVICE_A in name for name in changed), changed
    payload = json.loads(after[f"profile/{DEVICE_A}.json"])
    assert (payload["schema"], payload["requires"]) == (2, "2.0.0")  # no new schema number
    assert payload["profile"]["babies"]["leo"]["name"]["value"] == "Leo"
    assert logged["babies"] == ["Mia", "Leo"]
    # Computer B sees the new baby; the older sessions stay Mia's alone.
    week = json_out(run(cli, store, "B", "week", "--json"))
    assert week["by_baby"]["Leo"]["total_minutes"] == 10
    history = json_out(run(cli, store, "B", "history", "--last", "100", "--json"))
    assert [s["babies"] for s in history[:-1]] == [["Mia"]] * (len(history) - 1)


def test_doctor_reports_both_computers_on_schema_2(cli, store):
    result = run(cli, store, "A", "doctor")
    assert result.exit_code == 0, result.stdout
    text = flat(result.stdout)
    assert f"{DEVICE_A} (this computer): schema 2 (bondcoach 2.0)" in text
    assert f"{DEVICE_B}: schema 2 (bondcoach 2.0)" in text


def test_a_1_0_computers_sessions_count_for_the_first_baby(cli, tmp_path, monkeypatch):
    # The real 1.0.0 store: A (upgraded here) adds a twin; B, still on 1.0, never named
    # a baby, so B's sessions are Mia's, and B's files are never rewritten.
    from helpers_store import DEVICE_B

    found = copy_store(tmp_path / "old")
    monkeypatch.setenv("BONDCOACH_HOME", str(found["data"]))
    b_files = {
        name: raw
        for name, raw in data_files(found["data"]).items()
        if name.startswith(f"sessions/{DEVICE_B}")
    }
    with time_machine.travel(datetime(2026, 12, 3, 9, 0, tzinfo=LONDON), tick=False):
        assert run(cli, found, "A", "setup", "--add-baby", "Leo").exit_code == 0
        assert run(cli, found, "A", "log", "10", "--at", "08:30").exit_code == 0
        history = json_out(run(cli, found, "A", "history", "--last", "100", "--json"))
        report = json_out(run(cli, found, "A", "report", "--json", "--weeks", "6"))
    b_sessions = [s for s in history if s["who"] == "Alex"]
    assert b_sessions and all(s["babies"] == ["Mia"] for s in b_sessions)
    assert history[-1]["babies"] == ["Mia", "Leo"]
    assert report["by_baby"]["Leo"]["total_minutes"] == 10
    assert report["by_baby"]["Mia"]["total_minutes"] == report["total_minutes"]
    after = data_files(found["data"])
    assert {name: after[name] for name in b_files} == b_files
