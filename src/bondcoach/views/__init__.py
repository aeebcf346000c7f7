"""Everything the user sees: Rich for people, JSON for scripts, errors on stderr.

Rich is imported inside the functions that draw, so commands that print JSON, and
``--help``, do not pay for it.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

# Calm colours only: progress is never shown in red.
BAR_BACK, BAR_PART, BAR_DONE = "grey30", "cyan", "green"


def console(stderr: bool = False, record: bool = False) -> Console:
    from rich.console import Console

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


def warn(message: str) -> None:
    from bondcoach.core.text import for_terminal

    console(stderr=True).print(f"Note: {for_terminal(message)}", markup=False, soft_wrap=True)


def progress_bar(minutes: int, target: int, width: int = 24) -> RenderableType:
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
    """'Today with Mia, so far: ━━━─── 20 min of about 2 h 8 min' (never a shortfall)."""
    from rich.markup import escape
    from rich.table import Table

    from bondcoach.formatting import duration
    from bondcoach.messages import who_phrase

    row = Table.grid(padding=(0, 1))
    row.add_row(
        f"Today {escape(who_phrase(baby_name))}, so far:",
        progress_bar(minutes, target),
        f"{duration(minutes)} of about {duration(target)}",
    )
    return row
