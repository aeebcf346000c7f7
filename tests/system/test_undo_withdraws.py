"""Undo of a log or an import: one record per session taken back, not two (issue 14).

A session nothing else has touched has its record replaced by its deletion record
(which holds the whole session) rather than joined by it, so an undone ten-year import
no longer triples the data folder; the month's backup keeps the file as it was. The
deletion record stays, so an older copy of the file cannot bring the session back.
Anything another record speaks of (an edit, a deletion, a second computer's change)
keeps its records and gains the deletion, as before; and the change shows whole.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import time_machine
from helpers import LONDON, json_out

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)
FEED = "start,minutes,note\n2026-09-10 09:00,5,a\n2026-10-12 09:00,6,b\n2026-11-02 09:00,7,c\n"


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def run(cli, clock, *args: str, state: Path | None = None, data: Path | None = None):
    clock.shift(timedelta(seconds=1))
    env = {}
    if state is not None:
        env["BONDCOACH_STATE_DIR"] = str(state)
    if data is not None:
        env["BONDCOACH_HOME"] = str(data)
    result = cli(*args, env=env or None)
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result


def month_records(data: Path) -> dict[str, list[dict]]:
    """Each month file's records, by file name, across every computer's folder."""
    return {
        f"{path.parent.name}/{path.name}": json.loads(path.read_text())["records"]
        for path in sorted((data / "sessions").glob("*/*.json"))
    }


def shown(cli, data: Path | None = None) -> dict[str, dict]:
    env = None if data is None else {"BONDCOACH_HOME": str(data)}
    found = json_out(cli("history", "--last", "100", "--json", env=env))
    return {session["id"]: session for session in found}


def import_feed(cli, clock, tmp_path: Path, **where) -> set[str]:
    feed = tmp_path / "feed.csv"
    feed.write_text(FEED, encoding="utf-8")
    before = set(shown(cli, where.get("data")))
    run(cli, clock, "import", str(feed), **where)
    return set(shown(cli, where.get("data"))) - before


def deletions_only(records: list[dict]) -> bool:
    return all(
        record.get("deleted") and record["fields"].keys() == {"deleted"} for record in records
    )


def test_undo_of_an_import_leaves_one_deletion_record_per_session(cli, folders, clock, tmp_path):
    run(cli, clock, "log", "15", "--at", "2026-11-24 09:00")
    [logged] = shown(cli)
    before = month_records(folders.data)
    imported = import_feed(cli, clock, tmp_path)
    assert len(imported) == 3
    imported_records = month_records(folders.data)
    run(cli, clock, "undo")
    after = month_records(folders.data)
    assert set(shown(cli)) == {logged}
    kept = [r for rs in after.values() for r in rs if not r.get("deleted")]
    assert kept == [r for rs in before.values() for r in rs]  # the log's record, exactly
    gone = [r for rs in after.values() for r in rs if r.get("deleted")]
    assert sorted(r["id"] for r in gone) == sorted(imported)  # one record each
    assert deletions_only(gone)
    for record in gone:  # each holds the whole session, as the import wrote it
        [was] = [r for rs in imported_records.values() for r in rs if r["id"] == record["id"]]
        assert {k: v for k, v in record.items() if k not in ("updated", "deleted", "fields")} == {
            k: v for k, v in was.items() if k != "updated"
        }
    assert not list((folders.data / "sessions").glob("*/pending.json"))
    # The backups keep each month as the import left it.
    backed_up = {
        record["id"]
        for path in (folders.data / "backups").glob("*/*.json")
        for record in json.loads(path.read_text())["records"]
    }
    assert imported <= backed_up


def test_undo_of_a_log_leaves_its_deletion_record_alone_in_its_place(cli, folders, clock):
    run(cli, clock, "log", "15", "--at", "2026-11-24 09:00")
    before = month_records(folders.data)
    run(cli, clock, "log", "20", "--at", "2026-11-25 09:00")
    run(cli, clock, "undo")
    [(name, records)] = month_records(folders.data).items()
    assert records[:1] == before[name]
    assert len(records) == 2 and deletions_only(records[1:])


def test_an_older_copy_of_the_file_arriving_later_does_not_bring_it_back(
    cli, folders, clock, tmp_path
):
    """A sync tool's conflict copy of the month as it was before the undo (made on the
    other computer, arriving after the undo) is read, and folded in by the next save:
    the deletion record still hides the session."""
    run(cli, clock, "log", "15", "--at", "2026-11-24 09:00")
    run(cli, clock, "log", "20", "--at", "2026-11-25 09:00")
    [folder] = (folders.data / "sessions").iterdir()
    before_undo = (folder / "2026-11.json").read_bytes()
    run(cli, clock, "undo")
    left = set(shown(cli))
    copy = folder / "2026-11.sync-conflict-20261126-100000-ABCDEFG.json"
    copy.write_bytes(before_undo)
    assert set(shown(cli)) == left
    run(cli, clock, "log", "5", "--at", "2026-11-26 08:00")  # folds the copy in
    copy.unlink(missing_ok=True)
    assert len(set(shown(cli)) - left) == 1  # only the new log


def test_a_session_another_record_speaks_of_is_deleted_by_a_record(cli, folders, clock, tmp_path):
    """B edited one imported session and took the edit back: it is as A left it (so
    undo takes it back), but B's records speak of it, so A writes a deletion."""
    other = tmp_path / "state-b"
    imported = import_feed(cli, clock, tmp_path)
    touched = min(imported)
    run(cli, clock, "edit", touched, "--note", "B's", state=other)
    run(cli, clock, "undo", state=other)
    run(cli, clock, "undo")
    assert set(shown(cli)) == set()
    records = [r for rs in month_records(folders.data).values() for r in rs]
    counts = {session: [r["id"] for r in records].count(session) for session in imported}
    # The touched one: A's record, B's edit and B's undo of it, and A's deletion.
    assert counts == {session: 4 if session == touched else 1 for session in imported}
    mine = [r for r in records if r["id"] == touched and r.get("deleted")]
    assert len(mine) == 1 and deletions_only(mine)


