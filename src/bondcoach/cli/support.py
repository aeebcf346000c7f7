"""bondcoach support: what to do, kinds of help, who to call. Works if the data cannot be read."""

from __future__ import annotations

from typing import Annotated

import typer

from bondcoach.cli.options import JsonFlag, PlainFlag


def support_command(
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            "-c",
            metavar="NAME",
            help="Your country, as you would write it: UK, Scotland, US, Ireland, NZ, India...",
        ),
    ] = None,
    sources: Annotated[
        bool,
        typer.Option("--sources", help="Show where each line and number comes from."),
    ] = False,
    as_json: JsonFlag = False,
    plain: PlainFlag = False,
) -> None:
    """What to do, and where to find help, when things feel hard or your mood stays low.

    First: if you might act on thoughts of harming yourself or your baby, or your baby
    is in danger, call emergency services now. Not medical advice.
    """
    from bondcoach import views
    from bondcoach.actions.support import support
    from bondcoach.views import support as support_view

    found = support(country)
    if as_json:
        views.print_json(support_view.support_json(found))
    elif sources:
        support_view.show_sources(found)
    else:
        support_view.show_support(found)
