"""Checking the data folder: what is readable, what is damaged, what can be restored."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from bondcoach.core.checkup import NOTE, OK, PROBLEM, Checkup, Finding
from bondcoach.errors import DataError
from bondcoach.storage.backups import list_backups
from bondcoach.storage.fsio import read_small_file
from bondcoach.storage.records import MonthFile
from bondcoach.storage.session_store import SessionStore


def _problem(path: Path, error: DataError) -> Finding:
    message = error.message.removeprefix(f"{path} ").removeprefix("cannot be read: ")
    return Finding(PROBLEM, path, message)


def check_store(store: SessionStore, user_tips: Path) -> Checkup:
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
            findings.append(_month_copy(store, month_file))
    findings.extend(_other_conflict_copies(store.root))
    findings.extend(_unfinished_saves(store))
    findings.extend(_leftover_temp_files(store))
    findings.extend(_loose_permissions(store.root))
    findings.extend(_other_files(store.root, user_tips))
    if not findings:
        findings.append(Finding(OK, store.root, "every file reads cleanly"))
    backups = list_backups(store.root)
    mine = _this_device()
    return Checkup(
        tuple(findings),
        tuple(backup.path for backup in backups if backup.device == mine),
        count,
        tuple(backup.path for backup in backups if backup.device != mine),
        _schemas(store, mine),
    )


def _this_device() -> str | None:
    """This computer's id, without making one (a computer with none has no backups)."""
    from bondcoach.storage.device import device_exists, load_device

    if not device_exists():
        return None
    try:
        return load_device(create=False).id
    except DataError:  # reported with the other files; offer no backup meanwhile
        return None


def _schemas(store: SessionStore, this: str | None) -> tuple[tuple[str, int | None, bool], ...]:
    """(device, schema of its files, is this computer) for every computer in the folder."""
    from bondcoach.storage.upgrade import schema_by_device

    return tuple(
        (device, schema, device == this) for device, schema in schema_by_device(store).items()
    )


def _month_copy(store: SessionStore, month_file: MonthFile) -> Finding:
    from bondcoach.storage.upgrade import unfolded_records

    unfolded = len(unfolded_records(store, month_file))
    if unfolded:
        return Finding(
            NOTE,
            month_file.path,
            f"a sync tool's conflict copy: {unfolded} record{'s' if unfolded != 1 else ''} "
            "in it are in no other file (they are read and counted). The next save, or "
            "'bondcoach doctor --fix', copies them into this computer's own files; keep "
            "the copy until then",
        )
    return Finding(
        NOTE,
        month_file.path,
        "a sync tool's conflict copy; everything in it is also in the real files, so "
        "it is safe to delete",
    )


def _other_conflict_copies(root: Path) -> list[Finding]:
    """Conflict copies of any other file in the data folder (month files aside)."""
    from bondcoach.storage.conflicts import month_copy_of, original_name

    found = []
    for path in sorted(_walk(root)):
        if month_copy_of(path.name) is not None and path.parent.parent.name == "sessions":
            continue  # month files and their copies: see _month_copy
        siblings = {p.name for p in path.parent.iterdir()} - {path.name}
        copy = original_name(path.name, siblings.__contains__)
        if copy is not None:
            found.append(
                Finding(
                    NOTE,
                    path,
                    f"a conflict copy of {copy[0]} made by {copy[1]}"
                    + (
                        ": its changes are read as part of the profile (the newest "
                        "change of each field wins); 'bondcoach doctor --fix' copies "
                        "them into this computer's own profile file, then it is safe "
                        "to delete"
                        if _is_profile(root, path)
                        else "; bondcoach does not read it"
                    ),
                )
            )
    return found


def _is_profile(root: Path, path: Path) -> bool:
    return path.parent == root / "profile" or (path.parent == root and "profile" in path.name)


def _walk(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return [
        path
        for path in root.rglob("*")
        if path.is_file()
        and not path.is_symlink()
        and "backups" not in path.parts[len(root.parts) :]
    ]


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


def _other_files(root: Path, user_tips: Path) -> list[Finding]:
    """The profile, your own tips and this computer's id: each read the way commands do."""
    from bondcoach.guidance.tips import MAX_USER_TIPS_BYTES
    from bondcoach.guidance.tips_yaml import parse_tips_file
    from bondcoach.storage.device import load_device
    from bondcoach.storage.profile import profile_files, read_layer

    found = []
    for path, legacy in profile_files(root):
        try:
            read_layer(path, legacy)
        except DataError as error:
            found.append(_problem(path, error))
    try:
        # A person made it: read the way 'tip' does (no links, no folders, at most 1 MB).
        raw = read_small_file(user_tips, MAX_USER_TIPS_BYTES)
        if raw is not None:
            parse_tips_file(user_tips, raw)
    except DataError as error:
        found.append(_problem(user_tips, error))
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
