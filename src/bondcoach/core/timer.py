"""The play timer's clockwork, with the clock and sleep passed in so tests can drive it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bondcoach.core.tip_data import Guidance

IDEA_EVERY_SECONDS = 180.0
TICK_SECONDS = 1.0


@dataclass
class PlayTimer:
    seconds: float
    clock: Callable[[], float]
    sleep: Callable[[float], None]
    started: float = field(default=0.0, init=False)

    def elapsed(self) -> float:
        return min(self.clock() - self.started, self.seconds)

    def run(self, on_tick: Callable[[float], None]) -> None:
        """Call ``on_tick(elapsed)`` about once a second until the time is up.

        A KeyboardInterrupt (Ctrl-C) escapes to the caller, who can still ask
        ``elapsed()`` how long it ran.
        """
        self.started = self.clock()
        while True:
            elapsed = self.elapsed()
            on_tick(elapsed)
            if elapsed >= self.seconds:
                return
            self.sleep(min(TICK_SECONDS, self.seconds - elapsed))


def idea_for(ideas: Sequence[str], elapsed: float) -> str:
    """A new gentle idea every few minutes, in turn."""
    if not ideas:
        return ""
    return ideas[int(elapsed // IDEA_EVERY_SECONDS) % len(ideas)]


def whole_minutes(seconds: float) -> int:
    return int(seconds // 60)


def ideas_for(
    guidance: Guidance, activities: Sequence[str], age_days: int | None = None
) -> list[str]:
    """Ideas for the chosen activities first, then the others that fit the baby's age.

    Only activity ideas, not tip titles: ideas that involve holding or feeds carry their
    safe-sleep words, and a title alone could not."""
    fitting = [activity for activity in guidance.activities if activity.fits(age_days)]
    by_name = {activity.name: activity.idea for activity in fitting}
    chosen = [by_name[name] for name in activities if name in by_name]
    # The age's own ideas before the everyday ones for any age.
    others = sorted(
        (activity for activity in fitting if activity.name not in activities),
        key=lambda activity: activity.until_age_days is None,
    )
    return chosen + [activity.idea for activity in others]
