"""Running commands side by side and reporting the median of per-round ratios.

A round runs every command of a group once, one after another (the order rotates
from round to round); a ratio is taken within each round and the median over the
rounds is reported, because on a shared machine a ratio measured within one round
is steadier than two medians measured apart.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

Command = tuple[list[str], dict[str, str]]


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child (os.wait4's rusage of it alone)
    peak: float  # MiB, the child's maximum resident set


def run(command: list[str], env: dict[str, str]) -> Sample:
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if code != 0:
        raise SystemExit(f"{' '.join(command)} failed ({code}): {error}")
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Sample(wall, usage.ru_utime + usage.ru_stime, peak)


def rounds(group: dict[str, Command], runs: int, warm: bool = True) -> dict[str, list[Sample]]:
    """Each command of ``group`` ``runs`` times, interleaved; after one warm-up round."""
    names = list(group)
    if warm:  # the OS page cache, the tips cache, .pyc files
        for name in names:
            run(*group[name])
    samples: dict[str, list[Sample]] = {name: [] for name in names}
    for index in range(runs):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(run(*group[name]))
    return samples


def median_ratio(a: list[Sample], b: list[Sample], metric: str = "wall") -> float:
    return statistics.median(
        getattr(x, metric) / getattr(y, metric) for x, y in zip(a, b, strict=True)
    )


def median(samples: list[Sample], metric: str = "wall") -> float:
    return statistics.median(getattr(sample, metric) for sample in samples)


RESULTS: list[tuple[str, float, float | None]] = []


def show(
    label: str,
    a: list[Sample],
    b: list[Sample],
    goal: float | None = None,
    metric: str = "wall",
) -> float:
    """Print one ratio with both medians, and whether it meets ``goal``."""
    ratio = median_ratio(a, b, metric)
    if metric == "peak":
        detail = f"{median(a, 'peak'):.1f} vs {median(b, 'peak'):.1f} MiB"
    else:
        detail = f"{median(a, metric) * 1000:.0f} vs {median(b, metric) * 1000:.0f} ms"
    verdict = ""
    if goal is not None:
        verdict = f"  goal <= {goal:g}x: {'met' if ratio <= goal else 'NOT MET'}"
    print(f"{label:<52} {ratio:6.2f}x  ({detail}){verdict}", flush=True)
    RESULTS.append((label, ratio, goal))
    return ratio


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def environment(home: Path, data: Path | None) -> dict[str, str]:
    """A colour terminal, as people run bondcoach (not --plain), with folders of its own."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("BONDCOACH_", "XDG_"))
        and key not in ("NO_COLOR", "COLUMNS", "PYTHONDONTWRITEBYTECODE")
    }
    env.update(HOME=str(home), TERM="xterm-256color", FORCE_COLOR="1", COLUMNS="100")
    if data is not None:
        env["BONDCOACH_HOME"] = str(data)
    return env
