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
still sees the truth. (One exception: undo of a log or an import replaces the record of
a session nothing else has touched with its deletion record; see
``SessionStore.withdraw_many``.)
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from bondcoach.core.sessions import Record, Session
from bondcoach.storage.conflicts import month_copy_of
from bondcoach.storage.fsio import list_dirs, list_files, read_bytes, refuse_symlink
from bondcoach.storage.records import (
    MonthFile,
    month_key,
    months_between,
    newest_versions,
    parse_month_file,
)
from bondcoach.storage.records import current_sessions as _current

PENDING_NAME = "pending.json"


class SessionFiles:
    """The files of a data folder's sessions: where they are, and their records."""

    def __init__(self, root: Path, device: str | None, lock_file: Path) -> None:
        self.root = root
        self._device = device
        self.lock_file = lock_file
        self._snapshots = 0
        self._pending: list[Record] | None = None  # read once per snapshot
        self.notices: list[str] = []  # said once to the person (e.g. the schema upgrade)
        self._parsed: dict[Path, tuple[bytes, list[Record]]] | None = None

    def remember_parsed(self) -> None:
        """Keep each file's parsed records, reused while its bytes stay the same: for a
        change that reads its months several times (undo checks, stamps, then writes).
        Off by default, so a whole-history read holds one month at a time."""
        self._parsed = {}

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

    def month_file(self, device: str, month: str) -> Path:
        """Where a device keeps a month's records: the one place that knows the layout."""
        return self.sessions_dir / device / f"{month}.json"

    def pending_file(self, device: str) -> Path:
        return self.sessions_dir / device / PENDING_NAME

    # The lock ------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """The store's lock (see SessionStore.locked); a bare reader has none."""
        yield

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see a multi-month change whole or not at all: writers hold the
        same lock from their pending.json to its removal, and pending.json is read once."""
        if self._snapshots or not self.lock_file.exists():
            # No lock file: this computer has never saved to this folder, so there is no
            # change of its own to see half of (and a read leaves the state folder alone).
            yield
            return
        with self.locked():
            self._snapshots += 1
            try:
                yield
            finally:
                self._snapshots -= 1
                self._pending = None

    # Reading ------------------------------------------------------------------

    def month_files(self) -> Iterator[MonthFile]:
        refuse_symlink(self.sessions_dir)
        for device_dir in sorted(list_dirs(self.sessions_dir)):
            for path in sorted(list_files(device_dir)):
                month = month_copy_of(path.name)
                if month is None:
                    continue
                yield MonthFile(
                    path=path,
                    device=device_dir.name,
                    month=month,
                    is_conflict_copy=path.name != f"{month}.json",
                )

    def read_records(self, path: Path, device: str) -> list[Record] | None:
        """The records in one of the store's files, or None when it has gone."""
        raw = read_bytes(path)
        return None if raw is None else self.parse(path, raw, device)

    def parse(self, path: Path, raw: bytes, device: str) -> list[Record]:
        """``parse_month_file``, or the records parsed before from these very bytes."""
        if self._parsed is None:
            return parse_month_file(path, raw, device)
        known = self._parsed.get(path)
        if known is not None and known[0] == raw:
            return known[1]
        records = parse_month_file(path, raw, device)
        self._parsed[path] = (raw, records)
        return records

    def _read(self, month_file: MonthFile) -> list[Record]:
        # Removed between listing and reading: nothing to see.
        return self.read_records(month_file.path, month_file.device) or []

    def records_for_months(self, months: Iterable[str]) -> list[Record]:
        wanted = set(months)
        records: list[Record] = []
        for month_file in self.month_files():
            if month_file.month in wanted:
                records.extend(self._read(month_file))
        records.extend(r for r in self.pending_records() if month_key(r.session.day) in wanted)
        return records

    def leftover_temp_files(self) -> list[Path]:
        """Temporary files a save that was cut short left anywhere in the data folder."""
        from bondcoach.storage.leftovers import leftover_temp_files

        return leftover_temp_files(self.root)

    def pending_files(self) -> Iterator[tuple[Path, str]]:
        """Where each device would keep a multi-month save under way, with the device."""
        for device_dir in list_dirs(self.sessions_dir):
            yield self.pending_file(device_dir.name), device_dir.name

    def pending_records(self) -> list[Record]:
        """Records of a multi-month save still under way (or cut short); see write_records."""
        if self._snapshots and self._pending is not None:
            return self._pending
        records: list[Record] = []
        for pending, device in self.pending_files():
            records.extend(self.read_records(pending, device) or [])
        if self._snapshots:
            self._pending = records
        return records


