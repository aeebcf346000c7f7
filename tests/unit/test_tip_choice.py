"""Choosing the tip of the day with the real tips: it fits the (corrected) age and the
family, new band tips come first, nothing repeats within 60 days, mood and help are
spaced out, and corrected age follows the due date until two."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bondcoach.core.corrected_age import aims_birth, corrects, guidance_age, is_born_early
from bondcoach.core.targets import TargetSettings, daily_target
from bondcoach.core.tip_choice import spread
from bondcoach.core.tip_data import TipData
from bondcoach.guidance.tips import family_of, load_guidance, tip_of_the_day

BIRTHS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


def year_of_tips(birth: date, due: date | None, first: int = 0, days: int = 365) -> list[TipData]:
    tips = load_guidance().tips
    shown = []
    for offset in range(first, first + days):
        day = birth + timedelta(days=offset)
        tip = tip_of_the_day(tips, day, birth, due=due)
        assert tip is not None, day
        assert tip.fits(guidance_age(birth, due, day), family_of(birth, due)), (day, tip.id)
        shown.append(tip)
    return shown


def assert_no_repeat_within(shown: list[TipData], days: int) -> None:
    last: dict[str, int] = {}
    for index, tip in enumerate(shown):
        if tip.id in last:
            assert index - last[tip.id] >= days, (tip.id, last[tip.id], index)
        last[tip.id] = index


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(birth=BIRTHS, year=st.integers(min_value=0, max_value=2))
def test_a_year_of_days_fits_the_age_and_repeats_nothing_within_60_days(birth, year):
    assert_no_repeat_within(year_of_tips(birth, None, first=365 * year), 60)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(birth=BIRTHS, weeks_early=st.integers(min_value=4, max_value=16))
def test_a_baby_born_early_gets_fitting_tips_without_repeats_too(birth, weeks_early):
    due = birth + timedelta(weeks=weeks_early)
    assert_no_repeat_within(year_of_tips(birth, due), 60)


def test_mood_and_help_come_at_most_twice_in_any_week_and_rarely_overall():
    shown = year_of_tips(date(2026, 3, 14), None, days=1096)
    flags = [tip.topic in ("mood", "help") for tip in shown]
    assert max(sum(flags[i : i + 7]) for i in range(len(flags) - 7)) <= 2
    assert 7 * sum(flags) <= len(flags)


def test_a_new_band_starts_with_its_own_tips():
    birth = date(2026, 1, 10)
    shown = year_of_tips(birth, None, first=243, days=10)
    assert all(tip.until_age_days is not None for tip in shown)
    assert sum(tip.from_age_days == 243 for tip in shown) >= 8


def test_the_same_tip_all_day_and_stable_from_one_run_to_the_next():
    tips = load_guidance().tips
    day, birth = date(2027, 5, 1), date(2026, 9, 9)
    assert tip_of_the_day(tips, day, birth) == tip_of_the_day(list(reversed(tips)), day, birth)


def test_spread_keeps_mood_and_help_a_week_apart_where_it_can():
    def tip(n: int, topic: str) -> TipData:
        return TipData(id=f"t{n}", topic=topic, title="T", text="T.", source="S")

    order = [tip(0, "mood"), tip(1, "help"), *(tip(n, "play") for n in range(2, 20))]
    spaced = spread(order)
    places = [i for i, t in enumerate(spaced) if t.topic in ("mood", "help")]
    assert sorted(t.id for t in spaced) == sorted(t.id for t in order)
    assert places[1] - places[0] >= 7


# Corrected age -----------------------------------------------------------------------

BORN, DUE = date(2026, 8, 1), date(2026, 10, 17)  # 11 weeks early


def test_born_more_than_three_weeks_early_is_corrected_until_two():
    assert is_born_early(BORN, DUE)
    assert not is_born_early(BORN, BORN + timedelta(days=21))
    assert corrects(BORN, DUE, date(2028, 7, 31))
    assert not corrects(BORN, DUE, date(2028, 8, 1))
    assert aims_birth(BORN, DUE, date(2026, 12, 2)) == DUE
    assert guidance_age(BORN, DUE, date(2026, 9, 1)) == 0  # a newborn until the due date
    assert guidance_age(BORN, DUE, date(2026, 12, 2)) == 46
    assert guidance_age(BORN, DUE, date(2028, 8, 1)) == 731  # by birth date from two


def test_corrected_age_changes_the_aim():
    corrected = TargetSettings(birth_date=BORN, due_date=DUE)
    by_birth = TargetSettings(birth_date=BORN)
    day = date(2026, 12, 2)
    assert daily_target(day, corrected) == daily_target(day, TargetSettings(birth_date=DUE))
    assert daily_target(day, corrected) == 128  # the newborn band's aim
    assert daily_target(day, by_birth) == 158


def test_corrected_age_changes_the_tips():
    tips = load_guidance().tips
    day = date(2026, 12, 2)
    corrected = [tip_of_the_day(tips, day + timedelta(n), BORN, due=DUE) for n in range(30)]
    by_birth = [tip_of_the_day(tips, day + timedelta(n), BORN) for n in range(30)]
    for n, tip in enumerate(corrected):
        assert tip is not None and tip.fits(46 + n, frozenset({"born-early"})), tip
    assert [t.id for t in corrected if t] != [t.id for t in by_birth if t]
    assert not any(tip.families for tip in by_birth if tip is not None)
    first_days = [tip_of_the_day(tips, BORN + timedelta(n), BORN, due=DUE) for n in range(14)]
    # Tips for the family's situation come first: born early, they open the rotation.
    assert all(tip is not None and "born-early" in tip.families for tip in first_days[:5])


def test_expecting_parents_get_tips_for_before_the_birth():
    tips = load_guidance().tips
    due = date(2027, 3, 1)
    for offset in range(-200, 30, 7):
        day = due + timedelta(days=offset)
        tip = tip_of_the_day(tips, day, None, due=due)
        assert tip is not None and tip.fits(-1), (day, tip)
    assert daily_target(date(2026, 12, 1), TargetSettings(due_date=due)) == 0


def test_the_profile_says_which_family_tips_fit():
    from bondcoach.core.profile import Profile

    born = date(2026, 9, 1)
    twins = Profile({"babies.first.birth_date": born, "babies.second.birth_date": born})
    siblings = Profile(
        {"babies.first.birth_date": born, "babies.second.birth_date": date(2024, 1, 1)}
    )
    early = Profile({"babies.first.birth_date": born, "babies.first.due_date": date(2026, 11, 1)})
    # Twins are not "siblings": those tips are about a new baby joining an older child
    # (clinician review), so they suit the younger baby only.
    assert twins.families == {"twins"}
    assert siblings.families == {"siblings"}
    assert siblings.families_for("second") == frozenset()
    expecting = Profile(
        {"babies.first.birth_date": date(2025, 5, 1), "babies.second.due_date": date(2027, 2, 1)}
    )
    assert expecting.families_for("second") == {"siblings"}
    assert expecting.families_for("first") == frozenset()
    assert early.families == {"born-early"}
    assert Profile().families == frozenset()
    tips = load_guidance().tips
    first_weeks = [
        tip_of_the_day(tips, born + timedelta(n), born, families=twins.families) for n in range(10)
    ]
    assert any("twins" in tip.families for tip in first_weeks if tip is not None)
