"""A tip, an activity idea, and the guidance loaded from the tips files: plain values.

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
    source: str  # the short credit line: a user's own, or the first cited source's
    from_age: str | None = None  # a 1.0 user tip's own words ("6 weeks"); None otherwise
    until_age: str | None = None
    why: str | None = None
    sources: tuple[dict[str, str | None], ...] = ()  # {title, publisher, url}
    from_age_days: int | None = None  # what choosing uses: inclusive
    until_age_days: int | None = None  # exclusive
    families: tuple[str, ...] = ()  # `for:` in the YAML: born-early, twins, siblings

    def as_json(self) -> dict[str, Any]:
        payload = self._asdict()
        payload["sources"] = [dict(source) for source in self.sources]
        payload["for"] = list(payload.pop("families"))
        return payload

    @classmethod
    def from_json(cls, payload: dict[str, Any]) -> TipData:
        fields = dict(payload)
        fields["families"] = tuple(fields.pop("for", ()))
        fields["sources"] = tuple(fields.get("sources", ()))
        return cls(**fields)

    def fits(self, age_days: int | None, families: frozenset[str] = frozenset()) -> bool:
        """Whether the tip suits a baby of that age in such a family.

        With no age known, only tips for every age from birth on fit.
        """
        if not families.issuperset(self.families):
            return False
        if age_days is None:
            return (self.from_age_days or 0) <= 0 and self.until_age_days is None
        if self.from_age_days is not None and age_days < self.from_age_days:
            return False
        return self.until_age_days is None or age_days < self.until_age_days


class ActivityData(NamedTuple):
    name: str
    idea: str
    from_age_days: int | None = None
    until_age_days: int | None = None

    def fits(self, age_days: int | None) -> bool:
        if age_days is None:
            return True
        if self.from_age_days is not None and age_days < self.from_age_days:
            return False
        return self.until_age_days is None or age_days < self.until_age_days


class Guidance(NamedTuple):
    tips: tuple[TipData, ...]
    activities: tuple[ActivityData, ...]
    warnings: tuple[str, ...] = ()

    @property
    def ideas(self) -> dict[str, str]:
        """Activity name -> idea, whatever the age."""
        return {activity.name: activity.idea for activity in self.activities}

    @property
    def topics(self) -> list[str]:
        return sorted({tip.topic for tip in self.tips})
