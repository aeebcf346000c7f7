"""Checking the data folder: what is readable, what is damaged, what can be restored."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from bondcoach.backups import Backup, list_backups
from bondcoach.errors import DataError
from bondcoach.fsio import TEMP_PREFIX, read_bytes
from bondcoach.records import parse_month_file
from bondcoach.store import SessionStore

OK, NOTE, PROBLEM = "ok", "note", "problem"


@dataclass(frozen=True)
class Finding:
    level: str
    path: Path | None
    message: str


@dataclass(frozen=True)
class Checkup:
    findings: tuple[Finding, ...]
    backups: tuple[Backup, ...]
    sessions_read: int

    @property
    def healthy(self) -> bool:
        return not any(finding.level == PROBLEM for finding in self.findings)


def check_store(store: SessionStore, profile_path: Path) -> Checkup:
    findings: list[Finding] = []
    count = 0
    for month_file in store.month_files():
        try:
            raw = read_bytes(month_file.path) or b""
            count += len(parse_month_file(month_file.path, raw, month_file.device))
        except DataError as error:
            findings.append(Finding(PROBLEM, month_file.path, error.message))
            continue
        if month_file.is_conflict_copy:
            findings.append(
                Finding(
                    NOTE,
                    month_file.path,
                    "a sync tool's conflict copy: its sessions are merged in, without "
                    "duplicates; you may delete it once both computers are in sync",
                )
            )
    findings.extend(_leftover_temp_files(store.sessions_dir))
    findings.extend(_loose_permissions(store.root))
    try:
        raw_profile = read_bytes(profile_path)
        if raw_profile is not None:
            from bondcoach.profile import parse_profile

            parse_profile(profile_path, raw_profile)
    except DataError as error:
        findings.append(Finding(PROBLEM, profile_path, error.message))
    if not findings:
        findings.append(Finding(OK, store.root, "every file reads cleanly"))
    return Checkup(tuple(findings), tuple(list_backups(store.root)), count)


def _leftover_temp_files(sessions_dir: Path) -> list[Finding]:
    found = []
    for path in sorted(sessions_dir.glob(f"*/{TEMP_PREFIX}*")):
        found.append(
            Finding(NOTE, path, "left over from a save that was interrupted; safe to delete")
        )
    return found


def _loose_permissions(root: Path) -> list[Finding]:
    if os.name != "posix" or not root.exists():
        return []
    loose = []
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            loose.append(Finding(PROBLEM, path, "a symbolic link; bondcoach will not follow it"))
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            kind = "folder" if path.is_dir() else "file"
            loose.append(Finding(NOTE, path, f"this {kind} can be read by other users ({mode:o})"))
    return loose
