"""The play timer on screen: a live bar, the time left, and a gentle idea."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bondcoach.formatting import duration
from bondcoach.views import console

if TYPE_CHECKING:
    from rich.console import RenderableType

    from bondcoach.core.timer import PlayTimer


def _frame(timer: PlayTimer, elapsed: float, idea: str) -> RenderableType:
    from rich.console import Group
    from rich.markup import escape
    from rich.table import Table

    from bondcoach.views import progress_bar

    left = max(0, round(timer.seconds - elapsed))
    row = Table.grid(padding=(0, 2))
    row.add_row(
        progress_bar(int(elapsed), int(timer.seconds), width=30),
        f"{left // 60:02d}:{left % 60:02d} left",
    )
    lines: list[RenderableType] = [row]
    if idea:
        lines.append(f"[cyan]Idea:[/] {escape(idea)}")
    lines.append("[dim]Ctrl-C stops early.[/]")
    return Group(*lines)


def run_live(timer: PlayTimer, ideas: Sequence[str]) -> None:
    from rich.live import Live

    from bondcoach.core.timer import idea_for

    out = console()
    out.print(f"[bold]Time together: {duration(int(timer.seconds // 60))}.[/] Enjoy it.")
    with Live(console=out, auto_refresh=False, transient=False) as live:

        def draw(elapsed: float) -> None:
            live.update(_frame(timer, elapsed, idea_for(ideas, elapsed)), refresh=True)

        timer.run(draw)
    if not out.is_terminal:
        out.line()  # Live ends its last line only on a terminal


def show_finished(minutes: int) -> None:
    # No praise yet: the mood question comes next, and the answer to it decides the words.
    console().print(f"[bold]Time's up:[/] {duration(minutes)} together.")
