"""The one exception type the core raises; the CLI maps it to a message and exit code."""

from __future__ import annotations

USAGE = 2
RUNTIME = 1


class BondcoachError(Exception):
    """A problem to tell the user about in one line, then exit with ``exit_code``."""

    exit_code = RUNTIME
    # True when the message itself says what this command saved before failing.
    message_says_saved = False

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InputError(BondcoachError):
    """The user asked for something that cannot be done as asked; nothing was written."""

    exit_code = USAGE


class Interrupted(BondcoachError):
    """Ctrl-C, with a message that says what was and was not saved."""

    exit_code = 130


class DataError(BondcoachError):
    """A file on disk cannot be read or written safely."""

    exit_code = RUNTIME


# What this command has already put on disk, and notes for the user that storage meets
# along the way. The CLI reads them when a command fails after saving, so a failure
# message never says "untouched" about a store it changed (a retry would save twice).
_saved: list[str] = []
_notices: list[str] = []


def begin_command() -> None:
    _saved.clear()
    _notices.clear()


def note_saved(path: object) -> None:
    _saved.append(str(path))


def forget_saved() -> None:
    """What was saved has been put back (a change across months undone)."""
    _saved.clear()


def saved_so_far() -> list[str]:
    return list(_saved)


def notice(text: str) -> None:
    if text not in _notices:
        _notices.append(text)


def notices() -> list[str]:
    return list(_notices)
