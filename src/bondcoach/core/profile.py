"""The family's profile as a value: the babies and the first day of the week.

Stored as fields named by dotted paths (``week_start``, ``babies.first.name``), each with
its own version time, so two computers changing different fields while apart both keep
their change (``storage/profile.py`` reads and writes them; this is the shape). The baby
bondcoach 1.0 knew has the fixed id ``first``; ``baby_name``, ``birth_date`` and
``awake_hours`` are views of that baby, so code written for one baby keeps working.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from bondcoach.core.targets import TargetSettings

WEEK_STARTS = ("monday", "sunday")
MIN_AWAKE_HOURS = 1.0
MAX_AWAKE_HOURS = 20.0
FIRST_BABY = "first"
BABY_FIELDS = ("name", "birth_date", "due_date", "awake_hours")
# 1.0's names for the first baby's fields (its profile.json, and setup's options).
FIRST_BABY_ALIASES = {
    "baby_name": f"babies.{FIRST_BABY}.name",
    "birth_date": f"babies.{FIRST_BABY}.birth_date",
    "awake_hours": f"babies.{FIRST_BABY}.awake_hours",
    "due_date": f"babies.{FIRST_BABY}.due_date",
}


class Baby(NamedTuple):
    id: str
    name: str | None = None
    birth_date: date | None = None
    due_date: date | None = None
    awake_hours: float | None = None


class Profile(NamedTuple):
    """Field path -> value (dates as ``date``); a missing path is unset."""

    fields: Mapping[str, Any] = MappingProxyType({})  # read only: a default shared by all

    @property
    def week_start(self) -> str:
        value = self.fields.get("week_start")
        return value if isinstance(value, str) else "monday"

    @property
    def babies(self) -> tuple[Baby, ...]:
        """Every baby in the family now, the first one first (then by id); a removed
        baby (``babies.<id>.removed``) is left out, but still named by ``all_babies``."""
        return tuple(baby for baby in self.all_babies if not self.removed(baby.id))

    @property
    def all_babies(self) -> tuple[Baby, ...]:
        """Every baby ever in the profile, removed ones too (their sessions keep a name)."""
        ids = {path.split(".")[1] for path in self.fields if path.startswith("babies.")}
        ordered = sorted(ids, key=lambda baby_id: (baby_id != FIRST_BABY, baby_id))
        return tuple(self.baby(baby_id) for baby_id in ordered)

    def removed(self, baby_id: str) -> bool:
        return self.fields.get(f"babies.{baby_id}.removed") is True

    def baby(self, baby_id: str) -> Baby:
        values = {name: self.fields.get(f"babies.{baby_id}.{name}") for name in BABY_FIELDS}
        return Baby(baby_id, **values)

    @property
    def baby_name(self) -> str | None:
        return self.baby(FIRST_BABY).name

    @property
    def birth_date(self) -> date | None:
        return self.baby(FIRST_BABY).birth_date

    @property
    def awake_hours(self) -> float | None:
        return self.baby(FIRST_BABY).awake_hours

    @property
    def due_date(self) -> date | None:
        """For corrected age (a baby born early), and for parents still expecting."""
        return self.baby(FIRST_BABY).due_date

    @property
    def expecting(self) -> bool:
        """A due date and no birth date yet: tips for before the birth, no aims."""
        return self.birth_date is None and self.due_date is not None

    @property
    def families(self) -> frozenset[str]:
        return self.families_for(FIRST_BABY)

    def families_for(self, baby_id: str) -> frozenset[str]:
        """Which tips marked ``for:`` suit this baby's family: born-early (this baby born
        more than 21 days before the due date), twins (another baby born the same day),
        siblings (an older brother or sister in the profile: this baby is the new one)."""
        from bondcoach.core.corrected_age import is_born_early

        kinds = set()
        baby = self.baby(baby_id)
        if is_born_early(baby.birth_date, baby.due_date):
            kinds.add("born-early")
        others = [other for other in self.babies if other.id != baby.id]
        # The sibling tips are about a new baby joining an older child, so they suit the
        # younger one (born later, or still expected), never twins born the same day.
        if any(_born_before(other, baby) for other in others):
            kinds.add("siblings")
        if baby.birth_date is not None and any(o.birth_date == baby.birth_date for o in others):
            kinds.add("twins")
        return frozenset(kinds)

    def target_settings(self, baby_id: str = FIRST_BABY) -> TargetSettings:
        """The aim's settings for one baby (the first one, as 1.0 had it, by default)."""
        from bondcoach.core.targets import TargetSettings

        baby = self.baby(baby_id)
        return TargetSettings(
            birth_date=baby.birth_date,
            awake_hours_override=baby.awake_hours,
            due_date=baby.due_date,
        )

    def with_changes(self, **changes: Any) -> Profile:
        """A copy with fields changed, by path or by 1.0's names (``baby_name``, ...)."""
        updated = dict(self.fields)
        for name, value in changes.items():
            updated[FIRST_BABY_ALIASES.get(name, name)] = value
        return Profile(updated)


def _born_before(other: Baby, baby: Baby) -> bool:
    """Whether ``other`` is older than ``baby`` (an expected baby is younger than any born)."""
    if other.birth_date is None:
        return False
    return baby.birth_date is None or other.birth_date < baby.birth_date
