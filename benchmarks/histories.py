"""Histories to measure on: CSV files to import, and stores written straight to disk.

A store of fifty years through `bondcoach import` would take longer than the whole
benchmark, so stores are written month by month with bondcoach's own row parser and
month-file serializer (the same sessions, ids and bytes an import makes, without the
import's checks and fsyncs). The last days are the same in every store, so one id
names the same session in each of them.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

SESSIONS_PER_DAY = 8
ACTIVITIES = ["talk", "sing", "read", "skin-to-skin", "play", "feed", "diaper", "walk"]


def rows(days: int, end: datetime) -> Iterator[dict[str, str]]:
    """SESSIONS_PER_DAY rows a day for ``days`` days up to the day before ``end``."""
    for day in range(days, 0, -1):
        date = end - timedelta(days=day)
        for slot in range(SESSIONS_PER_DAY):
            start = date.replace(hour=7 + slot * 2, minute=15, second=0, microsecond=0)
            yield {
                "start": start.strftime("%Y-%m-%d %H:%M"),
                "minutes": str(10 + slot),
                "activities": ACTIVITIES[slot],
                "who": "Sam",
            }


def write_csv(path: Path, days: int, end: datetime) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["start", "minutes", "activities", "who"])
        writer.writeheader()
        for row in rows(days, end):
            writer.writerow(row)
            count += 1
    return count


def write_store(data: Path, device: str, days: int, end: datetime) -> list[str]:
    """A data folder holding ``days`` days of sessions; returns their ids, oldest first."""
    from bondcoach.core.models import Record
    from bondcoach.core.transfer import row_to_session
    from bondcoach.storage.records import by_month, month_payload

    now = end.astimezone()
    sessions = [row_to_session(row, now) for row in rows(days, end)]
    folder = data / "sessions" / device
    folder.mkdir(parents=True, exist_ok=True)
    records = [Record(session=s, updated=now, device=device) for s in sessions]
    for month, month_records in by_month(records).items():
        (folder / f"{month}.json").write_bytes(month_payload(device, month, month_records))
    return [session.id for session in sessions]


if __name__ == "__main__":
    # Run in a process of its own (bench.py does), so the benchmark's own process stays
    # small: a child's peak memory starts from its parent's size at fork on Linux.
    folder, device, days, end = sys.argv[1:]
    ids = write_store(Path(folder), device, int(days), datetime.fromisoformat(end))
    print(json.dumps(ids))
