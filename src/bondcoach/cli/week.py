"""bondcoach week: look back at the time spent together, day by day."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bondcoach.cli.options import JsonFlag

SAVE_SUFFIXES = (".svg", ".html")


def week_command(
    of: Annotated[
        str | None,
        typer.Option(
            "--of", metavar="YYYY-MM-DD", help="Show the week that holds this date (default today)."
        ),
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save",
            metavar="FILE.svg|FILE.html",
            help="Also save what is shown as a picture (SVG) or web page (HTML) to keep or share.",
            dir_okay=False,
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Review the week: each day's minutes against the day's aim, what you did, your notes.

    Weeks run Monday to Sunday on this computer's calendar ('bondcoach setup
    --week-start sunday' to change). Every caregiver's time counts.
    """
    from bondcoach import views
    from bondcoach.actions.week import save_picture, week
    from bondcoach.core import clock
    from bondcoach.core.timeparse import parse_date
    from bondcoach.errors import InputError
    from bondcoach.views import week as week_view

    if save is not None and as_json:
        raise InputError("--save keeps what the screen shows, so it does not go with --json")
    if save is not None and save.suffix.lower() not in SAVE_SUFFIXES:
        raise InputError(f"--save writes .svg or .html files (got {save.name!r})")
    today = clock.now().date()
    seen = week(parse_date(of, "--of") if of is not None else None, today)
    if as_json:
        views.print_json(week_view.week_as_json(seen.review))
        return
    out = views.console(record=save is not None)
    week_view.show_week(out, seen.review, seen.baby_name)
    if seen.expecting:
        from bondcoach.messages import EXPECTING_NO_AIMS

        out.print(EXPECTING_NO_AIMS, style="dim", markup=False)
    if save is not None:
        save_picture(save, week_view.recording(out, save.suffix))
        week_view.show_saved(out, save)
