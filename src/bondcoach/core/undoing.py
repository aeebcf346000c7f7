"""Which parts of this computer's last change are still as it left them.

``undo`` takes back only those: when another computer changed a session since (edited
it, deleted it, brought it back), that later change stands and undo says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bondcoach.core.merge import changed_fields
from bondcoach.core.models import Record, Session


def still_as_left(
    kind: str, left: Sequence[Session], current: Mapping[str, Record | None]
) -> tuple[list[Session], list[str]]:
    """(sessions still as the change left them, what changed since for the others)."""
    keep: list[Session] = []
    changed: list[str] = []
    for session in left:
        record = current.get(session.id)
        reason = _changed_since(kind, session, record)
        if reason is None:
            keep.append(session)
        else:
            changed.append(f"session {session.id[:8]} {reason} since")
    return keep, changed


def _changed_since(kind: str, session: Session, record: Record | None) -> str | None:
    if kind == "delete":
        if record is not None and not record.deleted:
            return "was brought back on another computer"
        return None
    if record is None or record.deleted:
        return "was deleted"
    fields = changed_fields(session, record.session)
    if fields:
        return f"was changed ({', '.join(fields)})"
    return None
