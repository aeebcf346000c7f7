"""The play timer on screen: a live bar, the time left, and a gentle idea; in plain
output, the time left and the idea on a new line every few minutes instead."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bondcoach import messages
from bondcoach.views import console, plain, span

if TYPE_CHECKING:
    from rich.console import RenderableType

    from bondcoach.actions.saving import Logged
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


def run_timer(timer: PlayTimer, ideas: Sequence[str]) -> None:
    console().print(f"[bold]Time together: {span(int(timer.seconds // 60))}.[/] Enjoy it.")
    if plain():
        run_announced(timer, ideas)
    else:
        run_live(timer, ideas)


def run_announced(timer: PlayTimer, ideas: Sequence[str]) -> None:
    """Plain output: a new line at the start and every few minutes, never a redraw."""
    from rich.markup import escape

    from bondcoach.core.timer import IDEA_EVERY_SECONDS, idea_for

    out = console()
    announced = -1

    def announce(elapsed: float) -> None:
        nonlocal announced
        step = int(elapsed // IDEA_EVERY_SECONDS)
        if step == announced or elapsed >= timer.seconds:
            return
        announced = step
        left = span(max(1, round((timer.seconds - elapsed) / 60)))
        idea = idea_for(ideas, elapsed)
        out.print(f"About {left} left." + (f" Idea: {escape(idea)}" if idea else ""))

    out.print("[dim]Ctrl-C stops early.[/]")
    timer.run(announce)


def run_live(timer: PlayTimer, ideas: Sequence[str]) -> None:
    from rich.live import Live

    from bondcoach.core.timer import idea_for

    out = console()
    with Live(console=out, auto_refresh=False, transient=False) as live:

        def draw(elapsed: float) -> None:
            live.update(_frame(timer, elapsed, idea_for(ideas, elapsed)), refresh=True)

        timer.run(draw)
    if not out.is_terminal:
        out.line()  # Live ends its last line only on a terminal


def ring() -> None:
    """One gentle bell when the time is up (--bell); the terminal decides how it sounds."""
    import sys

    sys.stdout.write("\a")
    sys.stdout.flush()


def show_time_up(minutes: int) -> None:
    """Before the reflection: the session is already saved, so say so, and no verdict yet."""
    console().print(f"{messages.play_time_up(span(minutes))} It is saved.")


def show_played(logged: Logged) -> None:
    """After the mood is asked: answer what was said ('Well done.' only if not low)."""
    from bondcoach.core.mood import is_low
    from bondcoach.views import log as log_view

    if not is_low(logged.session.mood):
        console().print("[green]Well done.[/]")
    log_view.show_logged(logged)
