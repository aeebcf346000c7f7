"""The real 1.0.0 store (tests/fixtures/store-1.0.0), copied for a test to change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "store-1.0.0"
DEVICE_A, DEVICE_B = "ef1545476951", "af9bee0cc804"


def copy_store(to: Path) -> dict[str, Path]:
    """The 1.0.0 store under ``to``: {"data", "A", "B"} (A and B: the state folders).

    Each computer's undo journal is named after the data folder's path; it is renamed
    for the copy's path, as if the family had always kept the folder there."""
    from bondcoach.storage import paths

    shutil.copytree(FIXTURE / "family", to / "family")
    found = {"data": to / "family"}
    for side in ("a", "b"):
        state = to / f"computer-{side}"
        shutil.copytree(FIXTURE / f"computer-{side}", state)
        (journal,) = state.glob("last-change-*.json")
        journal.rename(state / f"last-change-{paths.folder_key(found['data'])}.json")
        found[side.upper()] = state
    return found


def expected_history() -> list[dict[str, object]]:
    return json.loads((FIXTURE / "expected-history.json").read_text(encoding="utf-8"))


def expected_export() -> str:
    return (FIXTURE / "expected-export.csv").read_text(encoding="utf-8")


def schema_of(path: Path) -> int:
    return int(json.loads(path.read_bytes())["schema"])
