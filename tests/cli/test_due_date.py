"""setup --due-date: corrected age for a baby born early, and parents still expecting;
and what the tip of the day carries (why, sources, the ages it was chosen by)."""

from __future__ import annotations

from datetime import datetime

import pytest
from helpers import LONDON, at, data_files, flat, json_out, ok, unboxed

from bondcoach.guidance.tips import load_guidance

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=LONDON)


def shown(cli) -> dict:
    return json_out(cli("setup", "--show", "--json"))


def test_born_eleven_weeks_early_gets_the_newborn_aim_and_both_ages(cli):
    with at(NOW):
        ok(cli("setup", "--birth-date", "2026-08-01", "--due-date", "2026-10-17"))
        facts = shown(cli)
        people = flat(cli("setup", "--show").stdout)
    assert facts["due_date"] == "2026-10-17"
    assert facts["target_minutes_today"] == 128  # the newborn band's aim, not 4 months'
    assert (facts["age_days"], facts["guidance_age_days"]) == (123, 46)
    assert "4 months since the birth" in people
    assert "6 weeks corrected" in people


def test_without_the_due_date_the_same_baby_gets_the_four_month_aim(cli):
    with at(NOW):
        ok(cli("setup", "--birth-date", "2026-08-01"))
        assert shown(cli)["target_minutes_today"] == 158


def test_corrected_age_picks_tips_for_the_corrected_age(cli):
    with at(NOW):
        ok(cli("setup", "--birth-date", "2026-08-01", "--due-date", "2026-10-17"))
        tips = [json_out(cli("tip", "--date", f"2026-12-{d:02d}", "--json")) for d in range(2, 30)]
    for offset, tip in enumerate(tips):
        age = 46 + offset
        assert tip["from_age_days"] is None or tip["from_age_days"] <= age, tip["id"]
        assert tip["until_age_days"] is None or age < tip["until_age_days"], tip["id"]


@pytest.mark.parametrize(
    ("birth", "due"),
    [("2026-08-01", "2026-12-06"), ("2026-08-01", "2026-07-03"), ("2026-08-01", "2026-02-30")],
)
def test_due_date_nonsense_exits_2_and_saves_nothing(cli, folders, birth, due):
    with at(NOW):
        ok(cli("setup", "--birth-date", birth))
        before = data_files(folders.data)
        result = cli("setup", "--due-date", due)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert data_files(folders.data) == before
    assert "Traceback" not in result.stderr


def test_due_date_at_the_limits_is_welcome(cli):
    with at(NOW):
        ok(cli("setup", "--birth-date", "2026-08-01", "--due-date", "2026-12-05"))  # 18 weeks
        ok(cli("setup", "--due-date", "2026-07-04"))  # 4 weeks before
        assert shown(cli)["guidance_age_days"] == (NOW.date() - datetime(2026, 8, 1).date()).days


def test_an_expecting_parent_can_set_up_and_gets_a_tip_for_before_the_birth(cli, folders):
    with at(NOW):
        ok(cli("setup", "--due-date", "2027-04-20"))
        facts = shown(cli)
        tip = json_out(cli("tip", "--json"))
        people = flat(cli("setup", "--show").stdout)
        week = flat(cli("week").stdout)
        logged = cli("log", "20")
    assert facts["birth_date"] is None and facts["target_minutes_today"] == 0
    assert tip["from_age_days"] is None  # before the birth: only tips open at the start
    assert tip["until_age_days"] is None or tip["until_age_days"] <= 0
    assert "aims start once your baby is here" in people
    assert "Aims start once your baby is here" in week
    ok(logged)
    assert "Aims start once your baby is here" in flat(logged.stderr)
    assert "of about 0" not in flat(logged.stdout)


def test_a_future_birth_date_is_refused_pointing_to_the_due_date(cli, folders):
    with at(NOW):
        result = cli("setup", "--birth-date", "2027-02-01")
    assert result.exit_code == 2
    assert "--due-date" in flat(result.stderr)
    assert not any(folders.data.rglob("*.json"))


# What a tip carries -------------------------------------------------------------------


def test_tip_json_carries_why_sources_and_the_ages_it_was_chosen_by(cli):
    with at(NOW):
        ok(cli("setup", "--birth-date", "2026-10-01"))
        tip = json_out(cli("tip", "--json"))
        every = json_out(cli("tip", "--all", "--json"))
    for key in ("id", "topic", "title", "text", "source", "why", "sources"):
        assert tip[key], key
    assert {"from_age_days", "until_age_days"} <= set(tip)
    assert all({"title", "publisher", "url"} <= set(source) for source in tip["sources"])
    assert tip["source"].startswith(tip["sources"][0]["publisher"])
    assert len(every) >= 250
    assert all(entry["why"] and entry["sources"] for entry in every)
    expecting = [entry for entry in every if entry["until_age_days"] == 0]
    assert expecting and all(entry["from_age_days"] is None for entry in expecting)


def test_the_panel_shows_why_and_source_and_commands_without_backticks(cli):
    with at(NOW):
        result = cli("tip", "--topic", "help", env={"NO_COLOR": "1"})
    ok(result)
    text = unboxed(result.stdout)
    assert "Why it helps:" in text and "Source:" in text
    assert "`" not in result.stdout
    assert "bondcoach support" in text


def test_backticks_render_as_commands_in_colour(cli):
    from rich.console import Console

    from bondcoach.views.tip import tip_panel

    tip = next(t for t in load_guidance().tips if "`bondcoach support`" in t.text)
    out = Console(record=True, width=100, color_system="standard", force_terminal=True)
    out.print(tip_panel(tip, "Tip"))
    assert "`" not in out.export_text(clear=False)
    assert "\x1b[1;36mbondcoach support" in out.export_text(styles=True)


def test_past_three_the_tip_says_once_what_bondcoach_is_made_for(cli):
    with at(NOW):
        ok(cli("setup", "--birth-date", "2022-06-01"))
        result = cli("tip")
        young = cli("setup", "--birth-date", "2025-06-01")
        younger = cli("tip")
    ok(result)
    ok(young)
    assert flat(result.stdout).count("made for the first three years") == 1
    assert "made for the first three years" not in flat(younger.stdout)


def test_a_1_0_user_tip_with_text_ages_is_still_valid(cli, folders):
    folders.data.mkdir(parents=True, exist_ok=True)
    (folders.data / "tips.yaml").write_text(
        "tips:\n"
        "  - id: ours-after-six-weeks\n"
        "    topic: cues\n"
        "    title: Ours\n"
        "    text: Our own words.\n"
        "    source: Us\n"
        '    from_age: "6 weeks"\n'
        '    until_age: "4 months"\n',
        encoding="utf-8",
    )
    with at(NOW):
        every = {t["id"]: t for t in json_out(cli("tip", "--all", "--json"))}
    ours = every["ours-after-six-weeks"]
    assert (ours["from_age_days"], ours["until_age_days"]) == (42, 122)
    assert ours["source"] == "Us" and ours["why"] is None and ours["sources"] == []


def test_an_empty_due_date_clears_it(cli):
    with at(NOW):
        ok(cli("setup", "--birth-date", "2026-08-01", "--due-date", "2026-10-17"))
        refused = cli("setup", "--birth-date", "2022-05-01")
        ok(cli("setup", "--due-date", "", "--birth-date", "2022-05-01"))
        facts = shown(cli)
    assert refused.exit_code == 2 and "clears the due date" in flat(refused.stderr)
    assert facts["due_date"] is None and facts["birth_date"] == "2022-05-01"
