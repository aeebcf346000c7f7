"""Guidance: the built-in tips, the user's own tips, and the tip of the day.

Validating YAML with pydantic costs more than the rest of ``bondcoach tip`` together,
so the validated result is cached as plain JSON in the cache folder, keyed by the bytes
of the tips files and the sources registry. A warm run reads those files and one cache
file, nothing more.
"""

from __future__ import annotations

import contextlib
import json
import zlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from bondcoach.core.corrected_age import guidance_age, is_born_early, timeline_start
from bondcoach.core.tip_choice import choose
from bondcoach.core.tip_choice import order_key as order_key
from bondcoach.core.tip_choice import rotation as rotation
from bondcoach.core.tip_data import ActivityData
from bondcoach.core.tip_data import Guidance as Guidance
from bondcoach.core.tip_data import TipData as TipData
from bondcoach.errors import DataError
from bondcoach.storage import paths
from bondcoach.storage.fsio import read_bytes

BUILTIN_NAME = "tips.yaml"
MAX_USER_TIPS_BYTES = 1_000_000  # the built-in tips are about 16 kB
SOURCES_NAME = "sources.yaml"
CACHE_FORMAT = 3  # 3: texts are cleaned of control characters as they are read


def builtin_tips_path() -> Path:
    from bondcoach.guidance.resources import shipped_file

    return shipped_file(BUILTIN_NAME)


def sources_path() -> Path:
    from bondcoach.guidance.resources import shipped_file

    return shipped_file(SOURCES_NAME)


def _shipped_bytes(path: Path, what: str) -> bytes:
    """A data file bondcoach ships; missing means the installation is incomplete."""
    found = read_bytes(path)
    if found is None:
        raise DataError(
            f"{what} are missing ({path})",
            hint="Reinstall bondcoach: its package data is incomplete.",
        )
    return found


def load_guidance() -> Guidance:
    builtin_path, registry_path = builtin_tips_path(), sources_path()
    builtin = _shipped_bytes(builtin_path, "the built-in tips")
    registry = _shipped_bytes(registry_path, "the sources of the built-in tips")
    user_path = paths.user_tips_file()
    user, unreadable = read_user_tips(user_path)
    cache_path = paths.cache_dir() / f"tips-{_content_key(builtin + registry, user)}.json"
    guidance = _read_cache(cache_path)
    if guidance is None:
        guidance = build_guidance(builtin_path, builtin, user_path, user, (registry_path, registry))
        _write_cache(cache_path, guidance)
    if unreadable:
        guidance = guidance._replace(warnings=(*guidance.warnings, unreadable))
    return guidance


def read_user_tips(path: Path) -> tuple[bytes | None, str | None]:
    """A user's own tips.yaml, or None and why it was left aside (the warning). A file
    that cannot be read, or one too big to be tips, must never stop 'tip' (README)."""
    from bondcoach.storage.fsio import read_small_file

    try:
        return read_small_file(path, MAX_USER_TIPS_BYTES), None
    except DataError as error:
        return None, f"{error.message}; using the built-in tips only"


def _content_key(builtin: bytes, user: bytes | None) -> str:
    """Names the cache after both files' bytes, so editing either one rebuilds it.

    CRC-32 and length rather than SHA-256: importing hashlib costs more than the rest
    of the key, and this guards against stale caches, not against an attacker.
    """
    own = b"-" if user is None else user
    return f"{zlib.crc32(builtin):08x}{len(builtin):x}-{zlib.crc32(own):08x}{len(own):x}"


