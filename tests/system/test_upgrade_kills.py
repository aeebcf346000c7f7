"""The upgrade of a real 1.0.0 store, killed at every step (real processes, strace).

Each run: a fresh copy of the fixture, computer A's ``bondcoach log 10`` (its first
save in this version, so it upgrades A's files first) killed as it enters one system
call in the data folder. Afterwards every file is the old one or the new one, B's
files and 1.0's profile.json are untouched, a reader sees every 1.0 session once, and
the next save finishes the upgrade with nothing lost and nothing twice.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import data_files
from helpers_store import DEVICE_A, DEVICE_B, copy_store, expected_history, schema_of
from strace_faults import copy_tree, discover, run_with_fault, strace_path

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        strace_path() is None or sys.platform != "linux",
        reason="strace is not installed (apt-get install strace); skipping kill tests",
    ),
]


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "bondcoach", *args]


def env_for(store: dict[str, Path], side: str) -> dict[str, str]:
    return {
        **os.environ,
        "BONDCOACH_HOME": str(store["data"]),
        "BONDCOACH_STATE_DIR": str(store[side]),
        "TZ": "Europe/London",
    }


def history(store: dict[str, Path], side: str) -> list[dict[str, object]]:
    done = subprocess.run(
        command("history", "--last", "1000", "--json"),
        env=env_for(store, side),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_kill_at_any_step_of_the_upgrade_leaves_old_or_new_and_the_next_run_finishes(
    tmp_path,
):
    base = copy_store(tmp_path / "base")
    work = {key: tmp_path / "work" / path.name for key, path in base.items()}
    copy_tree(tmp_path / "base", tmp_path / "work")
    original = data_files(base["data"])
    mine = f"sessions/{DEVICE_A}/"
    steps = discover(
        command("log", "10"), env_for(work, "A"), [work["data"]], tmp_path / "trace.txt"
    )
    assert any(step.name.startswith("rename") for step in steps), steps
    expected = expected_history()
    for step in steps:
        copy_tree(tmp_path / "base", tmp_path / "work")
        run_with_fault(command("log", "10"), env_for(work, "A"), step, kill=True)

        files = data_files(work["data"])
        for name, raw in original.items():  # never another computer's files
            if not name.startswith((mine, f"backups/{DEVICE_A}/")):
                assert files[name] == raw, (step, name)
        for name in files:
            if name.startswith(mine) and name.endswith(".json") and "pending" not in name:
                assert schema_of(work["data"] / name) in (1, 2), (step, name)
        seen = history(work, "B")
        old = [s for s in seen if s["id"] in {e["id"] for e in expected}]
        assert old == expected, step  # every 1.0 session, edit and deletion, once
        assert len(seen) - len(old) <= 1, step  # the new log: there whole, or not

        follow_up = subprocess.run(
            command("log", "5"),
            env=env_for(work, "A"),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert follow_up.returncode == 0, (step, follow_up.stderr)
        for path in sorted((work["data"] / "sessions" / DEVICE_A).glob("*.json")):
            assert schema_of(path) == 2, (step, path.name)
        assert not (work["data"] / "sessions" / DEVICE_A / "pending.json").exists(), step
        after = history(work, "B")
        assert [s for s in after if s["id"] in {e["id"] for e in expected}] == expected, step
        assert len(after) == len(seen) + 1, step
        assert data_files(work["data"] / "sessions" / DEVICE_B) == {
            name.removeprefix(f"sessions/{DEVICE_B}/"): raw
            for name, raw in original.items()
            if name.startswith(f"sessions/{DEVICE_B}/")
        }
