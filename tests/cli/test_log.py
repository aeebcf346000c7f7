"""bondcoach log, through the command line: saving, times, prompts and every rejection."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, datetime

import pytest
from helpers import LONDON, at, data_files, json_out

from bondcoach import messages, views
from bondcoach.storage.session_store import open_store

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)  # a Thursday, GMT (+00:00)
FORBIDDEN = ("missed", "behind")


def london(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=LONDON)


def week(cli, of: str | None = None) -> dict:
    args = ["week", "--json"] + (["--of", of] if of else [])
    return json_out(cli(*args))


def day_minutes(summary: dict) -> dict[str, int]:
    return {day["date"]: day["minutes"] for day in summary["days"]}


def stored():
    return open_store().sessions_between(date(2026, 1, 1), date(2027, 12, 31))


def logged(result) -> dict:
    """The saved session from `log --json`."""
    return json_out(result)["session"]


def start_of(session: dict) -> datetime:
    return datetime.fromisoformat(session["start"])


# Saving ------------------------------------------------------------------------------


def test_log_15_saves_and_week_shows_it(cli):
    with at(NOW):
        result = cli("log", "15")
        assert result.exit_code == 0, result.output
        summary = week(cli)
    assert summary["total_minutes"] == 15
    assert summary["sessions"] == 1
    assert day_minutes(summary)["2026-11-26"] == 15
    [session] = stored()
    assert session.minutes == 15
    assert session.start == london(2026, 11, 26, 9, 45)  # default start: now minus MINUTES


def test_log_json_prints_the_saved_session(cli):
    with at(NOW):
        payload = json_out(cli("log", "20", "-a", "sing", "--note", "she cooed", "--json"))
    session = payload["session"]
    assert session["minutes"] == 20
    assert session["activities"] == ["sing"]
    assert session["note"] == "she cooed"
    assert start_of(session) == london(2026, 11, 26, 9, 40)
    assert payload["today"]["minutes"] == 20
    assert payload["today"]["target_minutes"] == 128


def test_activity_option_repeats_and_takes_comma_lists(cli):
    with at(NOW):
        session = logged(
            cli("log", "10", "-a", "sing,talk", "--activity", "read", "-a", "feed, ,", "--json")
        )
    assert session["activities"] == ["sing", "talk", "read", "feed"]


def test_activity_names_ignore_case(cli):
    with at(NOW):
        session = logged(
            cli("log", "10", "-a", "Sing", "-a", "SING", "-a", " Skin-To-Skin ", "--json")
        )
        assert session["activities"] == ["sing", "skin-to-skin"]
        logged(cli("log", "5", "-a", "sInG", "--at", "08:00", "--json"))
        summary = week(cli)
    assert summary["by_activity"] == {"sing": 15, "skin-to-skin": 10}


@pytest.mark.parametrize("mood", ["1", "3", "5"])
def test_mood_in_range_is_saved(cli, mood):
    with at(NOW):
        session = logged(cli("log", "15", "--mood", mood, "--json"))
    assert session["mood"] == int(mood)
    assert [s.mood for s in stored()] == [int(mood)]


def test_note_and_who_are_saved(cli):
    with at(NOW):
        result = cli("log", "15", "-n", "he followed my voice", "-w", "Sam")
        assert result.exit_code == 0, result.output
    [session] = stored()
    assert session.note == "he followed my voice"
    assert session.who == "Sam"


# When ---------------------------------------------------------------------------------


def test_at_with_a_full_date_and_time(cli):
    with at(NOW):
        session = logged(cli("log", "30", "--at", "2026-11-24 14:30", "--json"))
        summary = week(cli)
    assert start_of(session) == london(2026, 11, 24, 14, 30)
    assert session["minutes"] == 30
    assert day_minutes(summary)["2026-11-24"] == 30
    assert day_minutes(summary)["2026-11-26"] == 0


def test_at_time_only_means_today_when_it_has_passed(cli):
    with at(NOW):
        session = logged(cli("log", "15", "--at", "09:30", "--json"))
        short_hour = logged(cli("log", "15", "--at", "9:05", "--json"))
    assert start_of(session) == london(2026, 11, 26, 9, 30)
    assert start_of(short_hour) == london(2026, 11, 26, 9, 5)


def test_at_time_only_means_yesterday_when_still_to_come(cli):
    with at(NOW):
        session = logged(cli("log", "15", "--at", "22:15", "--json"))
        summary = week(cli)
    assert start_of(session) == london(2026, 11, 25, 22, 15)
    assert day_minutes(summary)["2026-11-25"] == 15
    assert day_minutes(summary)["2026-11-26"] == 0


def test_at_time_only_just_after_midnight(cli):
    with at(london(2026, 11, 27, 0, 20)):
        session = logged(cli("log", "10", "--at", "00:05", "--json"))
        yesterday = logged(cli("log", "10", "--at", "23:50", "--json"))
    assert start_of(session) == london(2026, 11, 27, 0, 5)
    assert start_of(yesterday) == london(2026, 11, 26, 23, 50)


def test_ago_with_minutes(cli):
    with at(NOW):
        session = logged(cli("log", "10", "--ago", "20m", "--json"))
    assert start_of(session) == london(2026, 11, 26, 9, 40)
    assert session["minutes"] == 10


@pytest.mark.parametrize(
    ("ago", "minutes", "start"),
    [("20m", 20, (9, 40)), ("1h", 60, (9, 0)), ("1h30m", 90, (8, 30))],
)
def test_ago_without_minutes_logs_the_time_since(cli, ago, minutes, start):
    with at(NOW):
        result = cli("log", "--ago", ago, "--json")  # no input: it must not prompt
        session = logged(result)
    assert session["minutes"] == minutes
    assert start_of(session) == london(2026, 11, 26, *start)


def test_a_session_ending_within_a_minute_from_now_is_accepted(cli):
    with at(NOW):
        session = logged(cli("log", "15", "--at", "09:46", "--json"))  # ends 10:01
    assert session["minutes"] == 15


def test_session_counts_on_the_local_date_of_its_start(cli):
    with at(london(2026, 11, 27, 0, 30)):
        result = cli("log", "45", "--at", "2026-11-26 23:40")  # ends at 00:25 on the 27th
        assert result.exit_code == 0, result.output
        summary = week(cli)
    assert day_minutes(summary)["2026-11-26"] == 45
    assert day_minutes(summary)["2026-11-27"] == 0
    assert "Thu 26 Nov" in " ".join(result.stdout.split())


def test_summer_time_offset_is_kept(cli):
    with at(london(2026, 7, 1, 9, 0)):
        session = logged(cli("log", "15", "--at", "00:30", "--json"))
        summary = week(cli, "2026-07-01")
    start = start_of(session)
    assert start.utcoffset() is not None and start.utcoffset().total_seconds() == 3600
    assert start == london(2026, 7, 1, 0, 30)
    assert session["day"] == "2026-07-01"
    assert day_minutes(summary)["2026-07-01"] == 15
    assert day_minutes(summary)["2026-06-30"] == 0


# Rejections ---------------------------------------------------------------------------

REJECTED = {
    "zero minutes": ["0"],
    "negative after --": ["--", "-3"],
    "negative": ["-3"],
    "over a day": ["1441"],
    "a fraction": ["15.5"],
    "words": ["abc"],
    "a superscript digit": ["²"],
    "at does not parse": ["15", "--at", "yesterday"],
    "at bad hour": ["15", "--at", "25:00"],
    "at impossible date": ["15", "--at", "2026-02-30 10:00"],
    "at with an offset": ["15", "--at", "2026-11-26 09:00+05:00"],
    "at in the future": ["15", "--at", "2026-11-26 10:30"],
    "at tomorrow": ["15", "--at", "2026-11-27 09:00"],
    "ends two minutes from now": ["15", "--at", "2026-11-26 09:47"],
    "ends later": ["30", "--at", "09:45"],
    "ago too short for minutes": ["30", "--ago", "20m"],
    "ago does not parse": ["--ago", "soon"],
    "ago zero": ["--ago", "0m"],
    "at with ago": ["15", "--at", "09:00", "--ago", "20m"],
    "at with ago, no minutes": ["--at", "09:00", "--ago", "20m"],
    "mood 0": ["15", "--mood", "0"],
    "mood 6": ["15", "--mood", "6"],
    "mood not a number": ["15", "--mood", "good"],
}


@pytest.mark.parametrize("as_json", [False, True], ids=["human", "json"])
@pytest.mark.parametrize("args", list(REJECTED.values()), ids=list(REJECTED))
def test_rejected_with_exit_2_a_short_message_and_nothing_written(cli, folders, args, as_json):
    with at(NOW):
        assert cli("log", "20", "--at", "08:00").exit_code == 0  # something already saved
        before = data_files(folders.data)
        extra = ["--json"] if as_json else []
        result = cli("log", *extra, *args, input="")
        after = data_files(folders.data)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    message = result.stderr.strip()
    assert message
    assert len(message.splitlines()) == 1, message
    assert len(message) < 200, message
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert after == before
    assert len(stored()) == 1


def test_future_rejection_says_why(cli):
    with at(NOW):
        result = cli("log", "15", "--at", "2026-11-26 10:30")
    assert result.exit_code == 2
    assert "future" in result.stderr


def test_minutes_rejection_says_what_minutes_are(cli):
    with at(NOW):
        result = cli("log", "1441")
    assert result.exit_code == 2
    assert "1440" in result.stderr


# Prompts ------------------------------------------------------------------------------


def test_prompts_read_every_answer(cli):
    with at(NOW):
        result = cli("log", input="20\nsing, Talk\nshe smiled at me\n4\n")
    assert result.exit_code == 0, result.output
    assert "How many minutes" in result.stdout
    [session] = stored()
    assert session.minutes == 20
    assert session.activities == ("sing", "talk")
    assert session.note == "she smiled at me"
    assert session.mood == 4
    assert session.start == london(2026, 11, 26, 9, 40)


def test_enter_accepts_every_default(cli):
    with at(NOW):
        result = cli("log", input="\n\n\n\n")
        assert result.exit_code == 0, result.output
        summary = week(cli)
    assert summary["total_minutes"] == 15
    [session] = stored()
    assert session.minutes == 15
    assert session.activities == ()
    assert session.note is None
    assert session.mood is None


@pytest.mark.parametrize("as_json", [False, True], ids=["human", "json"])
def test_end_of_input_at_the_minutes_prompt_writes_nothing(cli, folders, as_json):
    with at(NOW):
        cli("log", "20", "--at", "08:00")
        before = data_files(folders.data)
        result = cli("log", *(["--json"] if as_json else []), input="")
        after = data_files(folders.data)
    assert result.exit_code == 1
    assert after == before
    assert "nothing" in result.stderr.lower()
    assert "Traceback" not in result.output
    if as_json:
        assert result.stdout.strip() == ""


def test_end_of_input_at_the_minutes_prompt_on_a_fresh_install(cli, folders):
    with at(NOW):
        result = cli("log", input="")
    assert result.exit_code == 1
    assert data_files(folders.data) == {}


def test_end_of_input_later_takes_the_defaults(cli):
    with at(NOW):
        result = cli("log", input="25\n")
    assert result.exit_code == 0, result.output
    [session] = stored()
    assert session.minutes == 25
    assert session.activities == ()
    assert session.note is None
    assert session.mood is None


def test_end_of_input_after_the_activities(cli):
    with at(NOW):
        result = cli("log", input="25\nread")
    assert result.exit_code == 0, result.output
    [session] = stored()
    assert session.activities == ("read",)
    assert session.note is None


def test_a_bad_answer_is_asked_again(cli):
    with at(NOW):
        result = cli("log", input="abc\n30\n\n\n\n")
    assert result.exit_code == 0, result.output
    [session] = stored()
    assert session.minutes == 30


@pytest.mark.parametrize("bad", ["abc", "0", "1441", "2.5", "²"])
def test_every_kind_of_bad_answer_is_asked_again(cli, bad):
    with at(NOW):
        result = cli("log", input=f"{bad}\n30\n\n\n\n")
    assert result.exit_code == 0, result.output
    [session] = stored()
    assert session.minutes == 30


def test_given_options_are_not_asked_again(cli):
    with at(NOW):
        result = cli("log", "-a", "massage", "--mood", "5", input="12\nloved it\n")
    assert result.exit_code == 0, result.output
    assert "What did you do" not in result.output
    [session] = stored()
    assert (session.minutes, session.activities, session.note, session.mood) == (
        12,
        ("massage",),
        "loved it",
        5,
    )


def test_with_json_prompts_go_to_stderr_and_stdout_is_pure_json():
    """Through a real pipe: CliRunner echoes typed answers to stdout as a terminal would."""
    result = subprocess.run(
        [sys.executable, "-m", "bondcoach", "log", "--json"],
        input="20\nsing\nshe smiled\n4\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["session"]["minutes"] == 20
    assert payload["session"]["activities"] == ["sing"]
    assert payload["session"]["note"] == "she smiled"
    assert payload["session"]["mood"] == 4
    for prompt in (messages.PROMPT_MINUTES, messages.PROMPT_NOTE, messages.PROMPT_MOOD):
        assert prompt in result.stderr
        assert prompt not in result.stdout
    assert "Saved" not in result.stdout


def test_with_json_prompt_answers_are_not_mixed_into_the_json(cli):
    with at(NOW):
        result = cli("log", "--json", input="20\nsing\nshe smiled\n4\n")
    assert result.exit_code == 0, result.stderr
    assert messages.PROMPT_MINUTES in result.stderr
    assert messages.PROMPT_MINUTES not in result.stdout
    # CliRunner echoes each typed answer to stdout; the JSON document follows them.
    document = result.stdout[result.stdout.index("{") :]
    assert json.loads(document)["session"]["minutes"] == 20


def test_with_json_a_warning_goes_to_stderr(cli):
    with at(NOW):
        cli("log", "15", "--at", "09:00")
        result = cli("log", "15", "--at", "09:00", "--json")
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["repeat_of_existing"] is True
    assert "already" in result.stderr


# Repeats ------------------------------------------------------------------------------


def test_a_repeat_is_saved_twice_with_a_warning(cli):
    with at(NOW):
        first = cli("log", "15", "--at", "2026-11-26 09:00")
        second = cli("log", "15", "--at", "2026-11-26 09:00")
        summary = week(cli)
    assert first.exit_code == 0 and second.exit_code == 0
    assert "already" not in first.stderr
    assert "already" in second.stderr
    assert summary["sessions"] == 2
    assert summary["total_minutes"] == 30
    assert len(stored()) == 2


def test_the_repeat_warning_says_undo_takes_it_back(cli):
    with at(NOW):
        cli("log", "15", "--at", "2026-11-26 09:00")
        second = cli("log", "15", "--at", "2026-11-26 09:00")
        undone = cli("undo")
        summary = week(cli)
    assert "'bondcoach undo' takes this one back" in " ".join(second.stderr.split())
    assert undone.exit_code == 0
    assert summary["sessions"] == 1


@pytest.mark.parametrize(
    ("typed", "minutes"), [("15m", 15), ("1h", 60), ("1h30m", 90), ("90 min", 90)]
)
def test_minutes_can_be_written_as_a_time(cli, typed, minutes):
    with at(NOW):
        session = logged(cli("log", typed, "--json"))
    assert session["minutes"] == minutes


@pytest.mark.parametrize("typed", ["25h", "0m", "1x", "h", "15mins please"])
def test_a_time_that_is_not_minutes_is_refused(cli, folders, typed):
    with at(NOW):
        result = cli("log", typed)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert data_files(folders.data) == {}


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["log", "15", "sing"], "bondcoach log 15 -a sing"),
        (["log", "15", "sing", "talk"], "bondcoach log 15 -a sing -a talk"),
        (["play", "5", "sing"], "bondcoach play 5 -a sing"),
    ],
)
def test_a_word_after_the_minutes_suggests_the_activity_option(cli, folders, args, hint):
    with at(NOW):
        result = cli(*args)
    assert result.exit_code == 2
    assert hint in " ".join(result.stderr.split())
    assert "unexpected" not in result.stderr
    assert data_files(folders.data) == {}


def test_another_carer_at_the_same_time_is_not_a_repeat(cli):
    with at(NOW):
        cli("log", "15", "--at", "09:00", "--who", "Alex")
        other = cli("log", "15", "--at", "09:00", "--who", "Sam")
        longer = cli("log", "20", "--at", "09:00", "--who", "Alex")
    assert other.exit_code == 0 and longer.exit_code == 0
    assert other.stderr == ""
    assert longer.stderr == ""


# The echo -----------------------------------------------------------------------------


def test_echo_shows_day_time_minutes_who_and_progress(cli):
    with at(NOW):
        result = cli("log", "15", "--at", "2026-11-26 09:00", "--who", "Sam", "-a", "sing")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())  # also turns no-break spaces into spaces
    assert "Thu 26 Nov" in out
    assert "09:00" in out
    assert "15 min" in out
    assert "Sam" in out
    assert "sing" in out
    assert "so far" in out
    assert "2 h 8 min" in out  # today's aim without a profile: 128 minutes


def test_echo_adds_up_today(cli):
    with at(NOW):
        cli("log", "15", "--at", "08:00")
        result = cli("log", "20", "--at", "09:00")
    assert "35 min of about 2 h 8 min" in " ".join(result.stdout.split())


def test_echo_for_a_past_day_shows_todays_progress(cli):
    with at(NOW):
        cli("log", "40", "--at", "08:00")
        result = cli("log", "15", "--at", "2026-11-24 09:00")
    out = " ".join(result.stdout.split())
    assert "Tue 24 Nov" in out
    assert "40 min of about" in out


@pytest.mark.parametrize(
    "args",
    [
        ["1"],
        ["15"],
        ["64"],
        ["200", "--at", "06:00"],
        ["15", "--mood", "1"],
        ["15", "--mood", "5"],
        ["15", "--at", "2026-11-20 09:00"],
    ],
)
def test_never_guilt(cli, args):
    with at(NOW):
        result = cli("log", *args)
    assert result.exit_code == 0, result.output
    text = result.output.lower()
    for word in FORBIDDEN:
        assert word not in text


def test_the_words_of_the_tool_never_guilt():
    words = [
        value
        for name, value in vars(messages).items()
        if isinstance(value, str) and not name.startswith("__")
    ]
    words += [messages.warm_word(m, 128) for m in (0, 1, 64, 127, 128, 500)]
    words.append(messages.warm_word(0, 0))
    for text in words:
        for word in FORBIDDEN:
            assert word not in text.lower(), text


def test_no_red_in_the_styles():
    styles = [
        value
        for name, value in vars(views).items()
        if isinstance(value, str) and not name.startswith("__")
    ]
    assert {views.BAR_BACK, views.BAR_PART, views.BAR_DONE} <= set(styles)
    for style in styles:
        assert "red" not in style.lower(), style


_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def red_codes(text: str) -> list[str]:
    """SGR sequences that set a red foreground or background."""
    found = []
    for match in _SGR.finditer(text):
        params = [int(p) if p else 0 for p in match.group(1).split(";")]
        index = 0
        while index < len(params):
            code = params[index]
            if code in (31, 91, 41, 101):
                found.append(match.group(0))
            if code in (38, 48) and index + 1 < len(params):
                if params[index + 1] == 5 and index + 2 < len(params):
                    if params[index + 2] in (1, 9, 52, 88, 124, 160, 196, 197):
                        found.append(match.group(0))
                    index += 2
                elif params[index + 1] == 2 and index + 4 < len(params):
                    red, green, blue = params[index + 2 : index + 5]
                    if red >= 128 and green < 100 and blue < 100:
                        found.append(match.group(0))
                    index += 4
            index += 1
    return found


@pytest.mark.parametrize("colorterm", ["truecolor", ""])
@pytest.mark.parametrize("args", [["1"], ["200", "--at", "06:00"], ["15", "--mood", "1"]])
def test_no_red_on_a_colour_terminal(cli, args, colorterm):
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLORTERM": colorterm}
    with at(NOW):
        result = cli("log", *args, env=env)
        shown = cli("week", env=env)
    assert result.exit_code == 0 and shown.exit_code == 0
    assert "\x1b[" in result.stdout  # really coloured, so the check below means something
    assert red_codes(result.output) == []
    assert red_codes(shown.output) == []
