"""Every test runs in its own folders: nothing here can touch a real user's data."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Typer reads FORCE_COLOR and friends once, when typer.rich_utils is first imported. Import
# it now, from the clean environment, so a test that sets FORCE_COLOR for one run cannot
# colour every --help drawn after it in the same process (test order would then matter).
import typer.rich_utils  # noqa: F401
from helpers import LONDON, set_timezone
from typer.testing import CliRunner, Result

from bondcoach.cli import app


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
    monkeypatch.setenv("TZ", LONDON.key)
    set_timezone()
    yield found
    monkeypatch.undo()
    set_timezone()


@pytest.fixture
def cli() -> Any:
    """Run bondcoach in-process: cli("log", "15", input="...")."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, env=env)

    return invoke
