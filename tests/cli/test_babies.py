"""Several babies, through the command line: twins, and a toddler with a newborn.

Sessions store babies by id, so a rename follows the history; without --baby a session
is time with every baby in the profile when it is logged; each baby has its own aim.
"""

from __future__ import annotations

import json

from helpers import at, data_files, flat, json_out, ok

TWINS_BORN = "2026-10-01"
NEWBORN_AIM = 128  # 8.5 awake hours (0-3 months) x 15 minutes
TODDLER_AIM = 173  # 11.5 awake hours (1-2 years, sleeping 11-14 h) x 15 minutes


def twins(cli) -> None:
    ok(cli("setup", "--baby-name", "Mia", "--birth-date", TWINS_BORN, "--caregiver", "Sam"))
    ok(cli("setup", "--add-baby", "Leo", "--birth-date", TWINS_BORN))


def toddler_and_newborn(cli) -> None:
    ok(cli("setup", "--baby-name", "Ava", "--birth-date", "2024-06-01", "--caregiver", "Sam"))
    ok(cli("setup", "--add-baby", "Noah", "--birth-date", "2026-11-01"))


def logged(cli, *args: str) -> dict:
    return json_out(cli("log", *args, "--json"))["session"]


def week_json(cli, *args: str) -> dict:
    return json_out(cli("week", "--json", *args))


def day(week: dict, date: str) -> dict:
    (found,) = (one for one in week["days"] if one["date"] == date)
    return found


# Twins ---------------------------------------------------------------------------------


def test_twins_a_session_without_baby_counts_for_both_and_the_week_counts_it_once(cli):
    with at():
        twins(cli)
        both = logged(cli, "30", "--at", "09:00")
        one = logged(cli, "10", "--at", "11:00", "--baby", "leo")
        week = week_json(cli)
    assert both["babies"] == ["Mia", "Leo"]
    assert one["babies"] == ["Leo"]
    assert week["total_minutes"] == 40  # each session once
    assert week["by_baby"]["Mia"]["total_minutes"] == 30
    assert week["by_baby"]["Leo"]["total_minutes"] == 40
    thursday = day(week, "2026-11-26")
    assert (thursday["minutes"], thursday["sessions"]) == (40, 2)
    assert day(week["by_baby"]["Leo"], "2026-11-26")["minutes"] == 40
    assert day(week["by_baby"]["Mia"], "2026-11-26")["target_minutes"] == NEWBORN_AIM


def test_the_saved_echo_says_whose_time_it_was_and_how_to_choose(cli):
    with at():
        twins(cli)
        default = cli("log", "15", "--at", "09:00")
        chosen = cli("log", "15", "--at", "10:00", "--baby", "Mia")
    ok(default)
    assert "for Mia and Leo; --baby to choose" in flat(default.stdout)
    assert "Today with Mia and Leo, so far" in flat(default.stdout)
    ok(chosen)
    assert "for Mia." in flat(chosen.stdout) and "--baby to choose" not in chosen.stdout


def test_with_one_baby_the_echo_and_the_json_stay_as_in_1_0(cli):
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", TWINS_BORN))
        result = cli("log", "15", "--at", "09:00")
        week = week_json(cli)
        stored = data_files(cli_data_folder(cli))
    assert " for Mia" not in flat(result.stdout)
    assert list(week["by_baby"]) == ["Mia"]
    assert week["by_baby"]["Mia"]["days"] == week["days"]
    # The session names no baby in the file: 1.0's shape for a session of the first baby.
    (month,) = [raw for name, raw in stored.items() if name.startswith("sessions/")]
    assert b'"babies"' not in month


def cli_data_folder(cli):
    from pathlib import Path

    return Path(json_out(cli("setup", "--show", "--json"))["data_folder"])


def test_a_baby_added_later_does_not_collect_older_sessions(cli):
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", TWINS_BORN))
        logged(cli, "20", "--at", "08:00")
        ok(cli("setup", "--add-baby", "Leo", "--birth-date", TWINS_BORN))
        later = logged(cli, "10", "--at", "09:00")
        week = week_json(cli)
        history = json_out(cli("history", "--json"))
    assert [s["babies"] for s in history] == [["Mia"], ["Mia", "Leo"]]
    assert later["babies"] == ["Mia", "Leo"]
    assert week["by_baby"]["Leo"]["total_minutes"] == 10
    assert week["by_baby"]["Mia"]["total_minutes"] == 30


