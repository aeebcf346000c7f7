"""bondcoach support: kinds of help, and who to call. Works even if the data cannot be read."""

from __future__ import annotations

from typing import Annotated

import typer

from bondcoach.cli.options import JsonFlag, PlainFlag


def support_command(
    country: Annotated[
        str | None,
        typer.Option(
            "--country", "-c", metavar="NAME", help="Only this country's lines, e.g. 'United K'."
        ),
    ] = None,
    as_json: JsonFlag = False,
    plain: PlainFlag = False,
) -> None:
    """Where to find help when bonding stays hard or your mood stays low.

    First: if you have thoughts of harming yourself or your baby, contact your local
    emergency services now. Not medical advice.
    """
    from bondcoach import views
    from bondcoach.actions.support import support
    from bondcoach.views import support as support_view

    found = support(country)
    if as_json:
        views.print_json(support_view.support_json(found.support, found.lines))
    else:
        support_view.show_support(found.support, found.lines)
