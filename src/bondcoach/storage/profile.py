"""The family's profile (family data, in the data folder), read without pydantic.

Each computer writes only its own record file, ``profile/<device id>.json``::

    {"schema": 2, "requires": "2.0.0", "device": "ef1545476951",
     "profile": {"week_start": {"value": "monday", "updated": "2026-12-03T08:00:00+00:00"},
                 "babies": {"first": {"name": {"value": "Mia", "updated": "..."}, ...}}}}

Every leaf ``{"value", "updated"}`` is one field (its path: ``babies.first.name``); the
profile is each field's newest value over every computer's file (ties: the larger
device id). 1.0's ``profile.json`` is the oldest layer, every field at the file's
modification time (a computer still on 1.0 may write it); bondcoach 2 reads it and never
writes it. Conflict copies of any of these files are layers too, so no change is lost.

A record file may also hold ``"computer": {"caregiver": {"value", "updated"}}``: who uses
that computer. It lives here, not beside the device id, so that ``setup`` changing the
profile and the caregiver is one atomic write; other computers read only ``"profile"``.

``bondcoach tip`` reads the profile on every run, so this stays on plain ``json``.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from bondcoach.core.profile import WEEK_STARTS as WEEK_STARTS
from bondcoach.core.profile import Profile as Profile
from bondcoach.storage import paths
from bondcoach.storage.fsio import atomic_write, list_files, read_bytes
from bondcoach.storage.profile_parse import Field, parse_legacy, parse_record, parse_record_file
from bondcoach.storage.schema import REQUIRES, SCHEMA

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from bondcoach.storage.device import Device


class Unchanged(Enum):
    """``save_profile``'s caregiver when setup leaves it as it is (None clears it)."""

    UNCHANGED = "unchanged"


UNCHANGED: Final = Unchanged.UNCHANGED
LEGACY = "profile.json"


def _is_record_name(name: str) -> bool:
    return name.endswith(".json") and name[:-5].isalnum()


def profile_files(root: Path) -> list[tuple[Path, bool]]:
    """Every profile file, conflict copies included, with whether it is 1.0's (legacy)."""
    from bondcoach.storage.conflicts import original_name

    def legacy(name: str) -> bool:
        return name == LEGACY or original_name(name, lambda name: name == LEGACY) is not None

    # Only profile names: another file of the data folder (a tips.yaml link) is not ours.
    in_root = sorted(list_files(root, legacy))
    found = [(path, True) for path in in_root if path.name == LEGACY]
    found += [(path, True) for path in in_root if path.name != LEGACY]
    found += [
        (path, False)
        for path in sorted(list_files(root / "profile"))
        if _is_record_name(path.name) or original_name(path.name, _is_record_name) is not None
    ]
    return found


def read_layer(path: Path, legacy: bool) -> dict[str, Field] | None:
    """One file's fields (None if it went away meanwhile); DataError if it is damaged."""
    raw = read_bytes(path)
    if raw is None:
        return None
    if legacy:
        mtime = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
        return parse_legacy(path, raw, mtime)
    return parse_record_file(path, raw)[1]


def merged_fields(root: Path) -> dict[str, Field]:
    """Each field's newest version over every computer's profile files."""
    return {key: field for key, (field, _) in _merged_with_sources(root).items()}


def _merged_with_sources(root: Path) -> dict[str, tuple[Field, Path]]:
    merged: dict[str, tuple[Field, Path]] = {}
    for path, legacy in profile_files(root):
        for key, field in (read_layer(path, legacy) or {}).items():
            current = merged.get(key)
            if current is None or field[1:] > current[0][1:]:
                merged[key] = (field, path)
    return merged


def fold_profile_copies() -> list[str]:
    """Copy each field whose newest version is only in a conflict copy into this
    computer's own file (same value, same version time), and this computer's caregiver
    if a copy of its own file holds a newer one: then the copy is safe to delete.
    Returns what was copied."""
    from bondcoach.storage.device import device_exists, load_device

    root = paths.data_dir()
    with _store_lock():
        only_in_copies = {
            key: field
            for key, (field, path) in _merged_with_sources(root).items()
            if path.name != LEGACY and not _is_record_name(path.name)
        }
        device = load_device(create=bool(only_in_copies)).id
        own_path = record_file(root, device)
        own, computer = _read_own(own_path)
        newest = _caregiver_node(root, device) if device_exists() else None
        newer = newest is not None and newest != computer.get("caregiver")
        if not (only_in_copies or newer):
            return []
        for key, (value, when, _) in only_in_copies.items():
            own[key] = (value, when, device)
        if newer:
            computer["caregiver"] = newest
        atomic_write(own_path, _dump(device, own, computer))
    return sorted(only_in_copies) + (["caregiver"] if newer else [])


