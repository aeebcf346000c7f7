"""Reads that may span the whole history, each file listed once and read once.

``export``, ``doctor`` and whole-history reads walk every month with one listing of
the files; ``find`` (``edit``, ``delete``) and an import's check for ids already stored
read only the months the id index points at (see ``id_index``): ten years cost what a
month costs. Each month's files alone tell its truth (see ``session_reader``), so a
month read here gives the same sessions as a month read on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from bondcoach.core.sessions import Record, Session
from bondcoach.storage.records import MonthFile, current_sessions, month_key

if TYPE_CHECKING:
    from bondcoach.storage.id_index import IdIndex


class SessionReader(Protocol):
    """What these reads need of ``session_reader.SessionReader``."""

    @property
    def root(self) -> Path: ...

    def month_files(self) -> Iterator[MonthFile]: ...

    def pending_records(self) -> list[Record]: ...

    def read_records(self, path: Path, device: str) -> list[Record] | None: ...


class Listing:
    """One listing of a data folder's session files, and its pending records, by month."""

    def __init__(self, reader: SessionReader) -> None:
        self.reader = reader
        self.month_files = list(reader.month_files())
        self.files: dict[str, list[MonthFile]] = {}
        for month_file in self.month_files:
            self.files.setdefault(month_file.month, []).append(month_file)
        self.pending: dict[str, list[Record]] = {}
        for record in reader.pending_records():
            self.pending.setdefault(month_key(record.session.day), []).append(record)

    def months(self) -> list[str]:
        return sorted({*self.files, *self.pending})

    def records_in(self, month: str) -> list[Record]:
        records: list[Record] = []
        for month_file in self.files.get(month, []):
            records.extend(self.reader.read_records(month_file.path, month_file.device) or [])
        records.extend(self.pending.get(month, []))
        return records

    def sessions_in(self, month: str) -> list[Session]:
        return current_sessions(self.records_in(month), lambda day: month_key(day) == month)

    def index(self) -> IdIndex:
        from bondcoach.storage.id_index import IdIndex

        return IdIndex(self.reader.root, self.month_files, self._ids_in)

    def _ids_in(self, month_file: MonthFile) -> list[str]:
        records = self.reader.read_records(month_file.path, month_file.device) or []
        return [record.session.id for record in records]


def every_session(reader: SessionReader) -> Iterator[Session]:
    """Every session, oldest first, one month in memory at a time."""
    listing = Listing(reader)
    for month in listing.months():
        yield from listing.sessions_in(month)


def find_one(reader: SessionReader, prefix: str) -> Session:
    """The one current session whose id starts with ``prefix``."""
    from bondcoach.errors import InputError

    wanted = prefix.strip().lower()
    if len(wanted) < 4:
        raise InputError("give at least the first 4 characters of the id (see 'bondcoach history')")
    matches = sessions_with_prefix(reader, wanted)
    if not matches:
        raise InputError(f"no session has an id starting {wanted!r} (see 'bondcoach history')")
    if len(matches) > 1:
        raise InputError(f"{len(matches)} sessions have ids starting {wanted!r}; give more of it")
    return matches[0]


def sessions_with_prefix(reader: SessionReader, prefix: str) -> list[Session]:
    """The current sessions whose id starts with ``prefix``, from the months that hold one."""
    listing = Listing(reader)
    months = listing.index().months_with_prefix(prefix)
    months.update(m for m, rs in listing.pending.items() if _any_starts(rs, prefix))
    return [
        session
        for month in sorted(months)
        for session in listing.sessions_in(month)
        if session.id.startswith(prefix)
    ]


def live_among(reader: SessionReader, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` are current sessions (a deleted one may come back by import)."""
    wanted = set(ids)
    listing = Listing(reader)
    months = listing.index().months_of(wanted)
    months.update(m for m, rs in listing.pending.items() if any(r.session.id in wanted for r in rs))
    return {s.id for month in months for s in listing.sessions_in(month) if s.id in wanted}


def _any_starts(records: list[Record], prefix: str) -> bool:
    return any(record.session.id.startswith(prefix) for record in records)


def merged_records(reader: SessionReader, sessions: Iterable[Session]) -> dict[str, Record | None]:
    """The stored versions of each session (in its month) merged, or None: each month
    read once, however many of its sessions are asked about (undo of an import)."""
    from bondcoach.storage.records import newest_versions

    by_month: dict[str, set[str]] = {}
    for session in sessions:
        by_month.setdefault(month_key(session.day), set()).add(session.id)
    listing = Listing(reader)
    found: dict[str, Record | None] = {}
    for month, ids in by_month.items():
        merged = newest_versions(r for r in listing.records_in(month) if r.session.id in ids)
        found.update({session_id: merged.get(session_id) for session_id in ids})
    return found
