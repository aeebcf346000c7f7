"""The baby's profile as a value: name, birth and due dates, awake hours, week start.

Reading and writing it is storage's job (``storage/profile.py``); this is the shape.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from bondcoach.core.targets import TargetSettings

WEEK_STARTS = ("monday", "sunday")
MIN_AWAKE_HOURS = 1.0
MAX_AWAKE_HOURS = 20.0


class Profile(NamedTuple):
    baby_name: str | None = None
    birth_date: date | None = None
    awake_hours: float | None = None
    week_start: str = "monday"
    due_date: date | None = None  # for corrected age, and for parents still expecting

    def target_settings(self) -> TargetSettings:
        from bondcoach.core.targets import TargetSettings

        return TargetSettings(
            birth_date=self.birth_date,
            awake_hours_override=self.awake_hours,
            due_date=self.due_date,
        )

    @property
    def expecting(self) -> bool:
        """A due date and no birth date yet: tips for before the birth, no aims."""
        return self.birth_date is None and self.due_date is not None

    def with_changes(self, **changes: Any) -> Profile:
        return self._replace(**changes)
