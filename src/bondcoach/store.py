"""The session store: the only code that reads or writes session files.

Layout, inside the data folder::

    sessions/<device id>/<YYYY-MM>.json

Each computer writes only its own folder, so a family can sync the data folder between
computers without two writers ever touching one file. A session lives in the file of
the month it started in, which keeps ``log`` and ``week`` reading one or two small files
however many years of history there are.

Files hold *records*: versions of sessions. Edits and deletions append a newer record
(in this computer's own file) rather than rewriting anyone's history; the newest record
of an id wins. A session moved to another month leaves a deletion record in the old
month's file, so a reader of either month alone still sees the truth.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bondcoach import paths
from bondcoach.errors import DataError
from bondcoach.fsio import (
    atomic_write,
    ensure_private_dir,
    list_dirs,
    list_files,
    read_bytes,
    refuse_symlink,
)
from bondcoach.models import Record, Session

SCHEMA_VERSION = 1
LOCK_TIMEOUT_SECONDS = 10.0
_MONTH_FILE = re.compile(r"^(\d{4}-\d{2})(\.json|[ .].*\.json)$")
_RECOVER_HINT = (
    "bondcoach left it untouched. Restore it from a backup, or move it out of the "
    "data folder to carry on without it."
)


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: date, last: date) -> list[str]:
    keys: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


@dataclass(frozen=True)
class MonthFile:
    path: Path
    device: str
    month: str
    is_conflict_copy: bool


def _record_to_json(record: Record) -> dict[str, Any]:
    payload: dict[str, Any] = record.session.model_dump(mode="json")
    payload["updated"] = record.updated.isoformat()
    if record.deleted:
        payload["deleted"] = True
    return payload


def parse_month_file(path: Path, raw: bytes, device: str) -> list[Record]:
    """Parse one month file strictly: any damage is an error naming the file."""
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _damaged(path, f"it is not valid JSON ({error})") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("records"), list):
        raise _damaged(path, "it does not hold a list of records")
    schema = payload.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise _damaged(path, "it has no schema version")
    if schema > SCHEMA_VERSION:
        raise DataError(
            f"{path} was written by a newer bondcoach (schema {schema}); "
            f"this one understands schema {SCHEMA_VERSION}",
            hint="Upgrade bondcoach on this computer; the file was left untouched.",
        )
    records: list[Record] = []
    for index, item in enumerate(payload["records"], start=1):
        if not isinstance(item, dict):
            raise _damaged(path, f"record {index} is not an object")
        fields = dict(item)
        updated = fields.pop("updated", None)
        deleted = fields.pop("deleted", False)
        try:
            session = Session.model_validate(fields)
            records.append(Record(session=session, updated=updated, device=device, deleted=deleted))
        except ValidationError as error:
            problem = error.errors()[0]
            where = ".".join(str(part) for part in problem["loc"]) or "record"
            raise _damaged(path, f"record {index}: {where}: {problem['msg']}") from error
    return records


def _damaged(path: Path, problem: str) -> DataError:
    return DataError(f"{path} cannot be read: {problem}", hint=_RECOVER_HINT)


def newest_versions(records: Iterable[Record]) -> dict[str, Record]:
    newest: dict[str, Record] = {}
    for record in records:
        current = newest.get(record.session.id)
        if current is None or record.order_key() > current.order_key():
            newest[record.session.id] = record
    return newest


def new_session_id() -> str:
    import secrets

    return secrets.token_hex(6)


def content_id(start: datetime, minutes: int, who: str | None) -> str:
    """An id derived from what a session is, so re-importing a row finds itself."""
    key = f"{start.isoformat()}|{minutes}|{who or ''}"
    return hashlib.sha256(key.encode()).hexdigest()[:12]


class SessionStore:
    """Sessions in a data folder, as seen from one device (the one that writes)."""

    def __init__(self, root: Path, device: str, lock_file: Path) -> None:
        self.root = root
        self.device = device
        self.lock_file = lock_file

    @property
    def sessions_dir(self) -> Path:
        return self.root / "sessions"

    # Reading ------------------------------------------------------------------

    def month_files(self, month: str | None = None) -> Iterator[MonthFile]:
        for device_dir in sorted(list_dirs(self.sessions_dir)):
            for path in sorted(list_files(device_dir)):
                match = _MONTH_FILE.match(path.name)
                if match is None or (month is not None and match.group(1) != month):
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
        return records

    def sessions_between(self, first: date, last: date) -> list[Session]:
        """Current sessions whose day falls in [first, last], oldest first."""
        newest = newest_versions(self.records_for_months(months_between(first, last)))
        found = [
            record.session
            for record in newest.values()
            if not record.deleted and first <= record.session.day <= last
        ]
        return sorted(found, key=lambda session: (session.start, session.id))

    def months(self) -> list[str]:
        """Every month that has a session file, oldest first."""
        return sorted({month_file.month for month_file in self.month_files()})

    def sessions_in_month(self, month: str) -> list[Session]:
        """A month's sessions. Each month's files alone tell its truth (see the module doc)."""
        newest = newest_versions(self.records_for_months([month]))
        live = [
            record.session
            for record in newest.values()
            if not record.deleted and month_key(record.session.day) == month
        ]
        return sorted(live, key=lambda session: (session.start, session.id))

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

    def known_ids(self) -> set[str]:
        """Ids of every session ever stored, deleted ones included."""
        ids: set[str] = set()
        for month_file in self.month_files():
            ids.update(record.session.id for record in self._read(month_file))
        return ids

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

    def write_records(self, records: Iterable[Record], now: datetime) -> None:
        """Append records to this device's month files. Call while holding ``locked()``."""
        from bondcoach.backups import keep_backup

        by_month: dict[str, list[Record]] = {}
        for record in records:
            by_month.setdefault(month_key(record.session.day), []).append(record)
        for month, additions in sorted(by_month.items()):
            path = self.own_file(month)
            raw = read_bytes(path)
            existing = [] if raw is None else parse_month_file(path, raw, self.device)
            if raw is not None:
                keep_backup(self.root, self.device, month, raw, now)
            payload = {
                "schema": SCHEMA_VERSION,
                "device": self.device,
                "month": month,
                "records": [_record_to_json(record) for record in [*existing, *additions]],
            }
            text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
            atomic_write(path, text.encode("utf-8"))

    def add(self, session: Session, now: datetime) -> None:
        self.add_many([session], now)

    def add_many(self, sessions: Iterable[Session], now: datetime) -> None:
        records = [Record(session=s, updated=now, device=self.device) for s in sessions]
        with self.locked():
            self.write_records(records, now)

    def replace(self, old: Session, new: Session, now: datetime) -> None:
        """Record ``new`` as the current version of ``old`` (same id)."""
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
        records = [
            Record(session=s, updated=now, device=self.device, deleted=True) for s in sessions
        ]
        with self.locked():
            self.write_records(records, now)


def lock_file_for(data_root: Path) -> Path:
    """One lock per data folder, kept in this computer's state folder (locks do not sync)."""
    digest = hashlib.sha256(str(data_root.resolve()).encode()).hexdigest()[:16]
    return paths.state_dir() / "locks" / f"store-{digest}.lock"


def open_store() -> SessionStore:
    from bondcoach.device import load_device

    root = paths.data_dir()
    return SessionStore(root=root, device=load_device().id, lock_file=lock_file_for(root))
