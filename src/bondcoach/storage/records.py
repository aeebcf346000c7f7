"""The session files' format: month files of records, parsed strictly, written whole.

A month file is ``{"schema": 2, "requires": "2.0.0", "device": ..., "month": "YYYY-MM",
"records": [...]}``; each record is a session plus ``updated`` (and ``deleted`` for a
removal, ``fields`` for a mend: see ``core/merge``). 1.0's schema 1 files (no
``requires``, no ``fields``) read as they are. Pure functions, no I/O: ``store`` does
the reading and writing.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from bondcoach.core.lean_msgspec import msgspec
from bondcoach.core.sessions import Record, Session, StoredRecord, split_error
from bondcoach.errors import DataError
from bondcoach.storage.schema import REQUIRES, check_schema

SCHEMA_VERSION = 2
_RECOVER_HINT = (
    "bondcoach left it untouched. Restore it from a backup, or move it out of the "
    "data folder to carry on without it."
)


@functools.lru_cache(maxsize=1024)  # a ten-year import or undo asks for each day's often
def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def months_between(first: date, last: date) -> list[str]:
    keys: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


class MonthFile(NamedTuple):  # a NamedTuple: a dataclass costs every run ~0.6 ms to define
    path: Path
    device: str
    month: str
    is_conflict_copy: bool


def _record_to_json(record: Record) -> dict[str, Any]:
    payload = record.session.as_dict(z_times=True)
    payload["updated"] = record.updated.isoformat()
    if record.deleted:
        payload["deleted"] = True
    if record.fields is not None:
        payload["fields"] = {name: when.isoformat() for name, when in record.fields.items()}
    return payload


def record_key(record: Record) -> str:
    """A record's identity whatever file holds it (the device is the file's, not its own)."""
    return json.dumps(_record_to_json(record), sort_keys=True)


class _MonthFile(msgspec.Struct):
    """What a reader needs of a month file (its other keys are checked on the slow path)."""

    schema: int
    records: list[StoredRecord]


_decoder = msgspec.json.Decoder(_MonthFile)


def parse_month_file(path: Path, raw: bytes, device: str) -> list[Record]:
    """Parse one month file strictly: any damage is an error naming the file.

    One pass of msgspec decodes and validates a sound file; anything it refuses is read
    again step by step to say what is wrong, and where."""
    try:
        decoded = _decoder.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return _parse_slowly(path, raw, device)
    if not 1 <= decoded.schema <= SCHEMA_VERSION:
        return _parse_slowly(path, raw, device)  # check_schema words it
    return [stored.to_record(device) for stored in decoded.records]


def _parse_slowly(path: Path, raw: bytes, device: str) -> list[Record]:
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _damaged(path, f"it is not valid JSON ({error})") from error
    if not isinstance(payload, dict) or not isinstance(payload.get("records"), list):
        raise _damaged(path, "it does not hold a list of records")
    check_schema(payload, path, SCHEMA_VERSION, _damaged)
    records: list[Record] = []
    for index, item in enumerate(payload["records"], start=1):
        if not isinstance(item, dict):
            raise _damaged(path, f"record {index} is not an object")
        try:
            records.append(msgspec.convert(item, StoredRecord).to_record(device))
        except msgspec.ValidationError as error:
            problem, where = split_error(error)
            raise _damaged(path, f"record {index}: {where or 'record'}: {problem}") from error
    return records


def by_month(records: Iterable[Record]) -> dict[str, list[Record]]:
    by_month: dict[str, list[Record]] = {}
    for record in records:
        by_month.setdefault(month_key(record.session.day), []).append(record)
    return by_month


class _Written(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A record as written: 1.0's keys in 1.0's order, the newer ones only when set."""

    id: str
    start: datetime
    minutes: int
    activities: tuple[str, ...]
    mood: int | None
    note: str | None
    who: str | None
    babies: tuple[str, ...] = ()
    updated: datetime
    deleted: bool = False
    fields: dict[str, datetime] | None = None


def _written(record: Record) -> _Written:
    session = record.session
    return _Written(
        id=session.id,
        start=session.start,
        minutes=session.minutes,
        activities=session.activities,
        mood=session.mood,
        note=session.note,
        who=session.who,
        babies=session.babies,
        updated=record.updated,
        deleted=record.deleted,
        fields=record.fields,
    )


def month_payload(device: str, month: str, records: list[Record], indent: bool = True) -> bytes:
    payload = {
        "schema": SCHEMA_VERSION,
        "requires": REQUIRES,
        "device": device,
        "month": month,
        "records": [_written(record) for record in records],
    }
    # msgspec's C encoder (json.dumps with an indent falls back to pure Python); the
    # indent keeps a file readable by a person who opens it. pending.json is read by
    # bondcoach alone, and briefly: it goes without (a third fewer bytes to write).
    encoded = msgspec.json.encode(payload)
    return (msgspec.json.format(encoded, indent=1) if indent else encoded) + b"\n"


def _damaged(path: Path, problem: str) -> DataError:
    return DataError(f"{path} cannot be read: {problem}", hint=_RECOVER_HINT)


def newest_versions(records: Iterable[Record]) -> dict[str, Record]:
    """Each id's merged version (each field its newest value; see ``core/merge``)."""
    from bondcoach.core.merge import merged_by_id

    return merged_by_id(records)


def file_schema(raw: bytes) -> int | None:
    """The schema number a store file declares, or None if it cannot be told."""
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    schema = payload.get("schema") if isinstance(payload, dict) else None
    return schema if isinstance(schema, int) and not isinstance(schema, bool) else None


def new_session_id() -> str:
    # What secrets.token_hex(6) returns, read the same way; importing secrets (hmac,
    # hashlib's OpenSSL) cost every log about 4 ms.
    return os.urandom(6).hex()


def current_sessions(records: Iterable[Record], on: Callable[[date], bool]) -> list[Session]:
    """The newest version of each session, unless deleted, on the days asked for."""
    live = [
        record.session
        for record in newest_versions(records).values()
        if not record.deleted and on(record.session.day)
    ]
    return sorted(live, key=lambda session: (session.start, session.id))
