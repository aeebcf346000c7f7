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


IDEA_TOPICS = ("cues", "routine")


def ideas_for(guidance: Guidance, activities: Sequence[str]) -> list[str]:
    """Ideas for the chosen activities first, then the others and cue-reading tips."""
    by_name = dict(guidance.activities)
    chosen = [by_name[name] for name in activities if name in by_name]
    others = [idea for name, idea in guidance.activities if name not in activities]
    tips = [tip.title for tip in guidance.tips if tip.topic in IDEA_TOPICS]
    mixed: list[str] = []
    for index in range(max(len(others), len(tips))):
        mixed.extend(pair[index] for pair in (others, tips) if index < len(pair))
    return chosen + mixed
