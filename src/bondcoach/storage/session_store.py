"""Writing sessions: appending records under a lock, atomically, with backups.

Reading, and the file layout, are in ``session_reader``; this adds the writes of the
one device that owns its folder.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from bondcoach.core.sessions import Record, Session
from bondcoach.errors import DataError
from bondcoach.storage import paths
from bondcoach.storage.fsio import (
    ensure_private_dir,
    refuse_symlink,
)
from bondcoach.storage.month_writes import MonthWrites
from bondcoach.storage.records import SCHEMA_VERSION as SCHEMA_VERSION
from bondcoach.storage.records import month_key as month_key
from bondcoach.storage.records import new_session_id as new_session_id
from bondcoach.storage.records import newest_versions as newest_versions
from bondcoach.storage.records import parse_month_file as parse_month_file
from bondcoach.storage.session_reader import PENDING_NAME as PENDING_NAME
from bondcoach.storage.session_reader import later_than

LOCK_TIMEOUT_SECONDS = 10.0


class SessionStore(MonthWrites):
    """The session store: the only code that writes session files (see session_reader)."""

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the cross-process lock (re-entrant) for a read-modify-write of this
        device's files, or for a consistent read."""
        from bondcoach.storage import lock

        ensure_private_dir(self.lock_file.parent)
        refuse_symlink(self.lock_file)
        try:
            lock.acquire(self.lock_file, LOCK_TIMEOUT_SECONDS)
        except lock.LockTimeout as error:
            raise DataError(
                f"another bondcoach has held the lock {self.lock_file} for "
                f"{LOCK_TIMEOUT_SECONDS:.0f} seconds; nothing was saved",
                hint="Wait for the other command to finish, then try again.",
            ) from error
        except OSError as error:
            raise DataError(
                f"could not take the lock {self.lock_file} ({error.strerror or error}); "
                "nothing was saved"
            ) from error
        try:
            yield
        finally:
            # A release that fails changes nothing on disk (the lock goes with the
            # process anyway): the work inside stands, so it must not be reported failed.
            with contextlib.suppress(OSError):
                lock.release(self.lock_file)

    def add(self, session: Session, now: datetime) -> None:
        self.add_many([session], now)

    def add_many(self, sessions: Iterable[Session], now: datetime) -> None:
        records = [Record(session=s, updated=now, device=self.device) for s in sessions]
        with self.locked():
            self.write_records(records, now)

    def replace(self, old: Session, new: Session, now: datetime) -> None:
        """Record ``new`` as the current version of ``old`` (same id): see ``mends``."""
        from bondcoach.storage.mends import replacing

        now = self.newer_than_stored([old], now)
        records = replacing(old, new, now, self.device, self.merged_record(old))
        with self.locked():
            self.write_records(records, records[-1].updated)

    def delete(self, session: Session, now: datetime) -> None:
        self.delete_many([session], now)

    def delete_many(self, sessions: Iterable[Session], now: datetime) -> None:
        self._set_deleted(sessions, now, deleted=True)

    def withdraw_many(self, sessions: Iterable[Session], now: datetime) -> None:
        """Take back sessions this computer added (undo of a log or an import).

        Each gets a deletion record holding the whole session, as ``delete`` writes. A
        session whose only record anywhere, on any computer, is still the one this
        computer added has that record replaced by its deletion record rather than
        joined by it: an undone ten-year import leaves one record per session, not two
        (the month's backup keeps the file as it was). The deletion record stays so that
        an older copy of the file arriving later (a sync tool's conflict copy) cannot
        bring the session back. The change shows whole or not at all. (The replaced
        record's field times go with it: should another computer bring the session back,
        its own versions of the fields count, not the undone ones.)
        """
        self._set_deleted(sessions, now, deleted=True, withdraw=True)

    def undelete_many(self, sessions: Iterable[Session], now: datetime) -> None:
        """Bring deleted sessions back (only ``deleted`` changes: see ``mends``)."""
        self._set_deleted(sessions, now, deleted=False)

    def _set_deleted(
        self, sessions: Iterable[Session], now: datetime, deleted: bool, withdraw: bool = False
    ) -> None:
        from bondcoach.storage.mends import mend

        sessions = list(sessions)
        with self.locked():  # read under the lock: no save of this computer between
            versions = self.versions_of(sessions)
            now = later_than(versions, now)  # as newer_than_stored, from the same read
            records = [mend(s, now, self.device, ["deleted"], deleted=deleted) for s in sessions]
            added = _added_here(versions, self.device) if withdraw else None
            self.write_records(records, now, withdraw=added)

    def restore_backup(self, backup: Path, now: datetime) -> Path:
        """Put one of this device's backups back in place; returns the file it replaced."""
        from bondcoach.storage.backups import restore_backup

        with self.locked():
            self._clean_leftovers()
            return restore_backup(self.root, self.device, backup, now, self.month_file)


def _added_here(versions: list[Record], device: str) -> dict[str, datetime]:
    """id: time, of the sessions whose one stored record is ``device``'s full record."""
    by_id: dict[str, list[Record]] = {}
    for record in versions:
        by_id.setdefault(record.session.id, []).append(record)
    return {
        session_id: only.updated
        for session_id, (only, *others) in by_id.items()
        if not others and only.device == device and only.fields is None
    }


def lock_file_for(data_root: Path) -> Path:
    """One lock per data folder, kept in this computer's state folder (locks do not sync)."""
    return paths.state_dir() / "locks" / f"store-{paths.folder_key(data_root)}.lock"


def open_store() -> SessionStore:
    root = paths.data_dir()
    return SessionStore(root=root, device=None, lock_file=lock_file_for(root))
