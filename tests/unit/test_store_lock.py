"""The store's lock (storage/lock.py): the system's own file lock, re-entrant in one
process, exclusive between processes, released when its holder dies."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bondcoach.storage import lock

HOLDER = """
import sys, time
from pathlib import Path
from bondcoach.storage import lock
lock.acquire(Path(sys.argv[1]), 5)
print("held", flush=True)
time.sleep(60)
"""


@pytest.fixture
def holder(tmp_path: Path):
    """Another process holding the lock on tmp_path / "store.lock" until killed."""
    path = tmp_path / "store.lock"
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "held"
    yield path, process
    process.kill()
    process.wait(timeout=10)


def test_the_lock_file_is_made_private_and_the_lock_is_re_entrant(tmp_path: Path) -> None:
    path = tmp_path / "store.lock"
    lock.acquire(path, 1)
    try:
        lock.acquire(path, 0)  # held already: no waiting for itself
        lock.release(path)
        assert str(path) in lock._held
    finally:
        lock.release(path)
    assert str(path) not in lock._held
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_another_process_holding_it_makes_us_wait_then_give_up(holder) -> None:
    path, _ = holder
    with pytest.raises(lock.LockTimeout):
        lock.acquire(path, 0.2)
    assert str(path) not in lock._held


def test_a_killed_holder_leaves_the_lock_free(holder) -> None:
    path, process = holder
    process.kill()  # SIGKILL: no chance to unlock
    process.wait(timeout=10)
    lock.acquire(path, 5)
    lock.release(path)


@pytest.mark.skipif(os.name != "posix", reason="filelock's lock is flock on POSIX only")
def test_it_excludes_the_filelock_package_both_ways(tmp_path: Path, holder) -> None:
    import filelock

    path, _ = holder
    with pytest.raises(filelock.Timeout):
        filelock.FileLock(path, timeout=0.2).acquire()
    other = tmp_path / "other.lock"
    with filelock.FileLock(other), pytest.raises(lock.LockTimeout):
        lock.acquire(other, 0.2)


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no O_NOFOLLOW here")
def test_a_planted_link_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep")
    path = tmp_path / "store.lock"
    path.symlink_to(target)
    with pytest.raises(OSError):
        lock.acquire(path, 0.2)
    assert target.read_text() == "keep"
    assert str(path) not in lock._held
