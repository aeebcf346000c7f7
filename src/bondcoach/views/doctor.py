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
    if checkup.schemas:
        out.print("\nComputers writing to this folder, and the format of their files:")
        for device, schema, this in checkup.schemas:
            version = {1: "bondcoach 1.0", 2: "bondcoach 2.0"}.get(schema or 0, "unknown")
            mark = " (this computer)" if this else ""
            out.print(f"  {shown(device)}{mark}: schema {schema} ({version})", soft_wrap=True)
    if checkup.backups:
        out.print("\nBackups you can restore with [bold]bondcoach doctor --restore PATH[/]:")
        for backup in checkup.backups:
            out.print(f"  {shown(backup)}", soft_wrap=True)
    if checkup.other_backups:
        folders = sorted({str(path.parent) for path in checkup.other_backups})
        count = len(checkup.other_backups)
        out.print(
            f"\n{count} other backup{'' if count == 1 else 's'} in the shared folder "
            "belong to other computers; only the computer that made a backup can restore "
            "it (run bondcoach doctor there). They are in:"
        )
        for folder in folders:
            out.print(f"  {shown(folder)}", soft_wrap=True)
    if not checkup.healthy:
        out.print(
            "\nbondcoach never overwrites a file it cannot read. Restore a backup above, "
            "or move the damaged file out of the data folder."
        )
