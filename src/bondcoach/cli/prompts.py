"""Questions on the terminal, answered from standard input.

Written by hand rather than with Click's prompt: Click writes a stray space to stdout
after every question, which would spoil ``--json`` output, and it cannot tell Ctrl-C
from the end of piped input.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
MAX_TRIES = 3


def ask(question: str, default: str = "", to_stderr: bool = False) -> str | None:
    """The answer (Enter gives ``default``), or None at the end of input."""
    stream = sys.stderr if to_stderr else sys.stdout
    stream.write(_fitted(f"{question} [{default}]" if default else question) + ": ")
    stream.flush()
    try:
        line = sys.stdin.readline()
    except KeyboardInterrupt:
        stream.write("\n")  # what is said next starts on its own line, not after '^C'
        stream.flush()
        raise
    if not line:
        stream.write("\n")
        return None
    return line.strip() or default


def _fitted(text: str) -> str:
    """The question wrapped at word boundaries to the terminal: a narrow terminal would
    otherwise break it mid-word ('have be' / 'en feeling')."""
    import shutil
    import textwrap

    width = max(20, shutil.get_terminal_size().columns - 2)  # room for ': '
    return "\n".join(
        textwrap.fill(line, width, break_on_hyphens=False, break_long_words=False)
        for line in text.split("\n")
    )


def confirm(question: str, default: bool) -> bool:
    """A yes/no question; Enter, the end of input or any other answer gives ``default``."""
    answer = (ask(f"{question} [{'Y/n' if default else 'y/N'}]") or "").lower()
    if answer in ("y", "yes"):
        return True
    if answer in ("n", "no"):
        return False
    return default


def ask_until(
    question: str,
    default: str,
    check: Callable[[str], T],
    to_stderr: bool = False,
    if_no_answer: str | None = None,
    keep_default: bool = False,
) -> T:
    """Ask again (up to three times) until ``check`` accepts the answer.

    At the end of input the default is taken, unless ``if_no_answer`` is given: then
    the command stops with that message (exit 1) and nothing is saved. After three
    wrong answers the command stops too, unless ``keep_default``: then the default (what
    is saved now) stands, so one question cannot throw away the answers to the others.
    """
    from bondcoach import views
    from bondcoach.errors import BondcoachError, InputError

    for _ in range(MAX_TRIES):
        answer = ask(question, default, to_stderr)
        if answer is None:
            if if_no_answer is not None:
                raise BondcoachError(if_no_answer)
            answer = default
        try:
            return check(answer)
        except InputError as error:
            views.warn(error.message)
    if keep_default:
        views.warn(f"kept {default or 'it as it was'}, as before; your other answers still count")
        return check(default)
    raise InputError(f"no valid answer after {MAX_TRIES} tries; nothing was saved")
