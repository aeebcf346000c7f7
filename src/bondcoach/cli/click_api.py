"""The few parts of Click that Typer does not re-export, in one place.

Typer 0.28 vendors Click as ``typer._click`` and publishes no name for a built command
(the lazy command table holds them) or for the usage errors we turn into one calm line.
Anything else comes from Typer's public API. Should Typer publish these, change this
module alone.
"""

from __future__ import annotations

import copy
from typing import Any

from typer._click import Command as Command
from typer._click.exceptions import ClickException as ClickException
from typer._click.exceptions import UsageError as UsageError
from typer.core import TyperArgument


def speak_plainly(command: Command) -> Command:
    """Help for people, not parsers: an argument shows as 'ID', not '{ID}' and '<str>'.

    Typer's rich help prints an argument's type beside its name ('<str>', '<file>')
    unless the type names a metavar, and Click's usage line wraps a required argument
    in braces. Every argument of every command comes through here (lazy.build_command).
    """
    for param in command.params:
        if isinstance(param, TyperArgument):
            param.__class__ = _NamedArgument
            param.type = _quiet_type(param.type)
    return command


def _quiet_type(kind: Any) -> Any:
    """The same type, with an empty metavar, so help shows no '<str>' beside the name."""

    class Quiet(type(kind)):  # type: ignore[misc]
        def get_metavar(self, *args: Any, **kwargs: Any) -> str:
            return ""

    quiet = copy.copy(kind)
    quiet.__class__ = Quiet
    return quiet


class _NamedArgument(TyperArgument):
    def make_metavar(self, ctx: Any, *, usage: bool = False) -> str:
        return self.metavar or (self.name or "").upper()
