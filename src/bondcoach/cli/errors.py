"""Map every way a command can fail to one calm line on stderr and an exit code.

Click (vendored in Typer) would print usage errors inside a box and let unexpected
exceptions escape as tracebacks; a tired parent should see neither.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from typer import Abort

from bondcoach import errors
from bondcoach.cli.click_api import ClickException, UsageError
from bondcoach.errors import USAGE, BondcoachError, InputError

INTERRUPTED = 130


def run_safely(invoke: Callable[[], Any], args: list[str] | None = None) -> int:
    errors.begin_command()
    try:
        return _run(invoke, args)
    finally:
        _say_notices()


def _say_notices() -> None:
    from bondcoach import views

    for text in errors.notices():
        views.warn(text)


def check_arguments(args: list[str]) -> None:
    """Arguments the system could not decode as UTF-8 (Python keeps their bytes as lone
    surrogates): bad input, refused before anything is stored. A path that exists is
    the user's own file name, whatever its bytes."""
    for arg in args:
        if any("\udc80" <= c <= "\udcff" for c in arg) and not os.path.lexists(arg):
            shown = arg.encode("utf-8", "backslashreplace").decode("ascii", "replace")
            raise InputError(f"{shown!r} is not UTF-8 text; give it in UTF-8")


def _saved_hint() -> str:
    saved = errors.saved_so_far()
    if not saved:
        return "Your saved sessions are untouched. Set BONDCOACH_DEBUG=1 to see details."
    return (
        f"This command had already saved: {', '.join(dict.fromkeys(saved))}. "
        "Check with 'bondcoach history' before trying again. "
        "Set BONDCOACH_DEBUG=1 to see details."
    )


def _run(invoke: Callable[[], Any], args: list[str] | None) -> int:
    from bondcoach import views

    try:
        check_arguments(sys.argv[1:] if args is None else args)
        result = invoke()
    except BondcoachError as error:
        hint = error.hint
        if error.exit_code != USAGE and errors.saved_so_far() and not error.message_says_saved:
            hint = _saved_hint() if hint is None else f"{hint} {_saved_hint()}"
        views.error(error.message, hint)
        return error.exit_code
    except UsageError as error:
        views.error(_usage_line(error))
        return USAGE
    except ClickException as error:
        views.error(error.format_message())
        return error.exit_code
    except (Abort, KeyboardInterrupt):
        views.error("stopped; nothing more was saved.")
        return INTERRUPTED
    except BrokenPipeError:
        # Output piped into `head` and the like: quietly stop writing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except Exception as error:  # the promise: never a traceback
        if os.environ.get("BONDCOACH_DEBUG"):
            raise
        views.error(
            f"something unexpected went wrong ({type(error).__name__}: {error})",
            hint=_saved_hint(),
        )
        return 1
    return result if isinstance(result, int) else 0


def _usage_line(error: UsageError) -> str:
    message = error.format_message().rstrip(".")
    command = error.ctx.command_path if error.ctx is not None else "bondcoach"
    return _activity_hint(error, message, command) or f"{message} (see '{command} --help')"


def _activity_hint(error: UsageError, message: str, command: str) -> str | None:
    """'log 15 sing' means an activity: say how to write it rather than what went wrong."""
    import re
    import shlex

    from bondcoach.core.text import without_controls

    extra = re.search(r"unexpected extra arguments?(?:\(s\))? \((.*)\)$", message)
    ctx = error.ctx
    if extra is None or ctx is None:
        return None
    if not any(param.name == "activity" for param in ctx.command.params):
        return None
    words = without_controls(extra.group(1)).split()
    minutes = ctx.params.get("minutes")
    example = [command, *([shlex.quote(str(minutes))] if minutes else [])]
    example += [f"-a {shlex.quote(word)}" for word in words]
    return f"{command} takes only the minutes; to say what you did, add -a: {' '.join(example)}"
