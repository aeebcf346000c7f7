"""Rolling backups of session files, and restoring one of them.

Before a session file is replaced, its previous good bytes are copied to
``backups/<device>/<month>.<UTC time>.json`` in the data folder; the newest few are kept
per file. Only bytes that parsed are ever backed up, so a damaged or empty file can
never push the good copies out (a lesson from a tool whose single backup was
overwritten by an empty store).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from bondcoach.errors import InputError
from bondcoach.storage.fsio import (
    atomic_write,
    list_dirs,
    list_files,
    read_bytes,
    refuse_links_below,
)

KEEP_PER_FILE = 3
_BACKUP_NAME = re.compile(r"^(\d{4}-\d{2})\.(\d{8}T\d{12}Z)\.json$")


@dataclass(frozen=True)
class Backup:
    path: Path
    device: str
    month: str
    taken: str  # UTC, sortable: 20261126T101500123456Z


def backups_dir(root: Path) -> Path:
    return root / "backups"


def _stamp(now: datetime) -> str:
    return now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def keep_backup(root: Path, device: str, month: str, raw: bytes, now: datetime) -> None:
    folder = backups_dir(root) / device
    target = folder / f"{month}.{_stamp(now)}.json"
    refuse_links_below(root, target)
    atomic_write(target, raw)
    mine = [
        backup for backup in list_backups(root) if (backup.device, backup.month) == (device, month)
    ]
    for stale in mine[KEEP_PER_FILE:]:
        stale.path.unlink(missing_ok=True)


def list_backups(root: Path) -> list[Backup]:
    """Every backup, newest first within each file."""
    found: list[Backup] = []
    for device_dir in list_dirs(backups_dir(root)):
        for path in list_files(device_dir):
            match = _BACKUP_NAME.match(path.name)
            if match:
                found.append(Backup(path, device_dir.name, match.group(1), match.group(2)))
    return sorted(found, key=lambda b: (b.device, b.month, b.taken), reverse=True)


def restore_backup(
    root: Path,
    device: str,
    backup_path: Path,
    now: datetime,
    month_file: Callable[[str, str], Path],
) -> Path:
    """Put a backup back in place. The file it replaces is set aside, never deleted.

    ``month_file(device, month)`` is the store's answer to where that month lives.

    Only this computer's own files: another computer's folder is written by it alone.
    """
    chosen = next(
        (b for b in list_backups(root) if b.path.resolve() == backup_path.resolve()), None
    )
    if chosen is None:
        raise InputError(
            f"{backup_path} is not one of bondcoach's backups (see 'bondcoach doctor')"
        )
    if chosen.device != device:
        raise InputError(f"{backup_path} holds another computer's sessions; restore it there")
    raw = read_bytes(chosen.path)
    assert raw is not None
    original = month_file(chosen.device, chosen.month)
    current = read_bytes(original)
    if current is not None:
        aside = root / "set-aside" / chosen.device / f"{chosen.month}.{_stamp(now)}.json"
        atomic_write(aside, current)
    atomic_write(original, raw)
    return original
