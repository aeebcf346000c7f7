"""Writing records into this device's month files: one month atomically, several months
through pending.json, with backups. Used by SessionStore under its lock."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from bondcoach.core.sessions import Record
from bondcoach.errors import DataError, forget_saved
from bondcoach.storage.fsio import (
    FlushFailed,
    atomic_write,
    flush_folder_quietly,
    read_bytes,
    refuse_links_below,
    remove_file,
)
from bondcoach.storage.leftovers import remove_leftovers
from bondcoach.storage.records import by_month, month_key, month_payload, parse_month_file
from bondcoach.storage.session_reader import PENDING_NAME, SessionReader


class MonthWrites(SessionReader):
    """The writes of the one device that owns its folder (see SessionStore)."""

    def own_file(self, month: str) -> Path:
        return self.month_file(self.device, month)

    def write_records(
        self,
        records: Iterable[Record],
        now: datetime,
        withdraw: Mapping[str, datetime] | None = None,
    ) -> None:
        """Append records to this device's month files. Call while holding ``locked()``.

        One month is one atomic file replacement. Several months (an edit that moves
        a session, an import) first write all the records to ``pending.json``, which
        readers include, so the change shows whole or not at all. If any step then
        fails (a folder flush included), the months already replaced are put back and
        pending.json removed: nothing changed. If even that fails, or the process dies,
        pending.json keeps the whole change and the next save finishes the job.

        ``withdraw`` (id: time): sessions being taken back whose one record is this
        device's own full record of that time. In its month file, the deletion record
        (which holds the whole session) replaces that record rather than joining it
        (see ``_withdrawn``); finishing pending.json later only appends the deletion.
        """
        from bondcoach.storage import upgrade

        records = list(records)
        self._refuse_links({month_key(r.session.day) for r in records})  # before any read
        self._clean_leftovers()
        self._finish_pending(now)
        self._pending = None
        upgrade.upgrade_own_files(self, now)
        records = [*upgrade.conflict_copy_records(self), *records]
        self._write_grouped(records, now, withdraw or {})
        upgrade.tell_once_about_schema(self)

    def _write_grouped(
        self, records: list[Record], now: datetime, withdraw: Mapping[str, datetime]
    ) -> None:
        from bondcoach.storage.backups import backups_dir

        grouped = by_month(records)
        self._refuse_links(grouped)
        if len(grouped) <= 1:
            for month, additions in grouped.items():
                self._write_month(month, additions, now, withdraw)
            return
        pending = self.pending_file(self.device)
        written: list[tuple[Path, bytes | None]] = []
        try:
            atomic_write(pending, month_payload(self.device, "pending", records, indent=False))
            for month, additions in sorted(grouped.items()):
                path = self.own_file(month)
                before = read_bytes(path)
                try:
                    # On failure: old bytes kept. Backups' folder: flushed once, below.
                    self._write_month(month, additions, now, withdraw, one_of_many=True)
                except FlushFailed:
                    written.append((path, before))  # replaced, only not flushed
                    raise
                written.append((path, before))
        except DataError as error:
            _put_back(written, pending, error)
        # Backups are a spare copy (their flush failing never fails a save), so their
        # folder is flushed once for the whole change rather than once per month.
        flush_folder_quietly(backups_dir(self.root) / self.device)
        with contextlib.suppress(DataError):
            # Complete either way: a pending.json left now only repeats what the months
            # hold, and the next save removes it (doctor names it meanwhile).
            remove_file(pending)

    def _refuse_links(self, months: Iterable[str]) -> None:
        from bondcoach.storage.backups import backups_dir

        own = self.pending_file(self.device)
        for path in [own, *(self.own_file(month) for month in months)]:
            refuse_links_below(self.root, path)
        refuse_links_below(self.root, backups_dir(self.root) / self.device / PENDING_NAME)

    def _clean_leftovers(self) -> None:
        """Temporary files of a save that was killed: under the lock, none is in use."""
        from bondcoach.storage import paths
        from bondcoach.storage.backups import backups_dir

        folders = (
            self.pending_file(self.device).parent,
            backups_dir(self.root) / self.device,
            self.root / "set-aside" / self.device,
            self.root,  # 1.0's profile.json
            self.root / "profile",  # this computer's profile record
            paths.state_dir(),  # the undo journal's, the device file's
        )
        for folder in folders:
            remove_leftovers(folder)

    def _write_month(
        self,
        month: str,
        additions: list[Record],
        now: datetime,
        withdraw: Mapping[str, datetime],
        one_of_many: bool = False,
    ) -> None:
        from bondcoach.storage.backups import keep_backup

        path = self.own_file(month)
        refuse_links_below(self.root, path)
        raw = read_bytes(path)
        existing = [] if raw is None else self.parse(path, raw, self.device)
        kept = _withdrawn(existing, additions, withdraw)
        seen = {(record.session.id, record.updated) for record in kept}
        fresh = [r for r in additions if (r.session.id, r.updated) not in seen]
        if not fresh and len(kept) == len(existing):
            return
        if raw is not None:
            keep_backup(self.root, self.device, month, raw, now, flush_folder=not one_of_many)
        atomic_write(path, month_payload(self.device, month, [*kept, *fresh]))

    def _finish_pending(self, now: datetime) -> None:
        """Complete a multi-month save that an earlier process did not finish."""
        pending = self.pending_file(self.device)
        raw = read_bytes(pending)
        if raw is None:
            return
        for month, additions in sorted(
            by_month(parse_month_file(pending, raw, self.device)).items()
        ):
            self._write_month(month, additions, now, {})
        remove_file(pending)


def _withdrawn(
    existing: list[Record], additions: list[Record], withdraw: Mapping[str, datetime]
) -> list[Record]:
    """The month's records to keep once ``withdraw`` is applied: a session whose one
    record in this file is its full record of the time asked for loses that record; its
    deletion record among ``additions`` (holding the whole session) takes its place. A
    record goes only if that deletion is there. Anything else keeps its records."""
    if not withdraw:
        return existing
    deleting = {r.session.id for r in additions if r.deleted and r.session.id in withdraw}
    count: dict[str, int] = {}
    for record in existing:
        count[record.session.id] = count.get(record.session.id, 0) + 1
    gone = {
        record.session.id
        for record in existing
        if count[record.session.id] == 1
        and record.fields is None
        and not record.deleted
        and record.session.id in deleting
        and withdraw[record.session.id] == record.updated
    }
    return [r for r in existing if r.session.id not in gone] if gone else existing


def _put_back(
    written: list[tuple[Path, bytes | None]], pending: Path, cause: DataError
) -> NoReturn:
    try:
        for path, old in written:
            try:
                if old is None:
                    remove_file(path)
                else:
                    atomic_write(path, old)
            except FlushFailed:
                pass  # the old bytes are back in place; only the flush failed
        with contextlib.suppress(FlushFailed):
            remove_file(pending)
    except DataError as error:
        failed = DataError(
            f"a save across months failed ({cause.message}) and could not be undone "
            f"({error.message}); {pending} keeps the whole change, which shows "
            "everywhere already, and the next save completes it"
        )
        failed.message_says_saved = True
        raise failed from error
    forget_saved()
    raise DataError(
        f"a save across months failed and was undone: nothing changed ({cause.message})"
    ) from cause
