"""msgspec imported without typing_extensions (core/lean_msgspec.py) validates as strictly.

A fresh interpreter running bondcoach's program takes the lean path; one that imported
typing_extensions first takes msgspec's usual one. Both must accept and refuse the same
month files, in the same words. A program using bondcoach as a library is left alone, and
a msgspec that needs typing_extensions is imported as usual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import ok

# Each damage: a key of the first record and the value that breaks it.
DAMAGES: list[tuple[str, Any]] = [
    ("minutes", 0),
    ("minutes", "15"),
    ("mood", 9),
    ("start", "2026-12-03T18:00:00"),  # no time zone
    ("id", "NOT-AN-ID"),
    ("activities", "talk"),
    ("surprise", True),  # an unknown field
]

PROBE = """
import json, sys
from pathlib import Path
from bondcoach.errors import DataError
from bondcoach.storage.records import parse_month_file
out = []
for raw in json.loads(sys.stdin.read()):
    try:
        records = parse_month_file(Path("2026-12.json"), raw.encode(), "laptop")
        out.append(["ok", [repr(record) for record in records]])
    except DataError as error:
        out.append(["damaged", error.message])
print(json.dumps({"lean": "typing_extensions" not in sys.modules, "out": out}))
"""


AS_THE_PROGRAM = "import bondcoach.__main__\n"  # as the console script starts


def probe(month_files: list[str], first: str = "") -> dict[str, Any]:
    """Parse the files in a fresh interpreter, after running ``first``."""
    found = subprocess.run(
        [sys.executable, "-c", first + PROBE],
        input=json.dumps(month_files),
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(found.stdout)
    return result


@pytest.fixture
def month_files(cli: Any, folders: Any) -> list[str]:
    ok(cli("log", "20", "--ago", "1h", "--activity", "sing", "--mood", "4", "--note", "a song"))
    (sound,) = (folders.data / "sessions").rglob("*.json")
    payload = json.loads(sound.read_text())
    files = [sound.read_text()]
    for key, value in DAMAGES:
        damaged = json.loads(json.dumps(payload))
        damaged["records"][0][key] = value
        files.append(json.dumps(damaged))
    return files


def test_without_typing_extensions_msgspec_validates_as_strictly(
    month_files: list[str],
) -> None:
    lean = probe(month_files, first=AS_THE_PROGRAM)
    usual = probe(month_files, first=AS_THE_PROGRAM + "import typing_extensions\n")
    assert lean["lean"], "msgspec pulled typing_extensions in"
    assert not usual["lean"]
    assert usual["out"][0][0] == "ok" and len(usual["out"][0][1]) == 1
    assert [kind for kind, _ in usual["out"][1:]] == ["damaged"] * len(DAMAGES), usual
    assert lean["out"] == usual["out"]


def test_a_program_using_bondcoach_as_a_library_keeps_msgspec_as_usual(
    month_files: list[str],
) -> None:
    assert not probe(month_files)["lean"]


def test_a_msgspec_that_needs_typing_extensions_is_imported_as_usual(tmp_path: Path) -> None:
    fake = tmp_path / "msgspec"
    fake.mkdir()
    (fake / "__init__.py").write_text("import typing_extensions  # unguarded\nFAKE = True\n")
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            AS_THE_PROGRAM + "import sys\nfrom bondcoach.core.lean_msgspec import msgspec\n"
            "print(msgspec.FAKE, sys.modules['typing_extensions'] is not None)",
        ],
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert found.stdout.split() == ["True", "True"]
