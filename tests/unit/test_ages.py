"""Ages: adding months, months old.

Split from test_core.py, which bundled five modules."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bondcoach.core import ages

# ages --------------------------------------------------------------------------------


def test_add_age_month_end():
    assert ages.add_age(date(2026, 1, 31), 1, "month") == date(2026, 2, 28)
    assert ages.add_age(date(2028, 1, 31), 1, "month") == date(2028, 2, 29)
    assert ages.add_age(date(2026, 1, 31), 2, "month") == date(2026, 3, 31)
    assert ages.add_age(date(2028, 2, 29), 1, "year") == date(2029, 2, 28)
    assert ages.add_age(date(2026, 11, 30), 3, "month") == date(2027, 2, 28)
    assert ages.add_age(date(2026, 1, 1), 6, "week") == date(2026, 2, 12)
    assert ages.add_age(date(2026, 1, 1), 10, "day") == date(2026, 1, 11)


def test_months_old():
    birth = date(2026, 1, 31)
    assert ages.months_old(birth, date(2026, 1, 31)) == 0
    assert ages.months_old(birth, date(2026, 2, 27)) == 0
    assert ages.months_old(birth, date(2026, 2, 28)) == 1
    assert ages.months_old(birth, date(2026, 3, 30)) == 1
    assert ages.months_old(birth, date(2026, 3, 31)) == 2
    assert ages.months_old(birth, date(2027, 1, 31)) == 12
    assert ages.months_old(birth, date(2025, 12, 31)) < 0


@given(
    birth=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    months=st.integers(min_value=0, max_value=200),
)
def test_months_old_is_consistent_with_add_age(birth, months):
    reached = ages.add_age(birth, months, "month")
    assert ages.months_old(birth, reached) == months
    assert ages.months_old(birth, reached - timedelta(days=1)) <= months
