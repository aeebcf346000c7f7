"""Showing tips: the day's panel (with why it helps and the source) and the list."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bondcoach import messages
from bondcoach.views import console, plain

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from bondcoach.core.tip_data import TipData

# Tips write command names in backticks, `bondcoach support`: shown as commands, never
# with the backticks (without colour, NO_COLOR, they are plain words).
_COMMAND = re.compile(r"`([^`\n]+)`")
COMMAND_STYLE = "bold cyan"


def with_commands(text: str, style: str = "") -> Text:
    """Tip text as Rich Text, command names in backticks styled as commands."""
    from rich.text import Text

    out = Text(style=style)
    last = 0
    for match in _COMMAND.finditer(text):
        out.append(text[last : match.start()])
        out.append(match.group(1), style=COMMAND_STYLE)
        last = match.end()
    out.append(text[last:])
    return out


def plain_commands(text: str) -> str:
    """The same text with the backticks taken away, for places that print plain words."""
    return _COMMAND.sub(r"\1", text)


def tip_panel(tip: TipData, heading: str) -> RenderableType:
    from rich.panel import Panel
    from rich.text import Text

    body = Text()
    if plain():
        # The same words, with no frame for a screen reader to read out.
        body.append(f"{heading}\n\n")
    body.append(plain_commands(tip.title), style="bold")
    body.append("\n\n")
    body.append(with_commands(tip.text))
    if tip.why:
        body.append("\n\n")
        body.append("Why it helps: ", style="italic")
        body.append(with_commands(tip.why))
    body.append("\n\n")
    body.append(f"Source: {tip.source}", style="dim italic")
    if plain():
        return body
    # A Text title, not a markup string: nothing in it is parsed or emoji-replaced.
    return Panel(body, title=Text(heading), title_align="left", border_style="cyan", padding=(1, 2))


def show_tip(tip: TipData, heading: str, note: str | None = None, last: bool = True) -> None:
    """One tip; ``last``: the closing line follows (said once under several babies' tips)."""
    out = console()
    out.print(tip_panel(tip, heading))
    if note:
        out.print(note, style="dim", markup=False)
    if last:
        out.print(messages.NEXT_AFTER_TIP)
    elif plain():
        out.print()


def show_tip_list(tips: Sequence[TipData], note: str | None = None) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    out = console()
    if plain():
        for tip in tips:
            out.print(Text(f"{tip.topic}: {plain_commands(tip.title)}", style="bold"))
            out.print(with_commands(tip.text))
            out.print(Text(f"Id: {tip.id}\n", style="dim"))
        if note:
            out.print(note, style="dim", markup=False)
        out.print(f"[dim]{len(tips)} tips. {messages.NOT_MEDICAL_ADVICE}[/]")
        return
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    table.add_column("Topic", style="cyan", no_wrap=True)
    table.add_column("Tip")
    for tip in tips:
        cell = Text()
        cell.append(plain_commands(tip.title), style="bold")
        cell.append("\n")
        cell.append(with_commands(tip.text))
        cell.append(f"\n{tip.id}", style="dim")
        table.add_row(escape(tip.topic), cell)
    out.print(table)
    if note:
        out.print(note, style="dim", markup=False)
    out.print(f"[dim]{len(tips)} tips. {messages.NOT_MEDICAL_ADVICE}[/]")
