"""Writing sessions: appending records under a lock, atomically, with backups.

Reading, and the file layout, are in ``session_reader``; this adds the writes of the
one device that owns its folder.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import NoReturn

from bondcoach.core.models import Record, Session
from bondcoach.errors import DataError
from bondcoach.storage import paths
from bondcoach.storage.fsio import (
    FlushFailed,
    atomic_write,
    ensure_private_dir,
    read_bytes,
    refuse_links_below,
    refuse_symlink,
    remove_file,
    remove_leftovers,
)
from bondcoach.storage.records import SCHEMA_VERSION as SCHEMA_VERSION
from bondcoach.storage.records import by_month, month_key, month_payload
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
        """Hold the cross-process lock (re-entrant within this store) for a
        read-modify-write of this device's files, or for a consistent read."""
        from filelock import FileLock, Timeout

        if self._lock is None:
            ensure_private_dir(self.lock_file.parent)
            refuse_symlink(self.lock_file)
            self._lock = FileLock(self.lock_file, timeout=LOCK_TIMEOUT_SECONDS, mode=0o600)
        try:
            self._lock.acquire()
        except Timeout as error:
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
                self._lock.release()

    def own_file(self, month: str) -> Path:
        return self.month_file(self.device, month)

    def write_records(self, records: Iterable[Record], now: datetime) -> None:
        """Append records to this device's month files. Call while holding ``locked()``.

        One month is one atomic file replacement. Several months (an edit that moves
        a session, an import) first write all the records to ``pending.json``, which
        readers include, so the change shows whole or not at all. If any step then
        fails (a folder flush included), the months already replaced are put back and
        pending.json removed: nothing changed. If even that fails, or the process dies,
        pending.json keeps the whole change and the next save finishes the job.
        """
        records = list(records)
        grouped = by_month(records)
        self._refuse_links(grouped)  # before anything is read or written
        self._clean_leftovers()
        self._finish_pending(now)
        self._pending = None
        if len(grouped) <= 1:
            for month, additions in grouped.items():
                self._write_month(month, additions, now)
            return
        pending = self.pending_file(self.device)
        written: list[tuple[Path, bytes | None]] = []
        try:
            atomic_write(pending, month_payload(self.device, "pending", records))
            for month, additions in sorted(grouped.items()):
                path = self.own_file(month)
                before = read_bytes(path)
                try:
                    self._write_month(month, additions, now)  # on failure: old bytes kept
                except FlushFailed:
                    written.append((path, before))  # replaced, only not flushed
                    raise
                written.append((path, before))
        except DataError as error:
            self._put_back(written, pending, error)
        with contextlib.suppress(DataError):
            # Complete either way: a pending.json left now only repeats what the months
            # hold, and the next save removes it (doctor names it meanwhile).
            remove_file(pending)

    def _refuse_links(self, grouped: dict[str, list[Record]]) -> None:
        from bondcoach.storage.backups import backups_dir

        own = self.pending_file(self.device)
        for path in [own, *(self.own_file(month) for month in grouped)]:
            refuse_links_below(self.root, path)
        refuse_links_below(self.root, backups_dir(self.root) / self.device / PENDING_NAME)

    def _clean_leftovers(self) -> None:
        """Temporary files of a save that was killed: under the lock, none is in use."""
        from bondcoach.storage.backups import backups_dir

        for folder in (self.pending_file(self.device).parent, backups_dir(self.root) / self.device):
            remove_leftovers(folder)

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

    def _put_back(
        self, written: list[tuple[Path, bytes | None]], pending: Path, cause: DataError
    ) -> NoReturn:
        try:
            for path, old in written:
                try:
                    if old is None:
                        remove_file(path)
                    else:
                        atomic_write(path, old)
                except FlushFailed:
                    pass  # the old bytes are back in place; only the flush failed
            with contextlib.suppress(FlushFailed):
                remove_file(pending)
        except DataError as error:
            failed = DataError(
                f"a save across months failed ({cause.message}) and could not be undone "
                f"({error.message}); {pending} keeps the whole change, which shows "
                "everywhere already, and the next save completes it"
            )
            failed.message_says_saved = True
            raise failed from error
        raise DataError(
            f"a save across months failed and was undone: nothing changed ({cause.message})"
        ) from cause

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
        remove_file(pending)

    def add(self, session: Session, now: datetime) -> None:
        self.add_many([session], now)

    def add_many(self, sessions: Iterable[Session], now: datetime) -> None:
        records = [Record(session=s, updated=now, device=self.device) for s in sessions]
        with self.locked():
            self.write_records(records, now)

    def replace(self, old: Session, new: Session, now: datetime) -> None:
        """Record ``new`` as the current version of ``old`` (same id)."""
        now = self.newer_than_stored([old], now)
        records = []
        if month_key(old.day) != month_key(new.day):
            # The old month must learn the session left it; the newer version wins by a tick.
            records.append(Record(session=old, updated=now, device=self.device, deleted=True))
            now = now + timedelta(microseconds=1)
        records.append(Record(session=new, updated=now, device=self.device))
        with self.locked():
            self.write_records(records, now)

    def delete(self, session: Session, now: datetime) -> None:
        self.delete_many([session], now)

    def delete_many(self, sessions: Iterable[Session], now: datetime) -> None:
        sessions = list(sessions)
        now = self.newer_than_stored(sessions, now)
        records = [
            Record(session=s, updated=now, device=self.device, deleted=True) for s in sessions
        ]
        with self.locked():
            self.write_records(records, now)

    def restore_backup(self, backup: Path, now: datetime) -> Path:
        """Put one of this device's backups back in place; returns the file it replaced."""
        from bondcoach.storage.backups import restore_backup

        with self.locked():
            self._clean_leftovers()
            return restore_backup(self.root, self.device, backup, now, self.month_file)


def lock_file_for(data_root: Path) -> Path:
    """One lock per data folder, kept in this computer's state folder (locks do not sync)."""
    return paths.state_dir() / "locks" / f"store-{paths.folder_key(data_root)}.lock"


def open_store() -> SessionStore:
    root = paths.data_dir()
    return SessionStore(root=root, device=None, lock_file=lock_file_for(root))
