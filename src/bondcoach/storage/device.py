"""This computer's identity and settings, kept in the state folder and never synced.

Each computer writes sessions only into its own folder of the shared data folder, named
by its device id, so two computers syncing one folder never write the same file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

from bondcoach.errors import DataError
from bondcoach.storage import paths
from bondcoach.storage.fsio import atomic_write, create_once, read_bytes


class Device(NamedTuple):
    id: str
    # Read only: 1.0 and early 2.0 kept the caregiver here; it now lives in this
    # computer's profile record (storage/profile.py), written with the profile at once.
    caregiver: str | None = None


def _parse(path: Path, raw: bytes) -> Device:
    try:
        payload = json.loads(raw)
        device_id = payload["device"]
        caregiver = payload.get("caregiver")
        if not (isinstance(device_id, str) and device_id.isalnum()):
            raise ValueError("the device id is not letters and digits")
        if caregiver is not None and not isinstance(caregiver, str):
            raise ValueError("the caregiver is not text")
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise DataError(
            f"{path} cannot be read ({error}); bondcoach left it untouched",
            hint="It holds this computer's id. Move it aside and bondcoach makes a new one.",
        ) from error
    return Device(id=device_id, caregiver=caregiver)


def device_exists() -> bool:
    return paths.device_file().exists()


def load_device(create: bool = True) -> Device:
    """This computer's device, creating its id on first use."""
    path = paths.device_file()
    raw = read_bytes(path)
    if raw is not None and raw.strip():
        return _parse(path, raw)
    # os.urandom is what secrets.token_hex reads; importing secrets (hmac, hashlib's
    # OpenSSL) cost every log about 4 ms, for an id made once per computer.
    fresh = Device(id=os.urandom(6).hex())
    if not create:
        return fresh
    if raw is not None:
        # Empty: an earlier bondcoach was stopped while creating it. The id in it was
        # never used (nothing was in it), so making a new one loses nothing.
        atomic_write(path, _dump(fresh).encode())
        return fresh
    if create_once(path, _dump(fresh).encode()):
        return fresh
    return load_device(create=False)  # another first run won the race: use its id


def _dump(device: Device) -> str:
    return json.dumps({"device": device.id, "caregiver": device.caregiver}, indent=2) + "\n"
