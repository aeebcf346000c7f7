"""Checking the data folder: what is readable, what is damaged, what can be restored."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from bondcoach.core.checkup import NOTE, OK, PROBLEM, Checkup, Finding
from bondcoach.errors import DataError
from bondcoach.storage.backups import list_backups
from bondcoach.storage.fsio import read_bytes, read_small_file
from bondcoach.storage.session_store import SessionStore


def _problem(path: Path, error: DataError) -> Finding:
    message = error.message.removeprefix(f"{path} ").removeprefix("cannot be read: ")
    return Finding(PROBLEM, path, message)


def check_store(store: SessionStore, profile_path: Path, user_tips: Path) -> Checkup:
    findings: list[Finding] = []
    count = 0
    try:
        month_files = list(store.month_files())
    except DataError as error:  # a planted link among the session folders
        return Checkup((Finding(PROBLEM, None, error.message),), (), 0)
    for month_file in month_files:
        try:
            count += len(store.read_records(month_file.path, month_file.device) or [])
        except DataError as error:
            findings.append(_problem(month_file.path, error))
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
    findings.extend(_unfinished_saves(store))
    findings.extend(_leftover_temp_files(store))
    findings.extend(_loose_permissions(store.root))
    findings.extend(_other_files(profile_path, user_tips))
    if not findings:
        findings.append(Finding(OK, store.root, "every file reads cleanly"))
    return Checkup(
        tuple(findings), tuple(backup.path for backup in list_backups(store.root)), count
    )


def _unfinished_saves(store: SessionStore) -> list[Finding]:
    found = []
    for pending, device in store.pending_files():
        try:
            if store.read_records(pending, device) is None:
                continue
        except DataError as error:
            found.append(_problem(pending, error))
            continue
        found.append(
            Finding(NOTE, pending, "a save across months was cut short; the next save finishes it")
        )
    return found


def _other_files(profile_path: Path, user_tips: Path) -> list[Finding]:
    """The profile, your own tips and this computer's id: each read the way commands do."""
    from bondcoach.guidance.tips import MAX_USER_TIPS_BYTES
    from bondcoach.guidance.tips_yaml import parse_tips_file
    from bondcoach.storage.device import load_device
    from bondcoach.storage.profile import parse_profile

    found = []
    checks = ((profile_path, parse_profile), (user_tips, parse_tips_file))
    for path, parse in checks:
        try:
            raw = (
                read_bytes(path)
                if path != user_tips
                else read_small_file(path, MAX_USER_TIPS_BYTES)
            )
            if raw is not None:
                parse(path, raw)
        except DataError as error:
            found.append(_problem(path, error))
    try:
        load_device(create=False)
    except DataError as error:
        found.append(Finding(PROBLEM, None, error.message))
    return found


def _leftover_temp_files(store: SessionStore) -> list[Finding]:
    """Named and removed: the data folder (backups/ and its root too) and the state folder.
    Only files of processes that no longer run (their pid is in the name)."""
    from bondcoach.storage import paths
    from bondcoach.storage.leftovers import leftover_temp_files

    found = []
    for path in [*store.leftover_temp_files(), *leftover_temp_files(paths.state_dir())]:
        try:
            path.unlink()
        except OSError as error:
            problem = f"could not remove it ({error.strerror or error}); safe to delete"
            found.append(
                Finding(NOTE, path, f"left over from a save that was cut short; {problem}")
            )
            continue
        found.append(Finding(NOTE, path, "left over from a save that was cut short; removed"))
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
