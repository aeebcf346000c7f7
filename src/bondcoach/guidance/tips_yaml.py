"""Parsing and validating tips YAML: the slow path, used only when the cache is stale."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from bondcoach.core.models import SourcesFile, Tip, TipsFile
from bondcoach.core.tip_data import ActivityData, TipData
from bondcoach.errors import DataError

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # PyYAML built without libyaml
    from yaml import SafeLoader as Loader  # type: ignore[assignment]


# A source as a tip carries it: what `tip --json` shows of the registry entry.
SourceRef = dict[str, "str | None"]


@dataclass(frozen=True)
class ParsedTips:
    tips: tuple[TipData, ...]
    activities: tuple[ActivityData, ...]


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


def _validated(model: Any, path: Path, raw: bytes) -> tuple[Any, Any, yaml.Node | None]:
    data, node = _load_with_nodes(path, raw)
    if data is None:
        data = {}
    try:
        return model.model_validate(data), data, node
    except ValidationError as error:
        problem = error.errors()[0]
        location = tuple(problem["loc"])
        line = _line_of(node, location)
        where = f", line {line}" if line is not None else ""
        raise DataError(f"{path}{where}: {_describe(data, location)}: {problem['msg']}") from error


def parse_sources_file(path: Path, raw: bytes) -> dict[str, SourceRef]:
    """The sources registry: id -> {title, publisher, url}. Ids are unique."""
    parsed, _, node = _validated(SourcesFile, path, raw)
    registry: dict[str, SourceRef] = {}
    for index, source in enumerate(parsed.sources):
        if source.id in registry:
            line = _line_of(node, ("sources", index))
            raise DataError(f"{path}, line {line}: source id {source.id!r} appears twice")
        registry[source.id] = {
            "title": source.title,
            "publisher": source.publisher,
            "url": source.url,
        }
    return registry


def _tip_data(tip: Tip, registry: dict[str, SourceRef] | None) -> TipData:
    # Without a registry (a file checked on its own), an id stands in for its source.
    unknown: SourceRef = {"title": "", "publisher": "", "url": None}
    cited = tuple(
        registry[source_id] if registry is not None else {**unknown, "title": source_id}
        for source_id in tip.sources
    )
    credit = tip.source or f"{cited[0]['publisher']}, {cited[0]['title']}"
    low, high = tip.age_days()
    return TipData(
        id=tip.id,
        topic=tip.topic,
        title=tip.title,
        text=tip.text,
        source=credit,
        from_age=tip.from_age,
        until_age=tip.until_age,
        why=tip.why,
        sources=cited,
        from_age_days=low,
        until_age_days=high,
        families=tuple(tip.families),
    )


def _check_citations(
    path: Path,
    parsed: TipsFile,
    node: yaml.Node | None,
    registry: dict[str, SourceRef],
    builtin: bool,
) -> None:
    """Every cited id resolves; a built-in tip also says why it helps and cites a source."""
    for index, tip in enumerate(parsed.tips):
        missing = [source for source in tip.sources if source not in registry]
        problem = f"source {missing[0]!r} is not in data/sources.yaml" if missing else None
        if builtin and problem is None:
            if not tip.why:
                problem = "a built-in tip needs a why line"
            elif not tip.sources:
                problem = "a built-in tip cites its sources by id"
        if problem is not None:
            line = _line_of(node, ("tips", index))
            raise DataError(f"{path}, line {line}: tip {tip.id!r}: {problem}")


def parse_tips_file(
    path: Path, raw: bytes, registry: dict[str, SourceRef] | None = None, builtin: bool = False
) -> ParsedTips:
    parsed, _, node = _validated(TipsFile, path, raw)
    _check_unique_ids(path, parsed, node)
    if registry is not None:
        _check_citations(path, parsed, node, registry, builtin)
    return ParsedTips(
        tips=tuple(_tip_data(tip, registry) for tip in parsed.tips),
        activities=tuple(
            ActivityData(a.name, a.idea, a.from_age_days, a.until_age_days)
            for a in parsed.activities
        ),
    )
