"""bondcoach history, edit, delete and undo: see what is stored and mend mistakes."""

from __future__ import annotations

from typing import Annotated

import typer

from bondcoach.cli.options import ACTIVITY_HELP, AT_HELP, JSON_HELP

DEFAULT_HISTORY = 10


def history_command(
    of: Annotated[
        str | None, typer.Option("--of", metavar="YYYY-MM-DD", help="Sessions on this date.")
    ] = None,
    last: Annotated[
        int | None, typer.Option("--last", "-n", min=1, help="The newest N sessions (default 10).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """List sessions with their short ids, newest last."""
    from bondcoach import views
    from bondcoach.core.timeparse import parse_date
    from bondcoach.errors import InputError
    from bondcoach.storage.session_store import open_store
    from bondcoach.views import data as data_view
    from bondcoach.views.log import session_json

    if of is not None and last is not None:
        raise InputError("use --of or --last, not both")
    store = open_store()
    if of is not None:
        day = parse_date(of, "--of")
        sessions = store.sessions_between(day, day)
    else:
        sessions = store.latest_sessions(last or DEFAULT_HISTORY)
    if as_json:
        views.print_json([session_json(session) for session in sessions])
    else:
        data_view.show_history(sessions)


def edit_command(
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The id from 'history'.")],
    minutes: Annotated[
        str | None, typer.Option("--minutes", "-m", metavar="N", help="New length, 1-1440.")
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", metavar='"YYYY-MM-DD HH:MM"', help=AT_HELP)
    ] = None,
    activity: Annotated[
        list[str] | None, typer.Option("--activity", "-a", metavar="NAME", help=ACTIVITY_HELP)
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", metavar="TEXT", help="New note ('' clears it).")
    ] = None,
    mood: Annotated[int | None, typer.Option("--mood", metavar="1-5", help="New mood.")] = None,
    who: Annotated[
        str | None, typer.Option("--who", "-w", metavar="NAME", help="Who it was.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Change a logged session. Checked like 'log'; 'undo' takes it back."""
    from bondcoach import views
    from bondcoach.cli.saving import remember_for_undo
    from bondcoach.core import clock
    from bondcoach.core.editing import EditRequest, edited
    from bondcoach.storage.session_store import open_store
    from bondcoach.views import data as data_view
    from bondcoach.views.log import session_json

    store = open_store()
    old = store.find(session_id)
    request = EditRequest(minutes, at, activity, note, mood, who)
    now = clock.now()
    new = edited(old, request, now)
    store.replace(old, new, now)
    remember_for_undo("edit", (old,), (new,))
    if as_json:
        views.print_json(session_json(new))
    else:
        data_view.show_done(f"now {data_view.describe(new)}")


def delete_command(
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The id from 'history'.")],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask first (for scripts).")
    ] = False,
) -> None:
    """Remove a logged session (asks first). 'undo' brings it back."""
    from bondcoach.cli.saving import remember_for_undo
    from bondcoach.core import clock
    from bondcoach.errors import BondcoachError
    from bondcoach.storage.session_store import open_store
    from bondcoach.views import data as data_view

    store = open_store()
    session = store.find(session_id)
    if not yes:
        from bondcoach.cli.prompts import confirm

        if not confirm(f"Delete {data_view.describe(session)}?", default=False):
            raise BondcoachError("kept it; nothing was deleted")
    store.delete(session, clock.now())
    remember_for_undo("delete", (session,), ())
    data_view.show_done(f"deleted {data_view.describe(session)}")


def undo_command() -> None:
    """Take back this computer's last log, edit, delete or import (once)."""
    from bondcoach.core import clock
    from bondcoach.core.editing import undo
    from bondcoach.storage import undo_log as journal
    from bondcoach.storage.session_store import open_store
    from bondcoach.views import data as data_view

    change = journal.last_change()
    what = undo(open_store(), change, clock.now())
    assert change is not None
    journal.mark_undone(change)
    data_view.show_done(what)
