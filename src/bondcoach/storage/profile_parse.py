"""Reading the profile's files: 1.0's ``profile.json`` and the per-computer record files
(their layout is in ``storage/profile.py``). Each value is checked as it is read, so a
damaged file is named rather than misread.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bondcoach.core.profile import FIRST_BABY_ALIASES, MAX_AWAKE_HOURS, MIN_AWAKE_HOURS, WEEK_STARTS
from bondcoach.errors import DataError
from bondcoach.storage.schema import SCHEMA, check_schema

LEGACY_SCHEMA = 1
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
    device, fields, _ = parse_record(path, raw)
    return device, fields


def parse_record(path: Path, raw: bytes) -> tuple[str, dict[str, Field], dict[str, Any]]:
    payload = _load_json(path, raw)
    check_schema(payload, path, SCHEMA, _fail)
    device = payload.get("device")
    tree = payload.get("profile")
    if not (isinstance(device, str) and device.isalnum() and isinstance(tree, dict)):
        raise _fail(path, "it has no device id or no profile")
    found: dict[str, Field] = {}
    computer = payload.get("computer", {})
    try:
        _flatten(tree, "", device, found)
        _check_computer(computer)
    except (TypeError, ValueError, KeyError) as error:
        raise _fail(path, str(error)) from error
    return device, found, computer


def _check_computer(computer: Any) -> None:
    if not isinstance(computer, dict):
        raise ValueError("computer is not a JSON object")
    node = computer.get("caregiver")
    if node is None:
        return
    if not (isinstance(node, dict) and "value" in node and "updated" in node):
        raise ValueError("computer.caregiver is not a field")
    if node["value"] is not None and not isinstance(node["value"], str):
        raise ValueError("computer.caregiver is not text")
    if datetime.fromisoformat(str(node["updated"])).tzinfo is None:
        raise ValueError("computer.caregiver has a version time without a UTC offset")


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
