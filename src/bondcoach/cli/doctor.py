"""bondcoach doctor: check the data folder and restore a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bondcoach.cli.options import PlainFlag


def doctor_command(
    restore: Annotated[
        Path | None,
        typer.Option(
            "--restore",
            metavar="BACKUP",
            help="Put this backup back in place; the file it replaces is set aside, not deleted.",
        ),
    ] = None,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Copy what only a sync tool's conflict copies hold into this computer's "
            "own files (then the copies are safe to delete), and finish any unfinished save.",
        ),
    ] = False,
    plain: PlainFlag = False,
) -> None:
    """Check every file bondcoach keeps, list backups, and restore one if you need to."""
    from bondcoach import views
    from bondcoach.actions.doctor import doctor
    from bondcoach.core import clock
    from bondcoach.views import doctor as doctor_view
    from bondcoach.views import history as history_view

    report = doctor(restore, clock.now(), fix)
    if report.restored is not None:
        history_view.show_done(f"restored {report.restored} from {restore}")
    if report.fixed:
        history_view.show_done("folded conflict copies into this computer's own files")
    for warning in report.warnings:
        views.warn(warning)
    doctor_view.show_checkup(report.checkup)
    if not report.checkup.healthy:
        raise typer.Exit(1)
