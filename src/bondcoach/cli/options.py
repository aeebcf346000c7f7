"""Options several commands share, declared once as typed aliases (``Annotated``).

A command writes ``as_json: JsonFlag = False``; where its help needs a word more, it
calls the factory (``json_flag(" With --show.")``) so the flag itself is still spelled
in one place.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

JSON_HELP = "Print JSON for scripts."
AT_HELP = (
    'When you started, local time: "2026-11-26 14:30", or "14:30" for today '
    "(yesterday if that time is still to come)."
)
ACTIVITY_HELP = (
    "What you did: talk, sing, read, skin-to-skin, play, massage, walk, feed, diaper, "
    "or your own word. Repeat it or separate with commas."
)


def json_flag(more: str = "") -> Any:
    return typer.Option("--json", help=JSON_HELP + more)


def who_option(help: str) -> Any:
    return typer.Option("--who", "-w", metavar="NAME", help=help)


def at_option(help: str = AT_HELP) -> Any:
    return typer.Option("--at", metavar='"YYYY-MM-DD HH:MM"', help=help)


def activity_option() -> Any:
    return typer.Option("--activity", "-a", metavar="NAME", help=ACTIVITY_HELP)


JsonFlag = Annotated[bool, json_flag()]
AtOption = Annotated[str | None, at_option()]
ActivityOption = Annotated[list[str] | None, activity_option()]
