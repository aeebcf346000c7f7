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

from bondcoach.cli.click_api import ClickException, UsageError
from bondcoach.errors import USAGE, BondcoachError

INTERRUPTED = 130


def run_safely(invoke: Callable[[], Any]) -> int:
    from bondcoach import views

    try:
        result = invoke()
    except BondcoachError as error:
        views.error(error.message, error.hint)
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
            hint="Your saved sessions are untouched. Set BONDCOACH_DEBUG=1 to see details.",
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
