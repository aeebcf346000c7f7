"""Careful file I/O: private folders, atomic replacement, no following planted symlinks.

Every write goes to a temporary file in the same folder, is flushed to disk, then
renamed over the target, and the folder itself is flushed, so a crash at any moment
leaves either the old bytes or the new ones. Nothing here ever truncates a file in place.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from bondcoach.errors import DataError, note_saved, notice
from bondcoach.storage.leftovers import TEMP_PREFIX as TEMP_PREFIX
from bondcoach.storage.leftovers import remove_leftovers

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_IS_POSIX = os.name == "posix"
# A folder fsync that fails with these means the file system cannot flush folders at all
# (network shares, some FUSE mounts): the rename itself is done, so the save stands.
_FLUSH_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


class FlushFailed(DataError):
    """The new bytes replaced the file, but its folder could not be flushed to disk."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path} was written, but its folder could not be flushed to disk ({reason}); "
            "the change may not survive a power cut"
        )
        self.path = path

    message_says_saved = True


def refuse_symlink(path: Path) -> None:
    if path.is_symlink():
        raise DataError(
            f"{path} is a symbolic link; bondcoach does not follow links in its data folders",
            hint="Move the link away and put the real file or folder in its place.",
        )


def refuse_links_below(root: Path, path: Path) -> None:
    """Refuse a link at any step from ``root`` (which may itself be a link) to ``path``."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = ()
    current = root
    for part in parts:
        current = current / part
        refuse_symlink(current)


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) as 0700, whatever the umask, refusing planted links."""
    missing: list[Path] = []
    current = path
    while not current.exists() and not current.is_symlink():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    refuse_symlink(current)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=PRIVATE_DIR)
        except FileExistsError:
            pass  # another bondcoach created it a moment ago: fine
        except OSError as error:
            raise DataError(f"cannot create the folder {folder}: {error.strerror}") from error
    refuse_symlink(path)
    if _IS_POSIX and stat.S_IMODE(path.stat().st_mode) != PRIVATE_DIR:
        with contextlib.suppress(OSError):  # not ours to change (a shared parent, say)
            path.chmod(PRIVATE_DIR)


def read_bytes(path: Path) -> bytes | None:
    """A file in bondcoach's own folders: its bytes, or None when it does not exist.

    Links are refused here (the data-folder rule); see ``read_user_file`` for files the
    user names on the command line.
    """
    refuse_symlink(path)
    return _read(path, _NOFOLLOW)


def read_user_file(path: Path) -> bytes | None:
    """A file the user asked for (``bondcoach import FILE``): links are followed, since
    the file is theirs, wherever it lives. Its bytes, or None when it does not exist."""
    return _read(path, 0)


