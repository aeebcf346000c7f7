"""What every command shares: help, version, calm errors, safe files, plain output."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

import pytest
import typer
from helpers import LONDON, at, data_files, unboxed

import bondcoach
from bondcoach.cli import app

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]
_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def one_calm_line(result) -> str:
    message = result.stderr.strip()
    assert message, result.output
    assert len(message.splitlines()) == 1, message
    assert "Traceback" not in result.output
    return message


def month_file(folders) -> Path:
    [path] = (folders.data / "sessions").glob("*/2026-11.json")
    return path


# Help and version ---------------------------------------------------------------------


def test_the_app_has_the_three_commands():
    assert {"tip", "log", "week"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_help(cli, name, flag):
    command = COMMANDS[name]
    assert command.help and command.help.strip()
    result = cli(name, flag)
    assert result.exit_code == 0, result.output
    first_line = re.sub(r"\[/?[a-z ]*\]", "", command.help.strip().splitlines()[0])
    assert unboxed(first_line) in unboxed(result.stdout)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_is_described(name):
    for param in COMMANDS[name].params:
        if getattr(param, "hidden", False):
            continue
        assert getattr(param, "help", None), f"{name} {param.name} has no help"


@pytest.mark.parametrize("args", [["--help"], ["-h"]])
def test_main_help_lists_the_commands(cli, args):
    result = cli(*args)
    assert result.exit_code == 0, result.output
    for name in ("tip", "log", "week"):
        assert name in result.stdout
    assert "medical advice" in unboxed(result.stdout)


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"bondcoach {bondcoach.__version__}"
    assert version("bondcoach") == bondcoach.__version__


# Calm errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["log", "--bogus"],
        ["tip", "--frobnicate"],
        ["week", "--bogus", "1"],
        ["--bogus"],
        ["nosuchcommand"],
        ["tip", "extra-argument"],
        ["log", "--at"],
        ["log", "15", "--mood", "high"],
    ],
)
def test_usage_errors_are_one_line_and_exit_2(cli, args):
    result = cli(*args)
    assert result.exit_code == 2
    one_calm_line(result)
    assert result.stdout == ""
    assert "╭" not in result.stderr  # not the boxed usage error


def test_usage_error_from_a_real_process():
    result = subprocess.run(
        [sys.executable, "-m", "bondcoach", "log", "--bogus"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "--bogus" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["log", "[/]"],
        ["log", "[bold]x"],
        ["tip", "--topic", "[red]x[/red]"],
        ["week", "--of", "[/"],
    ],
)
def test_what_you_typed_is_quoted_literally_in_errors(cli, args):
    result = cli(*args)
    assert result.exit_code == 2
    message = one_calm_line(result)
    assert args[-1] in message


@pytest.mark.parametrize(
    ("module", "function", "args"),
    [
        ("bondcoach.guidance.tips", "tip_of_the_day", ["tip"]),
        ("bondcoach.guidance.tips", "load_guidance", ["tip", "--json"]),
        ("bondcoach.core.coach", "resolve_when", ["log", "15"]),
        ("bondcoach.core.week", "summarize_week", ["week"]),
        ("bondcoach.core.week", "week_bounds", ["week", "--json"]),
    ],
)
def test_an_unexpected_exception_is_a_message_not_a_traceback(
    cli, folders, monkeypatch, module, function, args
):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the kettle exploded")

    monkeypatch.setattr(f"{module}.{function}", broken)
    with at(NOW):
        result = cli(*args)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # handled, not escaped
    assert "kettle exploded" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert data_files(folders.data) == {}


def test_debug_mode_lets_the_exception_through(cli, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("the kettle exploded")

    monkeypatch.setattr("bondcoach.guidance.tips.tip_of_the_day", broken)
    result = cli("tip", env={"BONDCOACH_DEBUG": "1"})
    assert isinstance(result.exception, RuntimeError)


# Damaged files ------------------------------------------------------------------------

DAMAGE = {
    "garbage": b"\x00\xff this is not json",
    "truncated": b'{"schema": 1, "records": [{"id": "abcd1234", "sta',
    "no records": b'{"schema": 1}',
    "bad record": b'{"schema": 1, "records": [{"id": "abcd1234", "minutes": "lots"}]}',
}


@pytest.mark.parametrize("damage", list(DAMAGE.values()), ids=list(DAMAGE))
def test_a_damaged_session_file_stops_week_and_log_and_is_left_alone(cli, folders, damage):
    with at(NOW):
        assert cli("log", "15").exit_code == 0
        path = month_file(folders)
        path.write_bytes(damage)
        before = data_files(folders.data)

        shown = cli("week")
        shown_json = cli("week", "--json")
        logged = cli("log", "15", "--at", "09:00")

        after = data_files(folders.data)
    for result in (shown, shown_json, logged):
        assert result.exit_code == 1, result.output
        assert str(path) in result.stderr
        assert "Traceback" not in result.output
        assert result.stdout == ""
    assert path.read_bytes() == damage
    assert after == before


def test_a_damaged_file_in_another_month_does_not_block_this_week(cli, folders):
    with at(NOW):
        assert cli("log", "15").exit_code == 0
        other = month_file(folders).with_name("2025-01.json")
        other.write_bytes(b"garbage")
        result = cli("week", "--json")
    assert result.exit_code == 0, result.stderr


def test_a_file_from_a_newer_bondcoach_is_refused_and_kept(cli, folders):
    with at(NOW):
        assert cli("log", "15").exit_code == 0
        path = month_file(folders)
        newer = b'{"schema": 99, "records": []}'
        path.write_bytes(newer)
        result = cli("week")
    assert result.exit_code == 1
    assert str(path) in result.stderr
    assert path.read_bytes() == newer


# Private files ------------------------------------------------------------------------


def test_files_are_private_even_with_an_open_umask(cli, folders):
    previous = os.umask(0)
    try:
        with at(NOW):
            assert cli("log", "15").exit_code == 0
            assert cli("log", "20", "--at", "08:00").exit_code == 0  # rewrites the file
            assert cli("tip").exit_code == 0
            assert cli("week").exit_code == 0
    finally:
        os.umask(previous)
    checked = 0
    for root in (folders.data, folders.state, folders.cache):
        assert root.is_dir(), root
        for path in [root, *root.rglob("*")]:
            mode = stat.S_IMODE(path.lstat().st_mode)
            expected = 0o700 if path.is_dir() else 0o600
            assert mode == expected, f"{path} is {mode:o}"
            checked += 1
    assert checked >= 6


# Plain output -------------------------------------------------------------------------


RUNS = [["tip"], ["tip", "--all"], ["log", "15"], ["week"], ["--help"], ["log", "--help"]]


@pytest.mark.parametrize("args", RUNS)
def test_no_color_output_has_no_escapes(cli, args):
    with at(NOW):
        result = cli(*args, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output


def colour_codes(text: str) -> list[str]:
    found = []
    for match in _SGR.finditer(text):
        params = [int(p) if p else 0 for p in match.group(1).split(";")]
        if any(30 <= p <= 49 or 90 <= p <= 107 for p in params):
            found.append(match.group(0))
    return found


@pytest.mark.parametrize("args", RUNS)
def test_no_color_wins_over_a_forced_colour_terminal(cli, args):
    """NO_COLOR (no-color.org) removes colour; bold and dim may stay."""
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "NO_COLOR": "1"}
    with at(NOW):
        coloured = cli(*args, env={"FORCE_COLOR": "1", "TERM": "xterm-256color"})
        plain = cli(*args, env=env)
    assert plain.exit_code == 0, plain.output
    if args[0] != "--help" and "--help" not in args:
        assert colour_codes(coloured.output), "the forced terminal shows colour"
    assert colour_codes(plain.output) == []
