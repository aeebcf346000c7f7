"""This computer's last change, so ``bondcoach undo`` can take it back once.

Kept in the state folder (per computer, never synced), one journal per data folder.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from bondcoach.core.models import Session
from bondcoach.errors import DataError
from bondcoach.storage import paths
from bondcoach.storage.fsio import atomic_write, read_bytes, remove_file


@dataclass(frozen=True)
class Change:
    kind: str
    before: tuple[Session, ...]
    after: tuple[Session, ...]
    undone: bool = False


def _journal_file() -> Path:
    return paths.state_dir() / f"last-change-{paths.folder_key(paths.data_dir())}.json"


def _save(change: Change) -> None:
    payload: dict[str, Any] = asdict(change)
    for side in ("before", "after"):
        payload[side] = [session.as_dict(z_times=True) for session in payload[side]]
    atomic_write(_journal_file(), json.dumps(payload).encode("utf-8"), is_change=False)


def remember(kind: str, before: tuple[Session, ...], after: tuple[Session, ...]) -> None:
    _save(Change(kind, before, after))


def last_change() -> Change | None:
    raw = read_bytes(_journal_file())
    if raw is None:
        return None
    try:
        payload = json.loads(raw)
        return Change(
            kind=payload["kind"],
            before=tuple(Session.model_validate(item) for item in payload["before"]),
            after=tuple(Session.model_validate(item) for item in payload["after"]),
            undone=bool(payload["undone"]),
        )
    except (ValueError, KeyError, TypeError):
        return None  # an unreadable journal only means there is nothing to undo


def mark_undone(change: Change) -> None:
    _save(replace(change, undone=True))


def disarm() -> None:
    """Forget the last change BEFORE a new one is saved: if the new change's own note then
    cannot be written, 'undo' must find nothing, never the change before (which the
    user already saw saved). Failing here saves nothing."""
    try:
        remove_file(_journal_file())
    except DataError as error:
        raise DataError(f"{error.message}; nothing was saved") from error
