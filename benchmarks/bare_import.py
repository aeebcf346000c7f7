"""A bare durable import: the least any import of these rows must do, for comparison.

    python benchmarks/bare_import.py FILE.csv DATA_FOLDER

Reads the CSV (start, minutes, activities, who), gives each row a content id, groups
the rows by month, and writes one JSON file per month the durable way: a temporary
file, flushed with fsync, renamed over the target, then the folder flushed. No
validation beyond parsing, no merging, no undo journal: bench.py compares
`bondcoach import` with this in CPU time and peak memory.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
from datetime import datetime
from pathlib import Path


def rows(path: Path) -> list[dict[str, object]]:
    local = datetime.now().astimezone().tzinfo
    records: list[dict[str, object]] = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            start = datetime.fromisoformat(row["start"]).replace(tzinfo=local)
            minutes = int(row["minutes"])
            key = f"{row['start']}|{minutes}|{row.get('who') or ''}"
            records.append(
                {
                    "id": hashlib.sha256(key.encode()).hexdigest()[:12],
                    "start": start.isoformat(),
                    "minutes": minutes,
                    "activities": [a for a in (row.get("activities") or "").split(";") if a],
                    "who": row.get("who") or None,
                }
            )
    return records


def write_durably(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".tmp-{path.name}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(descriptor, data)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    os.replace(temporary, path)


def sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def main() -> None:
    source, folder = Path(sys.argv[1]), Path(sys.argv[2])
    folder.mkdir(parents=True, exist_ok=True)
    months: dict[str, list[dict[str, object]]] = {}
    for record in rows(source):
        months.setdefault(str(record["start"])[:7], []).append(record)
    for month, records in sorted(months.items()):
        payload = {"schema": 2, "month": month, "records": records}
        write_durably(folder / f"{month}.json", json.dumps(payload).encode("utf-8"))
    sync_folder(folder)


if __name__ == "__main__":
    main()
