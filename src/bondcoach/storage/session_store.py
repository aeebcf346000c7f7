"""The session store: the only code that reads or writes session files.

Layout, inside the data folder::

    sessions/<device id>/<YYYY-MM>.json

Each computer writes only its own folder, so a family can sync the data folder between
computers without two writers ever touching one file. A session lives in the file of
the month it started in, which keeps ``log`` and ``week`` reading one or two small files
however many years of history there are.

Files hold *records* (their format is in ``records``): versions of sessions. Edits and
deletions append a newer record (in this computer's own file) rather than rewriting
anyone's history; the newest record of an id wins. A session moved to another month
leaves a deletion record in the old month's file, so a reader of either month alone
still sees the truth.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from bondcoach.core.models import Record, Session
from bondcoach.errors import DataError
from bondcoach.storage import paths
from bondcoach.storage.fsio import (
    atomic_write,
    ensure_private_dir,
    list_dirs,
    list_files,
    read_bytes,
    refuse_links_below,
    refuse_symlink,
)
from bondcoach.storage.records import MONTH_FILE, MonthFile, by_month, month_payload, months_between
from bondcoach.storage.records import SCHEMA_VERSION as SCHEMA_VERSION
from bondcoach.storage.records import content_id as content_id
from bondcoach.storage.records import month_key as month_key
from bondcoach.storage.records import new_session_id as new_session_id
from bondcoach.storage.records import newest_versions as newest_versions
from bondcoach.storage.records import parse_month_file as parse_month_file

LOCK_TIMEOUT_SECONDS = 10.0
PENDING_NAME = "pending.json"


class SessionStore:
    """Sessions in a data folder, as seen from one device (the one that writes)."""

    def __init__(self, root: Path, device: str | None, lock_file: Path) -> None:
        self.root = root
        self._device = device
        self.lock_file = lock_file

    @property
    def device(self) -> str:
        """This computer's id, made on the first write: reading needs none, so a refused
        command leaves nothing behind."""
        if self._device is None:
            from bondcoach.storage.device import load_device

            self._device = load_device().id
        return self._device

    @property
    def sessions_dir(self) -> Path:
        return self.root / "sessions"

    # Reading ------------------------------------------------------------------

    def month_files(self) -> Iterator[MonthFile]:
        for device_dir in sorted(list_dirs(self.sessions_dir)):
            for path in sorted(list_files(device_dir)):
                match = MONTH_FILE.match(path.name)
                if match is None:
                    continue
                yield MonthFile(
                    path=path,
                    device=device_dir.name,
                    month=match.group(1),
                    is_conflict_copy=match.group(2) != ".json",
                )

    def _read(self, month_file: MonthFile) -> list[Record]:
        raw = read_bytes(month_file.path)
        if raw is None:  # removed between listing and reading: nothing to see
            return []
        return parse_month_file(month_file.path, raw, month_file.device)

    def records_for_months(self, months: Iterable[str]) -> list[Record]:
        wanted = set(months)
        records: list[Record] = []
        for month_file in self.month_files():
            if month_file.month in wanted:
                records.extend(self._read(month_file))
        records.extend(r for r in self.pending_records() if month_key(r.session.day) in wanted)
        return records

    def pending_records(self) -> list[Record]:
        """Records of a multi-month save still under way (or cut short); see write_records."""
        records: list[Record] = []
        for device_dir in list_dirs(self.sessions_dir):
            pending = device_dir / PENDING_NAME
            raw = read_bytes(pending)
            if raw is not None:
                records.extend(parse_month_file(pending, raw, device_dir.name))
        return records

    def sessions_between(self, first: date, last: date) -> list[Session]:
        """Current sessions whose day falls in [first, last], oldest first."""
        records = self.records_for_months(months_between(first, last))
        return _current(records, lambda day: first <= day <= last)

    def months(self) -> list[str]:
        """Every month that has sessions, oldest first."""
        months = {month_file.month for month_file in self.month_files()}
        months.update(month_key(record.session.day) for record in self.pending_records())
        return sorted(months)

    def sessions_in_month(self, month: str) -> list[Session]:
        """A month's sessions. Each month's files alone tell its truth (see the module doc)."""
        return _current(self.records_for_months([month]), lambda day: month_key(day) == month)

    def iter_sessions(self) -> Iterator[Session]:
        """Every session, oldest first, one month in memory at a time."""
        for month in self.months():
            yield from self.sessions_in_month(month)

    def latest_sessions(self, count: int) -> list[Session]:
        """The newest ``count`` sessions, oldest first, reading back only as far as needed."""
        found: list[Session] = []
        for month in reversed(self.months()):
            found = self.sessions_in_month(month) + found
            if len(found) >= count:
                break
        return found[-count:] if count else []

    def live_ids(self) -> set[str]:
        """Ids of every current session (a deleted one may come back by import)."""
        return {session.id for session in self.iter_sessions()}

    def find(self, prefix: str) -> Session:
        """The one current session whose id starts with ``prefix``."""
        from bondcoach.errors import InputError

        wanted = prefix.strip().lower()
        if len(wanted) < 4:
            raise InputError(
                "give at least the first 4 characters of the id (see 'bondcoach history')"
            )
        matches = [s for s in self.iter_sessions() if s.id.startswith(wanted)]
        if not matches:
            raise InputError(f"no session has an id starting {wanted!r} (see 'bondcoach history')")
        if len(matches) > 1:
            raise InputError(
                f"{len(matches)} sessions have ids starting {wanted!r}; give more of it"
            )
        return matches[0]

    # Writing ------------------------------------------------------------------

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
        return self.sessions_dir / self.device / f"{month}.json"

    def pending_file(self, device: str) -> Path:
        return self.sessions_dir / device / PENDING_NAME

    def write_records(self, records: Iterable[Record], now: datetime) -> None:
        """Append records to this device's month files. Call while holding ``locked()``.

        One month is one atomic file replacement. Several months (an edit that moves
        a session, an import) first write all the records to ``pending.json``, which
        readers include, so the change shows whole or not at all: if a month then
        fails, the months already written are put back; if the process dies, the
        pending file finishes the job on the next save.
        """
        self._finish_pending(now)
        records = list(records)
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

    def newer_than_stored(self, sessions: Iterable[Session], now: datetime) -> datetime:
        """A time for new versions of these sessions that beats every stored version.

        Usually just ``now``; but another computer whose clock runs ahead may have
        written a version "later", and a mend must still win over what it mends.
        """
        sessions = list(sessions)
        ids = {session.id for session in sessions}
        months = {month_key(session.day) for session in sessions}
        stored = [r.updated for r in self.records_for_months(months) if r.session.id in ids]
        latest = max(stored, default=now)
        return now if now > latest else latest + timedelta(microseconds=1)

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


def _current(records: Iterable[Record], on: Callable[[date], bool]) -> list[Session]:
    """The newest version of each session, unless deleted, on the days asked for."""
    live = [
        record.session
        for record in newest_versions(records).values()
        if not record.deleted and on(record.session.day)
    ]
    return sorted(live, key=lambda session: (session.start, session.id))


def lock_file_for(data_root: Path) -> Path:
    """One lock per data folder, kept in this computer's state folder (locks do not sync)."""
    return paths.state_dir() / "locks" / f"store-{paths.folder_key(data_root)}.lock"


def open_store() -> SessionStore:
    root = paths.data_dir()
    return SessionStore(root=root, device=None, lock_file=lock_file_for(root))
