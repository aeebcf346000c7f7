"""doctor: check every file bondcoach keeps, and put a backup back in place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bondcoach.core.checkup import Checkup


@dataclass(frozen=True)
class DoctorReport:
    checkup: Checkup
    restored: Path | None = None  # the file a backup replaced, when --restore was given


def doctor(restore: Path | None, now: datetime) -> DoctorReport:
    from bondcoach.storage import paths
    from bondcoach.storage.checkup import check_store
    from bondcoach.storage.session_store import open_store

    store = open_store()
    restored = None
    if restore is not None:
        from bondcoach.actions.saving import forget_for_undo

        forget_for_undo()  # undo's last change is no longer what the files hold
        restored = store.restore_backup(restore, now)
    checkup = check_store(store, paths.profile_file(), paths.user_tips_file())
    return DoctorReport(checkup, restored)
