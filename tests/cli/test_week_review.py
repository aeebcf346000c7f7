"""The richer week: the week before, days together, the streak, and --save."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from html.parser import HTMLParser

import pytest
from helpers import LONDON, at, data_files, flat, json_out, ok

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=LONDON)  # Thursday; the week is Mon 23 - Sun 29
TODAY = NOW.date()
SCOLDING = re.compile(r"\b(missed|behind|fail\w*|only|short of|fell)\b", re.IGNORECASE)
HEADING = "Your week with your baby: Mon 23 Nov to Sun 29 Nov 2026"


def log(cli, day: date | str, minutes: str = "20", hour: str = "09:00") -> None:
    ok(cli("log", minutes, "--at", f"{day} {hour}"))


def week_json(cli, *args: str) -> dict:
    return json_out(cli("week", "--json", *args))


def week_text(cli, *args: str) -> str:
    result = cli("week", *args)
    ok(result)
    return flat(result.stdout)


# The week before -----------------------------------------------------------------------


def test_previous_week_minutes(cli):
    with at():
        log(cli, "2026-11-16", "30")
        log(cli, "2026-11-22", "45")
        log(cli, "2026-11-15", "100")  # two weeks back: not the week before
        log(cli, "2026-11-24", "10")
        summary = week_json(cli)
    assert summary["previous_week_minutes"] == 75
    assert summary["total_minutes"] == 10


def test_previous_week_minutes_follow_of(cli):
    with at():
        log(cli, "2026-11-10", "40")
        log(cli, "2026-11-17", "25")
        summary = week_json(cli, "--of", "2026-11-18")
    assert summary["start"] == "2026-11-16"
    assert summary["total_minutes"] == 25
    assert summary["previous_week_minutes"] == 40


@pytest.mark.parametrize(
    ("before", "this", "of"),
    [
        pytest.param([("2026-11-17", "300")], [("2026-11-24", "20")], None, id="less-so-far"),
        pytest.param(
            [("2026-11-10", "300")], [("2026-11-17", "20")], "2026-11-18", id="less-whole-week"
        ),
        pytest.param([("2026-11-17", "20")], [("2026-11-24", "300")], None, id="more"),
        pytest.param([], [("2026-11-24", "20")], None, id="nothing-before"),
        pytest.param([("2026-11-17", "20")], [], None, id="nothing-this-week"),
        pytest.param([("2026-11-17", "60")], [("2026-11-24", "60")], None, id="same"),
    ],
)
def test_comparison_never_scolds(cli, before, this, of):
    with at():
        for day, minutes in [*before, *this]:
            log(cli, day, minutes)
        text = week_text(cli, *(["--of", of] if of else []))
    if before:
        assert "Week before" in text  # the small chart is there
        assert "This week" in text
    else:  # a week wholly before the first log is not shown as "0 min" (changed on purpose)
        assert "Week before" not in text
        assert "fresh start" not in text
    found = SCOLDING.findall(text)
    assert not found, (found, text)


def test_comparison_is_in_words_too(cli):
    with at():
        log(cli, "2026-11-17", "300")
        log(cli, "2026-11-24", "20")
        text = week_text(cli)
    chart_row = text.index("This week")
    words = text[chart_row + len("This week") : text.index("Today's idea")]
    words = re.sub(r"^[\s━─╸╺]*\d+ (h|min)( \d+ min)?", "", words).strip()
    assert "5 h" in text  # the week before's total is shown
    assert re.fullmatch(r"[A-Za-z][^.]{10,}\.", words), words  # a sentence follows the chart


def test_no_chart_when_neither_week_has_time(cli):
    with at():
        text = week_text(cli)
    assert "Week before" not in text
    assert week_json(cli)["previous_week_minutes"] == 0


# Days together and the streak ----------------------------------------------------------


def test_days_together(cli):
    with at():
        log(cli, "2026-11-23", "10")
        log(cli, "2026-11-23", "10", hour="14:00")
        log(cli, "2026-11-25", "10")
        log(cli, "2026-11-22", "10")  # the week before
        summary = week_json(cli)
        text = week_text(cli)
    assert summary["days_together"] == 2
    assert "Days together: 2 of 4" in text


PERCENT = re.compile(r"\d\s*%")


def test_no_percentage_of_the_aim_anywhere_a_person_reads(cli):
    with at():
        log(cli, "2026-11-16", "30")  # logs began before this week: every day counts
        log(cli, "2026-11-23", "55")
        log(cli, "2026-11-25", "80")
        texts = [week_text(cli), flat(cli("log", "10").stdout), flat(cli().stdout)]
        payload = week_json(cli)
    for text in texts:
        assert not PERCENT.search(text), text
    assert "Together this week: 2 h 15 min of about 8 h 32 min for the 4 days so far" in texts[0]
    assert payload["target_minutes_so_far"] == 512  # the JSON keeps its numbers


def test_days_before_the_birth_are_not_shown_nor_counted(cli):
    """Born on Wednesday: Monday and Tuesday are not '0 min / 0 min' nor days apart."""
    with at():
        ok(cli("setup", "--birth-date", "2026-11-25"))
        log(cli, "2026-11-25", "10")
        log(cli, "2026-11-26", "10")
        text = cli("week").stdout
        payload = week_json(cli)
    assert "0 min / 0 min" not in flat(text)
    assert "Days together: 2 of 2" in flat(text)
    assert "2 in a row up to today" in flat(text)
    monday = next(line for line in text.splitlines() if "Mon 23 Nov" in line)
    assert "min" not in monday and "━" not in monday
    # the JSON is unchanged: every day, and days_together as before
    assert [day["date"] for day in payload["days"]][:2] == ["2026-11-23", "2026-11-24"]
    assert payload["days"][0]["target_minutes"] == 0
    assert payload["days_together"] == 2


def test_days_before_the_first_ever_log_are_not_counted(cli):
    with at():
        log(cli, "2026-11-25", "10")  # a new user, who started on Wednesday
        text = week_text(cli)
        payload = week_json(cli)
    assert "Days together: 1 of 2" in text
    assert "for the 2 days so far" in text
    assert "Mon 23 Nov ·" in text and "Tue 24 Nov ·" in text
    assert payload["days_together"] == 1


def test_a_first_look_before_any_log_counts_only_today(cli):
    with at():
        text = week_text(cli)
    assert "Days together: 0 of 1" in text
    assert "0 min / " not in text.split("Thu 26 Nov")[0]


def test_a_past_week_before_the_first_log_is_not_a_row_of_empty_days(cli):
    with at():
        log(cli, "2026-11-25", "10")
        text = week_text(cli, "--of", "2026-11-10")
    assert "Nothing to count in this week" in text
    assert "Days together" not in text and "0 min / " not in text


def log_days_back(cli, count: int, skip: tuple[int, ...] = ()) -> None:
    """One session a day for ``count`` days ending today, leaving out days ``skip`` ago."""
    for back in range(count):
        if back not in skip:
            log(cli, TODAY - timedelta(days=back), "10")


def test_a_streak_of_35_days_is_counted_as_30_plus(cli):
    with at():
        log_days_back(cli, 35)
        summary = week_json(cli)
        text = week_text(cli)
    assert summary["streak_days"] == "30+"
    assert "30+ in a row" in text


def test_a_streak_of_30_days_is_30(cli):
    with at():
        log_days_back(cli, 30)
        assert week_json(cli)["streak_days"] == "30"


def test_a_streak_of_31_days_is_30_plus(cli):
    with at():
        log_days_back(cli, 31)
        assert week_json(cli)["streak_days"] == "30+"


def test_a_gap_resets_the_streak(cli):
    with at():
        log_days_back(cli, 35, skip=(5,))
        summary = week_json(cli)
    assert summary["streak_days"] == "5"


def test_the_streak_counts_up_to_yesterday_while_today_is_still_open(cli):
    with at():
        log_days_back(cli, 4, skip=(0,))
        assert week_json(cli)["streak_days"] == "3"


def test_no_time_yesterday_or_today_means_no_streak(cli):
    with at():
        log_days_back(cli, 10, skip=(0, 1))
        summary = week_json(cli)
        text = week_text(cli)
    assert summary["streak_days"] in ("0", None)
    assert "in a row" not in text


# --save --------------------------------------------------------------------------------


def filled_week(cli) -> None:
    log(cli, "2026-11-17", "45")
    log(cli, "2026-11-23", "30")
    log(cli, "2026-11-25", "20")


def test_save_svg_writes_a_valid_svg(cli, tmp_path):
    target = tmp_path / "week.svg"
    with at():
        filled_week(cli)
        result = cli("week", "--save", str(target))
    ok(result)
    assert target.exists()
    text = target.read_text(encoding="utf-8")
    root = ET.fromstring(text)  # noqa: S314 - our own file, just written
    assert root.tag.endswith("svg")
    assert "@font-face" not in text
    assert not re.search(r"url\(\s*['\"]?https?://", text)
    without_comments = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    assert "https://" not in without_comments  # nothing is fetched when it opens
    assert "Together" in text.replace("&#160;", " ")
    assert "Your week" in flat(result.stdout)  # still shown in the terminal


def test_save_html_writes_a_valid_html_file_with_the_heading(cli, tmp_path):
    target = tmp_path / "week.html"
    with at():
        filled_week(cli)
        result = cli("week", "--save", str(target))
    ok(result)
    text = target.read_text(encoding="utf-8")
    assert text.lstrip().lower().startswith("<!doctype html")
    checker = TagChecker()
    checker.feed(text)
    checker.close()
    assert checker.open_tags == [], checker.open_tags
    assert checker.mismatched == [], checker.mismatched
    shown = flat(" ".join(checker.text))
    assert HEADING in shown
    assert "Together this week" in shown
    assert "https://" not in text


def test_save_uppercase_suffix_is_accepted(cli, tmp_path):
    target = tmp_path / "WEEK.SVG"
    with at():
        ok(cli("week", "--save", str(target)))
    root = ET.fromstring(target.read_text(encoding="utf-8"))  # noqa: S314 - our own file
    assert root.tag.endswith("svg")


@pytest.mark.parametrize("name", ["week.txt", "week.png", "week"])
def test_save_other_suffixes_exit_2_and_write_nothing(cli, folders, tmp_path, name):
    target = tmp_path / name
    with at():
        filled_week(cli)
        before = data_files(folders.data)
        result = cli("week", "--save", str(target))
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert not target.exists()
    assert data_files(folders.data) == before
    assert "Traceback" not in result.stderr


VOID = {"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr", "source"}


class TagChecker(HTMLParser):
    """Collects text and checks that tags open and close in order."""

    def __init__(self) -> None:
        super().__init__()
        self.open_tags: list[str] = []
        self.mismatched: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open_tags.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.open_tags or self.open_tags[-1] != tag:
            self.mismatched.append(tag)
            return
        self.open_tags.pop()

    def handle_data(self, data):
        if self.open_tags and self.open_tags[-1] in ("style", "script"):
            return
        self.text.append(data)


def test_a_first_day_shows_no_streak_of_one_and_no_empty_week_before(cli):
    with at():
        log(cli, "2026-11-26", "15")
        text = week_text(cli)
    assert "Days together: 1 of 1" in text
    assert "in a row" not in text  # "1 in a row" says nothing a parent needs
    assert "Week before" not in text  # the week before the first log is not "0 min"
    assert "fresh start" not in text
