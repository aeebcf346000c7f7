"""A second computer still on bondcoach 1.0.0 (commit 17b71d1, installed in a venv from
this repository's history) in the same folder as this version.

The 1.0.0 computer refuses the upgraded computer's files with 1.0.0's own message (the
schema number rose), writes nothing, and its own files are never rewritten by this
version; once it upgrades, everything both computers did is there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from helpers import data_files
from helpers_store import (
    DEVICE_A,
    DEVICE_B,
    copy_store,
    expected_history,
    printed_by_1_0_0,
    schema_of,
)

COMMIT = "17b71d1"
REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def bondcoach_1_0_0(tmp_path_factory) -> Iterator[Path]:
    """The console script of a real bondcoach 1.0.0, built offline from the commit's tree
    (its dependencies come from this environment, through a .pth file)."""
    git = shutil.which("git")
    if git is None or not (REPO / ".git").exists():
        pytest.skip("bondcoach 1.0.0 cannot be built here: no git checkout of the repository")
    archive = subprocess.run(
        [git, "-C", str(REPO), "archive", "--format=tar", COMMIT],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        pytest.skip(f"bondcoach 1.0.0 cannot be built here: commit {COMMIT} is not in this clone")
    root = tmp_path_factory.mktemp("bondcoach-1.0.0")
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+: refuse odd members
            tar.extractall(root / "src", filter="data")
        else:  # our own commit's tree, from git: trusted
            tar.extractall(root / "src")  # noqa: S202
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    site = Path(
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-c",
                "import sysconfig; print(sysconfig.get_path('purelib'))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "deps-from-tests.pth").write_text(sysconfig.get_path("purelib") + "\n")
    built = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            str(root / "src"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if built.returncode != 0:
        pytest.skip(f"bondcoach 1.0.0 could not be built offline: {built.stderr[-300:]}")
    script = venv / "bin" / "bondcoach"
    version = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, check=False
    )
    if version.stdout.strip() != "bondcoach 1.0.0":
        pytest.skip(f"the built bondcoach is not 1.0.0: {version.stdout!r} {version.stderr[-200:]}")
    yield script


def run(program: list[str], store: dict[str, Path], side: str, *args: str):
    env = {
        **os.environ,
        "BONDCOACH_HOME": str(store["data"]),
        "BONDCOACH_STATE_DIR": str(store[side]),
        "TZ": "Europe/London",
    }
    return subprocess.run(
        [*program, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_a_1_0_0_computer_in_the_same_folder_refuses_and_is_never_touched(
    tmp_path, bondcoach_1_0_0
):
    old = [str(bondcoach_1_0_0)]
    new = [sys.executable, "-m", "bondcoach"]
    store = copy_store(tmp_path / "store")
    # 1.0.0 reads its own fixture as it wrote it (the fixture is what it printed).
    shown = run(old, store, "B", "history", "--last", "1000", "--json")
    assert json.loads(shown.stdout) == printed_by_1_0_0()
    b_files = data_files(store["data"] / "sessions" / DEVICE_B)

    upgraded = run(new, store, "A", "log", "10", "--json")
    assert upgraded.returncode == 0, upgraded.stderr
    logged = json.loads(upgraded.stdout)["session"]["id"]
    assert "must upgrade" in " ".join(upgraded.stderr.split())
    assert schema_of(store["data"] / "sessions" / DEVICE_A / "2026-11.json") == 2

    before = data_files(store["data"])
    for args in (("history",), ("log", "5"), ("week",)):
        refused = run(old, store, "B", *args)
        assert refused.returncode == 1, (args, refused.stdout)
        message = " ".join(refused.stderr.split())
        assert "was written by a newer bondcoach (schema 2)" in message, message
        assert "Traceback" not in refused.stderr
    assert data_files(store["data"]) == before  # the 1.0.0 computer wrote nothing
    assert data_files(store["data"] / "sessions" / DEVICE_B) == b_files

    # B upgrades: everything from both computers is there, each once.
    seen = run(new, store, "B", "history", "--last", "1000", "--json")
    ids = [s["id"] for s in json.loads(seen.stdout)]
    assert ids == [s["id"] for s in expected_history()] + [logged]
    assert data_files(store["data"] / "sessions" / DEVICE_B) == b_files  # reading: untouched
    assert run(new, store, "B", "log", "5").returncode == 0
    assert schema_of(store["data"] / "sessions" / DEVICE_B / "2026-11.json") == 2
