"""export and import: move sessions in and out as CSV or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TextIO


@dataclass(frozen=True)
class Imported:
    added: int
    rows: int
    already: int
    warnings: list[str] = field(default_factory=list)


def export(as_csv: bool, out: TextIO, include_notes: bool) -> None:
    """Write every session to ``out``, oldest first."""
    from bondcoach.core.babies import export_names
    from bondcoach.core.transfer import write_csv, write_json
    from bondcoach.storage.profile import load_profile
    from bondcoach.storage.session_store import open_store

    profile = load_profile()
    writer = write_csv if as_csv else write_json
    names = lambda session: export_names(profile, session)  # noqa: E731
    writer(open_store().iter_sessions(), out, names, include_notes=include_notes)


def import_file(file: Path, now: datetime) -> Imported:
    """Add the sessions in ``file`` that are not stored yet; all rows are checked first."""
    from bondcoach.actions.saving import forget_for_undo, remember_for_undo
    from bondcoach.core.babies import stored_id
    from bondcoach.core.transfer import plan_import
    from bondcoach.errors import InputError
    from bondcoach.storage.fsio import read_user_file
    from bondcoach.storage.profile import load_profile
    from bondcoach.storage.session_store import open_store

    try:
        raw = read_user_file(file)
    except IsADirectoryError:
        raw = None
    if raw is None:
        raise InputError(f"{file} is not a file that can be read")
    profile = load_profile()
    plan = plan_import(file, raw, now, lambda name: stored_id(profile, name))
    store = open_store()
    fresh = plan.new_to(store.live_among(session.id for session in plan.sessions))
    warnings: list[str] = []
    if fresh:
        forget_for_undo()
        store.add_many(fresh, now)
        warnings.extend(store.notices)
        remember_for_undo("import", (), fresh, warnings)
    return Imported(len(fresh), plan.rows, len(plan.sessions) - len(fresh), warnings)
