"""The current local time. One function, so tests can move time (time-machine) and the
core can take ``now`` as a parameter instead of asking the system itself."""

from __future__ import annotations

from datetime import datetime


def now() -> datetime:
    """Now, timezone-aware, in this computer's local offset."""
    return datetime.now().astimezone()
