"""bondcoach's speed, measured as ratios of runs made side by side.

Run it from the project's virtual environment (after `pip install .`):

    .venv/bin/python benchmarks/bench.py [--runs N]

It builds a ten-year history (about 29,000 sessions) through `bondcoach import`, and a
store holding only the most recent month beside it, then times pairs of commands, A
then B in turn, several times, and prints the median of the per-pair ratios (machines
are noisy; a ratio measured within one pair is steadier than two separate medians).

Goals (issue 5): tip <= 1.25x `python -c "import typer, rich.console"`; week and log on
ten years <= 1.15x the same on one month; week's peak memory <= 1.25x; importing ten
years < 10 s. Linux and macOS (peak memory comes from os.wait4).
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

BIN = Path(sys.executable).parent
BONDCOACH = str(BIN / "bondcoach")
SESSIONS_PER_DAY = 8
YEARS = 10


def run(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak memory in KiB of one run of a command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command)} failed: {error}")
    peak = usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1)
    return elapsed, peak


def write_history(path: Path, days: int, end: datetime) -> int:
    """A CSV of sessions, SESSIONS_PER_DAY a day for `days` days up to yesterday."""
    count = 0
    activities = ["talk", "sing", "read", "skin-to-skin", "play", "feed", "diaper", "walk"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["start", "minutes", "activities", "who"])
        for day in range(days, 0, -1):
            date = end - timedelta(days=day)
            for slot in range(SESSIONS_PER_DAY):
                start = date.replace(hour=7 + slot * 2, minute=15, second=0, microsecond=0)
                writer.writerow(
                    [start.strftime("%Y-%m-%d %H:%M"), 10 + slot, activities[slot], "Sam"]
                )
                count += 1
    return count


def environment(home: Path, data: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BONDCOACH_", "XDG_"))}
    env["HOME"] = str(home)  # platformdirs folders, as a user has them, but not the user's
    if data is not None:
        env["BONDCOACH_HOME"] = str(data)
    return env


def pairs(
    a: list[str], env_a: dict[str, str], b: list[str], env_b: dict[str, str], runs: int
) -> dict[str, float]:
    times_a: list[float] = []
    times_b: list[float] = []
    peaks_a: list[int] = []
    peaks_b: list[int] = []
    ratios: list[float] = []
    run(a, env_a)  # warm caches (the tips cache, the OS page cache) before measuring
    run(b, env_b)
    for _ in range(runs):
        time_a, peak_a = run(a, env_a)
        time_b, peak_b = run(b, env_b)
        times_a.append(time_a)
        times_b.append(time_b)
        peaks_a.append(peak_a)
        peaks_b.append(peak_b)
        ratios.append(time_a / time_b)
    return {
        "ratio": statistics.median(ratios),
        "a_ms": statistics.median(times_a) * 1000,
        "b_ms": statistics.median(times_b) * 1000,
        "peak_ratio": statistics.median(peaks_a) / statistics.median(peaks_b),
        "a_peak_mib": statistics.median(peaks_a) / 1024,
        "b_peak_mib": statistics.median(peaks_b) / 1024,
    }


def report(name: str, result: dict[str, float], goal: float | None = None) -> None:
    verdict = ""
    if goal is not None:
        verdict = f"  (goal <= {goal:.2f}x: {'met' if result['ratio'] <= goal else 'NOT met'})"
    print(
        f"{name:<34} ratio {result['ratio']:.3f}x  medians {result['a_ms']:.0f} ms / "
        f"{result['b_ms']:.0f} ms  peak {result['a_peak_mib']:.1f} / "
        f"{result['b_peak_mib']:.1f} MiB "
        f"(x{result['peak_ratio']:.2f}){verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="pairs per measurement")
    args = parser.parse_args()
    python = str(BIN / "python")
    with tempfile.TemporaryDirectory(prefix="bondcoach-bench-") as folder:
        root = Path(folder)
        now = datetime.now()
        years, month = root / "ten-years", root / "one-month"
        years_csv, month_csv = root / "ten-years.csv", root / "one-month.csv"
        total = write_history(years_csv, 365 * YEARS, now)
        write_history(month_csv, 30, now)
        home = root / "home"
        env_years, env_month = environment(home, years), environment(home, month)

        seconds, _ = run([BONDCOACH, "import", str(years_csv)], env_years)
        print(f"import of {YEARS} years ({total} sessions): {seconds:.2f} s (goal < 10 s)")
        run([BONDCOACH, "import", str(month_csv)], env_month)

        env_user = environment(home, None)
        floor = [python, "-c", "import typer, rich.console"]
        tip = pairs([BONDCOACH, "tip"], env_user, floor, env_user, args.runs)
        report("tip vs import typer, rich.console", tip, 1.25)
        week = [BONDCOACH, "week"]
        report(
            "week: ten years vs one month", pairs(week, env_years, week, env_month, args.runs), 1.15
        )
        log = [BONDCOACH, "log", "1", "--ago", "2m"]
        report(
            "log: ten years vs one month", pairs(log, env_years, log, env_month, args.runs), 1.15
        )
        export = [BONDCOACH, "export"]
        report("export: ten years vs one month", pairs(export, env_years, export, env_month, 3))
        print("week's peak memory goal: ten years <= 1.25x one month (see 'peak' above)")


if __name__ == "__main__":
    main()
