"""Where to find help: the kinds of help the interview names, and support lines by country.

Read from the shipped data/support.yaml and nothing else, so ``bondcoach support`` works
even when the sessions or the tips cannot be read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bondcoach.errors import DataError
from bondcoach.guidance.resources import shipped_file
from bondcoach.storage.fsio import read_bytes

SUPPORT_NAME = "support.yaml"


@dataclass(frozen=True)
class KindOfHelp:
    name: str
    for_whom: str
    good_for: str
    source: str


@dataclass(frozen=True)
class SupportLine:
    country: str
    name: str
    contact: str
    for_whom: str
    source: str
    checked: str


@dataclass(frozen=True)
class Support:
    emergency: str
    not_medical_advice: str
    kinds: tuple[KindOfHelp, ...]
    lines: tuple[SupportLine, ...]

    @property
    def countries(self) -> list[str]:
        return list(dict.fromkeys(line.country for line in self.lines))


def load_support() -> Support:
    import yaml

    path = shipped_file(SUPPORT_NAME)
    raw = read_bytes(path)
    if raw is None:
        raise DataError(f"the support list is missing ({path})", hint="Reinstall bondcoach.")
    try:
        data: Any = yaml.safe_load(raw)
        return Support(
            emergency=str(data["emergency"]),
            not_medical_advice=str(data["not_medical_advice"]),
            kinds=tuple(
                KindOfHelp(k["name"], k["for_whom"], k["good_for"], k["source"])
                for k in data["kinds_of_help"]
            ),
            lines=tuple(
                SupportLine(
                    line["country"],
                    line["name"],
                    line["contact"],
                    line["for"],
                    line["source"],
                    str(line["checked"]),
                )
                for line in data["lines"]
            ),
        )
    except (yaml.YAMLError, KeyError, TypeError) as error:
        raise DataError(f"{path} cannot be read ({error})", hint="Reinstall bondcoach.") from error


def lines_for(support: Support, country: str | None) -> list[SupportLine]:
    if country is None:
        return list(support.lines)
    wanted = country.strip().lower()
    return [line for line in support.lines if line.country.lower().startswith(wanted)]
