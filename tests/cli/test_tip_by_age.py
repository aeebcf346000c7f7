"""The tip of the day fits the baby's age: the CLI (tip --date --json) and the core."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from helpers import LONDON, at, json_out

from bondcoach.guidance.tips import load_guidance, suitable_tips, tip_of_the_day

TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=LONDON)
BORN = TODAY - timedelta(days=1)  # born yesterday
DAYS = 40
# 2.0: the tips of a new band come first, so a tip for every age from six weeks on
# (like STILL_HARD) comes up within one round of what fits then, not within 40 days.
SIX_WEEKS_CYCLE = 100

UP_TO_SIX_WEEKS = "expectations-up-to-six-weeks"
STILL_HARD = "expectations-still-hard-after-six-weeks"
TODDLER = "help-toddler-behaviour"
PARENT_INFANT = ("help-parent-infant-psychotherapy", "help-parent-infant-sessions")


def ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)


def days_from(first: date, count: int = DAYS) -> list[date]:
    return [first + timedelta(days=n) for n in range(count)]


def tips_by_id() -> dict:
    return {tip.id: tip for tip in load_guidance().tips}


def picked(days: list[date], birth: date | None) -> list[str]:
    tips = load_guidance().tips
    chosen = [tip_of_the_day(tips, day, birth) for day in days]
    assert all(tip is not None for tip in chosen)
    return [tip.id for tip in chosen if tip is not None]


def test_the_shipped_tips_carry_the_ages_this_file_relies_on():
    """2.0 writes the built-in ages in days (6 weeks = 42, 4 years = 1461)."""
    tips = tips_by_id()
    assert tips[UP_TO_SIX_WEEKS].until_age_days == 42
    assert tips[STILL_HARD].from_age_days == 42
    assert tips[TODDLER].from_age_days == 365
    for tip_id in PARENT_INFANT:
        assert tips[tip_id].until_age_days == 1461


# Through the command line --------------------------------------------------------------


def test_first_weeks_through_the_cli_never_show_a_toddler_tip(cli):
    with at(NOW):
        ok(cli("setup", "--birth-date", BORN.isoformat()))
        shown = [
            json_out(cli("tip", "--date", day.isoformat(), "--json"))["id"]
            for day in days_from(BORN + timedelta(days=1))
        ]
    later_tips = {tip.id for tip in load_guidance().tips if (tip.from_age_days or 0) > DAYS}
    assert TODDLER in later_tips and STILL_HARD in later_tips
    assert not later_tips & set(shown), later_tips & set(shown)
    assert UP_TO_SIX_WEEKS in shown  # the first weeks' tip does come up
    assert len(set(shown)) > 20  # the rotation still walks through many tips


def test_a_five_year_old_never_gets_parent_infant_psychotherapy_through_the_cli(cli):
    fitting = suitable_tips(load_guidance().tips, TODAY, date(2021, 11, 1))
    with at(NOW):
        ok(cli("setup", "--birth-date", "2021-11-01"))
        shown = [
            json_out(cli("tip", "--date", day.isoformat(), "--json"))["id"]
            for day in days_from(TODAY, len(fitting))
        ]
    assert not set(PARENT_INFANT) & set(shown)
    assert UP_TO_SIX_WEEKS not in shown
    assert TODDLER in shown


def every_age() -> set[str]:
    """2.0: with nothing known about the baby, the tips for every age from birth on
    (1.0 offered every tip; now there are tips for expecting parents and toddlers)."""
    return {tip.id for tip in load_guidance().tips if tip.fits(None)}


def test_with_no_profile_every_tip_for_every_age_can_appear_through_the_cli(cli):
    every = every_age()
    with at(NOW):
        shown = {
            json_out(cli("tip", "--date", day.isoformat(), "--json"))["id"]
            for day in days_from(TODAY, len(every))
        }
    assert shown == every


def test_the_tip_of_the_day_changes_with_the_age_on_that_day(cli):
    """The age that counts is the one on the tip's day, not today's."""
    with at(NOW):
        ok(cli("setup", "--birth-date", BORN.isoformat()))
        later = [
            json_out(cli("tip", "--date", day.isoformat(), "--json"))["id"]
            for day in days_from(BORN + timedelta(weeks=6), SIX_WEEKS_CYCLE)
        ]
    assert UP_TO_SIX_WEEKS not in later
    assert STILL_HARD in later


# The core, over many days --------------------------------------------------------------


def test_first_weeks_never_pick_a_tip_for_older_babies():
    shown = picked(days_from(BORN + timedelta(days=1)), BORN)
    assert TODDLER not in shown
    assert STILL_HARD not in shown
    assert UP_TO_SIX_WEEKS in shown


def test_past_six_weeks_the_expectations_tip_turns_into_its_sequel():
    shown = picked(days_from(BORN + timedelta(weeks=6), SIX_WEEKS_CYCLE), BORN)
    assert UP_TO_SIX_WEEKS not in shown
    assert STILL_HARD in shown


def test_the_six_week_boundary_day_by_day():
    tips = load_guidance().tips
    day_before = {tip.id for tip in suitable_tips(tips, BORN + timedelta(days=41), BORN)}
    six_weeks = {tip.id for tip in suitable_tips(tips, BORN + timedelta(days=42), BORN)}
    assert UP_TO_SIX_WEEKS in day_before and STILL_HARD not in day_before
    assert UP_TO_SIX_WEEKS not in six_weeks and STILL_HARD in six_weeks


@pytest.mark.parametrize("years", [5, 6, 10])
def test_no_parent_infant_psychotherapy_tip_for_a_child_of_five_or_more(years):
    birth = date(TODAY.year - years, TODAY.month, TODAY.day)
    shown = picked(days_from(TODAY, len(suitable_tips(load_guidance().tips, TODAY, birth))), birth)
    assert not set(PARENT_INFANT) & set(shown)
    assert TODDLER in shown


def test_parent_infant_psychotherapy_still_fits_a_three_year_old():
    birth = date(2023, 6, 1)  # 3 years and some months old
    shown = picked(days_from(TODAY, len(suitable_tips(load_guidance().tips, TODAY, birth))), birth)
    assert set(PARENT_INFANT) <= set(shown)


def test_with_no_birth_date_every_tip_for_every_age_can_appear():
    every = every_age()
    assert len(every) >= 35
    shown = set(picked(days_from(TODAY, len(every)), None))
    assert shown == every
