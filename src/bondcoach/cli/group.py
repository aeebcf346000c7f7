"""The root command group: commands built on first use (see lazy.py), and calm errors."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from typer.core import TyperGroup

from bondcoach.cli.click_api import PlainHelp
from bondcoach.cli.errors import run_safely


class BondcoachGroup(PlainHelp, TyperGroup):
    """The root group: commands built on first use, and calm errors."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        from bondcoach.cli.lazy import LazyCommands

        self.commands = LazyCommands()

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        from bondcoach.cli.options import use_output

        use_output(False)  # from the environment; a --plain flag adds to it when parsed
        code = run_safely(
            lambda: super(BondcoachGroup, self).main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            ),
            None if args is None else list(args),
        )
        sys.exit(code)
