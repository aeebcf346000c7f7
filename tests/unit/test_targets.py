"""The day's aim from the baby's age and awake hours.

Split from test_core.py, which bundled five modules."""

from __future__ import annotations

from datetime import date

import pytest

from bondcoach.core import targets

# targets -----------------------------------------------------------------------------

DAY = date(2026, 11, 26)


@pytest.mark.parametrize(
    ("settings", "minutes"),
    [
        (targets.TargetSettings(), 128),  # no profile: the documented default
        (targets.TargetSettings(birth_date=DAY), 128),  # newborn
        (targets.TargetSettings(birth_date=date(2026, 3, 26)), 158),  # 8 months
        (targets.TargetSettings(birth_date=date(2024, 11, 26)), 173),  # 2 years
        (targets.TargetSettings(birth_date=date(2022, 11, 26)), 188),  # 4 years
        (targets.TargetSettings(birth_date=date(2026, 12, 1)), 0),  # not yet born
        (targets.TargetSettings(awake_hours_override=10), 150),
        (targets.TargetSettings(birth_date=DAY, awake_hours_override=10), 150),
    ],
)
def test_daily_target(settings, minutes):
    assert targets.daily_target(DAY, settings) == minutes


def test_daily_target_changes_at_the_age_bands():
    birth = date(2026, 1, 15)
    settings = targets.TargetSettings(birth_date=birth)
    assert targets.daily_target(date(2026, 5, 14), settings) == 128  # 3 months
    assert targets.daily_target(date(2026, 5, 15), settings) == 158  # 4 months
