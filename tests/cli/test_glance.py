"""Bare `bondcoach`: today at a glance, and --help still lists every command."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from helpers import LONDON, at, data_files, flat, json_out, ok

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=LONDON)
COMMANDS = (
    "tip",
    "log",
    "play",
    "week",
    "setup",
    "support",
    "history",
    "edit",
    "delete",
    "undo",
    "export",
    "import",
    "doctor",
)


def glance(cli) -> str:
    result = cli()
    ok(result)
    assert "Traceback" not in result.stderr
    return flat(result.stdout)


def tip_title(cli) -> str:
    return json_out(cli("tip", "--json"))["title"]


def test_bare_bondcoach_without_a_profile(cli, folders):
    with at():
        text = glance(cli)
        title = tip_title(cli)
    assert "0 min of about 2 h 8 min" in text  # the documented newborn default, 128 min
    assert f"Tip of the day: {title}" in text
    assert "bondcoach setup" in text
    assert "bondcoach log" not in text
    assert data_files(folders.data) == {}  # a glance writes no family data


def test_bare_bondcoach_names_the_baby_once_set_and_suggests_a_log(cli):
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-03-01"))
        text = glance(cli)
        title = tip_title(cli)
    assert "Mia" in text
    assert "0 min of about 2 h 38 min" in text  # 8 months: 158 min
    assert f"Tip of the day: {title}" in text
    assert "bondcoach log" in text
    assert "bondcoach setup" not in text


def test_bare_bondcoach_after_a_log_shows_the_minutes_and_points_to_the_week(cli):
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-03-01"))
        ok(cli("log", "40", "--at", "2026-11-26 09:00"))
        ok(cli("log", "60", "--at", "2026-11-26 14:00", "--who", "Sam"))
        ok(cli("log", "25", "--at", "2026-11-25 09:00"))  # yesterday does not count today
        text = glance(cli)
    assert "Mia" in text
    assert "1 h 40 min of about 2 h 38 min" in text
    assert "bondcoach week" in text
    assert "bondcoach setup" not in text


def test_bare_bondcoach_shows_a_progress_bar(cli):
    with at():
        ok(cli("setup", "--baby-name", "Mia"))
        ok(cli("log", "64"))
        result = cli()
    ok(result)
    assert "━" in result.stdout


def test_the_tip_line_is_one_line_and_fits_the_age(cli):
    """Born yesterday: the first weeks' expectations tip can show, never the toddler one."""
    with at():
        ok(cli("setup", "--birth-date", "2026-11-25"))
        result = cli()
        title = tip_title(cli)
    ok(result)
    tip_lines = [line for line in result.stdout.splitlines() if "Tip of the day" in line]
    assert len(tip_lines) == 1
    assert title in tip_lines[0]
    assert "When toddler behaviour is confusing" not in result.stdout


def test_help_still_lists_every_command(cli):
    result = cli("--help")
    ok(result)
    listed = re.findall(r"^│ (\w+) ", result.stdout, flags=re.MULTILINE)
    for command in COMMANDS:
        assert command in listed, command
    assert "Today" not in result.stdout  # help is not the glance


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_its_own_help(cli, command):
    result = cli(command, "--help")
    ok(result)
    assert "Usage" in result.stdout
