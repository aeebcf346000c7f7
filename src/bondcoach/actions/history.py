"""history, edit, delete and undo: see what is stored and mend mistakes."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

from bondcoach.errors import BondcoachError, DataError

if TYPE_CHECKING:
    from bondcoach.core.editing import EditRequest
    from bondcoach.core.sessions import Session
    from bondcoach.storage.session_store import SessionStore
    from bondcoach.storage.undo_log import Change

DEFAULT_HISTORY = 10


class Mended(NamedTuple):
    """What a change did, in words, and the session as it is now (if one is left)."""

    what: str
    session: Session | None = None
    warnings: Sequence[str] = ()
    sessions: tuple[Session, ...] = ()  # what undo took back or put back
    babies: tuple[str, ...] = ()  # whose time ``session`` was, by name


class Listing(NamedTuple):
    """Sessions, with the names of whose time each was (by session id)."""

    sessions: list[Session]
    babies: dict[str, tuple[str, ...]]
    several: bool  # the family has several babies now: name them where sessions show


def history(on: date | None, last: int | None) -> Listing:
    from bondcoach.storage.session_store import open_store

    store = open_store()
    if on is not None:
        return listing(store.sessions_between(on, on))
    return listing(store.latest_sessions(last or DEFAULT_HISTORY))


def listing(sessions: list[Session]) -> Listing:
    from bondcoach.core import babies
    from bondcoach.storage.profile import load_profile

    profile = load_profile()
    names = {s.id: tuple(babies.session_names(profile, s)) for s in sessions}
    return Listing(sessions, names, len(profile.babies) > 1)


def edit(
    session_id: str, request: EditRequest, now: datetime, baby_names: Sequence[str] = ()
) -> Mended:
    """Change a session; ``baby_names`` (``--baby``) say whose time it was instead."""
    from bondcoach.actions.saving import forget_for_undo, remember_for_undo
    from bondcoach.core.editing import edited
    from bondcoach.storage.session_store import open_store

    if baby_names:
        from dataclasses import replace

        request = replace(request, babies=_stored_babies(baby_names))
    store = open_store()
    old = store.find(session_id)
    new = edited(old, request, now)
    forget_for_undo()
    store.replace(old, new, now)
    warnings: list[str] = list(store.notices)
    remember_for_undo("edit", (old,), (new,), warnings)
    return Mended("edited", new, warnings, babies=listing([new]).babies[new.id])


def _stored_babies(names: Sequence[str]) -> tuple[str, ...]:
    """What a session stores for these babies (exit 2 for a name not in the profile)."""
    from bondcoach.core import babies
    from bondcoach.storage.profile import load_profile

    profile = load_profile()
    return babies.stored_ids(profile, babies.chosen(profile, names))


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
        return Mended("kept")  # a choice, not a failure
    forget_for_undo()
    store.delete(session, now())
    warnings: list[str] = list(store.notices)
    remember_for_undo("delete", (session,), (), warnings)
    return Mended("deleted", session, warnings)


def undo(now: datetime) -> Mended:
    """Take back this computer's last change (once), but only what is still as this
    computer left it: a later change from another computer is never overwritten. If
    nothing can be taken back, exit 1 saying what changed; if part can, take that back
    and say what was left."""
    from bondcoach.core.undoing import still_as_left
    from bondcoach.storage import undo_log
    from bondcoach.storage.fsio import FlushFailed
    from bondcoach.storage.session_store import open_store

    change = undo_log.last_change()
    store = open_store()
    store.remember_parsed()  # the change's months are read to check, to stamp, to write
    if change is None or change.undone:
        raise BondcoachError("there is nothing to undo on this computer")
    left = change.before if change.kind == "delete" else change.after
    current = store.merged_records(left)
    keep, changed = still_as_left(change.kind, left, current)
    if not keep:
        raise BondcoachError(
            "nothing was undone: " + "; ".join(changed),
            hint="Another computer changed it since; see 'bondcoach history'.",
        )
    # Marked first, so undo happens once: if the mark cannot be saved, nothing is undone;
    # if the undo then fails, the mark is taken back (see _undo_failed).
    with contextlib.suppress(FlushFailed):  # in place, only not flushed: go on
        undo_log.mark_undone(change)
    try:
        sessions = _take_back(store, change.kind, change.before, keep, now)
    except DataError as error:
        raise _undo_failed(error, change) from error
    left_alone = [f"left as it is: {reason}" for reason in changed]
    # ``what`` is the kind of change taken back; the view says it in words.
    return Mended(change.kind, sessions=sessions, warnings=[*left_alone, *store.notices])


def _take_back(
    store: SessionStore,
    kind: str,
    before: tuple[Session, ...],
    keep: list[Session],
    now: datetime,
) -> tuple[Session, ...]:
    """Take back the parts in ``keep``; returns the sessions taken back or put back."""
    if kind in ("log", "import"):
        store.withdraw_many(keep, now)
        return tuple(keep)
    if kind == "edit":
        store.replace(keep[0], before[0], now)
        return before
    if kind == "delete":
        store.undelete_many(keep, now)
        return tuple(keep)
    raise BondcoachError(f"cannot undo a change of kind {kind!r}")


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
