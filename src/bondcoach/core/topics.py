"""The tip topics, named once: the type, the tuple, and the words of `tip --help`.

Kept apart from models.py (pydantic) so `bondcoach tip --help` can list them cheaply.
"""

from __future__ import annotations

from typing import Literal, get_args

Topic = Literal["expectations", "cues", "routine", "you", "support", "mood", "help"]
TOPICS: tuple[str, ...] = get_args(Topic)
