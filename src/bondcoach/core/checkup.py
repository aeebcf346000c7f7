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
    backups: tuple[Path, ...]
    sessions_read: int
    # (device, schema of its files, is this computer), for every computer in the folder
    schemas: tuple[tuple[str, int | None, bool], ...] = ()

    @property
    def healthy(self) -> bool:
        return not any(finding.level == PROBLEM for finding in self.findings)
