"""Startup stays lazy: a warm `bondcoach tip` imports neither pydantic nor yaml.

In the manner of Typer's own test that Rich is not imported until needed. Timing is
left to benchmarks/bench.py; this guards the cause (imports), not the clock.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta

PROBE = """
import json, sys
sys.argv = ["bondcoach", *json.loads(sys.argv[1])]
from bondcoach.__main__ import main  # as the console script runs it
try:
    main()
except SystemExit as exit:
    assert exit.code in (0, None), exit.code
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_cold_tip_validates_the_yaml_then_warm_tips_skip_it() -> None:
    cold = top_level(modules_after("tip"))
    assert {"pydantic", "yaml"} <= cold  # the first run validates and builds the cache
    warm = top_level(modules_after("tip"))
    assert not warm & {"pydantic", "yaml", "hashlib", "decimal"}


def test_only_the_command_that_runs_is_imported() -> None:
    loaded = {name for name in modules_after("tip", "--json") if name.startswith("bondcoach.cli.")}
    assert loaded <= {
        "bondcoach.cli.click_api",
        "bondcoach.cli.errors",
        "bondcoach.cli.group",
        "bondcoach.cli.lazy",
        "bondcoach.cli.options",
        "bondcoach.cli.tip",
    }


HEAVY = {"jinja2", "markupsafe"}


def test_only_report_and_saving_import_jinja(tmp_path) -> None:
    """Jinja2 is for saved pages: every other command starts as fast as before."""
    for args in (("tip",), ("week",), ("week", "--json"), ("report",), ("report", "--json")):
        assert not top_level(modules_after(*args)) & HEAVY, args
    assert "jinja2" in top_level(modules_after("report", "--save", str(tmp_path / "r.html")))
    assert "jinja2" in top_level(modules_after("week", "--save", str(tmp_path / "w.svg")))


def test_report_imports_only_its_own_command() -> None:
    loaded = {name for name in modules_after("report", "--json") if name.startswith("bondcoach.")}
    assert not {name for name in loaded if name.startswith("bondcoach.cli.")} - {
        "bondcoach.cli",
        "bondcoach.cli.click_api",
        "bondcoach.cli.errors",
        "bondcoach.cli.group",
        "bondcoach.cli.lazy",
        "bondcoach.cli.options",
        "bondcoach.cli.report",
    }
    assert "bondcoach.views.page" not in loaded  # the page renderer waits for --save


# pydantic's model machinery: the tips YAML and nothing else on the everyday path.
PYDANTIC = {"pydantic", "pydantic_core", "yaml", "annotated_types"}
EVERYDAY = [
    ("log", "15", "--ago", "20m"),  # first: the others then read a session
    ("log", "10", "-a", "sing", "-n", "a note", "--mood", "4"),
    ("week",),
    ("week", "--json"),
    ("history",),
    ("history", "--json"),
    (),
    ("tip",),
    ("export",),
    ("edit", "@", "-m", "12"),
    ("delete", "--yes", "@"),
    ("undo",),
]


def test_everyday_commands_import_no_pydantic_model_machinery() -> None:
    """Sessions and the profile are validated by msgspec: log, week, history, the bare
    command, tip, export, edit, delete and undo import neither pydantic nor PyYAML."""
    modules_after("tip")  # the first tip builds the tips cache (pydantic, on purpose)
    modules_after("log", "5", "--ago", "1h")
    session_id = json.loads(run_json("history", "--json"))[-1]["id"]
    for args in EVERYDAY:
        args = tuple(session_id if arg == "@" else arg for arg in args)
        loaded = top_level(modules_after(*args))
        assert not loaded & PYDANTIC, (args, loaded & PYDANTIC)
        assert not loaded & HEAVY, args
        assert "filelock" not in loaded, args  # the store's own lock (storage/lock.py)
        assert "msgspec" in loaded or args in {("tip",), ()}, args
        assert "typing_extensions" not in loaded, args  # core/lean_msgspec.py
        if args != ("export",):  # export's content ids are SHA-256; the rest need no hash
            assert not loaded & {"secrets", "hmac", "hashlib"}, args  # OpenSSL: about 4 ms


def test_heavy_paths_stay_lazy() -> None:
    """The report's page renderer, doctor's checks and import's parser wait for their
    commands: week and log load none of them."""
    modules_after("log", "5", "--ago", "1h")
    for args in (("week",), ("log", "3", "--ago", "2m"), ("history",)):
        loaded = modules_after(*args)
        for lazy in (
            "bondcoach.views.page",
            "bondcoach.storage.checkup",
            "bondcoach.core.transfer",
            "bondcoach.storage.id_index",
            "bondcoach.core.report",  # week's moods by caregiver live in core.mood
            "jinja2",
        ):
            assert lazy not in loaded, (args, lazy)


def test_everyday_screens_line_up_columns_without_rich_table() -> None:
    """week, the glance, log and history line up their columns with views.grid: importing
    rich.table (it pulls in fractions and defines dataclasses) and drawing a Table cost
    several milliseconds a run (issue 14). With a session the week before, so the week
    draws its comparison chart too, and one today, so every row has a bar."""
    week_ago = f"{date.today() - timedelta(days=7)} 09:00"
    modules_after("log", "20", "--at", week_ago, "-n", "a note")
    modules_after("log", "5", "--ago", "1h")
    for args in (("week",), (), ("log", "3", "--ago", "2m"), ("history",)):
        for plain in ((), ("--plain",)):
            loaded = modules_after(*args, *plain)
            assert "rich.table" not in loaded, (args, plain)
            assert "rich.console" in loaded, (args, plain)  # the screen was drawn


def run_json(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bondcoach", *args],
        env=os.environ.copy(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