def test_week_shows_a_section_per_baby_at_80_columns_and_in_plain(cli):
    with at():
        twins(cli)
        logged(cli, "30", "--at", "09:00")
        logged(cli, "10", "--at", "11:00", "--baby", "Leo")
        drawn = cli("week", env={"COLUMNS": "80"})
        plain = cli("week", "--plain")
    ok(drawn)
    assert "Your week with Mia and Leo" in drawn.stdout
    assert "Each session counted once" in flat(drawn.stdout)
    assert "Mia: 30 min this week so far" in flat(drawn.stdout)
    assert "Leo: 40 min this week so far" in flat(drawn.stdout)
    assert max(len(line) for line in drawn.stdout.splitlines()) <= 80
    ok(plain)
    text = flat(plain.stdout)
    assert "Mia: 30 minutes this week so far." in text
    assert "Thu 26 Nov (today): 40 minutes of about 2 hours 8 minutes" in text
    assert "━" not in plain.stdout


def test_week_baby_shows_one_baby_and_an_unknown_name_is_exit_2(cli):
    with at():
        twins(cli)
        logged(cli, "30", "--at", "09:00")
        logged(cli, "10", "--at", "11:00", "--baby", "Leo")
        mia = week_json(cli, "--baby", "mia")
        unknown = cli("week", "--baby", "Zoe")
    assert mia["total_minutes"] == 30
    assert list(mia["by_baby"]) == ["Mia"]
    assert unknown.exit_code == 2
    assert "no baby called 'Zoe'; known: Mia, Leo" in flat(unknown.stderr)


# A toddler and a newborn ---------------------------------------------------------------


def test_a_toddler_and_a_newborn_each_have_their_own_aim(cli):
    with at():
        toddler_and_newborn(cli)
        logged(cli, "45", "--at", "09:00")
        week = week_json(cli)
        shown = json_out(cli("setup", "--show", "--json"))
    ava, noah = week["by_baby"]["Ava"], week["by_baby"]["Noah"]
    assert day(ava, "2026-11-26")["target_minutes"] == TODDLER_AIM
    assert day(noah, "2026-11-26")["target_minutes"] == NEWBORN_AIM
    # The day's aim at the top is the largest: time with both together meets both aims.
    assert day(week, "2026-11-26")["target_minutes"] == TODDLER_AIM
    aims = {baby["name"]: baby["target_minutes_today"] for baby in shown["babies"]}
    assert aims == {"Ava": TODDLER_AIM, "Noah": NEWBORN_AIM}


def test_tips_fit_each_baby_and_json_stays_one_object(cli):
    with at():
        toddler_and_newborn(cli)
        both = cli("tip", "--plain")
        youngest = json_out(cli("tip", "--json"))
        noah = json_out(cli("tip", "--json", "--baby", "noah"))
        ava = json_out(cli("tip", "--json", "--baby", "Ava"))
        unknown = cli("tip", "--baby", "Zoe")
    ok(both)
    assert "Tip for Noah," in both.stdout and "Tip for Ava," in both.stdout
    assert isinstance(youngest, dict) and youngest == noah  # the youngest: Noah
    assert ava["id"] != noah["id"]
    assert unknown.exit_code == 2 and "known: Ava, Noah" in flat(unknown.stderr)


# The profile: add, rename, remove, names ------------------------------------------------


def test_setup_show_json_keeps_1_0_keys_for_the_first_baby_and_adds_babies(cli):
    with at():
        twins(cli)
        shown = json_out(cli("setup", "--show", "--json"))
    assert (shown["baby_name"], shown["birth_date"]) == ("Mia", TWINS_BORN)
    assert [(b["id"], b["name"]) for b in shown["babies"]] == [("first", "Mia"), ("leo", "Leo")]


