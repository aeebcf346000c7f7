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

``bondcoach tip`` reads the profile on every run, so this stays on plain ``json``.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bondcoach.core.profile import FIRST_BABY_ALIASES, MAX_AWAKE_HOURS, MIN_AWAKE_HOURS
from bondcoach.core.profile import WEEK_STARTS as WEEK_STARTS
from bondcoach.core.profile import Profile as Profile
from bondcoach.errors import DataError
from bondcoach.storage import paths
from bondcoach.storage.fsio import atomic_write, list_files, read_bytes
from bondcoach.storage.schema import REQUIRES, SCHEMA, check_schema

LEGACY_SCHEMA = 1
LEGACY = "profile.json"
# (value, version time, device): the device breaks ties; 1.0's file has device "".
Field = tuple[Any, datetime, str]


def _fail(path: Path, problem: str) -> DataError:
    return DataError(
        f"{path} cannot be read: {problem}",
        hint="bondcoach left it untouched. Fix it by hand, or move it aside and run "
        "'bondcoach setup' again.",
    )


def _checked(path: str, value: Any) -> Any:
    """A field's value as the profile holds it, or ValueError naming what is wrong."""
    name = path.rsplit(".", 1)[-1]
    if value is None or not (path == "week_start" or path.startswith("babies.")):
        return value  # unset, or a field a newer bondcoach added: kept as it is
    if path == "week_start":
        if value not in WEEK_STARTS:
            raise ValueError("week_start is neither monday nor sunday")
        return value
    if name == "name":
        if not isinstance(value, str):
            raise ValueError(f"{path} is not text")
        return value
    if name in ("birth_date", "due_date"):
        return date.fromisoformat(str(value))
    if name == "awake_hours":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{path} is not a number")
        if not MIN_AWAKE_HOURS <= value <= MAX_AWAKE_HOURS:
            raise ValueError(f"{path} is outside 1-20")
        return float(value)
    return value


def _load_json(path: Path, raw: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _fail(path, f"it is not valid JSON ({error})") from error
    if not isinstance(payload, dict):
        raise _fail(path, "it is not a JSON object")
    return payload


def parse_legacy(path: Path, raw: bytes, mtime: datetime) -> dict[str, Field]:
    """1.0's profile.json: every field at the file's modification time."""
    payload = _load_json(path, raw)
    check_schema(payload, path, LEGACY_SCHEMA, _fail, name_newest=False)
    legacy = {"week_start": payload.get("week_start", "monday")}
    legacy.update({FIRST_BABY_ALIASES[key]: payload.get(key) for key in FIRST_BABY_ALIASES})
    try:
        return {key: (_checked(key, value), mtime, "") for key, value in legacy.items()}
    except (TypeError, ValueError) as error:
        raise _fail(path, str(error)) from error


def parse_record_file(path: Path, raw: bytes) -> tuple[str, dict[str, Field]]:
    """A computer's profile record file: (its device id, its fields)."""
    payload = _load_json(path, raw)
    check_schema(payload, path, SCHEMA, _fail)
    device = payload.get("device")
    tree = payload.get("profile")
    if not (isinstance(device, str) and device.isalnum() and isinstance(tree, dict)):
        raise _fail(path, "it has no device id or no profile")
    found: dict[str, Field] = {}
    try:
        _flatten(tree, "", device, found)
    except (TypeError, ValueError, KeyError) as error:
        raise _fail(path, str(error)) from error
    return device, found


def _flatten(tree: dict[str, Any], prefix: str, device: str, into: dict[str, Field]) -> None:
    for key, node in tree.items():
        path = f"{prefix}{key}"
        if not isinstance(node, dict) or not key or "." in key:
            raise ValueError(f"{path} is not a field")
        if "updated" in node and "value" in node:
            when = datetime.fromisoformat(str(node["updated"]))
            if when.tzinfo is None:
                raise ValueError(f"{path} has a version time without a UTC offset")
            into[path] = (_checked(path, node["value"]), when, device)
        else:
            _flatten(node, f"{path}.", device, into)


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
    computer's own file (same value, same version time): then the copy is safe to
    delete. Returns the fields copied."""
    from bondcoach.storage.device import load_device

    root = paths.data_dir()
    only_in_copies = {
        key: field
        for key, (field, path) in _merged_with_sources(root).items()
        if path.name != LEGACY and not _is_record_name(path.name)
    }
    if not only_in_copies:
        return []
    device = load_device().id
    own_path = record_file(root, device)
    own = read_layer(own_path, legacy=False) or {}
    for key, (value, when, _) in only_in_copies.items():
        own[key] = (value, when, device)
    atomic_write(own_path, _dump(device, own))
    return sorted(only_in_copies)


def load_profile() -> Profile:
    """The family's profile (empty when none exists yet)."""
    merged = merged_fields(paths.data_dir())
    return Profile({key: field[0] for key, field in merged.items()})


def profile_exists() -> bool:
    return bool(profile_files(paths.data_dir()))


def record_file(root: Path, device: str) -> Path:
    return root / "profile" / f"{device}.json"


def save_profile(profile: Profile, now: datetime) -> list[str]:
    """Record the fields that differ from the stored profile in this computer's own file.

    Each change is stamped ``now``, or just after the version it replaces if another
    computer's clock wrote that one "later": a change must win over what it changes.
    Returns the paths changed."""
    from bondcoach.storage.device import load_device

    root = paths.data_dir()
    merged = merged_fields(root)
    changed = [
        key
        for key, value in profile.fields.items()
        if (merged[key][0] != value if key in merged else value is not None)
    ]
    if not changed:
        return []
    device = load_device().id
    own_path = record_file(root, device)
    own = read_layer(own_path, legacy=False) or {}
    latest = max((merged[key][1] for key in changed if key in merged), default=now)
    stamp = now if now > latest else latest + timedelta(microseconds=1)
    for key in changed:
        own[key] = (profile.fields[key], stamp, device)
    atomic_write(own_path, _dump(device, own))
    return changed


def _dump(device: str, fields: dict[str, Field]) -> bytes:
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
    return (json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
