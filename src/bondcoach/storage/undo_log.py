"""This computer's last change, so ``bondcoach undo`` can take it back once.

Kept in the state folder (per computer, never synced), one journal per data folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from bondcoach.core.lean_msgspec import msgspec
from bondcoach.core.sessions import Session
from bondcoach.errors import DataError
from bondcoach.storage import paths
from bondcoach.storage.fsio import atomic_write, read_bytes, remove_file


class Change(NamedTuple):
    kind: str
    before: tuple[Session, ...]
    after: tuple[Session, ...]
    undone: bool = False


class _Journal(msgspec.Struct):
    kind: str
    before: list[Session]
    after: list[Session]
    undone: bool


def _journal_file() -> Path:
    return paths.state_dir() / f"last-change-{paths.folder_key(paths.data_dir())}.json"


def _save(change: Change) -> None:
    # msgspec encodes the sessions as they are: no copy of a big import in Python.
    payload = {
        "kind": change.kind,
        "before": change.before,
        "after": change.after,
        "undone": change.undone,
    }
    atomic_write(_journal_file(), msgspec.json.encode(payload), is_change=False)


def remember(kind: str, before: tuple[Session, ...], after: tuple[Session, ...]) -> None:
    _save(Change(kind, before, after))


def last_change() -> Change | None:
    raw = read_bytes(_journal_file())
    if raw is None:
        return None
    try:
        journal = msgspec.json.decode(raw, type=_Journal)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None  # an unreadable journal only means there is nothing to undo
    return Change(journal.kind, tuple(journal.before), tuple(journal.after), journal.undone)


def mark_undone(change: Change) -> None:
    _save(change._replace(undone=True))


def disarm() -> None:
    """Forget the last change BEFORE a new one is saved: if the new change's own note then
    cannot be written, 'undo' must find nothing, never the change before (which the
    user already saw saved). Failing here saves nothing."""
    try:
        remove_file(_journal_file())
    except DataError as error:
        raise DataError(f"{error.message}; nothing was saved") from error
