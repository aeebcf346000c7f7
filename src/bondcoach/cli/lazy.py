"""Build each command only when it is used.

Turning a function into a Click command means inspecting its signature and every
option; doing that for all commands on every run costs more than the whole of
``bondcoach tip`` otherwise would. The group's command table is this lazy mapping:
its keys are known up front (for help, completion and "did you mean"), and a
command is imported and built the first time it is looked up.

Why command bodies import inside the function: a command module is imported to build
its options, for ``--help`` too. Its body's imports (actions, pydantic models, Rich
views) load only when it runs, so ``bondcoach --help``, ``log --help`` and a warm
``bondcoach tip`` never load pydantic or Rich. ``tests/test_startup.py`` holds this.
A new command follows the same pattern: options at module level, everything else
imported in the body.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping

from bondcoach.cli.click_api import Command, PlainHelpCommand, speak_plainly

# name -> "module:function", in the order help lists them.
COMMANDS: dict[str, str] = {
    "tip": "bondcoach.cli.tip:tip_command",
    "log": "bondcoach.cli.log:log_command",
    "play": "bondcoach.cli.play:play_command",
    "week": "bondcoach.cli.week:week_command",
    "report": "bondcoach.cli.report:report_command",
    "setup": "bondcoach.cli.setup:setup_command",
    "support": "bondcoach.cli.support:support_command",
    "history": "bondcoach.cli.history:history_command",
    "edit": "bondcoach.cli.history:edit_command",
    "delete": "bondcoach.cli.history:delete_command",
    "undo": "bondcoach.cli.history:undo_command",
    "export": "bondcoach.cli.transfer:export_command",
    "import": "bondcoach.cli.transfer:import_command",
    "doctor": "bondcoach.cli.doctor:doctor_command",
}


def reflowed(text: str) -> str:
    """Help text whose paragraphs reflow to the terminal's width.

    Typer's rich help keeps every newline after the first paragraph, so a docstring
    wrapped at 88 columns left one word on a line at 50. Paragraphs (split by a blank
    line) become one line each; a paragraph starting with '\\b' keeps its lines."""
    import inspect

    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(
        part if part.startswith("\b") else " ".join(part.split()) for part in paragraphs
    )


def build_command(name: str) -> Command:
    import typer

    module_name, function_name = COMMANDS[name].split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    single = typer.Typer(add_completion=False, rich_markup_mode="rich")
    single.command(name, cls=PlainHelpCommand, help=reflowed(function.__doc__ or ""))(function)
    return speak_plainly(typer.main.get_command(single))


class LazyCommands(MutableMapping[str, Command]):
    def __init__(self) -> None:
        self._built: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = build_command(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*COMMANDS, *self._built]))

    def __len__(self) -> int:
        return len(set(COMMANDS) | set(self._built))
