"""The store's lock: the operating system's own lock on one file per data folder, kept in
this computer's state folder (``flock`` on Linux and macOS, a byte lock on Windows).

Why not the ``filelock`` package: every command that reads sessions takes this lock (a
change across months must be seen whole), and importing ``filelock`` cost about 15 ms,
more than such a command's own work (see the README's performance section). What it
gives beyond the system call is not needed here: the lock file is in the state folder,
which is local, and the system releases the lock when the process ends, so a kill never
leaves it held. ``flock`` locks are the ones ``filelock`` itself takes on Linux and macOS,
so the two exclude each other.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from pathlib import Path

POLL_SECONDS = 0.05
# Windows reports a byte locked by another process with these.
_BUSY = {errno.EACCES, errno.EAGAIN, getattr(errno, "EDEADLOCK", errno.EDEADLK)}
# Held in this process: path -> (descriptor, depth). Re-entrant, like the store's use of
# it: a command that holds the lock and reads again must not wait for itself. It is the
# process's lock, shared by its threads (bondcoach runs one), keyed by the path as given
# (every caller names it through session_store.lock_file_for).
_held: dict[str, tuple[int, int]] = {}


class LockTimeout(Exception):
    """Another process held the lock for the whole timeout."""


def acquire(path: Path, timeout: float) -> None:
    """Take the lock on ``path`` (made 0600 if missing), waiting up to ``timeout``
    seconds. OSError if the file cannot be opened or locked; LockTimeout if busy."""
    key = str(path)
    if key in _held:
        fd, depth = _held[key]
        _held[key] = (fd, depth + 1)
        return
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o600)
    try:
        _wait_for(fd, timeout)
    except BaseException:
        os.close(fd)
        raise
    _held[key] = (fd, 1)


def release(path: Path) -> None:
    """Give back one hold; the last one unlocks and closes the file."""
    key = str(path)
    fd, depth = _held[key]
    if depth > 1:
        _held[key] = (fd, depth - 1)
        return
    del _held[key]
    try:
        _unlock(fd)
    finally:
        os.close(fd)


def _wait_for(fd: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not _try_lock(fd):
        if time.monotonic() >= deadline:
            raise LockTimeout
        time.sleep(POLL_SECONDS)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as error:
            if error.errno in _BUSY:
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
