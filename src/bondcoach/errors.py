"""The one exception type the core raises; the CLI maps it to a message and exit code."""

from __future__ import annotations

USAGE = 2
RUNTIME = 1


class BondcoachError(Exception):
    """A problem to tell the user about in one line, then exit with ``exit_code``."""

    exit_code = RUNTIME

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
