"""msgspec, imported without typing_extensions: every other module takes it from here.

When typing_extensions is installed (Typer and pydantic bring it), msgspec imports it at
start-up, only to read the type hints of TypedDicts with ``Required``/``NotRequired``
keys. bondcoach's records are Structs and never use those, and importing
typing_extensions costs about 2.5 ms: a tenth of what ``week`` adds to the floor every
Typer + Rich tool pays. Blocking it for the moment of msgspec's import makes msgspec fall
back to ``typing``'s own ``get_type_hints``, which reads bondcoach's Structs the same way
(``tests/unit/test_lean_msgspec.py``; ``test_startup`` checks the import stays lean).

Only in bondcoach's own program (``bondcoach`` or ``python -m bondcoach``): a program
that uses bondcoach as a library keeps msgspec exactly as msgspec sets itself up. And a
msgspec that cannot start without typing_extensions is imported again, as usual.
"""

from __future__ import annotations

import sys


def _in_the_program() -> bool:
    main_spec = getattr(sys.modules.get("__main__"), "__spec__", None)
    return (
        "bondcoach.__main__" in sys.modules
        or getattr(main_spec, "name", None) == "bondcoach.__main__"
    )


def _forget_half_import() -> None:
    for name in [n for n in sys.modules if n == "msgspec" or n.startswith("msgspec.")]:
        del sys.modules[name]
    if sys.modules.get("typing_extensions", False) is None:
        del sys.modules["typing_extensions"]


if "msgspec" in sys.modules or "typing_extensions" in sys.modules or not _in_the_program():
    import msgspec as msgspec  # as usual (or already imported): nothing to save
else:
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]  # an import of it fails
    try:
        import msgspec as msgspec
    except ImportError:  # a msgspec that needs typing_extensions after all
        _forget_half_import()
        import msgspec as msgspec
    finally:
        if sys.modules.get("typing_extensions", False) is None:
            del sys.modules["typing_extensions"]
