"""bondcoach's speed, measured as ratios of runs made side by side (issue 14).

Run it from the project's virtual environment (after `pip install .`):

    .venv/bin/python benchmarks/bench.py [--runs N] [--slow-runs N] [--quick]

It writes stores of one month, one year, ten and fifty years (8 sessions a day) and
then measures, each group interleaved round by round (see harness.py), as people run
bondcoach (a colour terminal, platformdirs folders):

- tip, week, history, bare `bondcoach` and log against the floor every Typer + Rich
  tool pays (`python -c "import typer, rich.console"`) and against a do-nothing
  Typer app that prints with Rich (noop_app.py);
- edit and delete by id, export and re-import on long histories against short ones;
- import of ten years against a bare durable import (bare_import.py) in CPU time and
  peak memory, and undo of that import against the import, with the data folder's size;
- week's memory and doctor's time as the history grows.

--quick is a smoke run (two and five years, one run each): its ratios mean little.
These are measurements, not tests. Linux and macOS (rusage comes from os.wait4).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from harness import Sample, environment, folder_bytes, rounds, run, show
from histories import SESSIONS_PER_DAY, write_csv

BIN = Path(sys.executable).parent
BONDCOACH = str(BIN / "bondcoach")
TUNED_FLOOR = (
    "import gc; gc.set_threshold(50_000, *gc.get_threshold()[1:]); "
    "import typer, rich.console; gc.freeze()"
)
DEFAULT_GC = "import sys; from bondcoach.cli import main; sys.argv[0] = 'bondcoach'; main()"
PYTHON = str(BIN / "python")
HERE = Path(__file__).resolve().parent


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11, help="rounds of the quick commands")
    parser.add_argument("--slow-runs", type=int, default=3, help="rounds of whole-history work")
    parser.add_argument("--quick", action="store_true", help="a smoke run: small, one round")
    args = parser.parse_args()
    args.years, args.many = (2, 5) if args.quick else (10, 50)
    if args.quick:
        args.runs = args.slow_runs = 1
    return args


class Bench:
    def __init__(self, root: Path, args: argparse.Namespace) -> None:
        self.root, self.args = root, args
        self.home = root / "home"
        self.user = environment(self.home, None)
        self.now = datetime.now()
        self.device = subprocess.run(
            [PYTHON, "-c", "from bondcoach.storage.device import load_device as d; print(d().id)"],
            env=self.user,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        self.envs: dict[str, dict[str, str]] = {}
        self.ids: dict[str, list[str]] = {}

    def store(self, name: str, days: int) -> dict[str, str]:
        started = time.perf_counter()
        data = self.root / name
        writer = [PYTHON, str(HERE / "histories.py"), str(data), self.device, str(days)]
        self.ids[name] = json.loads(
            subprocess.run(
                [*writer, self.now.isoformat()], check=True, capture_output=True, text=True
            ).stdout
        )
        env = self.envs[name] = environment(self.home, data)
        birth = (self.now - timedelta(days=200)).strftime("%Y-%m-%d")
        run([BONDCOACH, "setup", "--baby-name", "Robin", "--birth-date", birth], env)
        seconds = time.perf_counter() - started
        print(f"store {name}: {len(self.ids[name])} sessions written in {seconds:.1f} s")
        return env

    def everyday(self) -> None:
        """The commands people run every day, against the floor and a do-nothing app."""
        env, user = self.envs["years"], self.user
        group = {
            "floor": ([PYTHON, "-c", "import typer, rich.console"], user),
            # The floor given bondcoach's collector setting (__main__.py): like for like.
            "floor-tuned-gc": ([PYTHON, "-c", TUNED_FLOOR], user),
            "app": ([PYTHON, str(HERE / "noop_app.py")], user),
            "tip": ([BONDCOACH, "tip"], env),
            "week": ([BONDCOACH, "week"], env),
            "history": ([BONDCOACH, "history"], env),
            "bondcoach": ([BONDCOACH], env),
            "log": ([BONDCOACH, "log", "1", "--ago", "2m"], env),
            # The CLI without the console script's collector settings (__main__.py), to
            # show what they are worth apart from everything else.
            "week-default-gc": ([PYTHON, "-c", DEFAULT_GC, "week"], env),
            "tip-default-gc": ([PYTHON, "-c", DEFAULT_GC, "tip"], env),
        }
        samples = rounds(group, self.args.runs)
        goals = {"tip": 1.15, "week": 1.4, "history": 1.4, "bondcoach": 1.4, "log": 1.6}
        years = self.args.years
        labels = {name: f"`{name}`" for name in goals} | {"bondcoach": "bare `bondcoach`"}
        for name, goal in goals.items():
            label = labels[name]
            show(f"{label} ({years} years) vs the floor", samples[name], samples["floor"], goal)
            show(
                f"{label} ({years} years) vs a do-nothing Typer app", samples[name], samples["app"]
            )
        show("the do-nothing Typer app vs the floor", samples["app"], samples["floor"])
        for name, goal in goals.items():
            show(f"{labels[name]} vs the floor with the same collector setting", samples[name],
                 samples["floor-tuned-gc"], goal)  # fmt: skip
        for name in ("week", "tip"):
            default = samples[f"{name}-default-gc"]
            show(f"`{name}`, the collector at Python's defaults, vs the floor", default,
                 samples["floor"])  # fmt: skip
            show(f"`{name}` vs `{name}` with the collector at Python's defaults",
                 samples[name], default)  # fmt: skip

    def by_id(self) -> None:
        """edit and delete one session by id: the same session in every store."""
        names = ["month", "years", "many"]
        edited = self.ids["month"][-1]
        deletions = iter(reversed(self.ids["month"][:-1]))
        run([BONDCOACH, "edit", edited, "-m", "30"], self.envs["many"])  # warm the caches
        edit: dict[str, list[Sample]] = {name: [] for name in names}
        delete: dict[str, list[Sample]] = {name: [] for name in names}
        for index in range(self.args.slow_runs):
            minutes = str(20 + index)  # each round's edit changes something
            group = {n: ([BONDCOACH, "edit", edited, "-m", minutes], self.envs[n]) for n in names}
            for name, samples in rounds(group, 1, warm=False).items():
                edit[name].extend(samples)
            session = next(deletions)
            group = {n: ([BONDCOACH, "delete", "--yes", session], self.envs[n]) for n in names}
            for name, samples in rounds(group, 1, warm=False).items():
                delete[name].extend(samples)
        self._vs_month("`edit ID`", edit, 1.2)
        self._vs_month("`delete ID`", delete, 1.2)

    def _vs_month(self, what: str, samples: dict[str, list[Sample]], goal: float) -> None:
        years, many = self.args.years, self.args.many
        show(f"{what}: {years} years vs one month", samples["years"], samples["month"], goal)
        show(f"{what}: {many} years vs one month", samples["many"], samples["month"])

    def whole_history(self, month_csv: Path) -> None:
        years, many, slow = self.args.years, self.args.many, self.args.slow_runs
        export = rounds({n: ([BONDCOACH, "export"], self.envs[n]) for n in self.envs}, slow)
        show(f"`export`: {many} vs {years} years", export["many"], export["years"], 5.5)
        show(f"`export`: {many} years vs one month", export["many"], export["month"])
        show(f"`export`: {years} years vs one month", export["years"], export["month"])
        again = [BONDCOACH, "import", str(month_csv)]
        names = ["month", "years", "many"]
        reimport = rounds({n: (again, self.envs[n]) for n in names}, slow)
        show(f"re-import of 30 days: {many} vs {years} years", reimport["many"],
             reimport["years"], 5.5)  # fmt: skip
        show(f"re-import of 30 days: {many} years vs one month", reimport["many"],
             reimport["month"])  # fmt: skip
        doctor = rounds({n: ([BONDCOACH, "doctor"], self.envs[n]) for n in ("year", "years")}, slow)
        show(f"`doctor`: {years} years vs one year", doctor["years"], doctor["year"], float(years))
        week = [BONDCOACH, "week"]
        memory = rounds({n: (week, self.envs[n]) for n in ("years", "month")}, self.args.runs)
        show(f"`week` peak memory: {years} years vs one month", memory["years"],
             memory["month"], 1.25, metric="peak")  # fmt: skip
        show(f"`week` time: {years} years vs one month", memory["years"], memory["month"], 1.15)

    def importing(self, years_csv: Path) -> None:
        """Import of ten years vs the bare durable import; then undo of that import."""
        imports: list[Sample] = []
        bares: list[Sample] = []
        undos: list[Sample] = []
        sizes: list[tuple[int, int, int]] = []
        for index in range(self.args.slow_runs):
            data, bare = self.root / f"import-{index}", self.root / f"bare-{index}"
            env = environment(self.home, data)
            order = [(imports, [BONDCOACH, "import", str(years_csv)], env),
                     (bares, [PYTHON, str(HERE / "bare_import.py"), str(years_csv), str(bare)],
                      self.user)]  # fmt: skip
            for samples, command, command_env in order if index % 2 == 0 else order[::-1]:
                samples.append(run(command, command_env))
            imported = folder_bytes(data)
            undos.append(run([BONDCOACH, "undo"], env))
            sizes.append((imported, folder_bytes(data), folder_bytes(bare)))
            shutil.rmtree(data)
            shutil.rmtree(bare)
        years = self.args.years
        show(f"`import` of {years} years vs bare import: CPU", imports, bares, 2.5, metric="cpu")
        show(f"`import` of {years} years vs bare import: peak memory", imports, bares, 2.0,
             metric="peak")  # fmt: skip
        show("`undo` of that import vs the import: time", undos, imports, 1.0)
        imported, undone, bare_size = sizes[-1]
        print(f"data folder after the import {imported / 2**20:.1f} MiB, after undo "
              f"{undone / 2**20:.1f} MiB (x{undone / imported:.2f}); bare import "
              f"{bare_size / 2**20:.1f} MiB")  # fmt: skip


def main() -> None:
    args = arguments()
    with tempfile.TemporaryDirectory(prefix="bondcoach-bench-") as folder:
        bench = Bench(Path(folder), args)
        bench.store("month", 30)
        bench.store("year", 365)
        bench.store("years", 365 * args.years)
        bench.store("many", 365 * args.many)
        month_csv, years_csv = Path(folder) / "month.csv", Path(folder) / "years.csv"
        write_csv(month_csv, 30, bench.now)
        total = write_csv(years_csv, 365 * args.years, bench.now)
        print(f"{SESSIONS_PER_DAY} sessions a day; {total} sessions in {args.years} years\n")
        bench.everyday()
        bench.by_id()
        bench.whole_history(month_csv)
        bench.importing(years_csv)


if __name__ == "__main__":
    main()
