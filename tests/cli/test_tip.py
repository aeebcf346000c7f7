"""bondcoach tip, through the command line."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
import yaml
from helpers import LONDON, at, json_out, unboxed

TIPS_YAML = Path(__file__).resolve().parents[2] / "data" / "tips.yaml"
TIP_KEYS = {"id", "topic", "title", "text", "source"}


def shipped_tips() -> list[dict[str, object]]:
    return yaml.safe_load(TIPS_YAML.read_text(encoding="utf-8"))["tips"]


def tip_id(cli, *args: str) -> str:
    return json_out(cli("tip", "--json", *args))["id"]


def test_panel_shows_title_text_source_and_the_next_step(cli):
    with at(datetime(2026, 11, 26, 9, 0, tzinfo=LONDON)):
        tip = json_out(cli("tip", "--json"))
        result = cli("tip")
    assert result.exit_code == 0, result.output
    shown = unboxed(result.stdout)
    assert tip["title"] in shown
    assert " ".join(str(tip["text"]).split()) in shown
    assert f"Source: {tip['source']}" in shown
    assert "╭" in result.stdout and "╰" in result.stdout  # drawn as a panel
    assert "bondcoach log" in shown  # the line that points to the next step
    assert result.stderr == ""


def test_panel_heading_names_the_day(cli):
    with at(datetime(2026, 11, 26, 9, 0, tzinfo=LONDON)):
        result = cli("tip")
    assert result.exit_code == 0
    assert "Thursday 26 November" in unboxed(result.stdout)


def test_same_tip_all_day(cli):
    with at(datetime(2026, 11, 26, 0, 5, tzinfo=LONDON)):
        early = tip_id(cli)
    with at(datetime(2026, 11, 26, 13, 0, tzinfo=LONDON)):
        midday = tip_id(cli)
    with at(datetime(2026, 11, 26, 23, 55, tzinfo=LONDON)):
        late = tip_id(cli)
    assert early == midday == late


def test_another_tip_the_next_day(cli):
    with at(datetime(2026, 11, 26, 23, 55, tzinfo=LONDON)):
        today = tip_id(cli)
    with at(datetime(2026, 11, 27, 0, 5, tzinfo=LONDON)):
        tomorrow = tip_id(cli)
    assert today != tomorrow


def test_a_week_of_days_shows_seven_different_tips(cli):
    ids = []
    for day in range(1, 8):
        with at(datetime(2026, 12, day, 8, 0, tzinfo=LONDON)):
            ids.append(tip_id(cli))
    assert len(set(ids)) == 7


def test_date_option_shows_that_days_tip(cli):
    with at(datetime(2027, 1, 15, 10, 0, tzinfo=LONDON)):
        on_the_day = tip_id(cli)
    with at(datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)):
        by_option = tip_id(cli, "--date", "2027-01-15")
        short_option = tip_id(cli, "-d", "2027-01-15")
        other_day = tip_id(cli, "--date", "2027-01-16")
    assert by_option == on_the_day == short_option
    assert other_day != by_option


def test_topic_picks_from_that_topic(cli):
    with at(datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)):
        for topic in ("expectations", "cues", "routine", "you", "support", "mood", "help"):
            tip = json_out(cli("tip", "--topic", topic, "--json"))
            assert tip["topic"] == topic
        human = cli("tip", "--topic", "cues")
    assert human.exit_code == 0
    assert "cues" in human.stdout


def test_topic_is_the_same_all_day_and_ignores_case(cli):
    with at(datetime(2026, 11, 26, 7, 0, tzinfo=LONDON)):
        morning = tip_id(cli, "--topic", "routine")
    with at(datetime(2026, 11, 26, 22, 0, tzinfo=LONDON)):
        evening = tip_id(cli, "--topic", "Routine")
    assert morning == evening


@pytest.mark.parametrize("as_json", [False, True])
def test_unknown_topic_is_exit_2_with_one_line(cli, as_json):
    args = ["tip", "--topic", "astrology"] + (["--json"] if as_json else [])
    result = cli(*args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "astrology" in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_all_lists_every_tip(cli):
    result = cli("tip", "--all")
    assert result.exit_code == 0, result.output
    shown = unboxed(result.stdout)
    for tip in shipped_tips():
        assert tip["id"] in shown
        assert tip["title"] in shown


def test_all_with_topic_lists_only_that_topic(cli):
    listed = json_out(cli("tip", "--all", "--topic", "help", "--json"))
    expected = {tip["id"] for tip in shipped_tips() if tip["topic"] == "help"}
    assert {tip["id"] for tip in listed} == expected


def test_json_has_the_documented_keys(cli):
    with at(datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)):
        tip = json_out(cli("tip", "--json"))
    assert isinstance(tip, dict)
    assert tip.keys() >= TIP_KEYS
    for key in TIP_KEYS:
        assert isinstance(tip[key], str) and tip[key].strip()
    assert tip["id"] in {t["id"] for t in shipped_tips()}


def test_all_json_is_a_list_of_every_tip(cli):
    listed = json_out(cli("tip", "--all", "--json"))
    assert isinstance(listed, list)
    assert all(isinstance(tip, dict) and tip.keys() >= TIP_KEYS for tip in listed)
    assert sorted(tip["id"] for tip in listed) == sorted(t["id"] for t in shipped_tips())


@pytest.mark.parametrize("bad", ["2026-13-01", "2026-02-30", "tomorrow", "26/11/2026", ""])
def test_bad_date_is_exit_2(cli, bad):
    result = cli("tip", "--date", bad)
    assert result.exit_code == 2
    assert result.stderr.strip()
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert result.stdout == ""