def test_an_edit_that_arrives_after_the_undo_stays_with_the_deleted_session(
    cli, folders, clock, tmp_path
):
    """Computer B edits an imported session before it hears of A's undo: when B's file
    arrives the session stays deleted (as after ``delete``), and B's edit is kept in
    the session's fields, for an undo of a deletion to bring back."""
    imported = import_feed(cli, clock, tmp_path)
    touched = min(imported)
    apart = tmp_path / "b-data"  # B's copy of the folder, not yet synced again
    shutil.copytree(folders.data, apart)
    run(cli, clock, "edit", touched, "--note", "B's", state=tmp_path / "state-b", data=apart)
    run(cli, clock, "undo")
    assert shown(cli) == {}
    [mine] = [r for rs in month_records(folders.data).values() for r in rs if r["id"] == touched]
    assert deletions_only([mine])  # A's record of it was replaced by the deletion
    for path in (apart / "sessions").iterdir():  # B's folder arrives; A's is A's
        if not (folders.data / "sessions" / path.name).exists():
            shutil.copytree(path, folders.data / "sessions" / path.name)
    assert shown(cli) == {}
    from bondcoach.storage.records import newest_versions
    from bondcoach.storage.session_store import open_store

    months = open_store().records_for_months(["2026-09", "2026-10", "2026-11"])
    merged = newest_versions(months)[touched]
    assert merged.deleted and merged.session.note == "B's"


def test_an_undone_import_no_longer_outranks_the_other_computers_version(cli, clock, tmp_path):
    """B imported a row, then A imported the same row (the same id) with another note,
    and undid it before B's file arrived. When B later brings the session back (undo of
    a deletion), it shows B's note: A's import was taken back, so its values no longer
    outrank B's. (With a deletion record beside A's record, A's note would have won.)"""
    a, b = tmp_path / "a-data", tmp_path / "b-data"
    state = {a: tmp_path / "a-state", b: tmp_path / "b-state"}
    row = "start,minutes,note\n2026-11-02 09:00,7,{}\n"
    for data, note in ((b, "B's"), (a, "A's")):
        (tmp_path / f"{note[0]}.csv").write_text(row.format(note), encoding="utf-8")
        run(cli, clock, "import", str(tmp_path / f"{note[0]}.csv"), state=state[data], data=data)

    def sync(source: Path, target: Path) -> None:
        for folder in (source / "sessions").iterdir():
            shutil.rmtree(target / "sessions" / folder.name, ignore_errors=True)
            shutil.copytree(folder, target / "sessions" / folder.name)

    sync(a, b)  # A's file reaches B; B's has not reached A yet
    [session] = shown(cli, b).values()
    assert session["note"] == "A's"  # the later import's version
    run(cli, clock, "undo", state=state[a], data=a)
    run(cli, clock, "delete", session["id"], "--yes", state=state[b], data=b)
    run(cli, clock, "undo", state=state[b], data=b)
    sync(a, b)
    sync(b, a)
    for data in (a, b):
        assert [s["note"] for s in shown(cli, data).values()] == ["B's"]


