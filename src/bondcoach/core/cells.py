"""Cells of an exported or imported file: formulas neutralised, text that cannot be stored."""

from __future__ import annotations

from typing import Any

# A cell a spreadsheet would run as a formula (OWASP, "CSV injection") starts with one of
# these; export puts a ' before it, and before a leading ' too, so import can take
# exactly that ' away again and a round trip changes nothing.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTED_STARTS = (*FORMULA_STARTS, "'")


def neutralise_cell(text: str) -> str:
    return f"'{text}" if text.startswith(_QUOTED_STARTS) else text


def restore_cell(text: str) -> str:
    """The inverse of neutralise_cell for every cell export writes."""
    if text.startswith("'") and text[1:].startswith(_QUOTED_STARTS):
        return text[1:]
    return text


def has_lone_surrogate(value: Any) -> bool:
    """JSON may spell half a UTF-16 pair ("\\ud800"); such text cannot be stored."""
    if isinstance(value, str):
        return any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return any(has_lone_surrogate(k) or has_lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_lone_surrogate(item) for item in value)
    return False
