"""The command line: thin Typer commands that parse, call one action and hand its result to a view.

Each command lives in its own module, listed in ``lazy.COMMANDS`` and built only when
used; this module holds the root app, its options and ``main``, which the console script
(``bondcoach/__main__.py``) runs.
"""

from __future__ import annotations

from typing import Annotated

import typer

from bondcoach import __version__
from bondcoach.cli.group import BondcoachGroup
from bondcoach.cli.lazy import reflowed
from bondcoach.cli.options import PlainFlag

HELP = """A gentle coach for new parents who want help bonding with their baby.

Daily: read [bold]bondcoach tip[/], spend some focused time together, then
[bold]bondcoach log 15[/]. Look back with [bold]bondcoach week[/].

Everything stays on this computer. bondcoach offers everyday ideas, not medical advice."""

app = typer.Typer(
    cls=BondcoachGroup,
    name="bondcoach",
    help=reflowed(HELP),
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"bondcoach {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
    plain: PlainFlag = False,
) -> None:
    """Options for every command; the help text is HELP above.

    ``plain`` is applied by its own callback (cli/options.py), before any command runs.
    """
    if ctx.invoked_subcommand is None:
        from bondcoach.cli.glance import glance

        glance()


def main() -> None:
    """Run the app as a parent would (the console script in __main__.py calls this)."""
    typer.main.get_command(app).main(prog_name="bondcoach")
