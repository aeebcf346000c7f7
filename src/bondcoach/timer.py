"""The play timer's clockwork, with the clock and sleep passed in so tests can drive it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

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
