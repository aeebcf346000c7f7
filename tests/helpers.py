"""Helpers shared by the tests, imported as a plain module: ``from helpers import at``.

Fixtures live in conftest.py; everything else a test file needs twice lives here, once.
"""

from __future__ import annotations

import json
import re
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from typer.testing import Result

LONDON = ZoneInfo("Europe/London")
# A Thursday; its week runs Monday 23 to Sunday 29 November 2026. 10:00 is GMT (+00:00).
THURSDAY_MORNING = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)
THURSDAY_EVENING = datetime(2026, 11, 26, 20, 0, tzinfo=LONDON)


def set_timezone() -> None:
    """Apply $TZ to this process (POSIX only; Windows has no tzset)."""
    if hasattr(time, "tzset"):
        time.tzset()


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


def unboxed(text: str) -> str:
    """Text without box borders, on one line: wrapped words join up again."""
    return flat(re.sub(r"[│╭╮╰╯─]", " ", text))


def ok(result: Result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)
