"""bondcoach setup, through the command line: flags, prompts, --show, rejections, week start."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import pytest
from helpers import LONDON, at, data_files, flat, json_out, ok

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=LONDON)  # a Thursday evening


def shown(cli) -> dict:
    return json_out(cli("setup", "--show", "--json"))


def week(cli, *args: str) -> dict:
    return json_out(cli("week", "--json", *args))


# Flags alone ---------------------------------------------------------------------------


def test_flags_change_just_those_values_without_prompting(cli):
    with at():
        result = cli("setup", "--baby-name", "Mia", "--birth-date", "2026-03-01")
        ok(result)
        assert "?" not in result.stdout  # no question was asked
        profile = shown(cli)
    assert profile["baby_name"] == "Mia"
    assert profile["birth_date"] == "2026-03-01"
    assert profile["awake_hours"] is None
    assert profile["week_start"] == "monday"
    assert profile["caregiver"] is None


def test_a_later_flag_leaves_the_other_values_alone(cli):
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-03-01", "--caregiver", "Sam"))
        ok(cli("setup", "--week-start", "sunday"))
        ok(cli("setup", "--baby-name", "Noa"))
        profile = shown(cli)
    assert profile["baby_name"] == "Noa"
    assert profile["birth_date"] == "2026-03-01"
    assert profile["week_start"] == "sunday"
    assert profile["caregiver"] == "Sam"


def test_flags_do_not_read_standard_input(cli):
    """Flags alone never prompt: input that would change values is left unread."""
    with at():
        ok(cli("setup", "--baby-name", "Mia", input="Other\n2020-01-01\n5\nsunday\nX\n"))
        profile = shown(cli)
    assert profile["baby_name"] == "Mia"
    assert profile["birth_date"] is None
    assert profile["awake_hours"] is None
    assert profile["week_start"] == "monday"
    assert profile["caregiver"] is None


# Prompts -------------------------------------------------------------------------------


def test_no_flags_prompts_for_everything_on_a_new_computer(cli):
    with at():
        result = cli("setup", input="Mia\n2026-03-01\n\n\nSam\n")
        ok(result)
        profile = shown(cli)
    assert "Your baby's name" in result.stdout
    assert "Birth date" in result.stdout
    assert profile["baby_name"] == "Mia"
    assert profile["birth_date"] == "2026-03-01"
    assert profile["awake_hours"] is None  # Enter on "auto" keeps following the age
    assert profile["week_start"] == "monday"
    assert profile["caregiver"] == "Sam"


def test_no_flags_offers_current_values_and_enter_keeps_them(cli, folders):
    with at():
        ok(
            cli(
                "setup",
                "--baby-name",
                "Mia",
                "--birth-date",
                "2026-03-01",
                "--awake-hours",
                "10",
                "--week-start",
                "sunday",
                "--caregiver",
                "Sam",
            )
        )
        before = shown(cli)
        result = cli("setup", input="\n\n\n\n\n")
        ok(result)
        after = shown(cli)
    assert after == before
    for current in ("[Mia]", "[2026-03-01]", "[10]", "[sunday]", "[Sam]"):
        assert current in result.stdout, current


def test_prompt_answers_replace_only_what_was_typed(cli):
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-03-01", "--caregiver", "Sam"))
        ok(cli("setup", input="Noa\n\n12\n\nAlex\n"))
        profile = shown(cli)
    assert profile["baby_name"] == "Noa"
    assert profile["birth_date"] == "2026-03-01"
    assert profile["awake_hours"] == 12
    assert profile["week_start"] == "monday"
    assert profile["caregiver"] == "Alex"


def test_a_bad_prompt_answer_is_asked_again(cli):
    with at():
        result = cli("setup", input="Mia\n2030-01-01\n2026-03-01\n\n\n\n")
        ok(result)
        profile = shown(cli)
    assert profile["birth_date"] == "2026-03-01"
    assert "still to come" in flat(result.stderr)


def test_three_bad_prompt_answers_keep_that_field_and_lose_no_other_answer(cli):
    """Changed on purpose (issue 9): three wrong answers used to throw away every answer."""
    with at():
        ok(cli("setup", "--birth-date", "2026-03-01"))
        result = cli("setup", input="Mia\nsoon\nlater\nnever\n10\nsunday\nSam\n")
        ok(result)
        profile = shown(cli)
    assert (profile["baby_name"], profile["birth_date"]) == ("Mia", "2026-03-01")
    assert (profile["awake_hours"], profile["week_start"], profile["caregiver"]) == (
        10.0,
        "sunday",
        "Sam",
    )
    assert "kept 2026-03-01, as before" in result.stderr


@pytest.mark.parametrize("answer", ["Sun", "sunday", "sun", "SUN", "s", " Sunday "])
def test_the_week_start_prompt_takes_sunday_as_people_write_it(cli, answer):
    with at():
        result = cli("setup", input=f"Mia\n\n\n{answer}\n\n")
        ok(result)
        assert shown(cli)["week_start"] == "sunday"
    assert result.stdout.count("Weeks start on") == 1  # taken the first time


@pytest.mark.parametrize("answer", ["Mon", "monday", "m"])
def test_the_week_start_takes_monday_as_people_write_it(cli, answer):
    with at():
        ok(cli("setup", "--week-start", "sunday"))
        ok(cli("setup", "--week-start", answer))
        assert shown(cli)["week_start"] == "monday"


def test_a_wrong_week_start_is_asked_again_keeping_the_earlier_answers(cli):
    with at():
        result = cli("setup", input="Mia\n2026-10-05\n\nfriday\nsun\nSam\n")
        ok(result)
        profile = shown(cli)
    assert result.stdout.count("Weeks start on") == 2
    assert "monday or sunday" in result.stderr
    assert (profile["baby_name"], profile["birth_date"], profile["week_start"]) == (
        "Mia",
        "2026-10-05",
        "sunday",
    )
    assert profile["caregiver"] == "Sam"


def test_week_start_with_show_applies_then_shows(cli):
    with at():
        result = cli("setup", "--week-start", "sunday", "--show")
        ok(result)
        assert shown(cli)["week_start"] == "sunday"
        as_json = json_out(cli("setup", "--week-start", "monday", "--show", "--json"))
    assert "Weeks start    Sunday" in result.stdout
    assert as_json["week_start"] == "monday"


@pytest.mark.parametrize("columns", ["20", "50", "100"])
def test_show_never_cuts_the_data_folder_path(cli, folders, columns):
    with at():
        ok(cli("setup", "--baby-name", "Mia"))
        result = cli("setup", "--show", env={"COLUMNS": columns})
    ok(result)
    assert str(folders.data) in result.stdout  # whole, on one line, even when narrow
    assert "…" not in result.stdout and "..." not in result.stdout


def test_a_second_computer_is_only_asked_for_its_caregiver(cli, folders, tmp_path):
    other_state = {"BONDCOACH_STATE_DIR": str(tmp_path / "second-computer")}
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-03-01", "--caregiver", "Sam"))
        profile_before = data_files(folders.data)
        result = cli("setup", input="Alex\n", env=other_state)
        ok(result)
        second = json_out(cli("setup", "--show", "--json", env=other_state))
        first = shown(cli)
    assert "Mia" in result.stdout
    assert "Your baby's name" not in result.stdout
    assert second["caregiver"] == "Alex"
    assert second["baby_name"] == "Mia"
    assert first["caregiver"] == "Sam"
    # The second computer changed no field: its one new file is its own record, holding
    # only who uses it.
    after = data_files(folders.data)
    assert {name: raw for name, raw in after.items() if name in profile_before} == profile_before
    (added,) = set(after) - set(profile_before)
    record = json.loads(after[added])
    assert (record["profile"], record["computer"]["caregiver"]["value"]) == ({}, "Alex")


# --show --------------------------------------------------------------------------------


def test_show_json_has_every_field(cli, folders):
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-03-01", "--caregiver", "Sam"))
        profile = shown(cli)
    assert profile == {
        "baby_name": "Mia",
        "birth_date": "2026-03-01",
        "due_date": None,
        "age_days": 270,
        "guidance_age_days": 270,
        "awake_hours": None,
        "week_start": "monday",
        "caregiver": "Sam",
        "target_minutes_today": 158,
        "data_folder": str(folders.data),
        "babies": [
            {
                "id": "first",
                "name": "Mia",
                "birth_date": "2026-03-01",
                "due_date": None,
                "age_days": 270,
                "guidance_age_days": 270,
                "awake_hours": None,
                "target_minutes_today": 158,
            }
        ],
    }


def test_show_for_people(cli):
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-03-01", "--caregiver", "Sam"))
        result = cli("setup", "--show")
    ok(result)
    text = flat(result.stdout)
    for expected in ("Mia", "2026-03-01", "Sam", "Monday", "2 h 38 min", "following age"):
        assert expected in text, expected


def test_show_without_a_profile_says_nothing_is_set_and_writes_nothing(cli, folders):
    with at():
        result = cli("setup", "--show")
        profile = shown(cli)
    ok(result)
    assert "not set" in result.stdout
    assert profile["baby_name"] is None
    assert profile["birth_date"] is None
    assert not (folders.data / "profile.json").exists()


# Awake hours ---------------------------------------------------------------------------


def test_awake_hours_then_auto_clears_the_override(cli):
    with at():
        ok(cli("setup", "--birth-date", "2026-03-01"))
        ok(cli("setup", "--awake-hours", "10"))
        overridden = shown(cli)
        ok(cli("setup", "--awake-hours", "auto"))
        cleared = shown(cli)
    assert overridden["awake_hours"] == 10
    assert overridden["target_minutes_today"] == 150
    assert cleared["awake_hours"] is None
    assert cleared["target_minutes_today"] == 158
    assert cleared["birth_date"] == "2026-03-01"


# Rejections ----------------------------------------------------------------------------

REJECTED = [
    pytest.param(["--birth-date", "2026-11-27"], id="birth-date-tomorrow"),
    pytest.param(["--birth-date", "2030-01-01"], id="birth-date-far-future"),
    pytest.param(["--birth-date", "01/03/2026"], id="birth-date-unparseable"),
    pytest.param(["--birth-date", "2026-02-30"], id="birth-date-no-such-day"),
    pytest.param(["--awake-hours", "0.5"], id="awake-hours-0.5"),
    pytest.param(["--awake-hours", "21"], id="awake-hours-21"),
    pytest.param(["--awake-hours", "abc"], id="awake-hours-abc"),
    pytest.param(["--week-start", "tuesday"], id="week-start-tuesday"),
    pytest.param(["--baby-name", "Noa", "--awake-hours", "21"], id="good-flag-with-bad-flag"),
]


@pytest.mark.parametrize("args", REJECTED)
def test_rejections_exit_2_and_save_nothing(cli, folders, args):
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-03-01", "--caregiver", "Sam"))
        data_before = data_files(folders.data)
        state_before = data_files(folders.state)
        result = cli("setup", *args)
        after = shown(cli)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.strip(), "a rejection says why"
    assert "Traceback" not in result.stderr
    assert data_files(folders.data) == data_before
    assert data_files(folders.state) == state_before
    assert after["baby_name"] == "Mia"


def test_rejections_on_a_fresh_install_write_nothing_at_all(cli, folders):
    """Before any other command: a refused setup leaves no file, not even a device id."""
    for args in (["--birth-date", "2030-01-01"], ["--awake-hours", "21"], ["--week-start", "x"]):
        with at():
            result = cli("setup", *args)
        assert result.exit_code == 2, (args, result.stdout, result.stderr)
        assert data_files(folders.data) == {}, args
        assert data_files(folders.state) == {}, args


@pytest.mark.parametrize("hours", ["1", "20", "7.5"])
def test_awake_hours_at_and_inside_the_limits_are_accepted(cli, hours):
    with at():
        ok(cli("setup", "--awake-hours", hours))
        assert shown(cli)["awake_hours"] == float(hours)


def test_birth_date_today_is_accepted(cli):
    with at():
        ok(cli("setup", "--birth-date", "2026-11-26"))
        assert shown(cli)["birth_date"] == "2026-11-26"


# Where things are stored ---------------------------------------------------------------


def test_caregiver_is_this_computers_own_and_saved_with_the_profile_in_one_file(cli, folders):
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-03-01", "--caregiver", "Sam"))
    # Schema 2: each computer writes its own profile record file (1.0's profile.json is
    # only read); the file is named by this computer's id, never by its caregiver. The
    # caregiver is in that file beside the profile, so one atomic write saves both, and
    # outside "profile", so no other computer takes it for the family's.
    assert not (folders.data / "profile.json").exists()
    (profile_file,) = (folders.data / "profile").iterdir()
    device = json.loads((folders.state / "device.json").read_text(encoding="utf-8"))
    assert profile_file.name == f"{device['device']}.json"
    record = json.loads(profile_file.read_text(encoding="utf-8"))
    assert record["profile"]["babies"]["first"]["name"]["value"] == "Mia"
    assert "Sam" not in json.dumps(record["profile"])
    assert record["computer"]["caregiver"]["value"] == "Sam"
    for raw in data_files(folders.state).values():
        assert b"Mia" not in raw


def test_a_caregiver_kept_by_an_earlier_version_is_still_read(cli, folders):
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-03-01"))
        device_file = folders.state / "device.json"
        device = json.loads(device_file.read_text(encoding="utf-8"))
        device_file.write_text(json.dumps({**device, "caregiver": "Sam"}), encoding="utf-8")
        assert shown(cli)["caregiver"] == "Sam"
        ok(cli("setup", "--caregiver", "Alex"))
        assert shown(cli)["caregiver"] == "Alex"
        ok(cli("setup", "--caregiver", ""))
        assert shown(cli)["caregiver"] is None  # cleared, not the old file's name again


def test_a_caregiver_alone_makes_no_profile(cli, folders):
    with at():
        ok(cli("setup", "--caregiver", "Sam"))
        glance = cli()
        shown_now = shown(cli)
    assert "bondcoach setup" in glance.stdout  # still the first step to take
    assert (shown_now["caregiver"], shown_now["baby_name"]) == ("Sam", None)


def test_a_damaged_caregiver_entry_is_named_and_left_untouched(cli, folders):
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--caregiver", "Sam"))
        (record_file,) = (folders.data / "profile").iterdir()
        record = json.loads(record_file.read_text(encoding="utf-8"))
        record["computer"]["caregiver"]["value"] = 42
        record_file.write_text(json.dumps(record), encoding="utf-8")
        before = data_files(folders.data)
        result = cli("setup", "--baby-name", "Ada")
    assert result.exit_code == 1
    assert str(record_file) in flat(result.stderr)
    assert "computer.caregiver is not text" in flat(result.stderr)
    assert data_files(folders.data) == before


# Week start ----------------------------------------------------------------------------


def log_the_days(cli) -> None:
    for when, minutes in (
        ("2026-11-21 09:00", "10"),  # Saturday
        ("2026-11-22 09:00", "30"),  # Sunday
        ("2026-11-23 09:00", "20"),  # Monday
        ("2026-11-26 09:00", "5"),  # Thursday, today
    ):
        ok(cli("log", minutes, "--at", when))


def dates_of(summary: dict) -> list[str]:
    return [day["date"] for day in summary["days"]]


def seven_days_from(first: date) -> list[str]:
    return [(first + timedelta(days=n)).isoformat() for n in range(7)]


def test_monday_is_the_default_week_start(cli):
    with at():
        log_the_days(cli)
        summary = week(cli)
    assert summary["start"] == "2026-11-23"
    assert summary["end"] == "2026-11-29"
    assert dates_of(summary) == seven_days_from(date(2026, 11, 23))
    assert summary["total_minutes"] == 25
    assert summary["previous_week_minutes"] == 40


def test_week_start_sunday_moves_the_week_and_the_week_before(cli):
    with at():
        log_the_days(cli)
        ok(cli("setup", "--week-start", "sunday"))
        summary = week(cli)
    assert summary["start"] == "2026-11-22"
    assert summary["end"] == "2026-11-28"
    assert dates_of(summary) == seven_days_from(date(2026, 11, 22))
    assert summary["total_minutes"] == 55
    assert summary["previous_week_minutes"] == 10


def test_week_start_sunday_moves_of_too(cli):
    with at():
        log_the_days(cli)
        monday_week = week(cli, "--of", "2026-11-22")
        ok(cli("setup", "--week-start", "sunday"))
        sunday_week = week(cli, "--of", "2026-11-22")
        saturday = week(cli, "--of", "2026-11-21")
    assert monday_week["start"] == "2026-11-16"
    assert monday_week["end"] == "2026-11-22"
    assert sunday_week["start"] == "2026-11-22"
    assert sunday_week["end"] == "2026-11-28"
    assert saturday["start"] == "2026-11-15"
    assert saturday["end"] == "2026-11-21"
    assert saturday["total_minutes"] == 10
    assert dates_of(saturday) == seven_days_from(date(2026, 11, 15))


def test_week_start_sunday_in_the_human_week(cli):
    with at():
        ok(cli("setup", "--week-start", "sunday"))
        result = cli("week")
    ok(result)
    assert "Sun 22 Nov to Sat 28 Nov" in result.stdout
    first_day_row = next(line for line in result.stdout.splitlines() if "Nov" in line[:12])
    assert first_day_row.startswith("Sun 22 Nov")


def test_week_start_back_to_monday(cli):
    with at():
        ok(cli("setup", "--week-start", "sunday"))
        ok(cli("setup", "--week-start", "Monday"))
        summary = week(cli)
    assert summary["start"] == "2026-11-23"
