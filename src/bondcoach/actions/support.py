"""support: what to do, kinds of help, and who to call. Reads only what ships with bondcoach.

A country that is not listed is not an error: whoever asked may be in distress, so they
get the emergency advice and every line there is, and are told plainly it is not listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bondcoach.guidance.support import Country, Support, SupportLine


@dataclass(frozen=True)
class SupportFound:
    support: Support
    asked: str | None  # what was typed after --country, cleaned of control characters
    country: Country | None  # the listed country it names, if any

    @property
    def unlisted(self) -> bool:
        return self.asked is not None and self.country is None

    @property
    def lines(self) -> tuple[SupportLine, ...]:
        return self.country.lines if self.country else self.support.lines

    @property
    def emergency(self) -> str:
        return self.support.emergency_for(self.country)


def support(country: str | None) -> SupportFound:
    from bondcoach.core.models import without_controls
    from bondcoach.guidance.support import find_country, load_support

    found = load_support()
    if country is None:
        return SupportFound(found, None, None)
    asked = " ".join(without_controls(country).split())
    return SupportFound(found, asked, find_country(found, asked))
