"""bondcoach week: look back at the time spent together, day by day."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bondcoach.cli.options import JsonFlag, PlainFlag

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
            help="Also save the week as a picture (SVG) or web page (HTML) to keep or share.",
            dir_okay=False,
        ),
    ] = None,
    with_mood: Annotated[
        bool,
        typer.Option("--with-mood", help="Put the moods you noted in the saved picture too."),
    ] = False,
    baby: Annotated[
        str | None,
        typer.Option("--baby", metavar="NAME", help="Only this baby's week (with several)."),
    ] = None,
    as_json: JsonFlag = False,
    plain: PlainFlag = False,
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
    if with_mood and save is None:
        raise InputError("--with-mood is for the saved picture: add --save FILE")
    on = parse_date(of, "--of") if of is not None else None
    seen = week(on, today, moods=with_mood, baby=baby)
    if as_json:
        views.print_json(week_view.week_as_json(seen.review, seen.by_baby))
        return
    out = views.console()
    week_view.show_week(out, seen.review, seen.baby_name, seen.by_baby)
    if seen.expecting:
        from bondcoach.messages import EXPECTING_NO_AIMS

        out.print(EXPECTING_NO_AIMS, style="dim", markup=False)
    if save is not None:
        # Drawn by the report's renderer, not a screenshot of the terminal: a fixed
        # width, readable bars, no command hints; moods only when asked for.
        from bondcoach.views.page import week_picture

        save_picture(save, week_picture(seen.review, seen.baby_name, save.suffix, seen.moods))
        week_view.show_saved(out, save)
