"""The few parts of Click that Typer does not re-export, in one place.

Typer 0.28 vendors Click as ``typer._click`` and publishes no name for a built command
(the lazy command table holds them) or for the usage errors we turn into one calm line.
Anything else comes from Typer's public API. Should Typer publish these, change this
module alone.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from typer._click import Command as Command
from typer._click.exceptions import ClickException as ClickException
from typer._click.exceptions import UsageError as UsageError
from typer.core import TyperArgument, TyperCommand


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


class PlainHelp:
    """--help in plain output: Click's own words-only layout, no panels (see views.Output)."""

    rich_markup_mode: Any
    help: str | None

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from bondcoach import views

        if not views.plain():
            views.keep_no_break_spaces()  # command names in help stay whole too
            super().format_help(ctx, formatter)  # type: ignore[misc]
            return
        mode, text = self.rich_markup_mode, self.help
        self.rich_markup_mode = None
        # '[bold]bondcoach tip[/]' -> 'bondcoach tip': the markup means nothing here.
        self.help = re.sub(r"\[/?[a-z ]*\]", "", text) if text else text
        try:
            super().format_help(ctx, formatter)  # type: ignore[misc]
        finally:
            self.rich_markup_mode, self.help = mode, text

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command's whole first line: Click would cut it with '...' to fit."""
        from bondcoach import views

        if not views.plain():
            super().format_commands(ctx, formatter)  # type: ignore[misc]
            return
        rows = []
        for name in self.list_commands(ctx):  # type: ignore[attr-defined]
            command = self.get_command(ctx, name)  # type: ignore[attr-defined]
            first = (command.help or "").split("\n\n")[0]
            rows.append((name, re.sub(r"\[/?[a-z ]*\]", "", first)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


class PlainHelpCommand(PlainHelp, TyperCommand):
    """Every command's class (lazy.build_command passes it to Typer)."""
