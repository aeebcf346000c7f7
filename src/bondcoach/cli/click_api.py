"""The few parts of Click that Typer does not re-export, in one place.

Typer 0.28 vendors Click as ``typer._click`` and publishes no name for a built command
(the lazy command table holds them) or for the usage errors we turn into one calm line.
Anything else comes from Typer's public API. Should Typer publish these, change this
module alone.
"""

from __future__ import annotations

from typer._click import Command as Command
from typer._click.exceptions import ClickException as ClickException
from typer._click.exceptions import UsageError as UsageError
