"""bondcoach support: kinds of help, and who to call. Works even if the data cannot be read."""

from __future__ import annotations

from typing import Annotated

import typer

from bondcoach.cli.options import JSON_HELP


def support_command(
    country: Annotated[
        str | None,
        typer.Option(
            "--country", "-c", metavar="NAME", help="Only this country's lines, e.g. 'United K'."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=JSON_HELP)] = False,
) -> None:
    """Where to find help when bonding stays hard or your mood stays low.

    First: if you have thoughts of harming yourself or your baby, contact your local
    emergency services now. Not medical advice.
    """
    from bondcoach import views
    from bondcoach.errors import InputError
    from bondcoach.guidance.support import lines_for, load_support
    from bondcoach.views import support as support_view

    support = load_support()
    lines = lines_for(support, country)
    if country is not None and not lines:
        known = ", ".join(support.countries)
        raise InputError(f"no lines listed for {country!r}; listed countries: {known}")
    if as_json:
        views.print_json(support_view.support_json(support, lines))
    else:
        support_view.show_support(support, lines)
