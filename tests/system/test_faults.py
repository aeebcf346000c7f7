"""Faults at every step of a save (issue 10), in-process: failed folder flushes in a change
across months, file systems that cannot flush folders, the undo journal, failures after a
save, setup's two files, leftovers, backups under clock skew, and a reader racing a writer
(real processes). The same ground with real system calls failed by strace is in
test_strace_faults.py."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from helpers import LONDON, json_out

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)


@pytest.fixture
def frozen() -> Iterator[time_machine.Coordinates]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def log_ok(cli, *args: str) -> str:
    result = cli("log", *args, "--json")
    return json_out(result)["session"]["id"]


def ids(cli) -> list[str]:
    return [s["id"] for s in json_out(cli("history", "--last", "1000", "--json"))]


def sessions(cli) -> dict[str, dict[str, Any]]:
    found = json_out(cli("history", "--last", "1000", "--json"))
    assert len({s["id"] for s in found}) == len(found), "a session shows twice"
    return {s["id"]: s for s in found}


class DirFsync:
    """Fail the ``fail_at``-th fsync of a folder (1-based) with ``code``; or all of them."""

    def __init__(self, fail_at: int | None, code: int, every: bool = False, only: str = "") -> None:
        self.fail_at, self.code, self.every, self.only = fail_at, code, every, only
        self.count = 0
        self.fired = 0
        self.real = os.fsync

    def __call__(self, fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode) and self.only in os.readlink(f"/proc/self/fd/{fd}"):
            self.count += 1
            if self.every or self.count == self.fail_at:
                self.fired += 1
                raise OSError(self.code, os.strerror(self.code))
        self.real(fd)


def with_fault(fault: Callable[..., Any], run: Callable[[], Any]) -> Any:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fsync", fault)
        return run()


# A change across months survives a failed folder flush at any step --------------------


@pytest.mark.parametrize("code", [errno.EIO, errno.EINVAL])
@pytest.mark.parametrize(
    "change", ["edit-back", "edit-forward", "import", "undo-edit", "undo-import"]
)
def test_a_change_across_months_with_any_folder_flush_failing_keeps_each_session_once(
    cli, folders, frozen, tmp_path, change, code
):
    feed = tmp_path / "feed.csv"
    feed.write_text(
        "start,minutes,note\n2026-10-30 09:00,5,a\n2026-11-02 09:00,6,b\n", encoding="utf-8"
    )

    def prepare() -> str:
        start = "2026-10-30 10:00" if change == "edit-forward" else "2026-11-02 10:00"
        session = log_ok(cli, "10", "--at", start)
        if change == "undo-edit":
            assert cli("edit", session, "--at", "2026-10-30 10:00").exit_code == 0
        if change == "undo-import":
            assert cli("import", str(feed)).exit_code == 0
        return session

    def act(session: str) -> Any:
        return {
            "edit-back": lambda: cli("edit", session, "--at", "2026-10-30 10:00"),
            "edit-forward": lambda: cli("edit", session, "--at", "2026-11-02 10:00"),
            "import": lambda: cli("import", str(feed)),
            "undo-edit": lambda: cli("undo"),
            "undo-import": lambda: cli("undo"),
        }[change]()

    fail_at = 1
    while True:
        for folder in (folders.data, folders.state):
            if folder.exists():
                import shutil

                shutil.rmtree(folder)
        session = prepare()
        before = sessions(cli)
        fault = DirFsync(fail_at, code)
        result = with_fault(fault, lambda session=session: act(session))
        if not fault.fired:
            break
        after = sessions(cli)  # each session once (checked inside)
        assert "Traceback" not in result.output
        assert "untouched" not in result.stderr, result.stderr
        if code == errno.EINVAL:  # a file system that cannot flush folders: saved
            assert result.exit_code == 0, (fail_at, result.output)
            assert after != before
        else:
            assert result.exit_code in (0, 1), result.output
            if result.exit_code == 1:
                assert result.stderr.strip()
        # Whatever happened, the next command finishes or leaves it, and doctor is calm.
        assert cli("log", "1", "--at", "2026-11-25 10:00").exit_code == 0
        sessions(cli)
        doctor = cli("doctor")
        assert doctor.exit_code == 0, doctor.stdout
        assert "pending" not in doctor.stdout
        fail_at += 1
    assert fail_at > 2, "the change flushed fewer folders than expected"


def test_a_failed_flush_after_the_first_month_puts_the_change_back(cli, folders, frozen):
    session = log_ok(cli, "10", "--at", "2026-11-02 10:00")
    before = sessions(cli)
    # Flushes: pending.json, then the first month's backup and file, then the second's.
    fault = DirFsync(3, errno.EIO)
    result = with_fault(fault, lambda: cli("edit", session, "--at", "2026-10-30 10:00"))
    assert fault.fired
    assert result.exit_code == 1
    assert "nothing changed" in result.stderr
    assert sessions(cli) == before


def test_doctor_names_an_unfinished_multi_month_save_and_the_next_save_finishes_it(
    cli, folders, frozen
):
    session = log_ok(cli, "10", "--at", "2026-11-02 10:00")
    [device] = [p for p in (folders.data / "sessions").iterdir()]
    month = device / "2026-11.json"
    records = json.loads(month.read_text())["records"]
    moved = dict(records[0], start="2026-10-30T10:00:00Z", updated="2026-11-26T10:00:02Z")
    gone = dict(records[0], updated="2026-11-26T10:00:01Z", deleted=True)
    pending = {"schema": 1, "device": device.name, "month": "pending", "records": [gone, moved]}
    (device / "pending.json").write_text(json.dumps(pending))
    assert [s["start"][:10] for s in sessions(cli).values()] == ["2026-10-30"]
    doctor = cli("doctor")
    assert "cut short" in doctor.stdout
    log_ok(cli, "5", "--at", "2026-11-20 10:00")
    assert not (device / "pending.json").exists()
    assert sessions(cli)[session]["start"].startswith("2026-10-30")


# A file system that cannot flush folders -----------------------------------------------


def test_a_file_system_without_folder_flushes_saves_and_says_so_once(cli, folders, frozen):
    fault = DirFsync(None, errno.EINVAL, every=True)
    first = with_fault(fault, lambda: cli("log", "10", "--at", "2026-11-20 10:00"))
    second = with_fault(fault, lambda: cli("log", "12", "--at", "2026-11-21 10:00"))
    third = with_fault(fault, lambda: cli("log", "14", "--at", "2026-10-21 10:00"))
    assert fault.fired >= 3
    assert [first.exit_code, second.exit_code, third.exit_code] == [0, 0, 0]
    assert "cannot flush folders" in first.stderr
    assert "cannot flush folders" not in second.stderr + third.stderr  # said once
    assert len(ids(cli)) == 3
    assert any(p.name.startswith("no-folder-flush-") for p in folders.state.iterdir())


def test_a_failed_folder_flush_of_a_one_month_save_says_it_was_written(cli, folders, frozen):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    fault = DirFsync(None, errno.EIO, every=True, only=str(folders.data / "sessions"))
    result = with_fault(fault, lambda: cli("log", "15", "--at", "2026-11-21 10:00"))
    assert result.exit_code == 1
    assert "was written" in result.stderr
    assert "untouched" not in result.stderr
    assert len(ids(cli)) == 2


# The undo journal ----------------------------------------------------------------------


def test_a_journal_that_cannot_be_written_never_leaves_the_older_change_armed(
    cli, folders, frozen, monkeypatch
):
    from bondcoach.errors import DataError
    from bondcoach.storage import undo_log

    first = log_ok(cli, "10", "--at", "2026-11-20 10:00")

    def full_disk(change: Any) -> None:
        raise DataError("could not save the journal: No space left on device")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(undo_log, "_save", full_disk)
        second = cli("log", "12", "--at", "2026-11-21 10:00")
    assert second.exit_code == 0
    assert "will not know about it" in second.stderr
    undo = cli("undo")
    assert undo.exit_code == 1
    assert "nothing to undo" in undo.stderr
    assert len(ids(cli)) == 2 and first in ids(cli)  # the acknowledged first log stays


def test_a_journal_that_cannot_be_cleared_saves_nothing(cli, folders, frozen, monkeypatch):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    journal = next(folders.state.glob("last-change-*.json"))
    real_unlink = Path.unlink

    def refuse(self: Path, missing_ok: bool = False) -> None:
        if self == journal:
            raise OSError(errno.EIO, "Input/output error")
        real_unlink(self, missing_ok=missing_ok)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "unlink", refuse)
        result = cli("log", "12", "--at", "2026-11-21 10:00")
    assert result.exit_code == 1
    assert "nothing was saved" in result.stderr
    assert len(ids(cli)) == 1


def test_undo_is_once_even_when_marking_it_fails(cli, folders, frozen):
    from bondcoach.errors import DataError
    from bondcoach.storage import undo_log

    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    logged = log_ok(cli, "12", "--at", "2026-11-21 10:00")

    def full_disk(change: Any) -> None:
        raise DataError("could not save the journal: No space left on device")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(undo_log, "mark_undone", full_disk)
        failed = cli("undo")
    assert failed.exit_code == 1
    assert logged in ids(cli)  # it said it failed, and nothing was undone
    assert cli("undo").exit_code == 0
    assert logged not in ids(cli)
    again = cli("undo")
    assert again.exit_code == 1 and "nothing to undo" in again.stderr
    assert len(ids(cli)) == 1


def test_an_undo_that_fails_can_be_tried_again(cli, folders, frozen):
    from bondcoach.storage import month_writes

    logged = log_ok(cli, "12", "--at", "2026-11-21 10:00")
    with pytest.MonkeyPatch.context() as patch:

        def broken(*args: Any) -> None:
            from bondcoach.errors import DataError

            raise DataError("could not save the month: Input/output error")

        patch.setattr(month_writes.MonthWrites, "_write_month", broken)
        failed = cli("undo")
    assert failed.exit_code == 1
    assert logged in ids(cli)
    assert cli("undo").exit_code == 0
    assert logged not in ids(cli)


# After a save, no error says "untouched" -------------------------------------------------


def test_an_unexpected_failure_after_the_save_says_what_was_saved(cli, folders, frozen):
    import bondcoach.core.babies

    with pytest.MonkeyPatch.context() as patch:

        def broken(*args: Any, **kwargs: Any) -> None:
            raise OSError(errno.EIO, "Input/output error")

        # What log works out after the save (today's progress).
        patch.setattr(bondcoach.core.babies, "progress_for", broken)
        result = cli("log", "15", "--at", "2026-11-21 10:00")
    assert result.exit_code == 1
    assert "untouched" not in result.stderr
    assert "already saved" in result.stderr
    assert "2026-11.json" in result.stderr
    assert len(ids(cli)) == 1  # and it was: a retry is not needed


def test_a_lock_that_cannot_be_released_does_not_fail_a_save(cli, folders, frozen):
    import bondcoach.storage.lock as lock

    real = lock._unlock
    released: list[int] = []

    def failing(fd: int) -> None:
        real(fd)
        released.append(fd)
        raise OSError(errno.EIO, "Input/output error")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lock, "_unlock", failing)
        result = cli("log", "15", "--at", "2026-11-21 10:00")
    assert released  # the failing release was really called
    assert result.exit_code == 0, result.output
    assert len(ids(cli)) == 1
    assert not lock._held  # and the next command can take the lock again
    log_ok(cli, "5", "--at", "2026-11-21 11:00")


def test_setup_saves_the_profile_and_the_caregiver_together_or_neither(cli, folders, frozen):
    import bondcoach.storage.fsio

    log_ok(cli, "10", "--at", "2026-11-20 10:00")  # this computer has its id and files
    before = {path: path.read_bytes() for path in folders.data.rglob("*") if path.is_file()}

    real_replace = os.replace

    def full_disk(source: Any, target: Any) -> None:
        if Path(target).parent.name == "profile":
            raise OSError(errno.ENOSPC, "No space left on device")
        real_replace(source, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bondcoach.storage.fsio.os, "replace", full_disk)
        result = cli("setup", "--baby-name", "Mia", "--caregiver", "Sam")
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert "saved" not in result.stderr.replace("nothing was saved", "")
    after = {path: path.read_bytes() for path in folders.data.rglob("*") if path.is_file()}
    assert after == before
    shown = json_out(cli("setup", "--show", "--json"))
    assert (shown["caregiver"], shown["baby_name"]) == (None, None)


# Leftovers -------------------------------------------------------------------------------


def dead_pid() -> int:
    finished = subprocess.run([sys.executable, "-c", "pass"], check=True)
    del finished
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_doctor_names_and_cleans_leftovers_everywhere(cli, folders, frozen):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    log_ok(cli, "10", "--at", "2026-11-21 10:00")
    pid = dead_pid()
    [backup_dir] = list((folders.data / "backups").iterdir())
    planted = [
        backup_dir / f".tmp-2026-11.x.json.{pid}.0badcafe",
        folders.data / f".tmp-profile.json.{pid}.0badcafe",
        folders.state / f".tmp-device.json.{pid}.0badcafe",
    ]
    for path in planted:
        path.write_bytes(b"half")
    alive = folders.data / f".tmp-profile.json.{os.getppid()}.0badcafe"  # a live writer
    alive.write_bytes(b"mid-save")
    doctor = cli("doctor")
    assert doctor.exit_code == 0, doctor.stdout
    for path in planted:
        assert path.name in doctor.stdout
        assert not path.exists()
    assert alive.exists()


# Backups under clock skew ----------------------------------------------------------------


def test_backups_keep_the_last_three_written_whatever_their_names_say(cli, folders, frozen):
    log_ok(cli, "10", "--at", "2026-11-20 10:00")
    [device] = list((folders.data / "sessions").iterdir())
    backups = folders.data / "backups" / device.name
    backups.mkdir(parents=True)
    # Written by 1.0 after a mend raised the time past another computer's fast clock.
    future = backups / "2026-11.20991231T000000000000Z.json"
    future.write_bytes((device / "2026-11.json").read_bytes())
    versions = []
    for day in range(21, 26):
        versions.append((device / "2026-11.json").read_bytes())
        log_ok(cli, "10", "--at", f"2026-11-{day} 10:00")
        frozen.shift(timedelta(minutes=-5))  # this computer's clock even runs backwards
    kept = sorted(backups.iterdir(), key=lambda p: int(p.name.split(".")[2]))
    assert [p.read_bytes() for p in kept] == versions[-3:]
    assert not future.exists()


def test_backups_by_this_computers_count_not_the_stamp(folders):
    from bondcoach.storage.backups import keep_backup, list_backups

    root = folders.data
    for number, hour in enumerate([23, 5, 12, 1], start=1):
        stamp = datetime(2026, 11, 26, hour, tzinfo=LONDON)
        keep_backup(root, "abc123", "2026-11", f"v{number}".encode(), stamp)
    kept = list_backups(root)
    assert [b.path.read_bytes() for b in kept] == [b"v4", b"v3", b"v2"]


# A reader racing a writer (real processes) -------------------------------------------------


WRITER = """
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from bondcoach.actions.history import undo
from bondcoach.actions.transfer import import_file
feed, reads = Path(sys.argv[1]), Path(sys.argv[2])
deadline = time.monotonic() + 120
# Start once the reader has read once: a slow start is no race.
while not reads.exists() and time.monotonic() < deadline:
    time.sleep(0.01)