class SessionReader(SessionFiles):
    """Sessions in a data folder, read as one device (the one that writes) sees them."""

    def sessions_between(self, first: date, last: date) -> list[Session]:
        """Current sessions whose day falls in [first, last], oldest first."""
        with self.snapshot():
            records = self.records_for_months(months_between(first, last))
        return _current(records, lambda day: first <= day <= last)

    def months(self) -> list[str]:
        """Every month that has sessions, oldest first."""
        with self.snapshot():
            months = {month_file.month for month_file in self.month_files()}
            months.update(month_key(record.session.day) for record in self.pending_records())
        return sorted(months)

    def sessions_in_month(self, month: str) -> list[Session]:
        """A month's sessions. Each month's files alone tell its truth (see the module doc)."""
        with self.snapshot():
            records = self.records_for_months([month])
        return _current(records, lambda day: month_key(day) == month)

    def iter_sessions(self) -> Iterator[Session]:
        """Every session, oldest first, one month in memory at a time."""
        from bondcoach.storage.history_reads import every_session

        with self.snapshot():
            yield from every_session(self)

    def latest_sessions(self, count: int) -> list[Session]:
        """The newest ``count`` sessions, oldest first, reading back only as far as needed."""
        found: list[Session] = []
        with self.snapshot():
            for month in reversed(self.months()):
                found = self.sessions_in_month(month) + found
                if len(found) >= count:
                    break
        return found[-count:] if count else []

    def live_ids(self) -> set[str]:
        """Ids of every current session (a deleted one may come back by import)."""
        with self.snapshot():
            return {session.id for session in self.iter_sessions()}

    def live_among(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are current sessions, reading only the months that hold them."""
        from bondcoach.storage.history_reads import live_among

        with self.snapshot():
            return live_among(self, ids)

    def find(self, prefix: str) -> Session:
        """The one current session whose id starts with ``prefix`` (see history_reads)."""
        from bondcoach.storage.history_reads import find_one

        with self.snapshot():
            return find_one(self, prefix)

    def merged_records(self, sessions: Iterable[Session]) -> dict[str, Record | None]:
        """``merged_record`` of each session, reading each month once."""
        from bondcoach.storage.history_reads import merged_records

        with self.snapshot():
            return merged_records(self, sessions)

    def merged_record(self, session: Session) -> Record | None:
        """The stored versions of ``session`` (in its month) merged, or None."""
        records = self.records_for_months([month_key(session.day)])
        return newest_versions(r for r in records if r.session.id == session.id).get(session.id)

    def newer_than_stored(self, sessions: Iterable[Session], now: datetime) -> datetime:
        """A time for new versions of these sessions that beats every stored version.

        Usually just ``now``; but another computer whose clock runs ahead may have
        written a version "later", and a mend must still win over what it mends.
        """
        return later_than(self.versions_of(sessions), now)

    def versions_of(self, sessions: Iterable[Session]) -> list[Record]:
        """Every stored record of these sessions, on any computer, pending ones too."""
        sessions = list(sessions)
        ids = {session.id for session in sessions}
        months = {month_key(session.day) for session in sessions}
        with self.snapshot():
            return [r for r in self.records_for_months(months) if r.session.id in ids]


def later_than(stored: Iterable[Record], now: datetime) -> datetime:
    """``now``, or just after the latest of ``stored`` if that is later (see above)."""
    latest = max((record.updated for record in stored), default=now)
    return now if now > latest else latest + timedelta(microseconds=1)
