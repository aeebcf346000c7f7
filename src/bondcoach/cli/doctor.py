"""bondcoach doctor: check the data folder and restore a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def doctor_command(
    restore: Annotated[
        Path | None,
        typer.Option(
            "--restore",
            metavar="BACKUP",
            help="Put this backup back in place; the file it replaces is set aside, not deleted.",
        ),
    ] = None,
) -> None:
    """Check every file bondcoach keeps, list backups, and restore one if you need to."""
    from bondcoach.core import clock
    from bondcoach.storage import paths
    from bondcoach.storage.backups import restore_backup
    from bondcoach.storage.checkup import check_store
    from bondcoach.storage.session_store import open_store
    from bondcoach.views import data as data_view

    store = open_store()
    if restore is not None:
        with store.locked():
            original = restore_backup(store.root, store.device, restore, clock.now())
        data_view.show_done(f"restored {original} from {restore}")
    checkup = check_store(store, paths.profile_file(), paths.user_tips_file())
    data_view.show_checkup(checkup)
    if not checkup.healthy:
        raise typer.Exit(1)
