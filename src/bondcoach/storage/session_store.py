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
    atomic_write,
    ensure_private_dir,
    read_bytes,
    refuse_links_below,
    refuse_symlink,
)
from bondcoach.storage.records import SCHEMA_VERSION as SCHEMA_VERSION
from bondcoach.storage.records import by_month, month_payload
from bondcoach.storage.records import month_key as month_key
from bondcoach.storage.records import new_session_id as new_session_id
from bondcoach.storage.records import newest_versions as newest_versions
from bondcoach.storage.records import parse_month_file as parse_month_file
from bondcoach.storage.session_reader import PENDING_NAME as PENDING_NAME
from bondcoach.storage.session_reader import SessionReader

LOCK_TIMEOUT_SECONDS = 10.0


class SessionStore(SessionReader):
    """The session store: the only code that writes session files (see session_reader)."""

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the cross-process lock for a read-modify-write of this device's files."""
        from filelock import FileLock, Timeout

        ensure_private_dir(self.lock_file.parent)
        refuse_symlink(self.lock_file)
        lock = FileLock(self.lock_file, timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
        try:
            with lock:
                yield
        except Timeout as error:
            raise DataError(
                f"another bondcoach has held the lock {self.lock_file} for "
                f"{LOCK_TIMEOUT_SECONDS:.0f} seconds; nothing was saved",
                hint="Wait for the other command to finish, then try again.",
            ) from error

    def own_file(self, month: str) -> Path:
        return self.month_file(self.device, month)

    def write_records(self, records: Iterable[Record], now: datetime) -> None:
        """Append records to this device's month files. Call while holding ``locked()``.

        One month is one atomic file replacement. Several months (an edit that moves
        a session, an import) first write all the records to ``pending.json``, which
        readers include, so the change shows whole or not at all: if a month then
        fails, the months already written are put back; if the process dies, the
        pending file finishes the job on the next save.
        """
        from bondcoach.storage import upgrade

        self._finish_pending(now)
        upgrade.upgrade_own_files(self, now)
        records = [*upgrade.conflict_copy_records(self), *records]
        self._write_grouped(records, now)
        upgrade.tell_once_about_schema(self)

    def _write_grouped(self, records: list[Record], now: datetime) -> None:
        grouped = by_month(records)
        if len(grouped) <= 1:
            for month, additions in grouped.items():
                self._write_month(month, additions, now)
            return
        pending = self.pending_file(self.device)
        atomic_write(pending, month_payload(self.device, "pending", records))
        written: list[tuple[Path, bytes | None]] = []
        try:
            for month, additions in sorted(grouped.items()):
                path = self.own_file(month)
                before = read_bytes(path)
                self._write_month(month, additions, now)  # on failure: old bytes kept
                written.append((path, before))
        except DataError:
            self._put_back(written, pending)
            raise
        pending.unlink()

    def _write_month(self, month: str, additions: list[Record], now: datetime) -> None:
        from bondcoach.storage.backups import keep_backup

        path = self.own_file(month)
        refuse_links_below(self.root, path)
        raw = read_bytes(path)
        existing = [] if raw is None else parse_month_file(path, raw, self.device)
        seen = {(record.session.id, record.updated) for record in existing}
        fresh = [r for r in additions if (r.session.id, r.updated) not in seen]
        if not fresh:
            return
        if raw is not None:
            keep_backup(self.root, self.device, month, raw, now)
        atomic_write(path, month_payload(self.device, month, [*existing, *fresh]))

    def _put_back(self, written: list[tuple[Path, bytes | None]], pending: Path) -> None:
        try:
            for path, old in written:
                if old is None:
                    path.unlink(missing_ok=True)
                else:
                    atomic_write(path, old)
            pending.unlink()
        except (OSError, DataError) as error:
            raise DataError(
                f"a save across months failed and could not be undone ({error}); "
                f"{pending} keeps the whole change and the next save completes it"
            ) from error

    def _finish_pending(self, now: datetime) -> None:
        """Complete a multi-month save that an earlier process did not finish."""
        pending = self.pending_file(self.device)
        raw = read_bytes(pending)
        if raw is None:
            return
        for month, additions in sorted(
            by_month(parse_month_file(pending, raw, self.device)).items()
        ):
            self._write_month(month, additions, now)
        pending.unlink()

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

    def undelete_many(self, sessions: Iterable[Session], now: datetime) -> None:
        """Bring deleted sessions back (only ``deleted`` changes: see ``mends``)."""
        self._set_deleted(sessions, now, deleted=False)

    def _set_deleted(self, sessions: Iterable[Session], now: datetime, deleted: bool) -> None:
        from bondcoach.storage.mends import mend

        sessions = list(sessions)
        now = self.newer_than_stored(sessions, now)
        records = [mend(s, now, self.device, ["deleted"], deleted=deleted) for s in sessions]
        with self.locked():
            self.write_records(records, now)

    def restore_backup(self, backup: Path, now: datetime) -> Path:
        """Put one of this device's backups back in place; returns the file it replaced."""
        from bondcoach.storage.backups import restore_backup

        with self.locked():
            return restore_backup(self.root, self.device, backup, now, self.month_file)


def lock_file_for(data_root: Path) -> Path:
    """One lock per data folder, kept in this computer's state folder (locks do not sync)."""
    return paths.state_dir() / "locks" / f"store-{paths.folder_key(data_root)}.lock"


def open_store() -> SessionStore:
    root = paths.data_dir()
    return SessionStore(root=root, device=None, lock_file=lock_file_for(root))
