"""bondcoach week: look back at the time spent together, day by day."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bondcoach.cli.options import JSON_HELP

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
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Review the week: each day's minutes against the day's aim, what you did, your notes.

    Weeks run Monday to Sunday on this computer's calendar ('bondcoach setup
    --week-start sunday' to change). Every caregiver's time counts.
    """
    from bondcoach import views
    from bondcoach.core import clock
    from bondcoach.core.timeparse import parse_date
    from bondcoach.core.week import dates_to_read, review_week, week_as_json
    from bondcoach.errors import InputError
    from bondcoach.storage.profile import load_profile
    from bondcoach.storage.session_store import open_store
    from bondcoach.views import week as week_view

    if save is not None and as_json:
        raise InputError("--save keeps what the screen shows, so it does not go with --json")
    if save is not None and save.suffix.lower() not in SAVE_SUFFIXES:
        raise InputError(f"--save writes .svg or .html files (got {save.name!r})")
    today = clock.now().date()
    day = parse_date(of, "--of") if of is not None else today
    profile = load_profile()
    sessions = open_store().sessions_between(*dates_to_read(day, today, profile.week_start))
    review = review_week(sessions, day, today, profile.week_start, profile.target_settings())
    if as_json:
        views.print_json(week_as_json(review))
        return
    out = views.console(record=save is not None)
    week_view.show_week(out, review, profile.baby_name)
    if save is not None:
        from bondcoach.storage.fsio import atomic_write

        atomic_write(save, week_view.recording(out, save.suffix), own_folder=False)
        week_view.show_saved(out, save)