def test_rename_follows_the_history(cli):
    with at():
        twins(cli)
        logged(cli, "15", "--at", "09:00", "--baby", "Leo")
        ok(cli("setup", "--baby", "leo", "--baby-name", "Leon"))
        history = json_out(cli("history", "--json"))
        week = week_json(cli)
    assert history[0]["babies"] == ["Leon"]
    assert week["by_baby"]["Leon"]["total_minutes"] == 15


def test_baby_selects_whose_fields_change(cli):
    with at():
        twins(cli)
        ok(cli("setup", "--baby", "Leo", "--awake-hours", "10"))
        shown = json_out(cli("setup", "--show", "--json"))
    mia, leo = shown["babies"]
    assert (mia["awake_hours"], leo["awake_hours"]) == (None, 10.0)
    assert leo["target_minutes_today"] == 150


def test_names_are_unique_case_aside_and_nothing_is_written(cli, folders):
    with at():
        twins(cli)
        before = data_files(folders.data)
        again = cli("setup", "--add-baby", "leo")
        renamed = cli("setup", "--baby", "Mia", "--baby-name", "LEO")
    for result in (again, renamed):
        assert result.exit_code == 2
        assert "there is already a baby called Leo" in flat(result.stderr)
    assert data_files(folders.data) == before


def test_an_unknown_name_is_exit_2_listing_the_names_and_nothing_is_written(cli, folders):
    with at():
        twins(cli)
        before = data_files(folders.data)
        results = [
            cli("setup", "--baby", "Zoe", "--awake-hours", "9"),
            cli("log", "15", "--baby", "Zoe"),
            cli("log", "15", "--baby", "Mia", "--baby", "Zoe"),
            cli("play", "1", "--baby", "Zoe"),
            cli("week", "--baby", "Zoe"),
            cli("tip", "--baby", "Zoe"),
            cli("report", "--baby", "Zoe"),
            cli("setup", "--remove-baby", "Zoe"),
        ]
    for result in results:
        assert result.exit_code == 2, (result.stdout, result.stderr)
        assert "no baby called 'Zoe'; known: Mia, Leo" in flat(result.stderr)
    assert data_files(folders.data) == before


def test_remove_asks_first_and_keeps_every_session(cli, folders):
    with at():
        twins(cli)
        logged(cli, "15", "--at", "09:00")
        logged(cli, "5", "--at", "10:00", "--baby", "Leo")
        before = data_files(folders.data)
        declined = cli("setup", "--remove-baby", "Leo", input="\n")
        unchanged = data_files(folders.data)
        removed = cli("setup", "--remove-baby", "leo", input="y\n")
        shown = json_out(cli("setup", "--show", "--json"))
        history = json_out(cli("history", "--json"))
        week = week_json(cli)
        only = cli("setup", "--remove-baby", "Mia", input="y\n")
        log_for_leo = cli("log", "5", "--baby", "Leo")
    ok(declined)
    assert "Take Leo out of the profile? Their 2 sessions stay" in flat(declined.stdout)
    assert unchanged == before
    ok(removed)
    assert "Leo is no longer in the profile; every session is kept" in flat(removed.stdout)
    assert [baby["name"] for baby in shown["babies"]] == ["Mia"]
    assert [s["babies"] for s in history] == [["Mia", "Leo"], ["Leo"]]  # still named
    assert week["total_minutes"] == 20 and list(week["by_baby"]) == ["Mia"]
    assert only.exit_code == 2 and "the only baby" in only.stderr
    assert log_for_leo.exit_code == 2


# The questions ---------------------------------------------------------------------------


def test_log_asks_which_baby_when_there_are_several(cli):
    with at():
        twins(cli)
        everyone = cli("log", input="15\n\n\n\n\n")
        one = cli("log", input="10\nzoe\nleo\n\n\n\n")
        history = json_out(cli("history", "--json"))
    ok(everyone)
    assert "With whom? (Mia, Leo; Enter for all of them)" in flat(everyone.stdout)
    ok(one)
    assert "no baby called 'zoe'" in flat(one.stderr)  # asked again
    assert [s["babies"] for s in history] == [["Mia", "Leo"], ["Leo"]]


