"""A tip, and the guidance loaded from the tips files: plain values, no I/O.

Kept apart from ``guidance/tips.py`` (which loads them) so the YAML parser and the
play timer can name these types without importing the loader.
"""

from __future__ import annotations

from typing import Any, NamedTuple


# NamedTuples rather than dataclasses: this module is on every `bondcoach tip`, and a
# dataclass costs several times more to define (measured in the README).
class TipData(NamedTuple):
    id: str
    topic: str
    title: str
    text: str
    source: str
    from_age: str | None = None
    until_age: str | None = None

    def as_json(self) -> dict[str, Any]:
        return self._asdict()


class Guidance(NamedTuple):
    tips: tuple[TipData, ...]
    activities: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...] = ()

    @property
    def topics(self) -> list[str]:
        return sorted({tip.topic for tip in self.tips})
