"""Finding the data files that ship with bondcoach (tips.yaml, support.yaml).

In an installed wheel they sit inside the package (pyproject's force-include copies the
top-level data/ folder there); in a source checkout they sit in data/ at the top.
"""

from __future__ import annotations

from pathlib import Path


def shipped_file(name: str) -> Path:
    from importlib.resources import files

    packaged = Path(str(files("bondcoach") / "data" / name))
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / name
