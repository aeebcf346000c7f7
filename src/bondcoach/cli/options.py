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
    return typer.Option("--at", metavar="TIME", help=help)


def activity_option() -> Any:
    return typer.Option("--activity", "-a", metavar="NAME", help=ACTIVITY_HELP)


BABY_HELP = "Whose time it was, with several babies (repeat for more); all of them if left out."


def baby_option(help: str = BABY_HELP) -> Any:
    return typer.Option("--baby", metavar="NAME", help=help)


BabyOption = Annotated[list[str] | None, baby_option()]
JsonFlag = Annotated[bool, json_flag()]
AtOption = Annotated[str | None, at_option()]
ActivityOption = Annotated[list[str] | None, activity_option()]


PLAIN_HELP = "Words only, for screen readers: no boxes, bars or redrawing."


def use_output(plain_flag: bool) -> None:
    """The one place that decides plain or rich output, and hands it to the views."""
    import os

    from bondcoach import views

    plain = (
        plain_flag
        or os.environ.get("BONDCOACH_PLAIN", "").strip().lower() in ("1", "yes", "true", "on")
        or os.environ.get("TERM") == "dumb"
    )
    views.use(views.Output(plain=plain))


def _plain_given(value: bool) -> bool:
    # The root runs use_output first; '--plain' after a command only ever adds to it.
    if value:
        use_output(True)
    return value


# Eager, so 'bondcoach week --plain --help' shows plain help too.
PlainFlag = Annotated[
    bool, typer.Option("--plain", help=PLAIN_HELP, callback=_plain_given, is_eager=True)
]
