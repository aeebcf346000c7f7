"""Plain output for screen readers and dumb terminals, and help written for people (issue 9)."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from helpers import at, flat, json_out, ok

import bondcoach.cli.play as play_module
from bondcoach.cli.lazy import COMMANDS

# Box drawing, block elements and the bar glyphs: read aloud as noise by screen readers;
# and the middle dot between items, said as "dot" (plain output has a semicolon).
DRAWING = re.compile("[\u2500-\u259f━─·]")


@pytest.fixture
def week_of_data(cli):
    """A profile and a few sessions, so every view has numbers to carry."""
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-09-14", "--caregiver", "Sam"))
        ok(cli("log", "15", "-a", "sing", "--at", "2026-11-26 09:00", "--note", "Calm"))
        ok(cli("log", "25", "-a", "read", "--at", "2026-11-24 10:00"))
    return json_out(cli("history", "--json"))


def first_id(sessions: list[dict]) -> str:
    return sessions[0]["id"][:7]


def instant_timer(monkeypatch) -> None:
    clock = {"now": 0.0}

    def sleep(seconds: float) -> None:
        clock["now"] += seconds

    monkeypatch.setattr(play_module, "TIMER_CLOCK", lambda: clock["now"])
    monkeypatch.setattr(play_module, "TIMER_SLEEP", sleep)


def human_runs(session_id: str, tmp_path) -> list[tuple[list[str], str | None, list[str]]]:
    """Every command's human view: (arguments, input, numbers the plain words must carry)."""
    export = tmp_path / "sessions.csv"
    export.write_text("start,minutes\n2026-11-25 08:00,10\n", encoding="utf-8")
    return [
        ([], None, ["15", "2 hours 8 minutes"]),
        (["tip"], None, ["26"]),
        (["tip", "--all"], None, ["tips."]),
        (["log", "20"], None, ["20 minutes", "35 minutes of about 2 hours 8 minutes"]),
        (["play", "3"], "\n\n", ["3 minutes"]),
        (
            ["week"],
            None,
            ["Thu 26 Nov (today): 38 minutes of about 2 hours 8 minutes", "Tue 24 Nov: 25 minutes"],
        ),
        (["report", "--weeks", "2"], None, ["Week of Mon 23 Nov"]),
        (["setup", "--show"], None, ["2026-09-14", "2 hours 8 minutes"]),
        (["support"], None, ["emergency"]),
        (["history"], None, [session_id, "25 minutes"]),
        (["edit", session_id, "--minutes", "30"], None, ["30 minutes"]),
        (["undo"], None, ["before the edit"]),
        (["delete", session_id, "--yes"], None, ["25 minutes"]),
        (["import", str(export)], None, ["1 session"]),
        (["doctor"], None, ["records read"]),
        (["export"], None, ["minutes"]),
    ]


def test_the_runs_cover_every_command(tmp_path):
    named = {args[0] for args, _, _ in human_runs("abc1234", tmp_path) if args}
    assert named == set(COMMANDS)


@pytest.mark.parametrize("where", ["after", "before", "env"])
def test_every_command_in_plain_output_has_no_box_or_bar_and_keeps_the_numbers(
    cli, week_of_data, tmp_path, monkeypatch, where
):
    instant_timer(monkeypatch)
    for args, answers, numbers in human_runs(first_id(week_of_data), tmp_path):
        run = {
            "after": ([*args, "--plain"], None),
            "before": (["--plain", *args], None),
            "env": (args, {"BONDCOACH_PLAIN": "1"}),
        }[where]
        with at():
            result = cli(*run[0], input=answers, env=run[1])
        shown = result.stdout + result.stderr
        assert result.exit_code == 0, (args, shown)
        assert not DRAWING.search(shown), (args, shown)
        for number in numbers:
            assert number in flat(shown), (args, number, shown)


def test_term_dumb_is_plain_on_its_own(cli, week_of_data):
    with at():
        result = cli("week", env={"TERM": "dumb"})
    ok(result)
    assert not DRAWING.search(result.stdout)
    assert "Thu 26 Nov (today): 15 minutes of about 2 hours 8 minutes" in flat(result.stdout)


def test_without_plain_the_bars_are_still_there(cli, week_of_data):
    with at():
        result = cli("week", env={"TERM": "xterm"})
    ok(result)
    assert "━" in result.stdout