def read_small_file(path: Path, limit: int) -> bytes | None:
    """One of our files that a person may have made (a user's tips.yaml): its bytes, or
    None when absent; a DataError when it is a link, not a file, or over ``limit``."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror or error}") from error
    if stat.S_ISLNK(info.st_mode):
        raise DataError(f"{path} is a symbolic link; bondcoach does not follow links there")
    if not stat.S_ISREG(info.st_mode):
        raise DataError(f"{path} is not a file")
    raw = _read(path, _NOFOLLOW, limit + 1)
    if raw is not None and len(raw) > limit:
        raise DataError(f"{path} is over {limit // 1_000_000} MB, more than it can hold")
    return raw


def _read(path: Path, flags: int, limit: int = -1) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | flags | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from error
    try:
        with os.fdopen(fd, "rb") as handle:
            return handle.read(limit)
    except OSError as error:  # a folder, or a failing disk
        raise DataError(f"cannot read {path}: {error.strerror or error}") from error


def atomic_write(
    path: Path,
    data: bytes,
    own_folder: bool = True,
    is_change: bool = True,
    flush_folder: bool = True,
) -> None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new one.

    ``own_folder``: the folder is bondcoach's, to create and keep private (0700). A file
    the user asked for elsewhere (``week --save``) leaves its folder as it is.
    ``is_change``: a change the user asked for (not a backup, cache or undo note), which a
    later failure's message must own up to (errors.note_saved).
    ``flush_folder``: False when the caller flushes the folder once for many files.
    """
    if own_folder:
        ensure_private_dir(path.parent)
    elif not path.parent.is_dir():
        raise DataError(f"could not save {path}: the folder {path.parent} does not exist")
    refuse_symlink(path)
    temp = path.with_name(f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    try:
        _write_new_file(temp, data)
        os.replace(temp, path)  # noqa: PTH105 - os.replace, so tests can inject faults on 3.10 too
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        reason = error.strerror or str(error)
        raise DataError(f"could not save {path}: {reason}; the file was left as it was") from error
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    if is_change:
        note_saved(path)
    remove_leftovers(path.parent, path.name)  # of this file, by a bondcoach killed earlier
    if flush_folder:
        _flush_folder_of(path)


def remove_file(path: Path) -> None:
    """Remove one of our files and flush its folder, so the removal survives a crash."""
    refuse_symlink(path)
    try:
        path.unlink()
    except FileNotFoundError:
        return
    except OSError as error:
        raise DataError(f"could not remove {path}: {error.strerror or error}") from error
    _flush_folder_of(path)


def _flush_folder_of(path: Path) -> None:
    """Flush the folder of a file just replaced or removed (FlushFailed if it cannot)."""
    try:
        _fsync_dir(path.parent)
    except OSError as error:
        raise FlushFailed(path, error.strerror or str(error)) from error


def create_once(path: Path, data: bytes) -> bool:
    """Create ``path`` holding ``data`` unless it exists; True if this call created it.
    Whole or not at all (a hard link of a finished temporary file): a kill never leaves
    an empty file, and of two racing first runs exactly one wins."""
    ensure_private_dir(path.parent)
    temp = path.with_name(f"{TEMP_PREFIX}{path.name}.{os.getpid()}.{os.urandom(4).hex()}")
    try:
        _write_new_file(temp, data)
        try:
            os.link(temp, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: replace only if still absent
            if path.exists():
                return False
            os.replace(temp, path)  # noqa: PTH105 - as in atomic_write
        _fsync_dir(path.parent)
        return True
    except OSError as error:
        raise DataError(f"could not create {path}: {error.strerror or error}") from error
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def _write_new_file(temp: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0)
    fd = os.open(temp, flags, PRIVATE_FILE)
    try:
        if _IS_POSIX:
            os.fchmod(fd, PRIVATE_FILE)  # the umask may have narrowed or widened it
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def flush_folder_quietly(folder: Path) -> None:  # after writes with flush_folder=False
    with contextlib.suppress(OSError):
        _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    if not _IS_POSIX:
        return  # Windows cannot open a folder for fsync; os.replace is atomic there anyway
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno not in _FLUSH_UNSUPPORTED:
            raise
        _say_once_flush_unsupported(folder)
    finally:
        os.close(fd)


def _say_once_flush_unsupported(folder: Path) -> None:
    """Tell the user once per data folder (remembered in the state folder)."""
    from bondcoach.storage import paths

    marker = paths.state_dir() / f"no-folder-flush-{paths.folder_key(paths.data_dir())}"
    if marker.exists():
        return
    with contextlib.suppress(OSError, DataError):
        ensure_private_dir(marker.parent)
        fd = os.open(marker, os.O_WRONLY | os.O_CREAT | _NOFOLLOW, PRIVATE_FILE)
        os.close(fd)
    notice(
        f"the file system of {folder} cannot flush folders to disk (a network share?); "
        "bondcoach saves there all the same, but a power cut may lose the last change"
    )


def _entries(folder: Path, wanted: Callable[[str], bool] | None) -> list[os.DirEntry[str]]:
    """Entries of a folder of ours, refusing planted links (skipped, sessions would seem
    to vanish). ``wanted``: only the names the caller reads (a tips.yaml link is tip's)."""
    from bondcoach.storage import paths

    if folder != paths.data_dir():  # the data folder itself may be a link (README)
        refuse_symlink(folder)  # the folder first: scandir would read through it
    try:
        entries = [e for e in os.scandir(folder) if not e.name.startswith(".")]
    except FileNotFoundError:
        return []
    if wanted is not None:  # folders aside first: naming them compiles conflict patterns
        entries = [e for e in entries if not e.is_dir(follow_symlinks=False) and wanted(e.name)]
    for entry in entries:
        if entry.is_symlink():
            refuse_symlink(Path(entry.path))
    return entries


def list_files(folder: Path, wanted: Callable[[str], bool] | None = None) -> Iterator[Path]:
    """Regular files in ``folder`` (hidden and temporary files aside)."""
    for entry in _entries(folder, wanted):
        if entry.is_file(follow_symlinks=False):
            yield Path(entry.path)


def list_dirs(folder: Path) -> Iterator[Path]:
    for entry in _entries(folder, None):
        if entry.is_dir(follow_symlinks=False):
            yield Path(entry.path)
