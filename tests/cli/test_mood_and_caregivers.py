"""Mood after a log, the kind low-mood note in the week, and two caregivers."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from helpers import LONDON, at, data_files, flat, json_out, ok

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=LONDON)  # Thursday; the week is Mon 23 - Sun 29
MON, TUE, WED, THU = "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"
CHEERFUL = ("Lovely", "bonus", "Well done", "Great", "Wonderful")
SUPPORT = "bondcoach support"


def log(cli, day: str, *args: str, minutes: str = "20", hour: str = "09:00") -> None:
    ok(cli("log", minutes, "--at", f"{day} {hour}", *args))


def week_json(cli) -> dict:
    return json_out(cli("week", "--json"))


def week_text(cli) -> str:
    result = cli("week")
    ok(result)
    return flat(result.stdout)


def history(cli) -> list[dict]:
    return json_out(cli("history", "--json"))


# After a log ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mood", "minutes"),
    [("1", "130"), ("2", "130"), ("1", "70"), ("2", "70"), ("1", "10")],
)
def test_low_mood_log_has_no_cheerful_word_and_mentions_support_once(cli, mood, minutes):
    """130 min reaches the 128-minute aim and 70 is past halfway: both would be cheerful."""
    with at():
        result = cli("log", minutes, "--mood", mood)
    ok(result)
    text = flat(result.stdout)
    for word in CHEERFUL:
        assert word not in text, word
    assert text.count(SUPPORT) == 1, text


@pytest.mark.parametrize("mood", ["3", "4", "5"])
def test_other_moods_do_not_mention_support(cli, mood):
    with at():
        result = cli("log", "130", "--mood", mood)
    ok(result)
    text = flat(result.stdout)
    assert "support" not in text
    assert "bonus" in text  # the usual warm word, so the check above is not vacuous


def test_low_mood_after_log_is_acknowledged_not_diagnosed(cli):
    with at():
        result = cli("log", "15", "--mood", "1")
    ok(result)
    text = flat(result.stdout).lower()
    assert "depress" not in text
    assert "diagnos" not in text
    assert "score" not in text


def test_mood_is_stored_with_the_session(cli):
    with at():
        ok(cli("log", "15", "--mood", "2"))
        assert [s["mood"] for s in history(cli)] == [2]


@pytest.mark.parametrize("mood", ["0", "6", "-1"])
def test_mood_outside_1_to_5_is_refused(cli, folders, mood):
    with at():
        result = cli("log", "15", "--mood", mood)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert data_files(folders.data) == {}


def test_interactive_log_asks_for_mood_as_an_optional_question(cli):
    with at():
        result = cli("log", input="20\nsing\nshe laughed\n2\n")
        ok(result)
        sessions = history(cli)
    assert "very low" in result.stdout
    assert "optional" in result.stdout.lower() or "Enter to skip" in result.stdout
    assert sessions[0]["mood"] == 2
    assert sessions[0]["note"] == "she laughed"
    assert sessions[0]["minutes"] == 20
    assert flat(result.stdout).count(SUPPORT) == 1


def test_a_very_low_mood_is_acknowledged_with_help_today_and_no_condition(cli):
    with at():
        result = cli("log", "15", "--mood", "1")
    ok(result)
    text = flat(result.stdout)
    assert "keep coming" not in text and "If they" not in text
    assert "very low" in text
    assert "talk to someone today" in text
    assert text.count(SUPPORT) == 1


def test_a_low_mood_of_2_keeps_its_gentle_word(cli):
    with at():
        result = cli("log", "15", "--mood", "2")
    ok(result)
    assert "heavy days happen" in flat(result.stdout)


@pytest.mark.parametrize("bad", ["low", "6", "2/5", "0", "3.5"])
def test_a_wrong_mood_answer_is_asked_again_not_dropped(cli, bad):
    with at():
        result = cli("log", input=f"20\n\n\n{bad}\n3\n")
        ok(result)
        sessions = history(cli)
    assert sessions[0]["mood"] == 3
    assert result.stdout.count("How are you feeling") == 2
    assert "1 (very low) to 5 (very good)" in result.stderr


def test_three_wrong_mood_answers_still_save_the_time_together(cli):
    with at():
        result = cli("log", input="20\n\n\nlow\nbad\n9\n")
        ok(result)
        sessions = history(cli)
    assert (sessions[0]["minutes"], sessions[0]["mood"]) == (20, None)
    assert "No mood noted" in result.stderr


def test_the_mood_question_says_moods_are_shared_in_a_line_not_a_question(cli):
    with at():
        result = cli("log", input="20\nsing\n\n4\n")
    ok(result)
    assert result.stdout.count("shared with every computer") == 1
    # its own line, right before the mood question, and not a question itself
    sentence = result.stdout.split("(Moods are")[1].split("\n")[0]
    assert "data folder" in sentence and "?" not in sentence
    assert result.stdout.split("(Moods are")[1].split("\n")[1].startswith("How are you feeling")


def test_interactive_log_enter_skips_the_mood(cli):
    with at():
        ok(cli("log", input="20\n\n\n\n"))
        assert history(cli)[0]["mood"] is None


# The week's low-mood note --------------------------------------------------------------


def test_low_mood_on_most_days_is_noted_kindly(cli):
    with at():
        log(cli, MON, "--who", "Sam", "--mood", "1")
        log(cli, TUE, "--who", "Sam", "--mood", "2")
        log(cli, WED, "--who", "Sam", "--mood", "4")
        summary = week_json(cli)
        text = week_text(cli)
    assert summary["low_mood_caregivers"] == ["Sam"]
    assert text.count(SUPPORT) == 1
    assert "Sam noted a low mood" in text
    lowered = text.lower()
    for word in ("depress", "diagnos", "score", "warning", "alarm", "risk"):
        assert word not in lowered, word


def test_exactly_half_the_days_low_is_not_noted(cli):
    with at():
        log(cli, MON, "--who", "Sam", "--mood", "1")
        log(cli, TUE, "--who", "Sam", "--mood", "2")
        log(cli, WED, "--who", "Sam", "--mood", "4")
        log(cli, THU, "--who", "Sam", "--mood", "5")
        summary = week_json(cli)
        text = week_text(cli)
    assert summary["low_mood_caregivers"] == []
    assert SUPPORT not in text


def test_one_low_day_of_one_is_more_than_half(cli):
    with at():
        log(cli, THU, "--mood", "2")
        summary = week_json(cli)
        text = week_text(cli)
    assert len(summary["low_mood_caregivers"]) == 1
    assert SUPPORT in text
    assert "most of the days" not in text and "days with a mood" not in text
    assert "You noted a low mood this week. That is worth" in text


@pytest.mark.parametrize(
    ("moods", "words"),
    [
        (["1", "2"], "on all 2 days with a mood this week"),
        (["1", "2", "4"], "on 2 of the 3 days with a mood this week"),
        (["2", "1", "2"], "on all 3 days with a mood this week"),
    ],
)
def test_the_low_mood_note_fits_the_count(cli, moods, words):
    with at():
        for day, mood in zip((MON, TUE, WED), moods, strict=False):
            log(cli, day, "--mood", mood)
        text = week_text(cli)
    assert f"You noted a low mood {words}." in text
    assert "most of the days" not in text


def test_a_day_counts_by_its_lowest_mood(cli):
    """Monday has moods 1, 5 and 5: a low day. Two low days of three: noted.

    Counted by session (2 low of 5), by the day's average or by its last mood it would not be.
    """
    with at():
        log(cli, MON, "--who", "Sam", "--mood", "1", hour="08:00")
        log(cli, MON, "--who", "Sam", "--mood", "5", hour="12:00")
        log(cli, MON, "--who", "Sam", "--mood", "5", hour="16:00")
        log(cli, TUE, "--who", "Sam", "--mood", "2")
        log(cli, WED, "--who", "Sam", "--mood", "4")
        summary = week_json(cli)
    assert summary["low_mood_caregivers"] == ["Sam"]


def test_days_without_a_mood_do_not_count(cli):
    """Two low days and one fine day with a mood, two days without: still noted."""
    with at():
        log(cli, MON, "--who", "Sam", "--mood", "1")
        log(cli, TUE, "--who", "Sam", "--mood", "1")
        log(cli, WED, "--who", "Sam", "--mood", "5")
        log(cli, THU, "--who", "Sam", hour="08:00")
        log(cli, "2026-11-22", "--who", "Sam")  # Sunday before: another week anyway
        summary = week_json(cli)
    assert summary["low_mood_caregivers"] == ["Sam"]


def test_caregivers_are_not_averaged_together(cli):
    with at():
        for day in (MON, TUE, WED):
            log(cli, day, "--who", "Sam", "--mood", "1", hour="08:00")
            log(cli, day, "--who", "Alex", "--mood", "5", hour="12:00")
        summary = week_json(cli)
        text = week_text(cli)
    assert summary["low_mood_caregivers"] == ["Sam"]
    # The note's own sentence (60 characters before it reached into the "Who:" line once
    # the empty week-before chart went away).
    found = re.search(r"\S+ noted a low mood[^.]*\.", text)
    assert found, text
    note = found.group(0)
    assert "Sam" in note
    assert "Alex" not in note
    assert text.count(SUPPORT) == 1


def test_a_fine_caregiver_does_not_hide_a_low_one_on_the_same_days(cli):
    """Sam low on 2 of 3 days, Alex fine on all: Sam alone is noted."""
    with at():
        for day, sam in ((MON, "2"), (TUE, "1"), (WED, "3")):
            log(cli, day, "--who", "Sam", "--mood", sam, hour="08:00")
            log(cli, day, "--who", "Alex", "--mood", "4", hour="12:00")
        summary = week_json(cli)
    assert summary["low_mood_caregivers"] == ["Sam"]


def test_both_caregivers_can_be_noted(cli):
    with at():
        for day in (MON, TUE):
            log(cli, day, "--who", "Sam", "--mood", "1", hour="08:00")
            log(cli, day, "--who", "Alex", "--mood", "2", hour="12:00")
        summary = week_json(cli)
        text = week_text(cli)
    assert summary["low_mood_caregivers"] == ["Alex", "Sam"]
    assert "Alex" in text and "Sam" in text


def test_low_moods_the_week_before_are_not_noted_this_week(cli):
    with at():
        for day in ("2026-11-17", "2026-11-18", "2026-11-19"):
            log(cli, day, "--who", "Sam", "--mood", "1")
        log(cli, MON, "--who", "Sam", "--mood", "4")
        summary = week_json(cli)
        text = week_text(cli)
        earlier = json_out(cli("week", "--json", "--of", "2026-11-18"))
    assert summary["low_mood_caregivers"] == []
    assert SUPPORT not in text
    assert earlier["low_mood_caregivers"] == ["Sam"]


def test_notes_are_never_read_for_risk(cli):
    """A worrying note with no mood set never triggers the low-mood note."""
    with at():
        for day in (MON, TUE, WED):
            log(cli, day, "--who", "Sam", "-n", "I want to disappear")
        logged = cli("log", "15", "--who", "Sam", "-n", "I want to disappear")
        summary = week_json(cli)
        text = week_text(cli)
    ok(logged)
    assert SUPPORT not in flat(logged.stdout)
    assert summary["low_mood_caregivers"] == []
    assert "I want to disappear" in text  # the note is shown, as written
    assert SUPPORT not in text


# Two caregivers ------------------------------------------------------------------------


def test_who_defaults_to_this_computers_caregiver(cli):
    with at():
        ok(cli("setup", "--caregiver", "Sam"))
        ok(cli("log", "15", "--at", f"{MON} 09:00"))
        ok(cli("log", "20", "--at", f"{TUE} 09:00", "--who", "Alex"))
        sessions = history(cli)
    assert [(s["minutes"], s["who"]) for s in sessions] == [(15, "Sam"), (20, "Alex")]


def test_without_a_caregiver_who_stays_empty(cli):
    with at():
        ok(cli("log", "15"))
        assert history(cli)[0]["who"] is None


def test_week_json_splits_minutes_by_caregiver(cli):
    with at():
        log(cli, MON, "--who", "Sam", minutes="30")
        log(cli, TUE, "--who", "Sam", minutes="15")
        log(cli, TUE, "--who", "Alex", minutes="30", hour="14:00")
        log(cli, "2026-11-20", "--who", "Alex", minutes="50")  # the week before
        summary = week_json(cli)
    assert summary["by_caregiver"] == {"Sam": 45, "Alex": 30}
    assert summary["total_minutes"] == 75


def test_human_week_shows_each_caregivers_share(cli):
    with at():
        log(cli, MON, "--who", "Sam", minutes="45")
        log(cli, TUE, "--who", "Alex", minutes="30")
        text = week_text(cli)
    assert re.search(r"Sam\W+45 min\W+60%", text), text
    assert re.search(r"Alex\W+30 min\W+40%", text), text
