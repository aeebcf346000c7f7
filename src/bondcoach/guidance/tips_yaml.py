"""Parsing and validating tips YAML: the slow path, used only when the cache is stale."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bondcoach.core.models import TipsFile
from bondcoach.core.tip_data import TipData
from bondcoach.errors import DataError

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as Loader  # type: ignore[assignment]


@dataclass(frozen=True)
class ParsedTips:
    tips: tuple[TipData, ...]
    activities: tuple[tuple[str, str], ...]


def _load_with_nodes(path: Path, raw: bytes) -> tuple[Any, yaml.Node | None]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(f"{path} is not UTF-8 text") from error
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = f"line {mark.line + 1}" if mark is not None else "somewhere"
        raise DataError(f"{path}, {line}: {error.problem}") from error
    except yaml.YAMLError as error:
        raise DataError(f"{path}: {error}") from error
    finally:
        loader.dispose()
    return data, node


def _line_of(node: yaml.Node | None, location: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the YAML node at a pydantic error location."""
    line = None if node is None else node.start_mark.line + 1
    for part in location:
        if isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            node = node.value[part] if part < len(node.value) else None
        else:
            break
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _describe(data: Any, location: tuple[int | str, ...]) -> str:
    if len(location) >= 2 and location[0] == "tips" and isinstance(location[1], int):
        entry = data["tips"][location[1]]
        name = entry.get("id") if isinstance(entry, dict) else None
        field_path = ".".join(str(part) for part in location[2:]) or "entry"
        label = f"tip {name!r}" if name else f"tip number {location[1] + 1}"
        return f"{label}, {field_path}"
    return ".".join(str(part) for part in location) or "the file"


def _check_unique_ids(path: Path, parsed: TipsFile, node: yaml.Node | None) -> None:
    seen: set[str] = set()
    for index, tip in enumerate(parsed.tips):
        if tip.id in seen:
            line = _line_of(node, ("tips", index))
            where = f", line {line}" if line is not None else ""
            raise DataError(f"{path}{where}: tip id {tip.id!r} appears twice")
        seen.add(tip.id)


def parse_tips_file(path: Path, raw: bytes) -> ParsedTips:
    data, node = _load_with_nodes(path, raw)
    if data is None:
        data = {}
    try:
        parsed = TipsFile.model_validate(data)
    except ValidationError as error:
        problem = error.errors()[0]
        location = tuple(problem["loc"])
        line = _line_of(node, location)
        where = f", line {line}" if line is not None else ""
        raise DataError(f"{path}{where}: {_describe(data, location)}: {problem['msg']}") from error
    _check_unique_ids(path, parsed, node)
    return ParsedTips(
        tips=tuple(TipData(**tip.model_dump()) for tip in parsed.tips),
        activities=tuple((activity.name, activity.idea) for activity in parsed.activities),
    )
