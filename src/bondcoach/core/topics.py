"""The tip topics, named once: the type, the tuple, and the words of `tip --help`.

Kept apart from models.py (pydantic) so `bondcoach tip --help` can list them cheaply.
"""

from __future__ import annotations

from typing import Literal, get_args

Topic = Literal[
    "expectations",
    "cues",
    "crying",
    "routine",
    "play",
    "talk",
    "feelings",
    "separation",
    "family",
    "you",
    "mood",
    "support",
    "help",
]
TOPICS: tuple[str, ...] = get_args(Topic)

# The parent's own mental health and professional help: kept to about one tip in seven
# of those that fit any age (tests/unit/test_guidance_content.py holds it).
MOOD_AND_HELP = ("mood", "help")
