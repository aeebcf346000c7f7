"""support: kinds of help, and who to call. Reads only what ships with bondcoach."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bondcoach.guidance.support import Support, SupportLine


@dataclass(frozen=True)
class SupportFound:
    support: Support
    lines: list[SupportLine]


def support(country: str | None) -> SupportFound:
    from bondcoach.errors import InputError
    from bondcoach.guidance.support import lines_for, load_support

    found = load_support()
    lines = lines_for(found, country)
    if country is not None and not lines:
        known = ", ".join(found.countries)
        raise InputError(f"no lines listed for {country!r}; listed countries: {known}")
    return SupportFound(found, lines)
