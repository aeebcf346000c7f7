"""doctor: check every file bondcoach keeps, put a backup back, fold in conflict copies."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bondcoach.core.checkup import Checkup


@dataclass(frozen=True)
class DoctorReport:
    checkup: Checkup
    restored: Path | None = None  # the file a backup replaced, when --restore was given
    fixed: bool = False  # --fix ran: conflict copies folded in, an upgrade finished
    warnings: list[str] = field(default_factory=list)


def doctor(restore: Path | None, now: datetime, fix: bool = False) -> DoctorReport:
    from bondcoach.storage import paths
    from bondcoach.storage.checkup import check_store
    from bondcoach.storage.session_store import open_store

    store = open_store()
    restored = None
    if restore is not None:
        from bondcoach.actions.saving import forget_for_undo

        forget_for_undo()  # undo's last change is no longer what the files hold
        restored = store.restore_backup(restore, now)
    if fix:
        from bondcoach.storage.profile import fold_profile_copies

        with store.locked():
            store.write_records([], now)  # finishes saves and upgrades, folds copies in
        fold_profile_copies()
    checkup = check_store(store, paths.user_tips_file())
    return DoctorReport(checkup, restored, fix, list(store.notices))
