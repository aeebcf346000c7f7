"""bondcoach history, edit, delete and undo: see what is stored and mend mistakes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from bondcoach.cli.options import (
    ActivityOption,
    AtOption,
    JsonFlag,
    PlainFlag,
    baby_option,
    who_option,
)

if TYPE_CHECKING:
    from bondcoach.core.sessions import Session


def history_command(
    of: Annotated[
        str | None, typer.Option("--of", metavar="YYYY-MM-DD", help="Sessions on this date.")
    ] = None,
    last: Annotated[
        int | None,
        typer.Option("--last", "-n", metavar="N", help="The newest N sessions (10 if not given)."),
    ] = None,
    as_json: JsonFlag = False,
    plain: PlainFlag = False,
) -> None:
    """List sessions with their short ids, newest last."""
    from bondcoach import views
    from bondcoach.actions.history import history
    from bondcoach.core.timeparse import parse_date
    from bondcoach.errors import InputError
    from bondcoach.views import history as history_view
    from bondcoach.views.log import session_json

    if of is not None and last is not None:
        raise InputError("use --of or --last, not both")
    if last is not None and last < 1:
        # Checked here rather than with min=1, which would print '[x>=1]' in the help.
        raise InputError(f"--last takes a number of sessions, 1 or more (got {last})")
    found = history(parse_date(of, "--of") if of is not None else None, last)
    if as_json:
        views.print_json([session_json(s, found.babies[s.id]) for s in found.sessions])
    else:
        history_view.show_history(found.sessions, found.babies if found.several else None)


def edit_command(
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The id from 'history'.")],
    minutes: Annotated[
        str | None, typer.Option("--minutes", "-m", metavar="N", help="New length, 1-1440.")
    ] = None,
    at: AtOption = None,
    activity: ActivityOption = None,
    note: Annotated[
        str | None, typer.Option("--note", "-n", metavar="TEXT", help="New note ('' clears it).")
    ] = None,
    mood: Annotated[int | None, typer.Option("--mood", metavar="1-5", help="New mood.")] = None,
    who: Annotated[str | None, who_option("Who it was.")] = None,
    baby: Annotated[
        list[str] | None,
        baby_option("Whose time it was, with several babies (repeat for more)."),
    ] = None,
    as_json: JsonFlag = False,
    plain: PlainFlag = False,
) -> None:
    """Change a logged session. Checked like 'log'; 'undo' takes it back."""
    from bondcoach import views
    from bondcoach.actions.history import edit
    from bondcoach.core import clock
    from bondcoach.core.editing import EditRequest
    from bondcoach.views import history as history_view
    from bondcoach.views.log import session_json

    request = EditRequest(minutes, at, activity, note, mood, who)
    done = edit(session_id, request, clock.now(), baby or ())
    assert done.session is not None
    for warning in done.warnings:
        views.warn(warning)
    if as_json:
        views.print_json(session_json(done.session, done.babies))
    else:
        from bondcoach.core.babies import joined

        # Whose time it was, said when the edit changed it (as log's echo says it).
        whose = f", for {joined(done.babies)}" if baby and done.babies else ""
        history_view.show_done(f"now {history_view.describe(done.session)}{whose}")


def delete_command(
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The id from 'history'.")],
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Do not ask first (for scripts).")
    ] = False,
    plain: PlainFlag = False,
) -> None:
    """Remove a logged session (asks first). 'undo' brings it back."""
    from bondcoach import views
    from bondcoach.actions.history import delete
    from bondcoach.core import clock
    from bondcoach.views import history as history_view

    def ask_first(session: Session) -> bool:
        if yes:
            return True
        from bondcoach.cli.prompts import confirm

        return confirm(f"Delete {history_view.describe(session)}?", default=False)

    done = delete(session_id, ask_first, clock.now)
    if done.session is None:  # "n" is a choice: say so, exit 0
        history_view.show_kept()
        return
    for warning in done.warnings:
        views.warn(warning)
    history_view.show_deleted(done.session)


def undo_command(plain: PlainFlag = False) -> None:
    """Take back this computer's last log, edit, delete or import (once)."""
    from bondcoach import views
    from bondcoach.actions.history import undo
    from bondcoach.core import clock
    from bondcoach.views import history as history_view

    done = undo(clock.now())
    history_view.show_undone(done.what, done.sessions)
    for warning in done.warnings:
        views.warn(warning)
