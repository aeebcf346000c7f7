"""The console script (bondcoach/__main__.py): the CLI, with the collector tuned for a
short run. Run in fresh interpreters: the settings are process-wide."""

from __future__ import annotations

import subprocess
import sys

from bondcoach import __version__
from bondcoach.__main__ import FIRST_THRESHOLD

PROBE = """
import gc, sys
from bondcoach.__main__ import main
sys.argv = ["bondcoach", *sys.argv[1:]]
try:
    main()
except SystemExit as exit:
    code = exit.code
print(gc.get_threshold()[0], gc.get_freeze_count() > 0, code, file=sys.stderr)
"""


def probe(*args: str) -> tuple[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    return done.stdout, done.stderr.split()[-3:]


def test_the_collector_is_tuned_and_frozen_at_exit_with_the_exit_code_kept() -> None:
    out, (threshold, frozen, code) = probe("--version")
    assert out.strip() == f"bondcoach {__version__}"
    assert (threshold, frozen, code) == (str(FIRST_THRESHOLD), "True", "0")


def test_a_refused_command_still_exits_2_through_the_script() -> None:
    _, (_, frozen, code) = probe("log", "not-a-number")
    assert (frozen, code) == ("True", "2")


def test_python_dash_m_runs_the_same_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bondcoach", "--version"], capture_output=True, text=True
    )
    assert (done.returncode, done.stdout.strip()) == (0, f"bondcoach {__version__}")
