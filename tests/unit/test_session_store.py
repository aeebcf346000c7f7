"""The session store on its own: records, versions, months, devices, conflict copies.

Split from test_core.py, which bundled five modules."""

from __future__ import annotations

import json
import shutil
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from helpers import LONDON
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bondcoach.core.models import Session
from bondcoach.storage import session_store as store

UTC = timezone.utc


# The store ---------------------------------------------------------------------------


def make_store(root: Path, device: str = "deva") -> store.SessionStore:
    return store.SessionStore(root=root, device=device, lock_file=root / "locks" / "s.lock")


def session(session_id: str, start: datetime, minutes: int = 15, **fields: object) -> Session:
    return Session(id=session_id, start=start, minutes=minutes, **fields)


def write_month_file(path: Path, records: list[tuple[Session, datetime, bool]]) -> None:
    payload = {
        "schema": store.SCHEMA_VERSION,
        "device": path.parent.name,
        "month": path.name[:7],
        "records": [],
    }
    for item, updated, deleted in records:
        record = item.model_dump(mode="json")
        record["updated"] = updated.isoformat()
        if deleted:
            record["deleted"] = True
        payload["records"].append(record)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload), encoding="utf-8")


NOV = (date(2026, 11, 1), date(2026, 11, 30))
DEC = (date(2026, 12, 1), date(2026, 12, 31))
BOTH = (date(2026, 11, 1), date(2026, 12, 31))
T0 = datetime(2026, 12, 2, 8, 0, tzinfo=LONDON)


def test_store_round_trip(tmp_path):
    sessions_store = make_store(tmp_path)
    first = session(
        "aaaa1111",
        datetime(2026, 11, 10, 9, 0, tzinfo=LONDON),
        20,
        activities=("sing", "talk"),
        mood=4,
        note='she "laughed"\nand [smiled]',
        who="Sam",
    )
    second = session("bbbb2222", datetime(2026, 11, 11, 23, 30, tzinfo=LONDON))
    sessions_store.add(second, T0)
    sessions_store.add(first, T0)
    assert sessions_store.sessions_between(*NOV) == [first, second]  # oldest first
    assert sessions_store.sessions_between(date(2026, 11, 11), date(2026, 11, 11)) == [second]
    assert (tmp_path / "sessions" / "deva" / "2026-11.json").is_file()
    raw = json.loads((tmp_path / "sessions" / "deva" / "2026-11.json").read_text())
    assert raw["schema"] == store.SCHEMA_VERSION


def test_a_new_store_is_empty(tmp_path):
    assert make_store(tmp_path).sessions_between(*BOTH) == []


def test_newest_version_wins_whatever_the_order_in_the_file(tmp_path):
    start = datetime(2026, 11, 10, 9, 0, tzinfo=LONDON)
    old, new = session("cccc3333", start, 10), session("cccc3333", start, 40)
    write_month_file(
        tmp_path / "sessions" / "deva" / "2026-11.json",
        [(new, T0 + timedelta(hours=1), False), (old, T0, False)],
    )
    assert make_store(tmp_path).sessions_between(*NOV) == [new]


@pytest.mark.parametrize("newer_device", ["deva", "devb"])
def test_newest_version_wins_across_devices(tmp_path, newer_device):
    start = datetime(2026, 11, 10, 9, 0, tzinfo=LONDON)
    older_device = "devb" if newer_device == "deva" else "deva"
    old, new = session("dddd4444", start, 10), session("dddd4444", start, 40)
    write_month_file(tmp_path / "sessions" / older_device / "2026-11.json", [(old, T0, False)])
    write_month_file(
        tmp_path / "sessions" / newer_device / "2026-11.json",
        [(new, T0 + timedelta(minutes=1), False)],
    )
    assert make_store(tmp_path).sessions_between(*NOV) == [new]


def test_a_newer_deletion_hides_a_session(tmp_path):
    sessions_store = make_store(tmp_path)
    item = session("eeee5555", datetime(2026, 11, 10, 9, 0, tzinfo=LONDON))
    sessions_store.add(item, T0)
    sessions_store.delete(item, T0 + timedelta(minutes=1))
    assert sessions_store.sessions_between(*NOV) == []


def test_replace_in_the_same_month(tmp_path):
    sessions_store = make_store(tmp_path)
    item = session("ffff6666", datetime(2026, 11, 10, 9, 0, tzinfo=LONDON), 10)
    edited = item.model_copy(update={"minutes": 25})
    sessions_store.add(item, T0)
    sessions_store.replace(item, edited, T0 + timedelta(minutes=1))
    assert sessions_store.sessions_between(*NOV) == [edited]


