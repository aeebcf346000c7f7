"""The schema header every bondcoach JSON file starts with, checked in one place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bondcoach.errors import DataError

# Schema 2 (bondcoach 2.0.0): per-computer profile records, field versions on sessions.
# Files of schema 2 and later say which bondcoach they need, so a version that meets a
# newer file can name the version to install (1.0.0, which knows only the number,
# still refuses: the number rises).
SCHEMA = 2
REQUIRES = "2.0.0"


def check_schema(
    payload: dict[str, Any],
    path: Path,
    newest: int,
    damaged: Callable[[Path, str], DataError],
    name_newest: bool = True,
) -> int:
    """The file's schema version, or an error: ``damaged`` words a missing or broken one;
    a newer one asks for an upgrade (``name_newest``: say which this bondcoach reads)."""
    schema = payload.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise damaged(path, "it has no schema version")
    if schema > newest:
        understands = f"; this one understands schema {newest}" if name_newest else ""
        requires = payload.get("requires")
        needs = (
            f"; it needs bondcoach {requires} or newer"
            if isinstance(requires, str) and len(requires) <= 20 and requires.isprintable()
            else ""
        )
        raise DataError(
            f"{path} was written by a newer bondcoach (schema {schema}){understands}{needs}",
            hint="Upgrade bondcoach on this computer; the file was left untouched.",
        )
    return schema
