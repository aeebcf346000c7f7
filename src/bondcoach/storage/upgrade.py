"""Before this computer writes: upgrade its own 1.0 files, fold in conflict copies.

Both run under the store's lock, at the start of every save (and ``doctor --fix``).

**The upgrade** (schema 1 -> 2) touches only this computer's own month files, never
another computer's (those are read as they are). Every file is parsed first (a damaged
one stops everything before a byte is written), each is backed up, then the whole
change goes into ``pending.json`` (the store's multi-file mechanism: readers include it,
the next save finishes it) before the month files are replaced one by one. A kill at
any step leaves each file old or new with the same records, and the next save finds the
files still on schema 1 and does them.

**Conflict copies** of month files hold records that may be in no real file; those are
copied into this computer's own files, after which the copy is safe to delete.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bondcoach.core.sessions import Record
from bondcoach.storage import paths
from bondcoach.storage.conflicts import is_month_name
from bondcoach.storage.fsio import atomic_write, list_dirs, list_files, read_bytes
from bondcoach.storage.records import (
    MonthFile,
    file_schema,
    month_payload,
    parse_month_file,
    record_key,
)
from bondcoach.storage.schema import SCHEMA

if TYPE_CHECKING:
    from bondcoach.storage.session_reader import SessionReader

SCHEMA_NOTICE = (
    "this data folder now holds files in bondcoach 2.0's format; computers still on "
    "bondcoach 1.0 ({devices}) must upgrade bondcoach to read it. Their files are read "
    "here as they are and never changed."
)


# How every file bondcoach writes begins: enough to tell a schema 2 file from its first
# bytes, so a save need not read the whole history to find 1.0 files among its own.
_SCHEMA_HEAD = re.compile(rb'\A\{\s*"schema":\s*([0-9]+)\s*,')


def _surely_current(path: Path) -> bool:
    """True when the file's first bytes show a schema 2 (or newer) header."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False  # the full read below says what is wrong
    try:
        head = os.read(fd, 64)
    finally:
        os.close(fd)
    match = _SCHEMA_HEAD.match(head)
    return match is not None and int(match.group(1)) >= SCHEMA


def old_own_files(store: SessionReader) -> list[tuple[Path, bytes]]:
    folder = store.sessions_dir / store.device
    found = []
    for path in sorted(list_files(folder)):
        if not is_month_name(path.name) or _surely_current(path):
            continue
        raw = read_bytes(path)
        if raw is not None and file_schema(raw) == 1:
            found.append((path, raw))
    return found


def upgrade_own_files(store: SessionReader, now: datetime) -> bool:
    """Rewrite this computer's schema 1 month files as schema 2; True if any were."""
    from bondcoach.storage.backups import keep_backup

    old = old_own_files(store)
    if not old:
        return False
    parsed = [(path, parse_month_file(path, raw, store.device)) for path, raw in old]
    before = now - timedelta(microseconds=1)  # a later write this run keeps its own backup
    for path, raw in old:
        keep_backup(store.root, store.device, path.stem, raw, before)
    pending = store.pending_file(store.device)
    everything = [record for _, records in parsed for record in records]
    atomic_write(pending, month_payload(store.device, "pending", everything, indent=False))
    for path, records in parsed:
        atomic_write(path, month_payload(store.device, path.stem, records))
    pending.unlink()
    return True


def unfolded_records(store: SessionReader, copy: MonthFile) -> list[Record]:
    """Records of a conflict copy found in no real month file (nor a pending save)."""
    known = {
        record_key(record)
        for month_file in store.month_files()
        if month_file.month == copy.month and not month_file.is_conflict_copy
        for record in store.read_records(month_file.path, month_file.device) or []
    }
    known.update(record_key(record) for record in store.pending_records())
    copied = store.read_records(copy.path, copy.device) or []
    return [record for record in copied if record_key(record) not in known]


def conflict_copy_records(store: SessionReader) -> list[Record]:
    """Records found only in conflict copies, as this computer's own records."""
    fresh: list[Record] = []
    for month_file in store.month_files():
        if month_file.is_conflict_copy:
            for record in unfolded_records(store, month_file):
                fresh.append(record.model_copy(update={"device": store.device}))
    return fresh


def schema_by_device(store: SessionReader) -> dict[str, int | None]:
    """Each computer's schema, told by its newest month file (files are written whole,
    and an upgrade does every file of a computer, so the newest tells)."""
    found: dict[str, int | None] = {}
    for device_dir in sorted(list_dirs(store.sessions_dir)):
        months = sorted(p for p in list_files(device_dir) if is_month_name(p.name))
        raw = read_bytes(months[-1]) if months else None
        if raw is not None:
            found[device_dir.name] = file_schema(raw)
    return found


def tell_once_about_schema(store: SessionReader) -> None:
    """After writing the new format: if other computers' files are still on schema 1,
    say once (per data folder, per computer) that those computers must upgrade."""
    marker = paths.state_dir() / f"told-schema-{SCHEMA}-{paths.folder_key(store.root)}"
    if marker.exists():
        return
    behind = [
        device
        for device, schema in schema_by_device(store).items()
        if device != store.device and schema == 1
    ]
    if behind:
        store.notices.append(SCHEMA_NOTICE.format(devices=", ".join(behind)))
        atomic_write(marker, b"told\n")
