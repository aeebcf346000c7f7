"""Startup stays lazy: a warm `bondcoach tip` imports neither pydantic nor yaml.

In the manner of Typer's own test that Rich is not imported until needed. Timing is
left to benchmarks/bench.py; this guards the cause (imports), not the clock.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import json, sys
sys.argv = ["bondcoach", *json.loads(sys.argv[1])]
from bondcoach.cli import main
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