done = 0
# Race until the reader has read often, so a busy machine cannot make the race vacuous.
while done < 5 or (int(reads.read_text() or 0) < 20 and time.monotonic() < deadline):
    now = datetime.now(timezone.utc)
    import_file(feed, now)
    time.sleep(0.01)  # leave the reader a window between the two changes
    undo(now)
    time.sleep(0.01)
    done += 1
"""

READER = """
import json
import sys
from collections import Counter
from pathlib import Path
from bondcoach.storage.session_store import open_store
stop, seen = Path(sys.argv[1]), Counter()
while not stop.exists():
    sessions = list(open_store().iter_sessions())
    assert len({s.id for s in sessions}) == len(sessions), "a session twice"
    seen[len(sessions)] += 1
    reads = Path(sys.argv[2])
    reads.with_suffix(".tmp").write_text(str(sum(seen.values())))
    reads.with_suffix(".tmp").replace(reads)
print(json.dumps(seen))
"""


@pytest.mark.slow
def test_a_reader_racing_a_multi_month_writer_sees_each_change_whole(folders, tmp_path):
    feed = tmp_path / "feed.csv"
    rows = [
        f"2025-{month:02d}-{day:02d} 09:00,{day}"
        for month in range(1, 13)
        for day in (3, 9, 17, 25)
    ]
    feed.write_text("start,minutes\n" + "\n".join(rows) + "\n", encoding="utf-8")
    env = os.environ.copy()
    log = [sys.executable, "-m", "bondcoach", "log", "5", "--at", "2025-06-15 12:00"]
    subprocess.run(log, env=env, check=True, capture_output=True)
    stop, reads = tmp_path / "stop", tmp_path / "reads.txt"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(stop), str(reads)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    writer = subprocess.run(
        [sys.executable, "-c", WRITER, str(feed), str(reads)],
        env=env,
        capture_output=True,
        text=True,
    )
    stop.touch()
    out, _ = reader.communicate(timeout=60)
    assert writer.returncode == 0, writer.stderr
    assert reader.returncode == 0, out
    seen = {int(k): v for k, v in json.loads(out).items()}
    assert sum(seen.values()) > 5, seen  # the race was run
    assert set(seen) <= {1, 1 + len(rows)}, seen  # the logged one, with all or none


# Backups of a change across months -----------------------------------------------------


def test_a_change_across_months_flushes_its_backups_folder_once_at_the_end(
    cli, folders, frozen, tmp_path
):
    import bondcoach.storage.fsio as fsio

    feed = tmp_path / "feed.csv"
    feed.write_text(
        "start,minutes\n" + "".join(f"2026-{m:02d}-10 09:00,5\n" for m in range(1, 7)),
        encoding="utf-8",
    )
    assert cli("import", str(feed)).exit_code == 0
    flushed: list[Path] = []
    real = fsio._fsync_dir

    def counting(folder: Path) -> None:
        flushed.append(folder)
        real(folder)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fsio, "_fsync_dir", counting)
        result = cli("undo")
    assert result.exit_code == 0, result.output
    [device] = list((folders.data / "sessions").iterdir())
    backups = folders.data / "backups" / device.name
    assert len(list(backups.iterdir())) == 6  # one backup of each month
    assert flushed.count(backups) == 1  # flushed once, after the last month
    # pending.json, then each month file, flush their folder as before; the backups'
    # folder is flushed after the last month, before pending.json goes.
    before_backups = flushed[: flushed.index(backups)]
    assert before_backups.count(device) == 1 + 6
    assert flushed.count(device) == 1 + 6 + 1
    assert ids(cli) == []


def test_a_backups_folder_that_cannot_be_flushed_fails_no_save(cli, folders, frozen, tmp_path):
    import bondcoach.storage.fsio as fsio

    feed = tmp_path / "feed.csv"
    feed.write_text("start,minutes\n2026-01-10 09:00,5\n2026-02-10 09:00,6\n", encoding="utf-8")
    assert cli("import", str(feed)).exit_code == 0
    real = fsio._fsync_dir

    def failing_for_backups(folder: Path) -> None:
        if folder.parent.name == "backups":
            raise OSError(errno.EIO, "Input/output error")
        real(folder)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fsio, "_fsync_dir", failing_for_backups)
        result = cli("undo")
    assert result.exit_code == 0, result.output
    assert ids(cli) == []


# Two setups at once ----------------------------------------------------------------------

OTHER_SETUP = """
import sys
import bondcoach.storage.session_store as store
store.LOCK_TIMEOUT_SECONDS = 0.5
sys.argv = ["bondcoach", "setup", "--caregiver", "Alex"]
from bondcoach.cli import main
main()
"""


def test_a_second_setup_cannot_slip_between_a_saves_read_and_its_write(cli, folders, frozen):
    """The record holds the profile and the caregiver whole: a save reads it, then writes
    it, under the store's lock, so another save in between cannot be lost in silence."""
    import bondcoach.storage.profile as profile

    assert cli("setup", "--baby-name", "Mia", "--caregiver", "Sam").exit_code == 0
    real = profile._read_own
    others: list[subprocess.CompletedProcess[str]] = []

    def racing(path: Path) -> Any:
        if not others:  # mid-save: the other setup runs now
            others.append(
                subprocess.run(
                    [sys.executable, "-c", OTHER_SETUP],
                    env=os.environ.copy(),
                    capture_output=True,
                    text=True,
                    timeout=60,
                )
            )
        return real(path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(profile, "_read_own", racing)
        result = cli("setup", "--baby-name", "Ada")
    assert result.exit_code == 0, result.output
    [other] = others
    assert other.returncode == 1, other.stderr
    assert "lock" in other.stderr and "nothing was saved" in other.stderr
    shown = json_out(cli("setup", "--show", "--json"))
    assert (shown["baby_name"], shown["caregiver"]) == ("Ada", "Sam")
