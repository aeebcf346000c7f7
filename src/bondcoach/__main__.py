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
# threshold keeps cycles collected (a ten-year import's peak memory is unchanged); with
# the freeze below it takes about a fifth off every command (README, Performance).
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
        # as usual; only memory the system reclaims anyway is left uncollected. The
        # rule that keeps this safe: nothing of bondcoach's may rely on a finalizer
        # (``__del__``, a file closed by garbage collection) to finish its work.
        gc.freeze()


if __name__ == "__main__":
    main()
