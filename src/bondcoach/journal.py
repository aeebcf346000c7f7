"""This computer's last change, so ``bondcoach undo`` can take it back once.

Kept in the state folder (per computer, never synced), one journal per data folder.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bondcoach import paths
from bondcoach.fsio import atomic_write, read_bytes
from bondcoach.models import Session

KINDS = ("log", "edit", "delete", "import")


@dataclass(frozen=True)
class Change:
    kind: str
    before: tuple[Session, ...]
    after: tuple[Session, ...]
    undone: bool = False


def _journal_file() -> Path:
    root = str(paths.data_dir().resolve())
    return paths.state_dir() / f"last-change-{hashlib.sha256(root.encode()).hexdigest()[:16]}.json"


def _dump(sessions: tuple[Session, ...]) -> list[dict[str, Any]]:
    return [session.model_dump(mode="json") for session in sessions]


def remember(kind: str, before: tuple[Session, ...], after: tuple[Session, ...]) -> None:
    payload = {"kind": kind, "before": _dump(before), "after": _dump(after), "undone": False}
    atomic_write(_journal_file(), json.dumps(payload).encode("utf-8"))


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
    payload = {
        "kind": change.kind,
        "before": _dump(change.before),
        "after": _dump(change.after),
        "undone": True,
    }
    atomic_write(_journal_file(), json.dumps(payload).encode("utf-8"))
