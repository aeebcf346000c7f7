"""Showing stored sessions and what a change did: history, edit, delete, undo, import."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from bondcoach.formatting import day_and_time, duration
from bondcoach.views import console, plain, span

if TYPE_CHECKING:
    from bondcoach.core.sessions import Session

SHORT_ID = 7


def short_id(session: Session) -> str:
    return session.id[:SHORT_ID]


def describe(session: Session) -> str:
    what = f" ({', '.join(session.activities)})" if session.activities else ""
    who = f", {session.who}" if session.who else ""
    return f"{day_and_time(session.start)}, {span(session.minutes)}{what}{who}"


def show_history(
    sessions: Sequence[Session], babies: Mapping[str, Sequence[str]] | None = None
) -> None:
    """``babies``: whose time each session was, by id, shown when the family has several."""
    from rich.markup import escape

    from bondcoach.core.babies import joined
    from bondcoach.views.grid import Grid

    def whose(session: Session) -> str:
        return joined(list(babies[session.id])) if babies is not None else ""

    out = console()
    if not sessions:
        out.print("No sessions to show yet. [bold]bondcoach log 15[/] after time together.")
        return
    if plain():
        for session in sessions:
            note = f" Note: {escape(session.note)}" if session.note else ""
            with_whom = f", with {escape(whose(session))}" if babies is not None else ""
            out.print(
                f"[cyan]{short_id(session)}[/]: {escape(describe(session))}{with_whom}.{note}"
            )
        out.print("[dim]Fix one with bondcoach edit ID, or remove it with bondcoach delete ID.[/]")
        return
    columns = ["id", "when", "time", "what", "who", "note"]
    if babies is not None:
        columns.insert(3, "with")
    rows = [columns]
    for session in sessions:
        cells = [
            f"[cyan]{short_id(session)}[/]",
            day_and_time(session.start),
            duration(session.minutes),
            escape(", ".join(session.activities)),
            escape(session.who or ""),
            escape(session.note or ""),
        ]
        if babies is not None:
            cells.insert(3, escape(whose(session)))
        rows.append(cells)
    # As a borderless Table drew it: a bold header, two spaces between columns, and
    # a long note wrapped under its own column.
    out.print(Grid(rows, gap=2, edge=True, header="bold"))
    out.print("[dim]Fix one with bondcoach edit ID, or remove it with bondcoach delete ID.[/]")


def show_done(message: str) -> None:
    from rich.markup import escape

    console().print(f"[green]Done[/]: {escape(message)}")


UNDONE = {
    "log": "took back the session you logged",
    "import": "took back what was imported",
    "edit": "put the session back as it was before the edit",
    "delete": "brought back the session you deleted",
}
LISTED = 3  # an undone import names its first few sessions, then counts the rest


def show_undone(kind: str, sessions: Sequence[Session]) -> None:
    """Which session undo took back, so nobody has to wonder."""
    named = "; ".join(describe(session) for session in sessions[:LISTED])
    more = len(sessions) - LISTED
    if more > 0:
        named += f"; and {more} more"
    show_done(f"{UNDONE.get(kind, 'took back the last change')}: {named}.")


def show_deleted(session: Session) -> None:
    from bondcoach.messages import DELETE_UNDO

    show_done(f"deleted {describe(session)}. {DELETE_UNDO}")


def show_kept() -> None:
    from bondcoach.messages import DELETE_KEPT

    console().print(DELETE_KEPT, markup=False)


def show_imported(added: int, rows: int, already: int) -> None:
    from bondcoach.formatting import plural

    done = f"imported {plural(added, 'session')} from {plural(rows, 'row')}"
    here = f"; {already} {'was' if already == 1 else 'were'} already here" if already else ""
    show_done(done + here)
