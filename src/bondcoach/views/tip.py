"""Showing tips."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bondcoach import messages
from bondcoach.views import console, plain

if TYPE_CHECKING:
    from rich.console import RenderableType

    from bondcoach.core.tip_data import TipData


def tip_panel(tip: TipData, heading: str) -> RenderableType:
    from rich.panel import Panel
    from rich.text import Text

    if plain():
        # The same words, one paragraph each, with no frame for a screen reader to read out.
        return Text(f"{heading}\n\n{tip.title}\n\n{tip.text}\n\nSource: {tip.source}\n")
    body = Text()
    body.append(tip.title, style="bold")
    body.append("\n\n")
    body.append(tip.text)
    body.append("\n\n")
    body.append(f"Source: {tip.source}", style="dim italic")
    # A Text title, not a markup string: nothing in it is parsed or emoji-replaced.
    return Panel(body, title=Text(heading), title_align="left", border_style="cyan", padding=(1, 2))


def show_tip(tip: TipData, heading: str) -> None:
    out = console()
    out.print(tip_panel(tip, heading))
    out.print(messages.NEXT_AFTER_TIP)


def show_tip_list(tips: Sequence[TipData]) -> None:
    from rich.markup import escape
    from rich.table import Table

    out = console()
    if plain():
        for tip in tips:
            out.print(f"{escape(tip.topic)}: [bold]{escape(tip.title)}[/]")
            out.print(f"{escape(tip.text)}\n[dim]Id: {escape(tip.id)}[/]\n")
        out.print(f"[dim]{len(tips)} tips. {messages.NOT_MEDICAL_ADVICE}[/]")
        return
    table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    table.add_column("Topic", style="cyan", no_wrap=True)
    table.add_column("Tip")
    for tip in tips:
        title, text, tip_id = escape(tip.title), escape(tip.text), escape(tip.id)
        table.add_row(escape(tip.topic), f"[bold]{title}[/]\n{text}\n[dim]{tip_id}[/]")
    out.print(table)
    out.print(f"[dim]{len(tips)} tips. {messages.NOT_MEDICAL_ADVICE}[/]")
