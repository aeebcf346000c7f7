"""Which month files hold which session ids: a rebuildable index in the cache folder.

``edit ID``, ``delete ID`` and a re-import need the few months where some ids are
stored, not every month of the history. The index remembers, for each month file of a
data folder (one index per data folder), its size, modification time and inode with
the ids of its records. It is checked against the files on every use: a file that is
new, gone, or differs in any of the three is read again (strictly, as any read is), so
a stale index costs time, never correctness. It only says where to look: the answer
always comes from reading those months (see ``SessionReader.find``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path

from bondcoach.core.lean_msgspec import msgspec
from bondcoach.errors import DataError
from bondcoach.storage.records import MonthFile

VERSION = 1


class _Entry(msgspec.Struct, array_like=True):
    size: int
    mtime_ns: int
    inode: int
    month: str
    ids: str  # the file's ids joined by spaces (ids are letters and digits)


class _Index(msgspec.Struct):
    version: int
    root: str
    files: dict[str, _Entry]


def index_file(root: Path) -> Path:
    from bondcoach.storage import paths

    return paths.cache_dir() / f"ids-{paths.folder_key(root)}.json"


class IdIndex:
    """The ids of every month file of a data folder, brought up to date when made."""

    def __init__(
        self, root: Path, month_files: Iterable[MonthFile], read: Callable[[MonthFile], list[str]]
    ) -> None:
        self.root = root
        self._path = index_file(root)
        old = self._load()
        self.files: dict[str, _Entry] = {}
        changed = False
        for month_file in month_files:
            key = str(month_file.path.relative_to(root))
            try:
                info = month_file.path.lstat()
            except OSError:
                continue  # gone since the listing
            entry = old.pop(key, None)
            if entry is None or (entry.size, entry.mtime_ns, entry.inode) != (
                info.st_size,
                info.st_mtime_ns,
                info.st_ino,
            ):
                ids = " ".join(dict.fromkeys(read(month_file)))
                entry = _Entry(info.st_size, info.st_mtime_ns, info.st_ino, month_file.month, ids)
                changed = True
            self.files[key] = entry
        if changed or old:
            self._save()

    def months_with_prefix(self, prefix: str) -> set[str]:
        """Months of the files holding an id that starts with ``prefix``."""
        needle = " " + prefix
        return {e.month for e in self.files.values() if (" " + e.ids).find(needle) >= 0}

    def months_of(self, ids: Iterable[str]) -> set[str]:
        """Months of the files holding any of ``ids``."""
        wanted = set(ids)
        return {e.month for e in self.files.values() if not wanted.isdisjoint(e.ids.split())}

    def _load(self) -> dict[str, _Entry]:
        try:
            index = msgspec.json.decode(self._path.read_bytes(), type=_Index)
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            return {}  # none yet, or unreadable: rebuilt from the files
        if index.version != VERSION or index.root != str(self.root):
            return {}
        return dict(index.files)

    def _save(self) -> None:
        from bondcoach.storage.fsio import atomic_write, ensure_private_dir

        index = _Index(version=VERSION, root=str(self.root), files=self.files)
        with contextlib.suppress(OSError, DataError):  # a cache: next time, then
            ensure_private_dir(self._path.parent)
            atomic_write(self._path, msgspec.json.encode(index))
