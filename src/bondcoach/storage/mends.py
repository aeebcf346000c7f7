"""The records a mend writes: only the fields it changed, each with its version time.

Another computer's change to other fields of the same session survives (see
``core/merge``). A move to another month writes the whole session into the new month,
each field at its merged version time (so a reader of that month alone sees the truth),
and a deletion into the old month.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bondcoach.core.merge import VERSIONED, changed_fields
from bondcoach.core.sessions import Record, Session
from bondcoach.storage.records import month_key


def mend(
    session: Session, now: datetime, device: str, changed: list[str], deleted: bool = False
) -> Record:
    fields = dict.fromkeys(changed, now)
    return Record(session=session, updated=now, device=device, deleted=deleted, fields=fields)


def replacing(
    old: Session, new: Session, now: datetime, device: str, merged: Record | None
) -> list[Record]:
    """The records that make ``new`` the current version of ``old``; ``merged`` is the
    stored versions of ``old`` merged, and ``now`` already beats every one of them."""
    changed = changed_fields(old, new)
    if month_key(old.day) == month_key(new.day):
        return [mend(new, now, device, changed)]
    # The old month must learn the session left it; the newer version wins by a tick.
    gone = mend(old, now, device, ["deleted"], deleted=True)
    now = now + timedelta(microseconds=1)
    versions: dict[str, datetime] = {}
    if merged is not None:  # keep each unchanged field's version time in the new month
        versions = (
            dict.fromkeys(VERSIONED, merged.updated)
            if merged.fields is None
            else dict(merged.fields)
        )
    versions.update(dict.fromkeys([*changed, "deleted"], now))
    return [gone, Record(session=new, updated=now, device=device, fields=versions)]
