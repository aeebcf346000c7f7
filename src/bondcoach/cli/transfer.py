"""bondcoach export and import: move sessions in and out as CSV or JSON."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from bondcoach.cli.options import PlainFlag


class Format(str, Enum):
    csv = "csv"
    json = "json"


def export_command(
    fmt: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            metavar="csv|json",
            help="csv (the default) or json.",
            show_default=False,
        ),
    ] = Format.csv,
    no_notes: Annotated[
        bool, typer.Option("--no-notes", help="Leave notes and moods out, for sharing.")
    ] = False,
    plain: PlainFlag = False,
) -> None:
    """Write every session to standard output, oldest first.

    Example: bondcoach export --format csv > sessions.csv
    """
    import sys

    from bondcoach.actions.transfer import export

    export(fmt is Format.csv, sys.stdout, include_notes=not no_notes)


def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A CSV (needs start and minutes columns) or JSON file, as 'export' writes.",
            dir_okay=False,
        ),
    ],
    plain: PlainFlag = False,
) -> None:
    """Add sessions from a file; importing the same file again adds nothing twice.

    Every row is checked before anything is saved. A CSV from a spreadsheet or
    another tracker needs only 'start' (like 2026-11-26 14:30) and 'minutes', and
    may have 'activities' (separated by ;), 'mood', 'note' and 'who'.
    """
    from bondcoach import views
    from bondcoach.actions.transfer import import_file
    from bondcoach.core import clock
    from bondcoach.views import history as history_view

    done = import_file(file, clock.now())
    for warning in done.warnings:
        views.warn(warning)
    history_view.show_imported(done.added, done.rows, done.already)