def test_withdrawn_removes_only_a_lone_full_record_of_the_time_asked():
    from bondcoach.core.sessions import Record, Session
    from bondcoach.storage.month_writes import _withdrawn

    at = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
    later = at + timedelta(hours=1)

    def session(session_id: str) -> Session:
        return Session(id=session_id, start=at, minutes=10)

    def record(session_id: str, when: datetime = at, **extra) -> Record:
        return Record(session=session(session_id), updated=when, device="d", **extra)

    existing = [
        record("alone"),
        record("twice"),
        record("twice", later, fields={"note": later}),
        record("mended", fields={"note": at}),
        record("gone", deleted=True),
        record("other-time"),
        record("not-asked"),
    ]
    asked = {"alone": at, "twice": at, "mended": at, "gone": at, "other-time": later}
    deletions = [
        record(s, later, deleted=True, fields={"deleted": later}) for s in [*asked, "not-asked"]
    ]
    ids = [r.session.id for r in existing]
    assert [r.session.id for r in _withdrawn(existing, deletions, asked)] == ids[1:]
    assert _withdrawn(existing, deletions, {}) is existing
    # Without its deletion record alongside, a record never goes.
    assert [r.session.id for r in _withdrawn(existing, deletions[1:], asked)] == ids
    edit = record("alone", later, fields={"note": later})
    assert [r.session.id for r in _withdrawn(existing, [edit], asked)] == ids


class Killed(BaseException):
    """The process dying mid-save: nothing of bondcoach catches it."""


def test_an_undo_cut_short_between_months_shows_whole_and_the_next_save_finishes_it(
    cli, folders, clock, tmp_path, monkeypatch
):
    from bondcoach.actions import history
    from bondcoach.storage.month_writes import MonthWrites

    imported = import_feed(cli, clock, tmp_path)
    real = MonthWrites._write_month
    calls: list[str] = []

    def dies_after_the_first_month(self, month, *args, **kwargs):
        if calls:
            raise Killed
        calls.append(month)
        return real(self, month, *args, **kwargs)

    monkeypatch.setattr(MonthWrites, "_write_month", dies_after_the_first_month)
    with pytest.raises(Killed):
        history.undo(datetime.now(timezone.utc))
    monkeypatch.setattr(MonthWrites, "_write_month", real)
    [pending] = (folders.data / "sessions").glob("*/pending.json")
    first = month_records(folders.data)[f"{pending.parent.name}/{calls[0]}.json"]
    assert len(first) == 1 and deletions_only(
        first
    )  # that month was taken back; the others wait in pending
    assert shown(cli) == {}  # yet every reader sees the whole undo
    run(cli, clock, "log", "15", "--at", "2026-11-24 09:00")
    assert not pending.exists()
    [logged] = shown(cli)
    assert logged not in imported
    doctor = cli("doctor")
    assert doctor.exit_code == 0 and "pending" not in doctor.stdout, doctor.stdout


def test_a_copy_of_the_file_already_there_counts_as_another_record(cli, folders, clock):
    """A conflict copy present at the undo holds the session too: its record is left as
    it is and joined by the deletion (the copy is folded in, then safe to delete)."""
    run(cli, clock, "log", "15", "--at", "2026-11-24 09:00")
    [logged] = shown(cli)
    [folder] = (folders.data / "sessions").iterdir()
    copy = folder / "2026-11.sync-conflict-20261126-100000-ABCDEFG.json"
    copy.write_bytes((folder / "2026-11.json").read_bytes())
    run(cli, clock, "undo")
    assert shown(cli) == {}
    own = json.loads((folder / "2026-11.json").read_text())["records"]
    assert [(r["id"], bool(r.get("deleted"))) for r in own] == [(logged, False), (logged, True)]