def test_setup_questions_offer_another_baby(cli):
    answers = "Mia\n2026-10-01\nauto\nmonday\nSam\ny\nLeo\n2026-10-01\nn\n"
    with at():
        result = cli("setup", input=answers)
        shown = json_out(cli("setup", "--show", "--json"))
        again = cli("setup", input="\n\n\n\n\n\n\n\n\n")
    ok(result)
    assert "Add another baby" in result.stdout
    assert [(b["name"], b["birth_date"]) for b in shown["babies"]] == [
        ("Mia", "2026-10-01"),
        ("Leo", "2026-10-01"),
    ]
    ok(again)
    assert "Leo's name" in again.stdout  # with several, each question names its baby


def test_a_second_computer_joining_still_asks_only_who_uses_it(cli, tmp_path):
    other = {"BONDCOACH_STATE_DIR": str(tmp_path / "second-computer")}
    with at():
        twins(cli)
        result = cli("setup", input="Alex\n", env=other)
    ok(result)
    assert "Found the family profile for Mia and Leo" in flat(result.stdout)
    assert "Your baby's name" not in result.stdout and "Mia's name" not in result.stdout
    assert "Add another baby" not in result.stdout


def test_play_asks_whose_time_before_the_timer(cli, monkeypatch):
    from bondcoach.cli import play

    clock = iter(range(0, 10_000, 30))
    monkeypatch.setattr(play, "TIMER_CLOCK", lambda: next(clock))
    monkeypatch.setattr(play, "TIMER_SLEEP", lambda seconds: None)
    with at():
        twins(cli)
        result = cli("play", "1", "--plain", input="Mia\n\n\n")
        history = json_out(cli("history", "--json"))
    ok(result)
    assert "With whom?" in result.stdout
    assert history[-1]["babies"] == ["Mia"]


# Report ----------------------------------------------------------------------------------


def test_report_by_baby_filters_each_babys_sessions(cli):
    with at():
        twins(cli)
        logged(cli, "30", "--at", "09:00")
        logged(cli, "10", "--at", "11:00", "--baby", "Leo")
        report = json_out(cli("report", "--json"))
        leo = json_out(cli("report", "--json", "--baby", "LEO"))
        shown = cli("report", "--plain")
    assert report["total_minutes"] == 40
    assert {name: one["total_minutes"] for name, one in report["by_baby"].items()} == {
        "Mia": 30,
        "Leo": 40,
    }
    assert leo["total_minutes"] == 40 and list(leo["by_baby"]) == ["Leo"]
    assert "Time together with Mia and Leo" in flat(shown.stdout)
    assert "With each baby: Mia 30 minutes; Leo 40 minutes" in flat(shown.stdout)


# Export and import ------------------------------------------------------------------------


def export(cli, *args: str) -> str:
    result = cli("export", *args)
    ok(result)
    return result.stdout


def test_export_import_into_an_empty_store_export_gives_the_same_bytes(cli, tmp_path, monkeypatch):
    with at():
        twins(cli)
        logged(cli, "30", "--at", "09:00")
        logged(cli, "10", "--at", "11:00", "--baby", "Leo", "--note", "hi; there")
        first = export(cli)
        as_json = export(cli, "--format", "json") if _has_format(cli) else None
    assert first.splitlines()[0].endswith(",who,babies")
    assert ",Sam,Mia;Leo" in first and ",Sam,Leo" in first
    (tmp_path / "out.csv").write_text(first, encoding="utf-8", newline="")
    monkeypatch.setenv("BONDCOACH_HOME", str(tmp_path / "empty"))
    monkeypatch.setenv("BONDCOACH_STATE_DIR", str(tmp_path / "empty-state"))
    with at():
        ok(cli("import", str(tmp_path / "out.csv")))
        assert export(cli) == first
    if as_json is not None:
        assert [row["babies"] for row in json.loads(as_json)] == [["Mia", "Leo"], ["Leo"]]


def _has_format(cli) -> bool:
    return "--format" in cli("export", "--help").stdout


def test_a_1_0_export_imports_as_time_with_the_first_baby(cli, tmp_path):
    old = (
        "id,start,minutes,activities,mood,note,who\r\n"
        "aaaa11112222,2026-11-25T09:00:00+00:00,20,sing,,,Sam\r\n"
    )
    (tmp_path / "old.csv").write_text(old, encoding="utf-8", newline="")
    with at():
        twins(cli)
        ok(cli("import", str(tmp_path / "old.csv")))
        history = json_out(cli("history", "--json"))
        week = week_json(cli)
    assert history[0]["babies"] == ["Mia"]
    assert week["by_baby"]["Mia"]["total_minutes"] == 20
    assert week["by_baby"]["Leo"]["total_minutes"] == 0


