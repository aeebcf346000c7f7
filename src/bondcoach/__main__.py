"""The ``bondcoach`` command (and ``python -m bondcoach``): the CLI, with the garbage
collector tuned for a process that lives a tenth of a second.

Why here and not in ``bondcoach.cli``: importing that package imports Typer and Rich,
and most of the collector's work happens during those imports, so the setting must come
first. Why not in ``bondcoach/__init__.py``: a program that uses bondcoach as a library
keeps its own collector settings.
"""

from __future__ import annotations

import gc

# CPython collects after every 700 new container objects by default; the imports of one
# run create hundreds of thousands (functions, classes, dicts), almost none of them
# garbage, so most of those collections only walk live objects again. A higher first
# threshold keeps cycles collected (a ten-year import still frees its cycles) at a cost
# measured in the README's performance section: about 6 ms of a `week`.
FIRST_THRESHOLD = 50_000


def main() -> None:
    gc.set_threshold(FIRST_THRESHOLD, *gc.get_threshold()[1:])
    try:
        from bondcoach.cli import main as run

        run()
    finally:
        # At exit the interpreter runs full collections over every object left; frozen
        # objects are skipped (about 14 ms: more than week's own work). Files are all
        # closed and synced by now, and standard output is flushed by the interpreter
        # as usual; only memory the system reclaims anyway is left uncollected.
        gc.freeze()


if __name__ == "__main__":
    main()
