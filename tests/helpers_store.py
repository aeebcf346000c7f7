"""The real 1.0.0 store (tests/fixtures/store-1.0.0), copied for a test to change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "store-1.0.0"
DEVICE_A, DEVICE_B = "ef1545476951", "af9bee0cc804"


def copy_store(to: Path, fixture: Path = FIXTURE) -> dict[str, Path]:
    """The 1.0.0 store under ``to``: {"data", "A", "B"} (A and B: the state folders).

    Each computer's undo journal is named after the data folder's path; it is renamed
    for the copy's path, as if the family had always kept the folder there."""
    from bondcoach.storage import paths

    shutil.copytree(fixture / "family", to / "family")
    found = {"data": to / "family"}
    for side in ("a", "b"):
        state = to / f"computer-{side}"
        shutil.copytree(fixture / f"computer-{side}", state)
        (journal,) = state.glob("last-change-*.json")
        journal.rename(state / f"last-change-{paths.folder_key(found['data'])}.json")
        found[side.upper()] = state
    return found


def printed_by_1_0_0() -> list[dict[str, object]]:
    """1.0.0's own 'history --json' of the fixture, exactly as 1.0.0 printed it."""
    found: list[dict[str, object]] = json.loads(
        (FIXTURE / "expected-history.json").read_text(encoding="utf-8")
    )
    return found


def expected_history() -> list[dict[str, object]]:
    """1.0.0's own 'history --json', as bondcoach 2 gives it: each session also names
    whose time it was (1.0 knew one baby, Mia, so every session is hers)."""
    return [{**session, "babies": ["Mia"]} for session in printed_by_1_0_0()]


def expected_export() -> str:
    """1.0.0's own CSV export, as bondcoach 2 writes it: the same bytes, plus a last
    column, babies, naming Mia on every row (1.0 knew one baby)."""
    import csv
    import io

    with (FIXTURE / "expected-export.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*rows[0], "babies"])
    writer.writerows([*row, "Mia"] for row in rows[1:])
    # Read back as read_text reads the file (universal newlines), as the test compares.
    return io.TextIOWrapper(io.BytesIO(out.getvalue().encode()), encoding="utf-8").read()


def schema_of(path: Path) -> int:
    return int(json.loads(path.read_bytes())["schema"])
