"""bondcoach week: look back at the time spent together, day by day."""

from __future__ import annotations

from typing import Annotated

import typer


def week_command(
    of: Annotated[
        str | None,
        typer.Option(
            "--of", metavar="YYYY-MM-DD", help="Show the week that holds this date (default today)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """Review the week: minutes each day against the day's aim, what you did, your notes.

    Weeks run Monday to Sunday on this computer's calendar.
    """
    from bondcoach import clock, views
    from bondcoach.profile import load_profile
    from bondcoach.store import open_store
    from bondcoach.timeparse import parse_date
    from bondcoach.views import week as week_view
    from bondcoach.week import summarize_week, week_as_json, week_bounds

    today = clock.now().date()
    day = parse_date(of, "--of") if of is not None else today
    profile = load_profile()
    start, end = week_bounds(day, profile.week_start)
    sessions = open_store().sessions_between(start, end)
    summary = summarize_week(sessions, start, today, profile.target_settings())
    if as_json:
        views.print_json(week_as_json(summary))
    else:
        week_view.show_week(summary, profile.baby_name)
