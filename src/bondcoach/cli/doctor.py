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
    plain: PlainFlag = False,
) -> None:
    """Check every file bondcoach keeps, list backups, and restore one if you need to."""
    from bondcoach.actions.doctor import doctor
    from bondcoach.core import clock
    from bondcoach.views import doctor as doctor_view
    from bondcoach.views import history as history_view

    report = doctor(restore, clock.now())
    if report.restored is not None:
        history_view.show_done(f"restored {report.restored} from {restore}")
    doctor_view.show_checkup(report.checkup)
    if not report.checkup.healthy:
        raise typer.Exit(1)
