"""Conflict copies: the files sync tools make when two computers changed one file.

A conflict copy is information, not damage: its records are read (and folded into this
computer's own files on the next save), and ``doctor`` names it. Each tool names its
copies its own way; ``original_name`` undoes each, and a caller accepts the result only
if it is a name the store itself uses (so "2026-11 2.json" is iCloud's copy of
"2026-11.json", while a stray "notes 2.json" is nobody's copy).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_EXT = r"(?P<ext>\.[A-Za-z0-9]+)?"
# Most specific first: the loose ones (Google Drive, iCloud, OneDrive) come last.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Syncthing: name.sync-conflict-20261203-074722-M3JRCOP.json
    (
        "Syncthing",
        re.compile(rf"^(?P<base>.+)\.sync-conflict-\d{{8}}-\d{{6}}-[A-Z0-9]{{7}}{_EXT}$"),
    ),
    # Dropbox: name (Sam's conflicted copy 2026-12-03).json; Nextcloud/ownCloud:
    # name (conflicted copy 2026-12-03 074722).json
    ("Dropbox/Nextcloud", re.compile(rf"^(?P<base>.+?) \([^()]*conflicted copy[^()]*\){_EXT}$")),
    # older ownCloud/Nextcloud clients: name_conflict-20261203-074722.json
    ("ownCloud", re.compile(rf"^(?P<base>.+)_conflict-\d{{8}}-\d{{6}}{_EXT}$")),
    # Unison: name (conflict_on_laptop_2026-12-03).json (also "conflict on")
    ("Unison", re.compile(rf"^(?P<base>.+?) \(conflict[_ ]on[^()]*\){_EXT}$")),
    # Resilio Sync: name.Conflict.json, name.Conflict (1).json
    ("Resilio", re.compile(rf"^(?P<base>.+?)\.Conflict(?: \(\d+\))?{_EXT}$")),
    # Google Drive: name(1).json, name (1).json
    ("Google Drive", re.compile(rf"^(?P<base>.+?) ?\(\d+\){_EXT}$")),
    # iCloud Drive: name 2.json
    ("iCloud", re.compile(rf"^(?P<base>.+?) \d+{_EXT}$")),
    # OneDrive: name-LAPTOP.json (the computer's name)
    ("OneDrive", re.compile(rf"^(?P<base>.+)-[A-Za-z0-9_]+{_EXT}$")),
)


def original_name(name: str, is_store_name: Callable[[str], bool]) -> tuple[str, str] | None:
    """(the original's name, the tool) if ``name`` is a conflict copy of a store name."""
    if is_store_name(name):
        return None
    for tool, pattern in PATTERNS:
        match = pattern.match(name)
        if match is None:
            continue
        original = match["base"] + (match["ext"] or "")
        if is_store_name(original):
            return original, tool
    return None


MONTH_NAME = re.compile(r"^\d{4}-\d{2}\.json$")
# 1.0's looser rule, kept: any "YYYY-MM" + space or dot + ... + ".json" is read as a copy
# (reading a stray file's valid records loses nothing; ignoring a copy could).
LOOSE_MONTH_COPY = re.compile(r"^(\d{4}-\d{2})[ .].*\.json$")
DEVICE_NAME = re.compile(r"^[0-9A-Za-z]+\.json$")


def is_month_name(name: str) -> bool:
    return MONTH_NAME.match(name) is not None


def month_copy_of(name: str) -> str | None:
    """The month ("YYYY-MM") of a month file or of a conflict copy of one, else None."""
    if is_month_name(name):
        return name[:7]
    found = original_name(name, is_month_name)
    if found is not None:
        return found[0][:7]
    loose = LOOSE_MONTH_COPY.match(name)
    return None if loose is None else loose.group(1)
