"""Where a week starts and ends.

Split from test_core.py, which bundled five modules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bondcoach.core.week import week_bounds

# week bounds -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (date(2026, 11, 26), date(2026, 11, 23), date(2026, 11, 29)),
        (date(2026, 11, 23), date(2026, 11, 23), date(2026, 11, 29)),
        (date(2026, 11, 29), date(2026, 11, 23), date(2026, 11, 29)),
        (date(2026, 11, 30), date(2026, 11, 30), date(2026, 12, 6)),
        (date(2027, 1, 1), date(2026, 12, 28), date(2027, 1, 3)),
    ],
)
def test_week_bounds_monday(day, start, end):
    assert week_bounds(day) == (start, end)
    assert week_bounds(day, "monday") == (start, end)


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        (date(2026, 11, 26), date(2026, 11, 22), date(2026, 11, 28)),
        (date(2026, 11, 28), date(2026, 11, 22), date(2026, 11, 28)),
        (date(2026, 11, 29), date(2026, 11, 29), date(2026, 12, 5)),
    ],
)
def test_week_bounds_sunday(day, start, end):
    assert week_bounds(day, "sunday") == (start, end)


@given(st.dates(), st.sampled_from(["monday", "sunday"]))
def test_week_bounds_properties(day, week_start):
    start, end = week_bounds(day, week_start)
    assert start <= day <= end
    assert end - start == timedelta(days=6)
    assert start.weekday() == (0 if week_start == "monday" else 6)
