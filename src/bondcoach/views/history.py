"""Showing stored sessions and what a change did: history, edit, delete, undo, import."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bondcoach.formatting import day_and_time, duration
from bondcoach.views import console, plain, span

if TYPE_CHECKING:
    from bondcoach.core.models import Session

SHORT_ID = 7


def short_id(session: Session) -> str:
    return session.id[:SHORT_ID]


def describe(session: Session) -> str:
    what = f" ({', '.join(session.activities)})" if session.activities else ""
    who = f", {session.who}" if session.who else ""
    return f"{day_and_time(session.start)}, {span(session.minutes)}{what}{who}"


def show_history(sessions: Sequence[Session]) -> None:
    from rich.markup import escape
    from rich.table import Table

    out = console()
    if not sessions:
        out.print("No sessions to show yet. [bold]bondcoach log 15[/] after time together.")
        return
    if plain():
        for session in sessions:
            note = f" Note: {escape(session.note)}" if session.note else ""
            out.print(f"[cyan]{short_id(session)}[/]: {escape(describe(session))}.{note}")
        out.print("[dim]Fix one with bondcoach edit ID, or remove it with bondcoach delete ID.[/]")
        return
    table = Table(box=None, header_style="bold", padding=(0, 1))
    for column in ("id", "when", "time", "what", "who", "note"):
        table.add_column(column, overflow="fold")
    for session in sessions:
        table.add_row(
            f"[cyan]{short_id(session)}[/]",
            day_and_time(session.start),
            duration(session.minutes),
            escape(", ".join(session.activities)),
            escape(session.who or ""),
            escape(session.note or ""),
        )
    out.print(table)
    out.print("[dim]Fix one with bondcoach edit ID, or remove it with bondcoach delete ID.[/]")


def show_done(message: str) -> None:
    from rich.markup import escape

    console().print(f"[green]Done[/]: {escape(message)}")


def show_imported(added: int, rows: int, already: int) -> None:
    from bondcoach.formatting import plural

    done = f"imported {plural(added, 'session')} from {plural(rows, 'row')}"
    show_done(done + (f"; {already} were already here" if already else ""))
