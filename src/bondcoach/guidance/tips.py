"""Guidance: the built-in tips, the user's own tips, and the tip of the day.

Validating YAML with pydantic costs more than the rest of ``bondcoach tip`` together,
so the validated result is cached as plain JSON in the cache folder, keyed by the bytes
of both tips files. A warm run reads two small files and one cache file, nothing more.
"""

from __future__ import annotations

import contextlib
import json
import zlib
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from bondcoach.core.ages import fits_age
from bondcoach.core.tip_data import Guidance as Guidance
from bondcoach.core.tip_data import TipData as TipData
from bondcoach.errors import DataError
from bondcoach.storage import paths
from bondcoach.storage.fsio import read_bytes

BUILTIN_NAME = "tips.yaml"
MAX_USER_TIPS_BYTES = 1_000_000  # the built-in tips are about 16 kB
CACHE_FORMAT = 2  # 2: texts are cleaned of control characters as they are read


def builtin_tips_path() -> Path:
    from bondcoach.guidance.resources import shipped_file

    return shipped_file(BUILTIN_NAME)


def load_guidance() -> Guidance:
    builtin_path = builtin_tips_path()
    builtin = read_bytes(builtin_path)
    if builtin is None:
        raise DataError(
            f"the built-in tips are missing ({builtin_path})",
            hint="Reinstall bondcoach: its package data is incomplete.",
        )
    user_path = paths.user_tips_file()
    user, unreadable = read_user_tips(user_path)
    cache_path = paths.cache_dir() / f"tips-{_content_key(builtin, user)}.json"
    guidance = _read_cache(cache_path)
    if guidance is None:
        guidance = build_guidance(builtin_path, builtin, user_path, user)
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
    builtin_path: Path, builtin: bytes, user_path: Path, user: bytes | None
) -> Guidance:
    from bondcoach.guidance.tips_yaml import parse_tips_file

    base = parse_tips_file(builtin_path, builtin)
    tips = {tip.id: tip for tip in base.tips}
    activities = dict(base.activities)
    warnings: list[str] = []
    if user is not None:
        try:
            own = parse_tips_file(user_path, user)
        except DataError as error:
            warnings.append(f"{error.message}; using the built-in tips only")
        else:
            tips.update((tip.id, tip) for tip in own.tips)
            activities.update(own.activities)
    return Guidance(
        tips=tuple(tips.values()),
        activities=tuple(activities.items()),
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
            tips=tuple(TipData(**tip) for tip in payload["tips"]),
            activities=tuple((name, idea) for name, idea in payload["activities"]),
            warnings=tuple(payload["warnings"]),
        )
    except (DataError, ValueError, KeyError, TypeError):
        return None  # a damaged or stale cache is rebuilt from the YAML


def _write_cache(path: Path, guidance: Guidance) -> None:
    from bondcoach.storage.fsio import atomic_write

    payload = {
        "format": CACHE_FORMAT,
        "tips": [tip.as_json() for tip in guidance.tips],
        "activities": [list(pair) for pair in guidance.activities],
        "warnings": list(guidance.warnings),
    }
    # The cache only saves time: a read-only cache folder must not stop a tip.
    with contextlib.suppress(DataError, OSError):
        atomic_write(path, json.dumps(payload, ensure_ascii=False).encode("utf-8"), is_change=False)
        for stale in path.parent.glob("tips-*.json"):
            if stale != path:  # caches of tips files as they used to be
                stale.unlink(missing_ok=True)


def order_key(tip_id: str) -> tuple[int, str]:
    """A fixed pseudo-random place for each tip, so new tips slot in without reshuffling."""
    return zlib.crc32(tip_id.encode("utf-8")), tip_id


def rotation(tips: Iterable[TipData]) -> list[TipData]:
    return sorted(tips, key=lambda tip: order_key(tip.id))


def suitable_tips(
    tips: Sequence[TipData], day: date, birth: date | None = None, topic: str | None = None
) -> list[TipData]:
    return [
        tip
        for tip in rotation(tips)
        if (topic is None or tip.topic == topic)
        and fits_age(tip.from_age, tip.until_age, birth, day)
    ]


def tip_of_the_day(
    tips: Sequence[TipData], day: date, birth: date | None = None, topic: str | None = None
) -> TipData | None:
    """The same tip all day; consecutive days walk the rotation without repeats."""
    candidates = suitable_tips(tips, day, birth, topic)
    if not candidates:
        return None
    return candidates[day.toordinal() % len(candidates)]