def test_plain_says_the_day_in_words(cli, week_of_data):
    with at():
        result = cli("--plain")
    ok(result)
    assert "Today with Mia, so far: 15 minutes of about 2 hours 8 minutes." in flat(result.stdout)


def test_plain_keeps_colour_apart_it_follows_no_color(cli, week_of_data):
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color"}
    with at():
        coloured = cli("week", "--plain", env=env)
        colourless = cli("week", "--plain", env={**env, "NO_COLOR": "1"})
    ok(coloured)
    ok(colourless)
    colour = re.compile(r"\x1b\[(?:[0-9]+;)*(?:3[0-8]|9[0-7])[;m]")  # bold is not a colour
    assert colour.search(coloured.stdout)
    assert not colour.search(colourless.stdout)


def test_plain_play_announces_the_time_left_on_new_lines(cli, monkeypatch):
    instant_timer(monkeypatch)
    with at():
        result = cli("play", "10", "--plain", input="\n\n")
    ok(result)
    assert "\r" not in result.stdout and "\x1b[" not in result.stdout  # no redraws
    left = re.findall(r"About (\d+)\xa0minutes? left", result.stdout)
    assert left == ["10", "7", "4", "1"]  # a new line every few minutes
    assert "Time's up: 10\xa0minutes together." in result.stdout


@pytest.mark.parametrize("args", [["--plain", "--help"], ["week", "--plain", "--help"]])
def test_plain_help_has_no_panels(cli, args):
    result = cli(*args)
    ok(result)
    assert not DRAWING.search(result.stdout)
    assert "Usage: bondcoach" in result.stdout
    assert "[bold]" not in result.stdout


# Help for people, not for parsers ------------------------------------------------------

JARGON = ["<str>", "<int", "[x>=", "{ID}", "{FILE}", "<file>", "<path>", "[default:", "<csv"]


@pytest.mark.parametrize("columns", ["50", "100"])
@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_help_has_no_type_jargon_and_no_word_alone_on_a_line(cli, name, columns):
    result = cli(*[name] if name else [], "--help", env={"COLUMNS": columns})
    ok(result)
    for jargon in JARGON:
        assert jargon not in result.stdout, (name, jargon, result.stdout)
    assert "(default 15). [default" not in flat(result.stdout)
    # Reflowed paragraphs: the description (outside the panels) never leaves a word or
    # two alone on a line, as a docstring's own line breaks did at 50 columns.
    lines = [line.strip() for line in result.stdout.splitlines() if not re.search("[│╭╰]", line)]
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        if line and after:  # a line followed by more of its paragraph
            assert len(line) > int(columns) // 2, (name, columns, line)
    for cut in re.findall(r"\S*…", result.stdout):
        assert not cut.startswith("--") or cut == "--install-comple…", (name, columns, cut)


def test_play_minutes_default_is_said_once(cli):
    result = cli("play", "--help", env={"COLUMNS": "100"})
    ok(result)
    assert "15 if you leave it out" in flat(result.stdout)
    assert "[default: 15]" not in result.stdout


@pytest.mark.parametrize("plain", [[], ["--plain"]])
@pytest.mark.parametrize("columns", ["30", "42", "50"])
def test_durations_and_command_names_never_break_across_lines(cli, week_of_data, plain, columns):
    with at():
        ok(cli("log", "128", "--at", "2026-11-25 09:00"))
        shown = [cli(*args, *plain, env={"COLUMNS": columns}) for args in (["week"], [])]
    for result in shown:
        ok(result)
        lines = result.stdout.splitlines()
        for line, after in pairwise(lines):
            # a number at the end of one line and its unit at the start of the next
            assert not (re.search(r"\d$", line.rstrip()) and re.match(r"\s*(min|h|hours?)", after))
            # 'bondcoach' alone at the end of a line, its command on the next
            assert not (line.rstrip().endswith("bondcoach") and re.match(r"\s*[a-z]", after))
        assert (
            "2\xa0h\xa08\xa0min" in result.stdout or "2\xa0hours\xa08\xa0minutes" in result.stdout
        )


def test_plain_week_counts_no_day_before_the_first_log(cli):
    with at():
        ok(cli("log", "15", "--at", "2026-11-25 09:00"))
        result = cli("week", "--plain")
    ok(result)
    text = flat(result.stdout)
    assert "Mon 23 Nov: not counted" in text
    assert "Wed 25 Nov: 15 minutes of about 2 hours 8 minutes" in text
