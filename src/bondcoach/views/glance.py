"""Today at a glance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bondcoach.views import console, today_row

if TYPE_CHECKING:
    from bondcoach.core.coach import DayProgress
    from bondcoach.core.tip_data import TipData


def next_step(progress: DayProgress, has_profile: bool) -> str:
    if not has_profile:
        return (
            "Tell bondcoach about your baby, for aims that fit their age: [bold]bondcoach setup[/]"
        )
    if progress.sessions == 0:
        return (
            "After time together: [bold]bondcoach log 15[/], "
            "or [bold]bondcoach play[/] for a gentle timer."
        )
    return "Look back at the week: [bold]bondcoach week[/]"


def show_glance(
    progress: DayProgress, baby_name: str | None, tip: TipData | None, has_profile: bool
) -> None:
    from rich.markup import escape

    out = console()
    out.print(today_row(progress.minutes, progress.target, baby_name))
    if tip is not None:
        from bondcoach.views.tip import plain_commands

        title = escape(plain_commands(tip.title))
        out.print(f"Tip of the day: [bold]{title}[/] [dim](bondcoach tip)[/]")
    out.print(next_step(progress, has_profile))
    out.print("[dim]All commands: bondcoach --help[/]")
