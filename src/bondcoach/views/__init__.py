"""Everything the user sees: Rich for people, JSON for scripts, errors on stderr.

Rich is imported inside the functions that draw, so commands that print JSON, and
``--help``, do not pay for it.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

# Calm colours only: progress is never shown in red.
BAR_BACK, BAR_PART, BAR_DONE = "grey30", "cyan", "green"


class Output(NamedTuple):
    """How to draw for people, decided once per run by the CLI (cli/options.py).

    ``plain``: words only, for screen readers and dumb terminals: no panels, no box
    drawing, no bars, no live redraws. Colour is separate: Rich follows NO_COLOR.
    """

    plain: bool = False


_output = Output()


def use(output: Output) -> None:
    global _output
    _output = output


def plain() -> bool:
    return _output.plain


def sep() -> str:
    """Between the items of a line: a middle dot to the eye; a screen reader would say
    "dot", so plain output has a semicolon."""
    return "; " if _output.plain else " · "


def span(minutes: int) -> str:
    """A duration as people read it: '2 h 8 min', or in plain output '2 hours 8 minutes'
    (a screen reader says 'h' as a letter)."""
    from bondcoach.formatting import duration, duration_words

    return duration_words(minutes) if _output.plain else duration(minutes)


def keep_no_break_spaces() -> None:
    """Teach Rich's line wrapping that a no-break space does not break.

    Rich splits words at any whitespace, U+00A0 too, so '2 h 8 min' could still
    end up on two lines. Its word pattern is a module global; this one treats U+00A0
    as part of a word, and a command name ('bondcoach week') as one word, so neither
    is ever split. tests/cli/test_plain.py holds it."""
    import re

    from rich import _wrap

    word = "(?:bondcoach [a-z][a-z-]*|[\\S\u00a0]+)"
    _wrap.re_word = re.compile(f"[^\\S\u00a0]*{word}[^\\S\u00a0]*")


def console(stderr: bool = False, record: bool = False) -> Console:
    from rich.console import Console

    keep_no_break_spaces()
    # emoji=False: ":" in a tip must never turn into an emoji, and skipping the emoji
    # table saves loading it on every run.
    return Console(stderr=stderr, highlight=False, emoji=False, record=record)


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def shown(text: object) -> str:
    """Any text from a file, a file name or a person, made safe for a terminal: the one
    cleaning (core.text) and then Rich's markup escaping."""
    from rich.markup import escape

    from bondcoach.core.text import for_terminal

    return escape(for_terminal(str(text)))


def error(message: str, hint: str | None = None) -> None:
    from bondcoach.core.text import for_terminal

    out = console(stderr=True)
    out.print(f"[bold]bondcoach:[/] {shown(message)}", soft_wrap=True)
    if hint:
        out.print(for_terminal(hint), style="dim", markup=False, soft_wrap=True)


def note(message: str, stderr: bool = False) -> None:
    """A quiet line beside a question (plain words, never markup)."""
    console(stderr=stderr).print(message, style="dim", markup=False, soft_wrap=True)


def warn(message: str) -> None:
    from bondcoach.core.text import for_terminal

    console(stderr=True).print(f"Note: {for_terminal(message)}", markup=False, soft_wrap=True)


def progress_bar(minutes: int, target: int, width: int = 24) -> Text:
    """A bar that reads without colour too: heavy line for time spent, light for the rest."""
    from rich.text import Text

    share = min(minutes / target, 1.0) if target > 0 else 0.0
    filled = round(share * width)
    if minutes > 0 and filled == 0:
        filled = 1  # any time together shows
    bar = Text(no_wrap=True, overflow="crop")
    bar.append("━" * filled, style=BAR_DONE if share >= 1 else BAR_PART)
    bar.append("─" * (width - filled), style=BAR_BACK)
    return bar


def today_row(minutes: int, target: int, baby_name: str | None) -> RenderableType:
    """'Today with Mia, so far: ━━━─── 20 min of about 2 h 8 min' (never a shortfall);
    plain: 'Today with Mia, so far: 20 minutes of about 2 hours 8 minutes.'"""
    from rich.markup import escape

    from bondcoach.formatting import duration
    from bondcoach.messages import who_phrase
    from bondcoach.views.grid import Grid

    if _output.plain:
        so_far = f"{span(minutes)} of about {span(target)}"
        return f"Today {escape(who_phrase(baby_name))}, so far: {so_far}."
    label = f"Today {escape(who_phrase(baby_name))}, so far:"
    # The bar gives way to long names ('Today with Mia and Leo, so far:'), so the row
    # still fits 80 columns on one line.
    bar = max(8, 24 - max(0, len(label) - 24))
    if target <= 0:  # no aim (still expecting): the time alone, no bar to measure it by
        return Grid([[label, duration(minutes)]], gap=1)
    return Grid(
        [
            [
                label,
                progress_bar(minutes, target, width=bar),
                f"{duration(minutes)} of about {duration(target)}",
            ]
        ],
        gap=1,
    )
