"""Every test runs in its own folders: nothing here can touch a real user's data."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from typer.testing import CliRunner, Result

from bondcoach.cli import app

LONDON = "Europe/London"
# A Thursday evening; its week runs Monday 23 to Sunday 29 November 2026.
THURSDAY_EVENING = datetime(2026, 11, 26, 20, 0, tzinfo=ZoneInfo(LONDON))


@dataclass(frozen=True)
class Folders:
    data: Path
    state: Path
    cache: Path


@pytest.fixture(autouse=True)
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Folders]:
    found = Folders(tmp_path / "data", tmp_path / "state", tmp_path / "cache")
    monkeypatch.setenv("BONDCOACH_HOME", str(found.data))
    monkeypatch.setenv("BONDCOACH_STATE_DIR", str(found.state))
    monkeypatch.setenv("BONDCOACH_CACHE_DIR", str(found.cache))
    # Belt and braces: platformdirs on Linux would also land here.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(variable, str(tmp_path / "xdg" / variable.lower()))
    monkeypatch.delenv("BONDCOACH_DEBUG", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("TZ", LONDON)
    set_timezone()
    yield found
    monkeypatch.undo()
    set_timezone()


def set_timezone() -> None:
    """Apply $TZ to this process (POSIX only; Windows has no tzset)."""
    if hasattr(time, "tzset"):
        time.tzset()


@pytest.fixture
def cli() -> Any:
    """Run bondcoach in-process: cli("log", "15", input="...")."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, env=env)

    return invoke


def json_out(result: Result) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def data_files(root: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes: to prove nothing was written."""
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def at(moment: datetime = THURSDAY_EVENING) -> time_machine.travel:
    """Freeze the clock (no ticking) at ``moment``."""
    return time_machine.travel(moment, tick=False)


def flat(text: str) -> str:
    """Text with every run of whitespace (no-break spaces too) as one space."""
    return " ".join(text.split())


def ok(result: Result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)
