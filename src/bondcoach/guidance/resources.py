"""Finding the data files that ship with bondcoach (tips.yaml, support.yaml).

In an installed wheel they sit inside the package (pyproject's force-include copies the
top-level data/ folder there); in a source checkout they sit in data/ at the top.
"""

from __future__ import annotations

from pathlib import Path


def shipped_file(name: str) -> Path:
    # For a package installed as files, importlib.resources.files() is exactly this
    # folder; checking it first spares every run importing importlib.resources (which
    # pulls in zipfile and tempfile, about 2 ms here).
    beside = Path(__file__).parents[1] / "data" / name
    if beside.is_file():
        return beside
    checkout = Path(__file__).resolve().parents[3] / "data" / name
    if checkout.is_file():  # a source checkout (an editable install): the same test
        return checkout
    from importlib.resources import files

    packaged = Path(str(files("bondcoach") / "data" / name))
    if packaged.is_file():  # a zipped or otherwise unusual install
        return packaged
    return Path(__file__).resolve().parents[3] / "data" / name
