"""The layering, read from the code: which modules may import which.

Every import counts, inside functions and under TYPE_CHECKING too. The layers (see the
README's Development section): cli -> actions -> views, guidance, storage -> core.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "bondcoach"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """Every module ``name`` imports, anywhere in its body, as full dotted names."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else base)
    return found


def inside(name: str, *packages: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def offenders(where: tuple[str, ...], forbidden: tuple[str, ...], outside: bool) -> list[str]:
    """``name -> import`` pairs where a module in (or, with ``outside``, not in) ``where``
    imports something in ``forbidden``."""
    found = []
    for name in MODULES:
        if inside(name, *where) == outside:
            continue
        found += [f"{name} -> {i}" for i in sorted(imports_of(name)) if inside(i, *forbidden)]
    return found


def test_the_layers_are_folders() -> None:
    loose = [
        name for name in MODULES if name.count(".") == 1 and MODULES[name].name != "__init__.py"
    ]
    assert len(loose) <= 12, loose
    for folder in ("cli", "views", "actions", "core", "storage", "guidance"):
        assert f"bondcoach.{folder}" in MODULES


def test_no_import_cycles() -> None:
    graph = {name: {i for i in imports_of(name) if i in MODULES and i != name} for name in MODULES}
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            pytest.fail("import cycle: " + " -> ".join([*path[path.index(name) :], name]))
        if name in done:
            return
        for target in sorted(graph[name]):
            visit(target, [*path, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_typer_only_in_the_cli() -> None:
    assert offenders(("bondcoach.cli",), ("typer", "click"), outside=True) == []


def test_rich_only_in_the_cli_and_views() -> None:
    assert offenders(("bondcoach.cli", "bondcoach.views"), ("rich",), outside=True) == []


def test_the_cli_and_views_never_touch_storage() -> None:
    assert (
        offenders(
            ("bondcoach.cli", "bondcoach.views"), ("bondcoach.storage", "fcntl"), outside=False
        )
        == []
    )


def test_file_locks_only_in_the_store_lock() -> None:
    # One lock implementation: every lock is the store's (storage/lock.py), and the
    # filelock package is no longer imported (its import cost every read 15 ms).
    locks = ("fcntl", "msvcrt", "filelock")
    assert offenders(("bondcoach.storage.lock",), locks, outside=True) == []
    assert "filelock" not in imports_of("bondcoach.storage.lock")


def test_msgspec_only_through_its_lean_import() -> None:
    # core/lean_msgspec.py keeps typing_extensions out of msgspec's start-up; a module
    # importing msgspec itself first would quietly bring the cost back.
    assert offenders(("bondcoach.core.lean_msgspec",), ("msgspec",), outside=True) == []


def test_the_core_is_pure() -> None:
    upper = ("bondcoach.storage", "bondcoach.actions", "bondcoach.cli", "bondcoach.views")
    assert offenders(("bondcoach.core",), upper, outside=False) == []


def test_views_do_not_read_the_clock() -> None:
    assert offenders(("bondcoach.views",), ("bondcoach.core.clock", "time"), outside=False) == []
    for name, path in MODULES.items():
        if inside(name, "bondcoach.views"):
            text = path.read_text(encoding="utf-8")
            for call in (".now(", ".today(", "time.time(", "time.monotonic("):
                assert call not in text, f"{name} reads the clock ({call})"


def test_imports_point_down() -> None:
    """Actions never show anything; storage, guidance and the core never call upward."""
    assert offenders(("bondcoach.actions",), ("bondcoach.cli", "bondcoach.views"), False) == []
    lower = ("bondcoach.storage", "bondcoach.guidance", "bondcoach.core")
    upper = ("bondcoach.actions", "bondcoach.cli", "bondcoach.views")
    assert offenders(lower, upper, outside=False) == []


def test_modules_and_classes_stay_small() -> None:
    """No module over 300 lines, no class over 150 (every line counted)."""
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 300, name
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                assert node.end_lineno is not None
                assert node.end_lineno - node.lineno + 1 <= 150, f"{name}.{node.name}"