def test_import_maps_known_names_case_aside_and_keeps_unknown_ones(cli, tmp_path):
    rows = (
        "start,minutes,who,babies\r\n"
        "2026-11-25T09:00:00+00:00,20,Sam,leo\r\n"
        "2026-11-25T10:00:00+00:00,15,Sam,Mia;Zoe\r\n"
    )
    (tmp_path / "in.csv").write_text(rows, encoding="utf-8", newline="")
    with at():
        twins(cli)
        result = cli("import", str(tmp_path / "in.csv"))
        history = json_out(cli("history", "--json"))
        week = week_json(cli)
        again = export(cli)
    ok(result)
    assert [s["babies"] for s in history] == [["Leo"], ["Mia", "Zoe"]]
    assert week["by_baby"]["Leo"]["total_minutes"] == 20
    assert week["by_baby"]["Mia"]["total_minutes"] == 15
    assert ",Mia;Zoe" in again


def test_the_real_1_0_0_export_imports_as_time_with_the_first_baby(cli):
    from datetime import datetime

    from helpers import LONDON
    from helpers_store import FIXTURE

    with at(datetime(2026, 12, 3, 9, 0, tzinfo=LONDON)):
        twins(cli)
        result = cli("import", str(FIXTURE / "expected-export.csv"))
        history = json_out(cli("history", "--last", "100", "--json"))
        again = cli("import", str(FIXTURE / "expected-export.csv"))
    ok(result)
    assert len(history) == 7 and all(s["babies"] == ["Mia"] for s in history)
    ok(again)
    assert "imported 0 sessions" in flat(again.stdout)


def test_the_glance_names_every_baby_and_counts_each_session_once(cli):
    with at():
        toddler_and_newborn(cli)
        logged(cli, "30", "--at", "09:00")
        logged(cli, "10", "--at", "10:00", "--baby", "Ava")
        result = cli("--plain")
    ok(result)
    assert "Today with Ava and Noah, so far: 40 minutes of about 2 hours 53 minutes" in flat(
        result.stdout
    )


# Editing whose time it was -------------------------------------------------------------


def test_edit_baby_says_whose_time_it_was_and_undo_puts_it_back(cli):
    with at():
        twins(cli)
        session = logged(cli, "30", "--at", "09:00")["id"]
        said = cli("edit", session, "--baby", "leo")
        moved = json_out(cli("edit", session, "--baby", "leo", "--json"))
        week = week_json(cli)
        both = json_out(cli("edit", session, "--baby", "Mia", "--baby", "Leo", "--json"))
        ok(cli("undo"))
        back = json_out(cli("history", "--json"))
    ok(said)
    assert "Done: now Thu 26 Nov, 09:00, 30 min, Sam, for Leo" in flat(said.stdout)
    assert moved["babies"] == ["Leo"]
    assert week["by_baby"]["Mia"]["total_minutes"] == 0
    assert week["by_baby"]["Leo"]["total_minutes"] == 30
    assert both["babies"] == ["Mia", "Leo"]
    assert [s["babies"] for s in back] == [["Leo"]]  # undo takes back the last edit


def test_edit_with_an_unknown_baby_changes_nothing(cli):
    with at():
        twins(cli)
        session = logged(cli, "30", "--at", "09:00")["id"]
        before = data_files(cli_data_folder(cli))
        result = cli("edit", session, "--baby", "Noah", "--note", "hello")
        after = data_files(cli_data_folder(cli))
    assert result.exit_code == 2, result.output
    assert "Noah" in result.stderr and "Traceback" not in result.output
    assert after == before


def test_edit_asks_for_a_change_and_names_baby_among_them(cli):
    with at():
        twins(cli)
        session = logged(cli, "30", "--at", "09:00")["id"]
        result = cli("edit", session)
    assert result.exit_code == 2
    assert "--baby" in result.stderr
