"""Cleaning text for a terminal: the one function every way in and out uses.

Kept apart from ``models`` (which imports pydantic) so that views and the fast paths
(``tip``, errors) can clean text without paying for pydantic.
"""

from __future__ import annotations

import unicodedata


def without_controls(text: str, keep: str = "") -> str:
    """Text minus control characters (but those in ``keep``): a stored note or name, a
    tip from a user's file or a file name must never move the cursor, clear the screen,
    write the clipboard (OSC 52) or hide a link (OSC 8) when it is shown. Removing ESC,
    CSI (U+009B), BEL and the other C0/C1 controls disarms every such sequence."""
    return "".join(c for c in text if c in keep or unicodedata.category(c) != "Cc")


def for_terminal(text: str) -> str:
    """What is shown of a text from a file or a person: line breaks and tabs kept."""
    return without_controls(text, keep="\n\t")
