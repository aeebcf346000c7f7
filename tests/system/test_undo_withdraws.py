"""Undo of a log or an import takes back what nothing else has touched (issue 14).

Such a session leaves its month file again rather than gaining a deletion record, so an
undone ten-year import no longer triples the data folder; the month's backup keeps the
file as it was. Anything another record speaks of (an edit, a deletion, a second
computer's change) is deleted by a record, as before; and the change shows whole.
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


def test_undo_of_an_import_leaves_the_month_files_as_before_it(cli, folders, clock, tmp_path):
    run(cli, clock, "log", "15", "--at", "2026-11-24 09:00")
    before = month_records(folders.data)
    imported = import_feed(cli, clock, tmp_path)
    assert len(imported) == 3
    run(cli, clock, "undo")
    after = month_records(folders.data)
    # The logged session's record, exactly; the imported ones gone, with no deletion
    # record left behind for them (the months the import made are empty).
    assert {name: records for name, records in after.items() if records} == before
    assert not any(record.get("deleted") for records in after.values() for record in records)
    assert not list((folders.data / "sessions").glob("*/pending.json"))
    # The backups keep each month as the import left it.
    backed_up = {
        record["id"]
        for path in (folders.data / "backups").glob("*/*.json")
        for record in json.loads(path.read_text())["records"]
    }
    assert imported <= backed_up


def test_undo_of_a_log_takes_it_out_of_its_month(cli, folders, clock):
    run(cli, clock, "log", "15", "--at", "2026-11-24 09:00")
    before = month_records(folders.data)
    run(cli, clock, "log", "20", "--at", "2026-11-25 09:00")
    run(cli, clock, "undo")
    assert month_records(folders.data) == before


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
    assert {r["id"] for r in records} == {touched}
    mine = [r for r in records if r.get("deleted")]
    assert len(mine) == 1 and mine[0]["fields"].keys() == {"deleted"}


def test_an_edit_that_arrives_after_the_undo_brings_the_session_back(cli, folders, clock, tmp_path):
    """Computer B edits an imported session before it hears of A's undo: when its file
    arrives, the session shows again, with B's edit (nothing of B's is hidden)."""
    imported = import_feed(cli, clock, tmp_path)
    touched = min(imported)
    apart = tmp_path / "b-data"  # B's copy of the folder, not yet synced again
    shutil.copytree(folders.data, apart)
    run(cli, clock, "edit", touched, "--note", "B's", state=tmp_path / "state-b", data=apart)
    run(cli, clock, "undo")
    assert shown(cli) == {}
    for path in (apart / "sessions").iterdir():  # B's folder arrives; A's is A's
        if not (folders.data / "sessions" / path.name).exists():
            shutil.copytree(path, folders.data / "sessions" / path.name)
    back = shown(cli)
    assert set(back) == {touched} and back[touched]["note"] == "B's"


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
    deletions = [
        record(s, later, deleted=True, fields={"deleted": later})
        for s in ("alone", "twice", "mended", "gone", "other-time")
    ]
    asked = {"alone": at, "twice": at, "mended": at, "gone": at, "other-time": later}
    kept, still = _withdrawn(existing, deletions, asked)
    assert [r.session.id for r in kept] == [r.session.id for r in existing[1:]]
    assert [r.session.id for r in still] == ["twice", "mended", "gone", "other-time"]
    assert _withdrawn(existing, deletions, {}) == (existing, deletions)


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
    assert first == []  # that month was taken back; the others wait in pending.json
    assert shown(cli) == {}  # yet every reader sees the whole undo
    run(cli, clock, "log", "15", "--at", "2026-11-24 09:00")
    assert not pending.exists()
    [logged] = shown(cli)
    assert logged not in imported
    doctor = cli("doctor")
    assert doctor.exit_code == 0 and "pending" not in doctor.stdout, doctor.stdout
