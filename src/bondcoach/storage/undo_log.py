"""This computer's last change, so ``bondcoach undo`` can take it back once.

Kept in the state folder (per computer, never synced), one journal per data folder.
"""

from __future__ import annotations

import contextlib
import zlib
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
    fingerprint: bytes = b""  # of the journal's bytes, which its "undone" mark names


class _Journal(msgspec.Struct):
    kind: str
    before: list[Session]
    after: list[Session]
    undone: bool


def _journal_file() -> Path:
    return paths.state_dir() / f"last-change-{paths.folder_key(paths.data_dir())}.json"


def _mark_file() -> Path:
    """Says the journal it names was undone. A mark of its own, not a rewrite of the
    journal: rewriting a ten-year import's journal only to flip "undone" cost undo about
    a tenth of its time. (A journal that says "undone" itself, as earlier builds wrote
    it, still counts.)"""
    return _journal_file().with_suffix(".undone")


def _fingerprint(raw: bytes) -> bytes:
    # Names one journal's exact bytes: a mark left by an older change never matches a
    # new journal (each holds its own sessions and version times).
    return f"{len(raw)}-{zlib.crc32(raw):08x}".encode()


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
    fingerprint = _fingerprint(raw)
    undone = journal.undone or read_bytes(_mark_file()) == fingerprint
    return Change(journal.kind, tuple(journal.before), tuple(journal.after), undone, fingerprint)


def mark_undone(change: Change) -> None:
    atomic_write(_mark_file(), change.fingerprint, is_change=False)


def unmark(change: Change) -> None:
    """The undo did not happen after all: its change can be taken back again."""
    if change.fingerprint:
        remove_file(_mark_file())
    else:
        _save(change._replace(undone=False))  # a Change not read from a journal


def disarm() -> None:
    """Forget the last change BEFORE a new one is saved: if the new change's own note then
    cannot be written, 'undo' must find nothing, never the change before (which the
    user already saw saved). Failing here saves nothing."""
    try:
        remove_file(_journal_file())
    except DataError as error:
        raise DataError(f"{error.message}; nothing was saved") from error
    with contextlib.suppress(DataError):  # tidiness only: it names the old journal alone
        remove_file(_mark_file())
