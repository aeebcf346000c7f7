"""Never lose a session: concurrent writers, SIGKILL at random moments, a failure at every
step of a save, damaged files, backups and restore, permissions, planted symlinks, the lock.

Subprocess tests log at fixed dates early in 2026 (in the past for the real clock); the
in-process tests freeze "now" with time-machine.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import filelock
import pytest
import time_machine
from helpers import LONDON, data_files, json_out
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import bondcoach.storage.session_store
from bondcoach.core.models import Session
from bondcoach.storage.fsio import TEMP_PREFIX
from bondcoach.storage.session_store import SessionStore, month_key, open_store

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)  # a Thursday, GMT
MONTH = "2026-11"


# Helpers ---------------------------------------------------------------------------------


def bondcoach_process(*args: str) -> list[str]:
    return [sys.executable, "-m", "bondcoach", *args]


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """bondcoach in a real process, with the test's (isolated) folders."""
    return subprocess.run(
        bondcoach_process(*args),
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def history_ids(cli) -> list[str]:
    return [session["id"] for session in json_out(cli("history", "--last", "1000", "--json"))]


def logged_id(result) -> str:
    return json_out(result)["session"]["id"]


def device_dirs(folders) -> list[Path]:
    return sorted(path for path in (folders.data / "sessions").iterdir() if path.is_dir())


def month_file(folders, month: str = MONTH) -> Path:
    [device_dir] = device_dirs(folders)
    return device_dir / f"{month}.json"


def temp_files(root: Path) -> list[Path]:
    return sorted(root.rglob(f"{TEMP_PREFIX}*"))


@pytest.fixture
def frozen() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def log_ok(cli, *args: str) -> str:
    """Log a session (in-process) and return its id."""
    return logged_id(cli("log", *args, "--json"))


# 1. Many processes at once -----------------------------------------------------------------


def test_many_processes_logging_at_once_lose_nothing(cli):
    times = [f"2026-01-05 10:{minute:02d}" for minute in range(12)]  # Monday 5 January
    processes = [
        subprocess.Popen(
            bondcoach_process("log", "1", "--at", when, "--json"),
            env=os.environ.copy(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for when in times
    ]
    outcomes = [(process, *process.communicate(timeout=120)) for process in processes]
    for process, _out, err in outcomes:
        assert process.returncode == 0, err
    reported = {json.loads(out)["session"]["id"] for _process, out, _err in outcomes}
    assert len(reported) == len(times)

    summary = json_out(cli("week", "--of", "2026-01-05", "--json"))
    assert summary["sessions"] == len(times)
    assert summary["total_minutes"] == len(times)
    ids = history_ids(cli)
    assert sorted(ids) == sorted(reported)
    starts = sorted(s["start"] for s in json_out(cli("history", "--last", "100", "--json")))
    assert starts == [f"2026-01-05T10:{minute:02d}:00+00:00" for minute in range(12)]


# 2. Killed at random moments ------------------------------------------------------------


def test_logs_killed_at_random_moments_leave_a_readable_store(cli, folders):
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    confirmed = {log_ok(cli, "1", "--at", "2026-02-02 09:00")}
    started = time.monotonic()
    baseline = run("log", "1", "--at", "2026-02-02 09:30", "--json")
    full_run = time.monotonic() - started
    assert baseline.returncode == 0, baseline.stderr
    confirmed.add(json.loads(baseline.stdout)["session"]["id"])
    # Kill anywhere from start-up to just after a normal run would have finished; every
    # other round aims at the end of the run, where the save happens.
    window = max(0.3, 1.1 * full_run)

    killed = 0
    for round_number in range(16):
        month = 2 + round_number % 2  # February and March: two month files
        when = f"2026-{month:02d}-{3 + round_number // 2:02d} 10:{round_number:02d}"
        process = subprocess.Popen(
            bondcoach_process("log", "2", "--at", when, "--json"),
            env=os.environ.copy(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        late = round_number % 2 == 1
        time.sleep(rng.uniform(0.6 * full_run, 1.05 * full_run) if late else rng.uniform(0, window))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        out, err = process.communicate(timeout=60)
        if process.returncode == 0:
            confirmed.add(json.loads(out)["session"]["id"])
        elif process.returncode == -signal.SIGKILL:
            killed += 1
        else:
            pytest.fail(f"log failed on its own (seed {seed}): {err}")
    assert killed > 0, f"no round was killed (seed {seed}); the test proved nothing"

    history = cli("history", "--last", "1000", "--json")
    assert history.exit_code == 0, (seed, history.stderr)
    ids = [session["id"] for session in json.loads(history.stdout)]
    assert confirmed <= set(ids), f"seed {seed}: lost {confirmed - set(ids)}"
    assert len(ids) == len(set(ids)), f"seed {seed}: a session shows twice"
    for path in (folders.data / "sessions").rglob("*.json"):
        if not path.name.startswith(TEMP_PREFIX):
            json.loads(path.read_bytes())  # every month file is whole
    doctor = cli("doctor")
    assert doctor.exit_code == 0, (seed, doctor.stdout)
    # The lock a killed process held is free again.
    after = cli("log", "3", "--at", "2026-02-05 10:00", "--json")
    assert after.exit_code == 0, after.stderr


def test_a_stray_temp_file_is_ignored_by_readers(cli, folders, frozen):
    log_ok(cli, "15", "--at", "2026-11-20 10:00")
    # What a save killed between creating its temp file and renaming it leaves behind.
    stray = month_file(folders).with_name(f"{TEMP_PREFIX}{MONTH}.json.4242.deadbeef")
    stray.write_bytes(b'{"schema": 1, "records": [{"id": "tor')
    half_json = month_file(folders).with_name(f"{TEMP_PREFIX}{MONTH}.json.4243.cafecafe")
    half_json.write_bytes(b"")
    assert len(history_ids(cli)) == 1
    assert json_out(cli("week", "--of", "2026-11-20", "--json"))["sessions"] == 1
    assert stray.exists()  # readers leave them be
    # Changed on purpose (issue 10): the next save cleans what a killed save left behind,
    # and doctor names and cleans leftovers anywhere (see test_leftovers.py).
    assert cli("log", "10", "--at", "2026-11-21 10:00").exit_code == 0
    assert len(history_ids(cli)) == 2
    assert not stray.exists()
    assert not half_json.exists()
    doctor = cli("doctor")
    assert doctor.exit_code == 0, doctor.stdout


def test_a_first_run_killed_while_creating_the_device_file_does_not_block_the_store(
    cli, folders, tmp_path
):
    # The family's sessions, logged on another computer that shares the data folder.
    other = {"BONDCOACH_STATE_DIR": str(tmp_path / "other-computer")}
    saved = json_out(cli("log", "5", "--at", "2026-02-02 09:00", "--json", env=other))
    # This computer's first run creates device.json (O_CREAT | O_EXCL) and then writes
    # it: SIGKILL in between leaves an empty file, which a racing first run also sees.
    folders.state.mkdir(mode=0o700)
    (folders.state / "device.json").write_bytes(b"")
    result = cli("history", "--last", "100", "--json")
    assert result.exit_code == 0, result.stderr
    assert saved["session"]["id"] in [session["id"] for session in json.loads(result.stdout)]
    assert cli("log", "5", "--at", "2026-02-02 10:00").exit_code == 0


# 3. A failure at every step of a save ---------------------------------------------------


class SaveFault:
    """Make one step of saving one file fail, as a full disk or a failing drive would.

    ``target`` is the file being saved; its temporary file is recognised by name and
    followed by descriptor, so other files (the journal, the lock) are not touched.
    """

    def __init__(self, target: Path, step: str, code: int = errno.ENOSPC) -> None:
        self.target = target
        self.step = step
        self.code = code
        self.fds: dict[int, str] = {}
        self.replaced = False
        self.fired = False
        self.real = {name: getattr(os, name) for name in ("open", "write", "fsync", "replace")}
        self.real["close"] = os.close
        self.real["fchmod"] = os.fchmod

    def _fail(self) -> None:
        self.fired = True
        raise OSError(self.code, f"injected: {os.strerror(self.code)}")

    def _is_temp(self, path: Any) -> bool:
        candidate = Path(os.fsdecode(path))
        return candidate.parent == self.target.parent and candidate.name.startswith(
            f"{TEMP_PREFIX}{self.target.name}."
        )

    def open(self, path: Any, flags: int, mode: int = 0o777, *args: Any, **kwargs: Any) -> int:
        is_temp = self._is_temp(path)
        if is_temp and self.step == "open":
            self._fail()
        fd = self.real["open"](path, flags, mode, *args, **kwargs)
        if is_temp:
            self.fds[fd] = "temp"
        elif Path(os.fsdecode(path)) == self.target.parent:
            self.fds[fd] = "dir"
        return fd

    def close(self, fd: int) -> None:
        self.fds.pop(fd, None)
        self.real["close"](fd)

    def write(self, fd: int, data: Any) -> int:
        if self.fds.get(fd) == "temp" and self.step == "write":
            if len(data) > 1 and not self.fired:
                self.fired = True
                # Half the bytes land, then the disk is full: a torn temp file.
                return self.real["write"](fd, bytes(data[: len(data) // 2]))
            self._fail()
        return self.real["write"](fd, data)

    def fsync(self, fd: int) -> None:
        kind = self.fds.get(fd)
        if (kind == "temp" and self.step == "fsync") or (
            kind == "dir" and self.step == "fsync-dir" and self.replaced
        ):
            self._fail()
        self.real["fsync"](fd)

    def fchmod(self, fd: int, mode: int) -> None:
        if self.fds.get(fd) == "temp" and self.step == "fchmod":
            self._fail()
        self.real["fchmod"](fd, mode)

    def replace(self, source: Any, destination: Any, *args: Any, **kwargs: Any) -> None:
        if Path(os.fsdecode(destination)) == self.target:
            if self.step == "replace":
                self._fail()
            self.real["replace"](source, destination, *args, **kwargs)
            self.replaced = True
            return
        self.real["replace"](source, destination, *args, **kwargs)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for name in ("open", "close", "write", "fsync", "fchmod", "replace"):
            monkeypatch.setattr(os, name, getattr(self, name))


def backup_target(folders) -> Path:
    """The backup file the next save of the month file (at the frozen NOW) will write."""
    from bondcoach.storage.backups import _stamp

    [device_dir] = device_dirs(folders)
    # The first backup of the month: this computer counts its backups (issue 10).
    return folders.data / "backups" / device_dir.name / f"{MONTH}.{_stamp(NOW)}.1.json"


SAVE_STEPS = [
    ("month", "open", errno.ENOSPC),
    ("month", "open", errno.EACCES),
    ("month", "fchmod", errno.EPERM),
    ("month", "write", errno.ENOSPC),
    ("month", "write", errno.EIO),
    ("month", "fsync", errno.EIO),
    ("month", "replace", errno.ENOSPC),
    ("month", "replace", errno.EACCES),
    ("backup", "open", errno.ENOSPC),
    ("backup", "write", errno.ENOSPC),
    ("backup", "fsync", errno.EIO),
    ("backup", "replace", errno.ENOSPC),
]


@pytest.mark.parametrize(("which", "step", "code"), SAVE_STEPS)
def test_a_failed_save_leaves_the_old_bytes_and_no_temp_file(
    cli, folders, frozen, which, step, code
):
    first = log_ok(cli, "10", "--at", "2026-11-20 10:00")
    path = month_file(folders)
    old = path.read_bytes()
    target = path if which == "month" else backup_target(folders)
    fault = SaveFault(target, step, code)
    with pytest.MonkeyPatch.context() as patch:
        fault.install(patch)
        result = cli("log", "15")
    assert fault.fired, f"the {step} of the {which} file never happened"
    assert result.exit_code == 1, result.output
    assert result.stderr.strip(), "no message on stderr"
    assert "Traceback" not in result.output
    assert path.read_bytes() == old
    assert temp_files(folders.data) == []
    assert temp_files(folders.state) == []
    assert history_ids(cli) == [first]


def test_a_failed_folder_flush_after_the_rename_is_reported_truthfully(cli, folders, frozen):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    path = month_file(folders)
    old = path.read_bytes()
    fault = SaveFault(path, "fsync-dir", errno.EIO)
    with pytest.MonkeyPatch.context() as patch:
        fault.install(patch)
        result = cli("log", "15")
    assert fault.fired
    assert result.exit_code == 1, result.output
    assert result.stderr.strip()
    assert temp_files(folders.data) == []
    new = path.read_bytes()
    json.loads(new)  # never a mix: the old file or the whole new one
    if new != old:
        # The new bytes are in place: the message must not say the file was left alone.
        assert "left as it was" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("logged_at", "moved_to", "failing_month"),
    [
        ("2026-11-02 09:00", "2026-10-30 09:00", "2026-11"),  # the old month is saved second
        ("2026-10-30 09:00", "2026-11-02 09:00", "2026-11"),  # the new month is saved second
    ],
)
def test_an_edit_across_months_that_fails_half_way_keeps_the_session_once(
    cli, folders, frozen, logged_at, moved_to, failing_month
):
    session = log_ok(cli, "15", "--at", logged_at)
    frozen.shift(timedelta(minutes=1))
    fault = SaveFault(month_file_for(folders, failing_month), "replace", errno.ENOSPC)
    with pytest.MonkeyPatch.context() as patch:
        fault.install(patch)
        result = cli("edit", session, "--at", moved_to)
    assert fault.fired
    assert result.exit_code == 1, result.output
    history = json_out(cli("history", "--last", "1000", "--json"))
    assert [s["id"] for s in history] == [session], history
    assert history[0]["start"][:16].replace("T", " ") in (logged_at, moved_to)
    weeks = [json_out(cli("week", "--of", day[:10], "--json")) for day in (logged_at, moved_to)]
    assert sum(week["sessions"] for week in weeks) == 1


class Countdown:
    """Fail the n-th call to any of the low-level file functions a save uses."""

    NAMES = ("open", "write", "fsync", "replace", "fchmod", "mkdir")

    def __init__(self, fail_at: int | None) -> None:
        self.fail_at = fail_at
        self.calls = 0
        self.failed: str | None = None

    def wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            if self.calls == self.fail_at:
                self.failed = f"os.{name}{args[:1]}"
                raise OSError(errno.EIO, "injected I/O error")
            return real(*args, **kwargs)

        return wrapper

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        for name in self.NAMES:
            monkeypatch.setattr(os, name, self.wrap(name, getattr(os, name)))


def test_a_failure_at_any_call_of_a_log_keeps_the_store_whole(cli, tmp_path, frozen, monkeypatch):
    def fresh(run_name: str) -> tuple[Path, bytes]:
        home = tmp_path / run_name
        for variable, name in (("HOME", "data"), ("STATE_DIR", "state"), ("CACHE_DIR", "cache")):
            monkeypatch.setenv(f"BONDCOACH_{variable}", str(home / name))
        log_ok(cli, "10", "--at", "2026-11-20 10:00")
        [path] = (home / "data" / "sessions").glob(f"*/{MONTH}.json")
        return path, path.read_bytes()

    def one_log(fail_at: int | None) -> tuple[Countdown, Any]:
        countdown = Countdown(fail_at)
        with pytest.MonkeyPatch.context() as patch:
            countdown.install(patch)
            result = cli("log", "15", "--at", "2026-11-21 10:00")
        return countdown, result

    fresh("count")
    counted, result = one_log(None)
    assert result.exit_code == 0, result.output
    assert counted.calls >= 8, counted.calls

    for fail_at in range(1, counted.calls + 1):
        path, old = fresh(f"run{fail_at}")
        home = path.parents[3]
        countdown, result = one_log(fail_at)
        where = f"failing call {fail_at}: {countdown.failed}"
        assert countdown.failed is not None, where
        assert result.exit_code in (0, 1), (where, result.output)
        assert "Traceback" not in result.output, where
        if result.exit_code != 0:
            assert result.stderr.strip(), where
        assert temp_files(home) == [], where
        old_records = json.loads(old)["records"]
        now_records = json.loads(path.read_bytes())["records"]
        assert now_records[: len(old_records)] == old_records, where
        assert len(now_records) in (len(old_records), len(old_records) + 1), where
        ids = history_ids(cli)
        assert len(ids) == len(now_records), where
        if result.exit_code == 0:
            assert len(ids) == 2, where
        assert cli("doctor").exit_code == 0, where


# 4. Damaged files --------------------------------------------------------------------------


def edit_json(raw: bytes, **changes: Any) -> bytes:
    return json.dumps({**json.loads(raw), **changes}, indent=1).encode()


def edit_record(raw: bytes, **changes: Any) -> bytes:
    payload = json.loads(raw)
    record = {**payload["records"][0], **changes}
    payload["records"][0] = {key: value for key, value in record.items() if value is not None}
    return json.dumps(payload, indent=1).encode()


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "corrupt": lambda good: good[:30] + b"\x93\xff not json {{" + good[45:],
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "nul-filled": lambda good: b"\x00" * len(good),
    "nul-page": lambda good: b"\x00" * 4096,
    "hand-edited-minutes": lambda good: good.replace(b'"minutes": 15', b'"minutes": -5'),
    "hand-edited-start": lambda good: good.replace(b'T10:00:00Z"', b' 10:00"'),
    "hand-edited-records": lambda good: edit_json(good, records={"oops": 1}),
    "hand-edited-extra-field": lambda good: edit_record(good, cuddles=3),
    "hand-edited-no-id": lambda good: edit_record(good, id=None),
    "future-schema": lambda good: good.replace(b'"schema": 2', b'"schema": 99'),
    "no-schema": lambda good: good.replace(b'"schema": 2,', b""),
}


@pytest.fixture
def damaged(cli, folders, frozen, request) -> tuple[Path, bytes, str]:
    session = log_ok(cli, "15", "--at", "2026-11-20 10:00")
    path = month_file(folders)
    good = path.read_bytes()
    bad = DAMAGE[request.param](good)
    assert bad != good, "the damage did not apply"
    path.write_bytes(bad)
    return path, bad, session


def assert_stopped(result, path: Path) -> None:
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert str(path) in result.stderr, result.stderr
    hint = result.stderr.lower()
    assert "backup" in hint or "upgrade" in hint, result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("damaged", list(DAMAGE), indirect=True)
def test_a_damaged_month_file_stops_commands_and_is_never_changed(cli, folders, damaged):
    path, bad, session = damaged
    before = data_files(folders.data)
    assert_stopped(cli("week"), path)
    assert_stopped(cli("week", "--json"), path)
    assert_stopped(cli("log", "15"), path)
    assert_stopped(cli("log", "20", "--at", "2026-11-21 10:00"), path)
    assert_stopped(cli("history"), path)
    assert_stopped(cli("export"), path)
    assert_stopped(cli("edit", session, "--minutes", "30"), path)
    assert_stopped(cli("delete", session, "--yes"), path)
    assert_stopped(cli("undo"), path)
    assert path.read_bytes() == bad
    assert data_files(folders.data) == before  # no backup of damage, nothing written anywhere

    doctor = cli("doctor")
    assert doctor.exit_code == 1, doctor.stdout
    assert str(path) in doctor.stdout
    assert "problem" in doctor.stdout
    assert path.read_bytes() == bad


@pytest.mark.parametrize("damaged", ["empty"], indirect=True)
def test_a_log_for_another_month_does_not_report_failure_after_saving(cli, folders, damaged):
    # Today's month file is damaged. A log for October either refuses before saving
    # anything, or saves and says so: never "failed" with the session saved anyway.
    _path, _bad, _session = damaged
    before = data_files(folders.data)
    result = cli("log", "20", "--at", "2026-10-20 10:00")
    if result.exit_code != 0:
        assert data_files(folders.data) == before, "reported a failure but saved the session"
    else:
        october = month_file_for(folders, "2026-10")
        assert october.exists()


def month_file_for(folders, month: str) -> Path:
    [device_dir] = device_dirs(folders)
    return device_dir / f"{month}.json"


# 5. Backups and doctor --restore -----------------------------------------------------------


def backups_of(folders, month: str = MONTH) -> list[Path]:
    return sorted((folders.data / "backups").glob(f"*/{month}.*.json"))


def test_doctor_restores_a_backup_and_sets_the_damaged_file_aside(cli, folders, frozen):
    first = log_ok(cli, "10", "--at", "2026-11-20 10:00")
    frozen.shift(timedelta(minutes=1))
    second = log_ok(cli, "12", "--at", "2026-11-21 10:00")
    frozen.shift(timedelta(minutes=1))
    third = log_ok(cli, "14", "--at", "2026-11-22 10:00")
    path = month_file(folders)
    backups = backups_of(folders)
    assert len(backups) == 2
    newest = backups[-1]  # names sort by time: the file as it was before the third log
    assert {r["id"] for r in json.loads(newest.read_bytes())["records"]} == {first, second}

    path.write_bytes(b"\x00" * 300)
    doctor = cli("doctor")
    assert doctor.exit_code == 1
    assert str(newest) in doctor.stdout  # the backups are offered

    restored = cli("doctor", "--restore", str(newest))
    assert restored.exit_code == 0, restored.output
    assert path.read_bytes() == newest.read_bytes()
    aside = sorted((folders.data / "set-aside").rglob("*.json"))
    assert [p.read_bytes() for p in aside] == [b"\x00" * 300]  # kept, not deleted
    assert sorted(history_ids(cli)) == sorted([first, second])
    assert third not in history_ids(cli)


def test_doctor_offers_only_this_computers_backups_and_says_where_the_others_are(
    cli, folders, frozen, tmp_path
):
    """Another computer sharing the folder made backups too: this one cannot restore them."""
    other_state = {"BONDCOACH_STATE_DIR": str(tmp_path / "second-computer")}
    for day in (20, 21):
        log_ok(cli, "10", "--at", f"2026-11-{day} 10:00")
        frozen.shift(timedelta(minutes=1))
        assert cli("log", "12", "--at", f"2026-11-{day} 11:00", env=other_state).exit_code == 0
        frozen.shift(timedelta(minutes=1))
    log_ok(cli, "10", "--at", "2026-11-22 10:00")
    assert cli("log", "12", "--at", "2026-11-22 11:00", env=other_state).exit_code == 0
    every = backups_of(folders)
    mine = [path for path in every if path.parent.name == month_file_parent(folders).name]
    theirs = [path for path in every if path not in mine]
    assert mine and theirs
    result = cli("doctor")
    assert result.exit_code == 0, result.output
    offered = result.stdout.split("other backup")[0]
    for path in mine:
        assert str(path) in offered
    for path in theirs:
        assert str(path) not in result.stdout
    text = " ".join(result.stdout.split())
    assert f"{len(theirs)} other backups in the shared folder belong to other computers" in text
    assert str(theirs[0].parent) in result.stdout
    refused = cli("doctor", "--restore", str(theirs[0]))
    assert refused.exit_code == 2 and "restore it there" in refused.stderr


def month_file_parent(folders) -> Path:
    """This computer's own folder of sessions (named by its device id)."""
    device = json.loads(next(folders.state.rglob("device.json")).read_text())["device"]
    return folders.data / "backups" / device


def test_restoring_something_that_is_not_a_backup_changes_nothing(cli, folders, frozen):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    stranger = folders.data.parent / "elsewhere.json"
    stranger.write_bytes(month_file(folders).read_bytes())
    before = data_files(folders.data)
    result = cli("doctor", "--restore", str(stranger))
    assert result.exit_code == 2, result.output
    assert str(stranger) in result.stderr
    assert data_files(folders.data) == before


def test_backups_keep_the_three_newest_per_file(cli, folders, frozen):
    versions = []
    for day in range(10, 17):
        log_ok(cli, "10", "--at", f"2026-11-{day} 10:00")
        versions.append(month_file(folders).read_bytes())
        log_ok(cli, "10", "--at", f"2026-10-{day} 10:00")
        frozen.shift(timedelta(minutes=1))
    november = backups_of(folders, "2026-11")
    october = backups_of(folders, "2026-10")
    assert len(november) == 3
    assert len(october) == 3
    # The newest three versions before the last save, in order.
    assert [p.read_bytes() for p in november] == versions[-4:-1]


def test_a_damaged_file_is_never_backed_up(cli, folders, frozen):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    frozen.shift(timedelta(minutes=1))
    log_ok(cli, "10", "--at", "2026-11-21 10:00")
    good_backups = {p: p.read_bytes() for p in backups_of(folders)}
    assert len(good_backups) == 1
    path = month_file(folders)
    for damage in (b"", b"\x00" * 100, b"{", b'{"schema": 1, "records": [{"id": 5}]}'):
        path.write_bytes(damage)
        for _ in range(4):
            frozen.shift(timedelta(minutes=1))
            assert cli("log", "5", "--at", "2026-11-22 10:00").exit_code == 1
        assert {p: p.read_bytes() for p in backups_of(folders)} == good_backups


# 6. Permissions ------------------------------------------------------------------------------


@pytest.fixture
def loose_umask(request) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def assert_private(*roots: Path) -> None:
    seen = 0
    for root in roots:
        assert root.exists(), root
        for path in [root, *root.rglob("*")]:
            mode = stat.S_IMODE(path.lstat().st_mode)
            expected = 0o700 if path.is_dir() else 0o600
            assert mode == expected, f"{path} is {mode:o}, not {expected:o}"
            seen += 1
    assert seen > 10


@pytest.mark.parametrize("loose_umask", [0o000, 0o022, 0o002], indirect=True)
def test_files_are_private_whatever_the_umask(cli, folders, frozen, loose_umask):
    assert cli("setup", "--baby-name", "Ada", "--caregiver", "Sam").exit_code == 0
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    frozen.shift(timedelta(minutes=1))
    log_ok(cli, "12", "--at", "2026-11-21 10:00")
    assert cli("tip").exit_code == 0
    [backup] = backups_of(folders)
    month_file(folders).write_bytes(b"")
    assert cli("doctor", "--restore", str(backup)).exit_code == 0
    assert (folders.data / "set-aside").exists()
    assert_private(folders.data, folders.state, folders.cache)


def test_loose_files_from_elsewhere_are_made_private_on_the_next_save(cli, folders, frozen):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    path = month_file(folders)
    path.chmod(0o644)
    path.parent.chmod(0o755)
    frozen.shift(timedelta(minutes=1))
    log_ok(cli, "10", "--at", "2026-11-21 10:00")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


# 7. Planted symlinks -------------------------------------------------------------------------


def plant(link: Path, target: Path) -> None:
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    elif link.exists():
        link.unlink()
    link.symlink_to(target, target_is_directory=target.is_dir())


def test_a_symlink_in_place_of_the_month_file_is_refused(cli, folders, frozen, tmp_path):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    path = month_file(folders)
    victim = tmp_path / "victim.json"
    victim.write_bytes(path.read_bytes())
    original = victim.read_bytes()
    plant(path, victim)
    result = cli("log", "15", "--at", "2026-11-21 10:00")
    assert result.exit_code == 1, result.output
    assert "link" in result.stderr
    assert path.is_symlink()
    assert victim.read_bytes() == original
    doctor = cli("doctor")
    assert doctor.exit_code == 1
    assert str(path) in doctor.stdout


@pytest.mark.parametrize("which", ["device folder", "sessions folder", "backups folder"])
def test_a_symlinked_folder_is_refused(cli, folders, frozen, tmp_path, which):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    frozen.shift(timedelta(minutes=1))
    log_ok(cli, "11", "--at", "2026-11-20 12:00")  # makes backups/<device>/
    [device_dir] = device_dirs(folders)
    link = {
        "device folder": device_dir,
        "sessions folder": folders.data / "sessions",
        "backups folder": folders.data / "backups" / device_dir.name,
    }[which]
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(link, elsewhere)
    outside_before = data_files(elsewhere)
    plant(link, elsewhere)
    frozen.shift(timedelta(minutes=1))
    result = cli("log", "15", "--at", "2026-11-21 10:00")
    assert result.exit_code == 1, result.output
    assert "link" in result.stderr, result.stderr
    assert link.is_symlink()
    assert data_files(elsewhere) == outside_before


def test_a_symlink_in_place_of_the_lock_file_is_refused(cli, folders, frozen, tmp_path):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    lock = open_store().lock_file
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"someone else's file")
    plant(lock, victim)
    before = data_files(folders.data)
    result = cli("log", "15", "--at", "2026-11-21 10:00")
    assert result.exit_code == 1, result.output
    assert str(lock) in result.stderr
    assert victim.read_bytes() == b"someone else's file"
    assert data_files(folders.data) == before


def test_a_symlink_planted_at_the_temp_file_name_is_refused(
    cli, folders, frozen, tmp_path, monkeypatch
):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    path = month_file(folders)
    old = path.read_bytes()
    monkeypatch.setattr(os, "urandom", lambda size: b"\x01" * size)
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"someone else's file")
    predicted = path.with_name(f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{'01' * 4}")
    predicted.symlink_to(victim)
    result = cli("log", "15", "--at", "2026-11-21 10:00")
    assert result.exit_code == 1, result.output
    assert victim.read_bytes() == b"someone else's file"
    assert path.read_bytes() == old


# 8. The lock -----------------------------------------------------------------------------------


def test_a_held_lock_makes_log_give_up_with_a_message_and_write_nothing(
    cli, folders, frozen, monkeypatch
):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    store = open_store()
    monkeypatch.setattr(bondcoach.storage.session_store, "LOCK_TIMEOUT_SECONDS", 0.2)
    before = data_files(folders.data)
    with filelock.FileLock(store.lock_file):
        started = time.monotonic()
        result = cli("log", "15", "--at", "2026-11-21 10:00")
        waited = time.monotonic() - started
    assert result.exit_code == 1, result.output
    assert "lock" in result.stderr
    assert str(store.lock_file) in result.stderr
    assert "nothing was saved" in result.stderr
    assert waited < 5
    assert data_files(folders.data) == before


def test_a_lock_held_for_a_moment_is_waited_for(cli, folders, frozen):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    store = open_store()
    held = threading.Event()

    def hold_briefly() -> None:
        with filelock.FileLock(store.lock_file):
            held.set()
            time.sleep(0.4)

    holder = threading.Thread(target=hold_briefly)
    holder.start()
    try:
        assert held.wait(5)
        started = time.monotonic()
        result = cli("log", "15", "--at", "2026-11-21 10:00")
        waited = time.monotonic() - started
    finally:
        holder.join()
    assert result.exit_code == 0, result.output
    assert waited >= 0.3
    assert len(history_ids(cli)) == 2


def test_a_lock_held_by_another_process_is_respected(cli, folders, monkeypatch):
    first = run("log", "1", "--at", "2026-02-02 09:00")
    assert first.returncode == 0, first.stderr
    store = open_store()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, filelock\n"
            "with filelock.FileLock(sys.argv[1]):\n"
            "    print('held', flush=True)\n"
            "    time.sleep(30)\n",
            str(store.lock_file),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setattr(bondcoach.storage.session_store, "LOCK_TIMEOUT_SECONDS", 0.3)
        before = data_files(folders.data)
        result = cli("log", "15", "--at", "2026-02-03 10:00")
        assert result.exit_code == 1, result.output
        assert "lock" in result.stderr
        assert data_files(folders.data) == before
    finally:
        holder.kill()
        holder.wait()


# The store itself, against a model -----------------------------------------------------------

STORE_NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)
starts = st.datetimes(
    min_value=datetime(2025, 11, 1), max_value=datetime(2026, 11, 25), timezones=st.just(LONDON)
).map(
    # As stored: a fixed offset (the one in force then), whole minutes.
    lambda moment: moment.astimezone(timezone(moment.utcoffset())).replace(second=0, microsecond=0)
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), starts, st.integers(1, 300)),
        st.tuples(st.just("edit"), st.integers(0, 50), starts, st.integers(1, 300)),
        st.tuples(st.just("delete"), st.integers(0, 50)),
    ),
    max_size=25,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(operations)
def test_the_store_agrees_with_a_model(ops):
    model: dict[str, Session] = {}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        store = SessionStore(root / "data", "device1", root / "state" / "store.lock")
        moment = STORE_NOW
        for number, op in enumerate(ops):
            moment += timedelta(seconds=1)
            if op[0] == "add":
                session = Session(id=f"s{number:04d}", start=op[1], minutes=op[2])
                store.add(session, moment)
                model[session.id] = session
            elif model:
                live = sorted(model)
                chosen = model[live[op[1] % len(live)]]
                if op[0] == "edit":
                    new = chosen.model_copy(update={"start": op[2], "minutes": op[3]})
                    store.replace(chosen, new, moment)
                    model[chosen.id] = new
                else:
                    store.delete(chosen, moment)
                    del model[chosen.id]
        expected = sorted(model.values(), key=lambda s: (s.start, s.id))
        assert list(store.iter_sessions()) == expected
        assert store.sessions_between(date(2025, 1, 1), date(2026, 12, 31)) == expected
        assert store.latest_sessions(3) == expected[-3:]
        for month in {month_key(s.day) for s in expected}:
            assert store.sessions_in_month(month) == [
                s for s in expected if month_key(s.day) == month
            ]
        # A second device reading the same folder sees the same.
        other = SessionStore(root / "data", "device2", root / "state" / "other.lock")
        assert list(other.iter_sessions()) == expected