def build_guidance(
    builtin_path: Path,
    builtin: bytes,
    user_path: Path,
    user: bytes | None,
    sources: tuple[Path, bytes] | None = None,
) -> Guidance:
    from bondcoach.guidance.tips_yaml import parse_sources_file, parse_tips_file

    registry = parse_sources_file(*sources) if sources is not None else {}
    base = parse_tips_file(builtin_path, builtin, registry, builtin=sources is not None)
    tips = {tip.id: tip for tip in base.tips}
    activities = {activity.name: activity for activity in base.activities}
    warnings: list[str] = []
    if user is not None:
        try:
            own = parse_tips_file(user_path, user, registry)
        except DataError as error:
            warnings.append(f"{error.message}; using the built-in tips only")
        else:
            tips.update((tip.id, tip) for tip in own.tips)
            activities.update((activity.name, activity) for activity in own.activities)
    return Guidance(
        tips=tuple(tips.values()),
        activities=tuple(activities.values()),
        warnings=tuple(warnings),
    )


def _read_cache(path: Path) -> Guidance | None:
    try:
        raw = read_bytes(path)
        if raw is None:
            return None
        payload = json.loads(raw)
        if payload.get("format") != CACHE_FORMAT:
            return None
        return Guidance(
            tips=tuple(_tip_from_cache(tip, payload["sources"]) for tip in payload["tips"]),
            activities=tuple(ActivityData(*activity) for activity in payload["activities"]),
            warnings=tuple(payload["warnings"]),
        )
    except (DataError, ValueError, KeyError, TypeError):
        return None  # a damaged or stale cache is rebuilt from the YAML


def _tip_from_cache(fields: dict[str, Any], sources: list[dict[str, Any]]) -> TipData:
    fields["sources"] = [sources[index] for index in fields["sources"]]
    return TipData.from_json(fields)


def _cached_tips(tips: Sequence[TipData]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Tips for the cache, each source written once and cited by its place in a list:
    many tips cite the same few sources, and the cache is read on every run."""
    places: dict[str, int] = {}
    sources: list[dict[str, Any]] = []
    rows = []
    for tip in tips:
        row = tip.as_json()
        cited = []
        for source in row["sources"]:
            key = json.dumps(source, sort_keys=True)
            if key not in places:
                places[key] = len(sources)
                sources.append(source)
            cited.append(places[key])
        row["sources"] = cited
        rows.append(row)
    return rows, sources


def _write_cache(path: Path, guidance: Guidance) -> None:
    from bondcoach.storage.fsio import atomic_write

    tips, sources = _cached_tips(guidance.tips)
    payload = {
        "format": CACHE_FORMAT,
        "tips": tips,
        "sources": sources,
        "activities": [list(activity) for activity in guidance.activities],
        "warnings": list(guidance.warnings),
    }
    # The cache only saves time: a read-only cache folder must not stop a tip.
    with contextlib.suppress(DataError, OSError):
        atomic_write(path, json.dumps(payload, ensure_ascii=False).encode("utf-8"), is_change=False)
        for stale in path.parent.glob("tips-*.json"):
            if stale != path:  # caches of tips files as they used to be
                stale.unlink(missing_ok=True)


def family_of(birth: date | None, due: date | None) -> frozenset[str]:
    """The families tips marked `for:` can be meant for, as far as the profile tells."""
    return frozenset({"born-early"}) if is_born_early(birth, due) else frozenset()


def suitable_tips(
    tips: Sequence[TipData],
    day: date,
    birth: date | None = None,
    topic: str | None = None,
    due: date | None = None,
) -> list[TipData]:
    """The tips that fit the baby's age on ``day`` (and the topic), in rotation order."""
    age = guidance_age(birth, due, day)
    families = family_of(birth, due)
    return [
        tip
        for tip in rotation(tips)
        if (topic is None or tip.topic == topic) and tip.fits(age, families)
    ]


def tip_of_the_day(
    tips: Sequence[TipData],
    day: date,
    birth: date | None = None,
    topic: str | None = None,
    due: date | None = None,
    families: frozenset[str] | None = None,
) -> TipData | None:
    """The same tip all day; see core/tip_choice for how it is chosen."""
    chosen = [tip for tip in tips if topic is None or tip.topic == topic]
    return choose(
        chosen,
        day,
        lambda on: guidance_age(birth, due, on),
        timeline_start(birth, due, day),
        family_of(birth, due) if families is None else families,
    )
