"""history, edit, delete and undo: see what is stored and mend mistakes."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from bondcoach.errors import BondcoachError, DataError

if TYPE_CHECKING:
    from bondcoach.core.editing import EditRequest
    from bondcoach.core.models import Session
    from bondcoach.storage.session_store import SessionStore
    from bondcoach.storage.undo_log import Change

DEFAULT_HISTORY = 10


@dataclass(frozen=True)
class Mended:
    """What a change did, in words, and the session as it is now (if one is left)."""

    what: str
    session: Session | None = None
    warnings: list[str] = field(default_factory=list)


def history(on: date | None, last: int | None) -> list[Session]:
    from bondcoach.storage.session_store import open_store

    store = open_store()
    if on is not None:
        return store.sessions_between(on, on)
    return store.latest_sessions(last or DEFAULT_HISTORY)


def edit(session_id: str, request: EditRequest, now: datetime) -> Mended:
    from bondcoach.actions.saving import forget_for_undo, remember_for_undo
    from bondcoach.core.editing import edited
    from bondcoach.storage.session_store import open_store

    store = open_store()
    old = store.find(session_id)
    new = edited(old, request, now)
    forget_for_undo()
    store.replace(old, new, now)
    warnings: list[str] = []
    remember_for_undo("edit", (old,), (new,), warnings)
    return Mended("edited", new, warnings)


def delete(
    session_id: str, confirm: Callable[[Session], bool], now: Callable[[], datetime]
) -> Mended:
    """Remove a session once ``confirm`` agrees; refusing stops with a calm message.

    ``now`` is asked after the question: the deletion is stamped when it was agreed."""
    from bondcoach.actions.saving import forget_for_undo, remember_for_undo
    from bondcoach.storage.session_store import open_store

    store = open_store()
    session = store.find(session_id)
    if not confirm(session):
        raise BondcoachError("kept it; nothing was deleted")
    forget_for_undo()
    store.delete(session, now())
    warnings: list[str] = []
    remember_for_undo("delete", (session,), (), warnings)
    return Mended("deleted", session, warnings)


def undo(now: datetime) -> Mended:
    """Take back this computer's last change (once)."""
    from bondcoach.storage import undo_log
    from bondcoach.storage.fsio import FlushFailed
    from bondcoach.storage.session_store import open_store

    change = undo_log.last_change()
    store = open_store()
    if change is None or change.undone:
        raise BondcoachError("there is nothing to undo on this computer")
    if change.kind not in ("log", "import", "edit", "delete"):
        raise BondcoachError(f"cannot undo a change of kind {change.kind!r}")
    # Marked first, so undo happens once: if the mark cannot be saved, nothing is undone;
    # if the undo then fails, the mark is taken back (see _undo_failed).
    with contextlib.suppress(FlushFailed):  # in place, only not flushed: go on
        undo_log.mark_undone(change)
    try:
        what = _take_back(change, store, now)
    except DataError as error:
        raise _undo_failed(error, change) from error
    return Mended(what)


def _take_back(change: Change, store: SessionStore, now: datetime) -> str:
    if change.kind in ("log", "import"):
        store.delete_many(change.after, now)
        what = f"removed {len(change.after)} session{'s' if len(change.after) != 1 else ''}"
    elif change.kind == "edit":
        store.replace(change.after[0], change.before[0], now)
        what = "put the session back as it was before the edit"
    elif change.kind == "delete":
        store.add_many(change.before, store.newer_than_stored(change.before, now))
        what = "brought the deleted session back"
    return what


def _undo_failed(error: DataError, change: Change) -> DataError:
    """The undo did not happen (or, if the message says so, pending.json holds it)."""
    from bondcoach.storage import undo_log

    if error.message_says_saved:
        return error
    try:
        undo_log.remember(change.kind, change.before, change.after)
    except DataError:
        error.message += "; and 'bondcoach undo' cannot try again (its note could not be saved)"
    return error