def test_a_session_moved_to_another_month_appears_once(tmp_path):
    sessions_store = make_store(tmp_path)
    item = session("abcd7777", datetime(2026, 11, 30, 20, 0, tzinfo=LONDON), 30)
    moved = item.model_copy(update={"start": datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)})
    sessions_store.add(item, T0)
    sessions_store.replace(item, moved, T0 + timedelta(minutes=1))
    assert sessions_store.sessions_between(*BOTH) == [moved]
    assert sessions_store.sessions_between(*NOV) == []
    assert sessions_store.sessions_between(*DEC) == [moved]
    fresh = make_store(tmp_path, "devz")  # another computer reading the synced folder
    assert fresh.sessions_between(*NOV) == []
    assert fresh.sessions_between(*DEC) == [moved]


def test_a_session_moved_there_and_back(tmp_path):
    sessions_store = make_store(tmp_path)
    item = session("abcd8888", datetime(2026, 11, 30, 20, 0, tzinfo=LONDON), 30)
    moved = item.model_copy(update={"start": datetime(2026, 12, 1, 9, 0, tzinfo=LONDON)})
    back = item.model_copy(update={"start": datetime(2026, 11, 15, 9, 0, tzinfo=LONDON)})
    sessions_store.add(item, T0)
    sessions_store.replace(item, moved, T0 + timedelta(minutes=1))
    sessions_store.replace(moved, back, T0 + timedelta(minutes=2))
    assert sessions_store.sessions_between(*BOTH) == [back]
    assert sessions_store.sessions_between(*NOV) == [back]
    assert sessions_store.sessions_between(*DEC) == []


def test_conflict_copies_are_read_and_merged_without_duplicates(tmp_path):
    sessions_store = make_store(tmp_path, "deva")
    day = datetime(2026, 11, 10, 9, 0, tzinfo=LONDON)
    a = session("aaaa0001", day, 10)
    b = session("bbbb0002", day + timedelta(days=2), 20)
    c = session("cccc0003", day + timedelta(days=4), 30)
    d = session("dddd0004", day + timedelta(days=6), 40)
    b_edited = b.model_copy(update={"minutes": 45})
    sessions_store.add(a, T0)
    sessions_store.add(b, T0)
    folder = tmp_path / "sessions" / "deva"
    shutil.copy(folder / "2026-11.json", folder / "2026-11 (conflicted copy).json")
    sessions_store.add(c, T0 + timedelta(minutes=1))
    write_month_file(
        folder / "2026-11.sync-conflict-20261120-1.json",
        [(a, T0, False), (b_edited, T0 + timedelta(minutes=5), False), (d, T0, False)],
    )
    found = sessions_store.sessions_between(*NOV)
    assert [s.id for s in found] == ["aaaa0001", "bbbb0002", "cccc0003", "dddd0004"]
    assert found[1].minutes == 45
    assert make_store(tmp_path, "devz").sessions_between(*NOV) == found


def test_writing_keeps_records_of_other_devices_untouched(tmp_path):
    other = tmp_path / "sessions" / "devb" / "2026-11.json"
    theirs = session("bbbb9999", datetime(2026, 11, 3, 9, 0, tzinfo=LONDON))
    write_month_file(other, [(theirs, T0, False)])
    before = other.read_bytes()
    mine = session("aaaa9999", datetime(2026, 11, 4, 9, 0, tzinfo=LONDON))
    make_store(tmp_path, "deva").add(mine, T0)
    assert other.read_bytes() == before
    assert make_store(tmp_path).sessions_between(*NOV) == [theirs, mine]


# A hypothesis round trip ---------------------------------------------------------------

FIXED_OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
STARTS = st.datetimes(
    min_value=datetime(1990, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.one_of(st.timezones(), FIXED_OFFSETS),
)
SESSIONS = st.builds(
    Session,
    id=st.from_regex(r"[0-9a-z]{4,64}", fullmatch=True),
    start=STARTS,
    minutes=st.integers(min_value=1, max_value=1440),
    activities=st.lists(st.text(min_size=1, max_size=20), max_size=4).map(tuple),
    mood=st.none() | st.integers(min_value=1, max_value=5),
    note=st.none() | st.text(max_size=200),
    who=st.none() | st.text(max_size=30),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(item=SESSIONS)
def test_any_session_survives_the_store(item):
    with tempfile.TemporaryDirectory() as folder:
        sessions_store = make_store(Path(folder))
        sessions_store.add(item, datetime(2026, 1, 1, tzinfo=UTC))
        [restored] = sessions_store.sessions_between(item.day, item.day)
        again = make_store(Path(folder), "other").sessions_between(item.day, item.day)
    assert restored.day == item.day
    assert restored.start.replace(tzinfo=None) == item.start.replace(tzinfo=None)
    assert restored.start.utcoffset() == item.start.utcoffset()
    assert restored.model_dump(exclude={"start"}) == item.model_dump(exclude={"start"})
    assert again == [restored]
