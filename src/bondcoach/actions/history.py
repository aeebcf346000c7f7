"""history, edit, delete and undo: see what is stored and mend mistakes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from bondcoach.errors import BondcoachError

if TYPE_CHECKING:
    from bondcoach.core.editing import EditRequest
    from bondcoach.core.models import Session

DEFAULT_HISTORY = 10


@dataclass(frozen=True)
class Mended:
    """What a change did, in words, and the session as it is now (if one is left)."""

    what: str
    session: Session | None = None
    warnings: list[str] = field(default_factory=list)
    sessions: tuple[Session, ...] = ()  # what undo took back or put back


def history(on: date | None, last: int | None) -> list[Session]:
    from bondcoach.storage.session_store import open_store

    store = open_store()
    if on is not None:
        return store.sessions_between(on, on)
    return store.latest_sessions(last or DEFAULT_HISTORY)


def edit(session_id: str, request: EditRequest, now: datetime) -> Mended:
    from bondcoach.actions.saving import remember_for_undo
    from bondcoach.core.editing import edited
    from bondcoach.storage.session_store import open_store

    store = open_store()
    old = store.find(session_id)
    new = edited(old, request, now)
    store.replace(old, new, now)
    warnings: list[str] = []
    remember_for_undo("edit", (old,), (new,), warnings)
    return Mended("edited", new, warnings)


def delete(
    session_id: str, confirm: Callable[[Session], bool], now: Callable[[], datetime]
) -> Mended:
    """Remove a session once ``confirm`` agrees; refusing stops with a calm message.

    ``now`` is asked after the question: the deletion is stamped when it was agreed."""
    from bondcoach.actions.saving import remember_for_undo
    from bondcoach.storage.session_store import open_store

    store = open_store()
    session = store.find(session_id)
    if not confirm(session):
        return Mended("kept")  # a choice, not a failure
    store.delete(session, now())
    warnings: list[str] = []
    remember_for_undo("delete", (session,), (), warnings)
    return Mended("deleted", session, warnings)


def undo(now: datetime) -> Mended:
    """Take back this computer's last change (once)."""
    from bondcoach.storage import undo_log
    from bondcoach.storage.session_store import open_store

    change = undo_log.last_change()
    store = open_store()
    if change is None or change.undone:
        raise BondcoachError("there is nothing to undo on this computer")
    if change.kind in ("log", "import"):
        store.delete_many(change.after, now)
        sessions = change.after
    elif change.kind == "edit":
        store.replace(change.after[0], change.before[0], now)
        sessions = change.before
    elif change.kind == "delete":
        store.add_many(change.before, store.newer_than_stored(change.before, now))
        sessions = change.before
    else:
        raise BondcoachError(f"cannot undo a change of kind {change.kind!r}")
    undo_log.mark_undone(change)
    # ``what`` is the kind of change taken back; the view says it in words.
    return Mended(change.kind, sessions=tuple(sessions))
