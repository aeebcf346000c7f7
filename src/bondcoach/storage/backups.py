"""Rolling backups of session files, and restoring one of them.

Before a session file is replaced, its previous good bytes are copied to
``backups/<device>/<month>.<UTC time>.<number>.json`` in the data folder; the last few
are kept per file. Which are the last is this computer's own count (the number), never
the time in the name: that time can be a mend's raised version time, or follow another
computer's fast clock, and pruning by it would delete the newest backups first. (Backups
written by bondcoach 1.0 have no number and count as older than any that has one.)

Only bytes that parsed are ever backed up, so a damaged or empty file can
never push the good copies out (a lesson from a tool whose single backup was
overwritten by an empty store).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import NamedTuple

from bondcoach.errors import InputError
from bondcoach.storage.fsio import (
    FlushFailed,
    atomic_write,
    list_dirs,
    list_files,
    read_bytes,
    refuse_links_below,
)

KEEP_PER_FILE = 3
_BACKUP_NAME = re.compile(r"^(\d{4}-\d{2})\.(\d{8}T\d{12}Z)(?:\.(\d{1,12}))?\.json$")


class Backup(NamedTuple):
    path: Path
    device: str
    month: str
    taken: str  # UTC, sortable: 20261126T101500123456Z
    number: int = 0  # this computer's order of writing (0: written by 1.0)


def backups_dir(root: Path) -> Path:
    return root / "backups"


def _stamp(now: datetime) -> str:
    return now.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def keep_backup(
    root: Path, device: str, month: str, raw: bytes, now: datetime, flush_folder: bool = True
) -> None:
    """Keep ``raw`` as the newest backup of a month; ``flush_folder=False`` when a save of
    many months flushes the backups' folder once at its end."""
    folder = backups_dir(root) / device
    refuse_links_below(root, folder / month)
    mine = _backups_of(folder, device, month)  # this file's only: a save writes many
    number = max((b.number for b in mine), default=0) + 1
    stamp = _stamp(now)
    target = folder / f"{month}.{stamp}.{number}.json"
    with contextlib.suppress(FlushFailed):
        # In place, only not flushed: the save it protects flushes the same disk next.
        atomic_write(target, raw, is_change=False, flush_folder=flush_folder)
    # Newest first without listing the folder again (the store's lock keeps it ours).
    for stale in [Backup(target, device, month, stamp, number), *mine][KEEP_PER_FILE:]:
        # Best effort: an extra backup costs a little space, never a save.
        with contextlib.suppress(OSError):
            stale.path.unlink()


def _backups_of(folder: Path, device: str, month: str) -> list[Backup]:
    """One month file's backups, newest first (the order of ``list_backups``)."""
    found = [
        _parse(path, device)
        for path in list_files(folder, lambda name: name.startswith(f"{month}."))
    ]
    backups = [backup for backup in found if backup is not None and backup.month == month]
    return sorted(backups, key=lambda b: (b.number, b.taken), reverse=True)


def _parse(path: Path, device: str) -> Backup | None:
    match = _BACKUP_NAME.match(path.name)
    if match is None:
        return None
    return Backup(path, device, match[1], match[2], int(match.group(3) or 0))


def list_backups(root: Path) -> list[Backup]:
    """Every backup, newest first within each file."""
    found: list[Backup] = []
    for device_dir in list_dirs(backups_dir(root)):
        for path in list_files(device_dir):
            backup = _parse(path, device_dir.name)
            if backup is not None:
                found.append(backup)
    return sorted(found, key=lambda b: (b.device, b.month, b.number, b.taken), reverse=True)


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
    original = month_file(chosen.device, chosen.month)
    aside = root / "set-aside" / chosen.device / f"{chosen.month}.{_stamp(now)}.json"
    for path in (chosen.path, original, aside):  # every link refused before any read
        refuse_links_below(root, path)
    raw = read_bytes(chosen.path)
    if raw is None:
        raise InputError(f"{backup_path} is no longer there (see 'bondcoach doctor')")
    current = read_bytes(original)
    if current is not None:
        atomic_write(aside, current)
    atomic_write(original, raw)
    return original
