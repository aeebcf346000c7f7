"""A real two-computer run: two Syncthing instances on 127.0.0.1 sync one data folder
between two bondcoach "computers" (their own state folders; each computer's
BONDCOACH_HOME is its own Syncthing copy of the folder). Computer B's clock runs 10
minutes ahead (libfaketime). Concurrent logs, cross edits and deletes, profile and
session changes while apart, a conflict copy (a third computer cloned from A's state
folder, writing A's files), undo on both sides: everything converges and nothing that
a command acknowledged is lost.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from syncthing_harness import SyncPair, faketime_env, find_libfaketime

pytestmark = pytest.mark.slow


class Computer:
    def __init__(self, name: str, home: Path, state: Path, fake_minutes: int = 0) -> None:
        self.name, self.home, self.state = name, home, state
        self.env = {
            **os.environ,
            "BONDCOACH_HOME": str(home),
            "BONDCOACH_STATE_DIR": str(state),
            "BONDCOACH_CACHE_DIR": str(state / "cache"),
            "TZ": "UTC",
        }
        if fake_minutes:
            self.env.update(faketime_env(fake_minutes))

    def run(self, *args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "bondcoach", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == code, (self.name, args, done.stdout, done.stderr)
        return done

    def log(self, minutes: int, ago: str, note: str) -> str:
        out = self.run("log", str(minutes), "--ago", ago, "--note", note, "--json").stdout
        return json.loads(out)["session"]["id"]

    def sessions(self) -> dict[str, dict[str, object]]:
        out = self.run("history", "--last", "1000", "--json").stdout
        return {s["id"]: s for s in json.loads(out)}

    def profile(self) -> dict[str, object]:
        shown = json.loads(self.run("setup", "--show", "--json").stdout)
        return {key: shown[key] for key in ("baby_name", "birth_date", "awake_hours", "week_start")}


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[SyncPair]:
    if shutil.which("syncthing") is None:
        pytest.skip("syncthing is not installed (apt-get install syncthing); skipping")
    if find_libfaketime() is None:
        pytest.skip("libfaketime is not installed (apt-get install faketime); skipping")
    with SyncPair(tmp_path / "st") as found:
        yield found


def test_two_computers_over_syncthing_converge_and_lose_nothing(pair, tmp_path):
    a = Computer("A", pair.a_folder, tmp_path / "state-a")
    b = Computer("B", pair.b_folder, tmp_path / "state-b", fake_minutes=10)
    expected: dict[str, dict[str, object]] = {}  # id -> fields the family was told

    def converged() -> dict[str, dict[str, object]]:
        pair.sync()
        seen_a, seen_b = a.sessions(), b.sessions()
        assert seen_a == seen_b
        assert a.profile() == b.profile()
        for session_id, fields in expected.items():
            assert session_id in seen_a, f"acknowledged session {session_id} is lost"
            for key, value in fields.items():
                assert seen_a[session_id][key] == value, (session_id, key)
        assert set(seen_a) == set(expected)
        return seen_a

    # Setup on A; B joins (asks only for its caregiver).
    a.run("setup", "--baby-name", "Mia", "--birth-date", "2026-09-20", "--caregiver", "Sam")
    pair.sync()
    b.run("setup", "--caregiver", "Alex")

    # Concurrent logs: both computers log at once, then sync.
    for minutes, ago, note in ((10, "3h", "a1"), (15, "2h", "a2"), (20, "90m", "a3")):
        expected[a.log(minutes, ago, note)] = {"minutes": minutes, "note": note, "who": "Sam"}
    for minutes, ago, note in ((25, "4h", "b1"), (30, "150m", "b2")):
        expected[b.log(minutes, ago, note)] = {"minutes": minutes, "note": note, "who": "Alex"}
    converged()
    a1, a2, a3, b1, b2 = list(expected)

    # Cross edits and a cross delete.
    a.run("edit", b1, "--note", "b1, seen by A")
    expected[b1]["note"] = "b1, seen by A"
    b.run("edit", a1, "--minutes", "12")
    expected[a1]["minutes"] = 12
    pair.sync()
    b.run("delete", a3, "--yes")
    del expected[a3]
    converged()

    # Apart: both change the profile (different fields) and one session (different fields).
    pair.pause()
    a.run("setup", "--awake-hours", "12")
    b.run("setup", "--week-start", "sunday")
    a.run("edit", a2, "--note", "a2, noted on A")
    b.run("edit", a2, "--minutes", "40")
    expected[a2].update(note="a2, noted on A", minutes=40)
    pair.scan()
    pair.resume()
    converged()
    assert a.profile() == {
        "baby_name": "Mia",
        "birth_date": "2026-09-20",
        "awake_hours": 12.0,
        "week_start": "sunday",
    }

    # B's clock is 10 minutes ahead: its session "just ended" is still to come for A,
    # yet A can mend its note; and A's later edit of B's field wins over B's "later" one.
    fresh = b.log(9, "10m", "b3")  # ended a minute ago by B's clock: 9 to come for A
    expected[fresh] = {"minutes": 9, "note": "b3"}
    pair.sync()
    a.run("edit", fresh, "--note", "b3, mended on A")
    expected[fresh]["note"] = "b3, mended on A"
    converged()

    # A conflict copy: computer C was cloned from A's state folder (same device id), so
    # while apart A and C both write A's month file; Syncthing keeps one, renames the other.
    c_state = tmp_path / "state-c"
    shutil.copytree(a.state, c_state)
    c = Computer("C", pair.b_folder, c_state)
    pair.pause()
    expected[a.log(5, "30m", "from A while apart")] = {"note": "from A while apart"}
    expected[c.log(6, "40m", "from C while apart")] = {"note": "from C while apart"}
    pair.scan()
    pair.resume()
    seen = converged()  # both sessions show: the copy is read
    copies = sorted(pair.a_folder.rglob("*.sync-conflict-*"))
    assert copies, "expected a Syncthing conflict copy"
    assert "in no other file" in " ".join(b.run("doctor").stdout.split())
    a.run("doctor", "--fix")  # folds the copy into A's own files
    pair.sync()
    assert "safe to delete" in " ".join(b.run("doctor").stdout.split())
    for copy in copies:
        copy.unlink()
    assert converged() == seen

    # Undo on both sides: A's last change (the apart log), B's last (b3's log).
    a.run("undo")
    del expected[next(k for k, v in expected.items() if v.get("note") == "from A while apart")]
    pair.sync()
    b.run("undo", code=1)  # b3 was mended on A since: left as it is, and said
    b.run("edit", b2, "--minutes", "35")
    pair.sync()
    b.run("undo")
    expected[b2]["minutes"] = 30
    converged()
    assert b.run("doctor").returncode == 0