def _store_lock() -> AbstractContextManager[None]:
    """The store's lock, for a read-then-write of this computer's record: it holds the
    profile and the caregiver whole, so two saves at once must not lose one's change."""
    from bondcoach.storage.session_store import open_store

    return open_store().locked()


def _read_own(path: Path) -> tuple[dict[str, Field], dict[str, Any]]:
    """This computer's record: its fields and its ``computer`` part, kept whole on save."""
    raw = read_bytes(path)
    if raw is None:
        return {}, {}
    _, fields, computer = parse_record(path, raw)
    return fields, dict(computer)


def _caregiver_node(root: Path, device: str) -> dict[str, Any] | None:
    """The newest ``computer.caregiver`` in this computer's record or a conflict copy
    of it (a copy is a layer, as for the profile's fields)."""
    from bondcoach.storage.conflicts import original_name

    own = f"{device}.json"
    newest: dict[str, Any] | None = None
    for path, legacy in profile_files(root):
        if legacy or (path.name != own and original_name(path.name, own.__eq__) is None):
            continue  # 1.0's file, another computer's record or a copy of one
        raw = read_bytes(path)
        if raw is None:
            continue
        owner, _, computer = parse_record(path, raw)
        node = computer.get("caregiver")
        if owner == device and node is not None and (newest is None or _when(node) > _when(newest)):
            newest = node
    return newest


def _when(node: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(str(node["updated"]))


def load_caregiver(device: Device) -> str | None:
    """Who uses this computer: its profile record's caregiver, or else (as 1.0 and early
    2.0 kept it) the one in its device file."""
    node = _caregiver_node(paths.data_dir(), device.id)
    return node["value"] if node is not None else device.caregiver


def load_profile() -> Profile:
    """The family's profile (empty when none exists yet)."""
    merged = merged_fields(paths.data_dir())
    return Profile({key: field[0] for key, field in merged.items()})


def record_file(root: Path, device: str) -> Path:
    return root / "profile" / f"{device}.json"


def save_profile(
    profile: Profile, now: datetime, caregiver: str | Unchanged | None = UNCHANGED
) -> list[str]:
    """Record the fields that differ from the stored profile in this computer's own file,
    with this computer's ``caregiver`` if given: one atomic write carries both.

    Each change is stamped ``now``, or just after the version it replaces if another
    computer's clock wrote that one "later": a change must win over what it changes.
    Returns the paths changed."""
    with _store_lock():
        return _save_profile(profile, now, caregiver)


def _save_profile(profile: Profile, now: datetime, caregiver: str | Unchanged | None) -> list[str]:
    from bondcoach.storage.device import load_device

    root = paths.data_dir()
    merged = merged_fields(root)
    changed = [
        key
        for key, value in profile.fields.items()
        if (merged[key][0] != value if key in merged else value is not None)
    ]
    if not changed and isinstance(caregiver, Unchanged):
        return []
    device = load_device().id
    own_path = record_file(root, device)
    own, computer = _read_own(own_path)
    latest = max((merged[key][1] for key in changed if key in merged), default=now)
    stamp = now if now > latest else latest + timedelta(microseconds=1)
    for key in changed:
        own[key] = (profile.fields[key], stamp, device)
    if not isinstance(caregiver, Unchanged):
        last = _caregiver_node(root, device)  # as for a field: a change wins over what it changes
        when = now if last is None or now > _when(last) else _when(last) + timedelta(microseconds=1)
        computer["caregiver"] = {"value": caregiver, "updated": when.isoformat()}
    atomic_write(own_path, _dump(device, own, computer))
    return changed


def _dump(device: str, fields: dict[str, Field], computer: dict[str, Any]) -> bytes:
    tree: dict[str, Any] = {}
    for key in sorted(fields):
        value, when, _ = fields[key]
        *parents, leaf = key.split(".")
        node = tree
        for part in parents:
            node = node.setdefault(part, {})
        shown = value.isoformat() if isinstance(value, date) else value
        node[leaf] = {"value": shown, "updated": when.isoformat()}
    payload = {"schema": SCHEMA, "requires": REQUIRES, "device": device, "profile": tree}
    if computer:
        payload["computer"] = computer
    return (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
