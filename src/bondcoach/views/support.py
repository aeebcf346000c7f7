"""Showing where to find help: the emergency line first, plainly."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from bondcoach.views import console, plain

if TYPE_CHECKING:
    from bondcoach.guidance.support import Support, SupportLine


def support_json(support: Support, lines: Sequence[SupportLine]) -> dict[str, Any]:
    return {
        "emergency": support.emergency,
        "not_medical_advice": support.not_medical_advice,
        "kinds_of_help": [asdict(kind) for kind in support.kinds],
        "lines": [asdict(line) for line in lines],
    }


def checked_phrase(checked: str) -> str:
    if checked[:1].isdigit():
        return f"checked {checked}"
    return "not yet checked against this source; please confirm it there"


def show_support(support: Support, lines: Sequence[SupportLine]) -> None:
    from rich.markup import escape
    from rich.padding import Padding
    from rich.panel import Panel

    out = console()
    if plain():
        out.print(f"[bold]First:[/] {escape(support.emergency)}")
    else:
        out.print(Panel(escape(support.emergency), border_style="bold", title="First"))
    out.print(escape(support.not_medical_advice))
    out.print()
    out.print("[bold]Kinds of help[/]")
    for kind in support.kinds:
        out.print(f"[bold cyan]{escape(kind.name)}[/]: {escape(kind.for_whom)}")
        body = f"{escape(kind.good_for)}\n[dim]Source: {escape(kind.source)}[/]"
        out.print(Padding(body, (0, 0, 1, 2)))
    out.print("[bold]Support lines, by country[/]")
    country = None
    for line in lines:
        if line.country != country:
            country = line.country
            out.print(f"[bold cyan]{escape(country)}[/]")
        body = (
            f"[bold]{escape(line.name)}[/]: {escape(line.contact)}\n"
            f"{escape(line.for_whom)}\n"
            f"[dim]Source: {escape(line.source)} ({checked_phrase(line.checked)})[/]"
        )
        out.print(Padding(body, (0, 0, 1, 2)))
    out.print("[dim]Not your country? Your doctor, midwife or health visitor can point you on.[/]")
