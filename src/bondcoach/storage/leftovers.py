"""Temporary files that a killed bondcoach left behind: found, named and removed.

Every save writes ``.tmp-<name>.<pid>.<random>`` beside its file first (see fsio), so a
process killed before its rename leaves one. They are never read as data; the next save
into the same folder removes them, and doctor names and removes them anywhere.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TEMP_PREFIX = ".tmp-"  # fsio names every temporary file so


def remove_leftovers(folder: Path, name: str = "") -> list[Path]:
    """Delete temporary files a killed bondcoach left in ``folder`` (those of a process
    that still runs are its own, mid-save), or only those for the file ``name``."""
    removed = []
    for path in leftover_temp_files(folder, recursive=False, name=name):
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def leftover_temp_files(folder: Path, recursive: bool = True, name: str = "") -> list[Path]:
    """Temporary files of bondcoach processes that no longer run, under ``folder``
    (only those for the file ``name``, when given)."""
    try:
        if recursive:
            found = sorted(folder.glob(f"**/{TEMP_PREFIX}*"))
        else:
            # After every save, so a plain listing (a glob compiles its pattern each time).
            prefix = f"{TEMP_PREFIX}{name}"
            with os.scandir(folder) as entries:
                found = sorted(Path(e.path) for e in entries if e.name.startswith(prefix))
    except OSError:
        return []
    # A link is never ours: it is planted, and refused where it is met, not removed.
    return [path for path in found if not path.is_symlink() and not _writer_alive(path)]


def _writer_alive(temp: Path) -> bool:
    """Temp names carry the writer's pid: .tmp-<name>.<pid>.<random>."""
    parts = temp.name.rsplit(".", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    if pid == os.getpid():
        return False  # this process writes one file at a time: an old one is a leftover
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: leave it be
    return True
