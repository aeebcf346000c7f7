"""bondcoach export and import: move sessions in and out as CSV or JSON."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class Format(str, Enum):
    csv = "csv"
    json = "json"


def export_command(
    fmt: Annotated[Format, typer.Option("--format", "-f", help="csv or json.")] = Format.csv,
    no_notes: Annotated[
        bool, typer.Option("--no-notes", help="Leave notes and moods out, for sharing.")
    ] = False,
) -> None:
    """Write every session to standard output, oldest first.

    Example: bondcoach export --format csv > sessions.csv
    """
    import sys

    from bondcoach.core.transfer import write_csv, write_json
    from bondcoach.storage.session_store import open_store

    writer = write_csv if fmt is Format.csv else write_json
    writer(open_store().iter_sessions(), sys.stdout, include_notes=not no_notes)


def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A CSV (needs start and minutes columns) or JSON file, as 'export' writes.",
            dir_okay=False,
        ),
    ],
) -> None:
    """Add sessions from a file; importing the same file again adds nothing twice.

    Every row is checked before anything is saved. A CSV from a spreadsheet or
    another tracker needs only 'start' (like 2026-11-26 14:30) and 'minutes', and
    may have 'activities' (separated by ;), 'mood', 'note' and 'who'.
    """
    from bondcoach.cli.saving import remember_for_undo
    from bondcoach.core import clock
    from bondcoach.core.transfer import plan_import
    from bondcoach.errors import InputError
    from bondcoach.storage.fsio import read_bytes
    from bondcoach.storage.session_store import open_store
    from bondcoach.views import data as data_view

    try:
        raw = read_bytes(file)
    except IsADirectoryError:
        raw = None
    if raw is None:
        raise InputError(f"{file} is not a file that can be read")
    now = clock.now()
    plan = plan_import(file, raw, now)
    store = open_store()
    fresh = plan.new_to(store.live_ids())
    if fresh:
        store.add_many(fresh, now)
        remember_for_undo("import", (), fresh)
    data_view.show_imported(len(fresh), plan.rows, len(plan.sessions) - len(fresh))
