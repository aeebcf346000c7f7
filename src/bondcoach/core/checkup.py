"""What 'bondcoach doctor' found: findings, backups to offer, records read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

OK, NOTE, PROBLEM = "ok", "note", "problem"


@dataclass(frozen=True)
class Finding:
    level: str
    path: Path | None
    message: str


@dataclass(frozen=True)
class Checkup:
    findings: tuple[Finding, ...]
    backups: tuple[Path, ...]  # this computer's: the ones it can restore
    sessions_read: int
    # Other computers' backups in the shared folder: only the computer that made one can
    # restore it (each writes its own files), so they are counted, not offered.
    other_backups: tuple[Path, ...] = ()
    # (device, schema of its files, is this computer), for every computer in the folder
    schemas: tuple[tuple[str, int | None, bool], ...] = ()

    @property
    def healthy(self) -> bool:
        return not any(finding.level == PROBLEM for finding in self.findings)
