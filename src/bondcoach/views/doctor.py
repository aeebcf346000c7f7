"""Showing the doctor's checkup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bondcoach.views import console, shown

if TYPE_CHECKING:
    from bondcoach.core.checkup import Checkup


def show_checkup(checkup: Checkup) -> None:
    out = console()
    marks = {"ok": "[green]ok[/]", "note": "[cyan]note[/]", "problem": "[bold]problem[/]"}
    for finding in checkup.findings:
        where = f" {shown(finding.path)}:" if finding.path else ""
        out.print(f"{marks[finding.level]}{where} {shown(finding.message)}", soft_wrap=True)
    out.print(f"{checkup.sessions_read} stored records read.")
    if checkup.backups:
        out.print("\nBackups you can restore with [bold]bondcoach doctor --restore PATH[/]:")
        for backup in checkup.backups:
            out.print(f"  {shown(backup)}", soft_wrap=True)
    if not checkup.healthy:
        out.print(
            "\nbondcoach never overwrites a file it cannot read. Restore a backup above, "
            "or move the damaged file out of the data folder."
        )
