"""Merging the stored versions of one session, field by field.

Two computers may change one session while apart (A its note, B its minutes): each
record says which fields it set and when (``Record.fields``), and the merged session
takes every field from the newest record that set it (ties: the larger device id), so
both changes survive. A record without ``fields`` (a new session, every 1.0 record)
sets every field at its ``updated``; with only such records this is exactly 1.0's rule,
"the newest record of an id wins". ``deleted`` is a field like the others: a deletion
and a later undo of it are versions of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bondcoach.core.sessions import Record, Session

SESSION_FIELDS = ("start", "minutes", "activities", "mood", "note", "who", "babies")
VERSIONED = (*SESSION_FIELDS, "deleted")


def merge(records: list[Record]) -> Record:
    """One record holding each field's newest value, with each field's version time
    (``fields``; None, as in any record, when every field has the record's ``updated``)."""
    if len(records) == 1 and records[0].fields is None:
        # The common case (a session logged once, never mended): the record is its own
        # merge, every field at ``updated`` (what ``fields=None`` means), with no copy.
        return records[0]
    newest = max(records, key=Record.order_key)
    values: dict[str, object] = {}
    times: dict[str, datetime] = {}
    for name in VERSIONED:
        best: tuple[tuple[datetime, str], Record] | None = None
        for record in records:
            when = record.version_of(name)
            if when is not None and (best is None or (when, record.device) > best[0]):
                best = ((when, record.device), record)
        if best is None:  # no record set it (its full record went missing): newest snapshot
            continue
        times[name] = best[0][0]
        values[name] = best[1].deleted if name == "deleted" else getattr(best[1].session, name)
    deleted = bool(values.pop("deleted", newest.deleted))
    session = newest.session.model_copy(update=values)  # values were validated when read
    return Record(
        session=session,
        updated=max(times.values(), default=newest.updated),
        device=newest.device,
        deleted=deleted,
        fields=times,
    )


def merged_by_id(records: Iterable[Record]) -> dict[str, Record]:
    grouped: dict[str, list[Record]] = {}
    for record in records:
        grouped.setdefault(record.session.id, []).append(record)
    return {key: merge(versions) for key, versions in grouped.items()}


def changed_fields(old: Session, new: Session) -> list[str]:
    """The session fields that differ between two versions."""
    if old == new:  # the common case (undo checks every session it takes back), in C
        return []
    return [name for name in SESSION_FIELDS if getattr(old, name) != getattr(new, name)]
