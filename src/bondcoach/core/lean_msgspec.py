"""msgspec, imported without typing_extensions: every other module takes it from here.

When typing_extensions is installed (Typer and pydantic bring it), msgspec imports it at
start-up, only to read the type hints of TypedDicts with ``Required``/``NotRequired``
keys. bondcoach's records are Structs and never use those, and importing
typing_extensions costs about 2.5 ms: a tenth of what ``week`` adds to the floor every
Typer + Rich tool pays. Blocking it for the moment of msgspec's import makes msgspec fall
back to ``typing``'s own ``get_type_hints``, which reads bondcoach's Structs the same way
(the whole suite decodes through it, and ``test_startup`` checks the import stays lean).
Anything imported later (pydantic, for imports and the tips) gets typing_extensions as
usual: the block is lifted as soon as msgspec is in.
"""

from __future__ import annotations

import sys

if "msgspec" in sys.modules or "typing_extensions" in sys.modules:
    import msgspec as msgspec  # already paid for, or already imported: nothing to save
else:
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]  # an import of it fails
    try:
        import msgspec as msgspec
    finally:
        del sys.modules["typing_extensions"]
