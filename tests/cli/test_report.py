"""bondcoach report: several weeks in the terminal, as JSON, and as one saved page."""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from helpers import at, data_files, flat, json_out, ok

# at() freezes the clock on Thursday 26 Nov 2026; the last 6 weeks run Mon 19 Oct to Sun 29 Nov.
FIRST, LAST = "2026-10-19", "2026-11-29"
NOTE = "<script>alert(1)</script> & <b>bold</b>"
NETWORK = re.compile(
    r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|@import|url\(\s*["']?https?:""", re.I
)


def family(cli) -> None:
    ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-09-14", "--caregiver", "Sam"))
    ok(cli("log", "30", "-a", "sing", "--at", "2026-10-20 09:00", "--mood", "4"))
    ok(cli("log", "45", "-a", "read", "-a", "talk", "--at", "2026-11-03 10:00", "--note", NOTE))
    ok(cli("log", "20", "-a", "sing", "--who", "Alex", "--at", "2026-11-17 18:00", "--mood", "2"))
    ok(cli("log", "15", "-a", "skin-to-skin", "--at", "2026-11-24 04:30", "--mood", "5"))
    ok(cli("log", "25", "--who", "Alex", "--at", "2026-11-26 08:00", "--note", "Smiled at me"))
    ok(cli("log", "60", "--at", "2026-10-10 09:00"))  # before the six weeks


def report_json(cli, *args: str) -> dict:
    return json_out(cli("report", "--json", *args))


class Page(HTMLParser):
    """A real HTML parser's view of the page: tags in order, text, svgs and their parts."""

    VOID = frozenset({"meta", "link", "br", "hr", "img", "input", "col", "area", "base", "wbr"})

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.mismatched: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.words: list[str] = []
        self.svg_titles = 0
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.mismatched.append(tag)
            return
        self.stack.pop()
        if tag == "title" and "svg" in self.stack:
            self.svg_titles += 1

    def handle_data(self, data):
        if not (self.stack and self.stack[-1] == "style"):
            self.words.append(data)

    @property
    def text(self) -> str:
        return flat(" ".join(self.words))

    def count(self, tag: str) -> int:
        return sum(1 for name, _ in self.tags if name == tag)


def saved(cli, tmp_path, *args: str) -> tuple[str, Page]:
    target = tmp_path / "report.html"
    with at():
        ok(cli("report", "--save", str(target), *args))
    text = target.read_text(encoding="utf-8")
    return text, Page(text)


# The terminal ---------------------------------------------------------------------------


def test_the_terminal_shows_the_weeks_the_days_what_and_who(cli):
    with at():
        family(cli)
        result = cli("report")
    ok(result)
    text = flat(result.stdout)
    assert "Time together with Mia: Mon 19 Oct to Sun 29 Nov 2026 (6 weeks)" in text
    assert "Mia is 2 months old." in text
    assert "Week of Mon 19 Oct" in text and "Week of Mon 23 Nov" in text
    assert "45 min of about 14 h 56 min" in text  # the week of 2 Nov: two activities, once
    assert re.search(r"Week of Mon 26 Oct [─━]+ nothing logged", text)
    assert "Days together" in text and "●" in result.stdout
    assert "What you did most: sing 50 min" in text
    assert "Who spent the time: Sam 1 h 30 min · Alex 45 min" in text
    assert "%" not in result.stdout
    assert not re.search(r"\b(missed|behind|short|fail\w*)\b", result.stdout, re.I)
    assert "Smiled at me" in text  # notes are part of the look back
    assert "How you felt" not in text  # moods only when asked


def test_plain_is_words_without_bars_or_grids(cli):
    with at():
        family(cli)
        result = cli("report", "--plain")
    ok(result)
    assert not re.search(r"[\u2500-\u259f●○]", result.stdout)
    text = flat(result.stdout)
    assert "Week of Mon 23 Nov: 40 min of about 8 h 32 min so far; 2 of 4 days together" in text
    assert "together on Tue, Thu" in text


def test_terminal_escapes_never_reach_the_screen(cli):
    with at():
        ok(cli("log", "15", "--note", "\x1b[31mred\x1b[0m [bold]x[/]", "--who", "\x1b]0;t\x07Sam"))
        result = cli("report", "--with-mood")
    ok(result)
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "[bold]x[/]" in result.stdout


# JSON -----------------------------------------------------------------------------------


def test_json_has_the_weeks_and_the_totals(cli):
    with at():
        family(cli)
        report = report_json(cli)
    assert (report["start"], report["end"]) == (FIRST, LAST)
    assert len(report["weeks"]) == 6
    assert set(report["weeks"][0]) == {
        "start",
        "end",
        "total_minutes",
        "target_minutes",
        "sessions",
        "days_together",
    }
    assert report["total_minutes"] == 30 + 45 + 20 + 15 + 25
    assert report["sessions"] == 5 and report["days_together"] == 5
    assert report["by_activity"] == {"sing": 50, "read": 45, "talk": 45, "skin-to-skin": 15}
    assert report["by_caregiver"] == {"Sam": 90, "Alex": 45}
    assert report["by_baby"] == {
        "Mia": {
            "total_minutes": 135,
            "target_minutes": report["target_minutes"],
            "sessions": 5,
            "days_together": 5,
        }
    }
    assert "moods" not in report
    assert [note["text"] for note in report["notes"]] == [NOTE, "Smiled at me"]


def test_report_and_week_agree_week_by_week(cli):
    with at():
        family(cli)
        report = report_json(cli)
        for week in report["weeks"]:
            seen = json_out(cli("week", "--json", "--of", week["start"]))
            for key in ("start", "end", "total_minutes", "target_minutes", "sessions"):
                assert week[key] == seen[key], key
            assert week["days_together"] == seen["days_together"]
            for name, minutes in seen["by_caregiver"].items():
                assert report["by_caregiver"][name] >= minutes


def test_weeks_from_and_to_choose_whole_weeks(cli):
    with at():
        family(cli)
        two = report_json(cli, "--weeks", "2")
        widened = report_json(cli, "--from", "2026-11-04", "--to", "2026-11-18")
        sunday = (ok(cli("setup", "--week-start", "sunday")), report_json(cli, "--weeks", "1"))[1]
    assert (two["start"], two["end"]) == ("2026-11-16", "2026-11-29")
    assert (widened["start"], widened["end"]) == ("2026-11-02", "2026-11-22")
    assert [w["start"] for w in widened["weeks"]] == ["2026-11-02", "2026-11-09", "2026-11-16"]
    assert (sunday["start"], sunday["end"]) == ("2026-11-22", "2026-11-28")


@pytest.mark.parametrize(
    "args",
    [
        ["--weeks", "0"],
        ["--weeks", "500"],
        ["--weeks", "2", "--from", "2026-11-01"],
        ["--from", "2026-11-20", "--to", "2026-11-01"],
        ["--from", "yesterday"],
        ["--baby", "Leo"],
        ["--save", "report.pdf"],
        ["--save", "report.html", "--json"],
    ],
)
def test_bad_choices_exit_2_and_write_nothing(cli, folders, tmp_path, args):
    with at():
        family(cli)
        before = data_files(folders.data)
        result = cli("report", *[str(tmp_path / a) if a.startswith("report.") else a for a in args])
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert data_files(folders.data) == before
    assert list(tmp_path.glob("report.*")) == []


def test_an_unknown_baby_lists_the_known_names_and_a_known_one_ignores_case(cli):
    with at():
        family(cli)
        result = cli("report", "--baby", "Leo")
        chosen = report_json(cli, "--baby", "mia")
    assert result.exit_code == 2
    assert "known: Mia" in flat(result.stderr)
    assert list(chosen["by_baby"]) == ["Mia"]


# The saved page -------------------------------------------------------------------------


def test_the_page_is_one_well_formed_html_file_with_headings(cli, tmp_path):
    with at():
        family(cli)
    text, page = saved(cli, tmp_path)
    assert text.lstrip().lower().startswith("<!doctype html>")
    assert page.stack == [] and page.mismatched == []
    assert page.count("h1") == 1 and page.count("h2") >= 6
    assert ("html", {"lang": "en"}) in page.tags
    shown = page.text
    assert "Time together with Mia: Mon 19 Oct 2026 to Sun 29 Nov 2026" in shown  # <title>
    assert "Mia is 2 months old." in shown
    for heading in ("In a few words", "Week by week", "Days together", "What you did"):
        assert heading in shown
    for heading in ("Who spent the time", "What you noticed", "About this page"):
        assert heading in shown
    assert "15 minutes for each hour" in shown and "not a clinical measure" in shown
    assert "%" not in shown and "missed" not in shown.lower()


def test_every_chart_is_svg_with_a_text_equivalent(cli, tmp_path):
    with at():
        family(cli)
    text, page = saved(cli, tmp_path)
    svgs = [attrs for tag, attrs in page.tags if tag == "svg"]
    assert len(svgs) == 4  # calendar, weeks against the aim, activities, caregivers
    assert all(attrs.get("role") == "img" and attrs.get("aria-label") for attrs in svgs)
    assert page.count("figure") == 4 and page.count("figcaption") == 4
    assert page.svg_titles >= 4
    assert page.count("table") >= 1  # the weeks in numbers
    figcaptions = re.findall(r"<figcaption>(.*?)</figcaption>", text, re.S)
    assert (
        "sing 50\xa0min, read 45\xa0min, talk 45\xa0min, skin-to-skin 15\xa0min" in (figcaptions[2])
    )
    assert "Sam 1\xa0h\xa030\xa0min, Alex 45\xa0min" in figcaptions[3]


def test_nothing_on_the_page_loads_from_anywhere(cli, tmp_path):
    with at():
        family(cli)
    text, page = saved(cli, tmp_path, "--with-mood")
    assert not NETWORK.search(text)
    assert page.count("script") == 0 and page.count("img") == 0 and page.count("link") == 0
    assert "@font-face" not in text
    # Only the SVG namespace names an address, and it is never fetched.
    assert set(re.findall(r"https?://[^\s\"'<>)]+", text)) <= {"http://www.w3.org/2000/svg"}


def test_user_text_is_escaped_on_the_page(cli, tmp_path):
    with at():
        family(cli)
        ok(cli("log", "5", "-a", "<img src=x onerror=alert(1)>", "--who", "<i>Jo</i>"))
    text, page = saved(cli, tmp_path)
    assert "<script>alert" not in text and "<b>bold</b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in text
    assert "<img" not in text and "<i>Jo</i>" not in text
    assert NOTE in page.text  # shown as written
    assert page.count("script") == 0


def test_no_notes_leaves_every_note_out(cli, tmp_path):
    with at():
        family(cli)
        as_json = report_json(cli, "--no-notes")
        terminal = cli("report", "--no-notes").stdout
    text, page = saved(cli, tmp_path, "--no-notes")
    for shown in (text, terminal, str(as_json)):
        assert "Smiled at me" not in shown and "alert(1)" not in shown
    assert as_json["notes"] == []
    assert "What you noticed" not in page.text


def test_moods_only_with_with_mood_each_caregivers_own(cli, tmp_path):
    with at():
        family(cli)
        ok(cli("log", "10", "--at", "2026-11-24 12:00", "--mood", "3"))
        as_json = report_json(cli, "--with-mood")
        without = report_json(cli)
    plain_text, plain_page = saved(cli, tmp_path)
    _, page = saved(cli, tmp_path, "--with-mood")
    assert "How you felt" not in plain_page.text and "very low" not in plain_text
    assert "How you felt" in page.text
    assert "never averaged" in page.text
    assert "Tue 24 Nov 2026 5 (very good), 3 (okay)" in page.text  # both of Sam's, as noted
    assert "Tue 17 Nov 2026 2 (low)" in page.text  # Alex's, apart
    assert "moods" not in without
    assert as_json["moods"] == {
        "Alex": [{"date": "2026-11-17", "mood": 2}],
        "Sam": [
            {"date": "2026-10-20", "mood": 4},
            {"date": "2026-11-24", "mood": 5},
            {"date": "2026-11-24", "mood": 3},
        ],
    }


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_the_page_is_private_and_the_folder_is_left_alone(cli, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o755)
    target = folder / "report.html"
    with at():
        family(cli)
        result = cli("report", "--save", str(target))
        ok(result)
    assert target.stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o755
    assert [path.name for path in folder.iterdir()] == ["report.html"]  # no temp file left
    assert "Saved the page to" in flat(result.stdout)


def test_the_page_goes_through_the_atomic_write(cli, tmp_path, monkeypatch):
    from bondcoach.storage import fsio

    written: list[str] = []
    real = fsio.atomic_write

    def spy(path, data, own_folder=True):
        written.append(path.name)
        return real(path, data, own_folder=own_folder)

    monkeypatch.setattr(fsio, "atomic_write", spy)
    with at():
        ok(cli("report", "--save", str(tmp_path / "report.html")))
    assert written == ["report.html"]


def test_an_empty_report_is_kind(cli, tmp_path):
    with at():
        result = cli("report", "--weeks", "1")
    ok(result)
    _, page = saved(cli, tmp_path, "--weeks", "1")
    assert "In all: 0 min together" in flat(result.stdout)
    assert "still count" in page.text
    assert page.stack == []


def test_a_long_report_draws_every_week(cli, tmp_path):
    start = date(2025, 11, 24)
    with at():
        for offset in range(0, 52 * 7, 5):
            ok(cli("log", "20", "--at", f"{start + timedelta(days=offset)} 09:00"))
        report = report_json(cli, "--weeks", "53")
    assert len(report["weeks"]) == 53
    assert report["sessions"] == len(range(0, 52 * 7, 5))


def test_days_before_the_first_log_are_no_shortfall(cli):
    with at():
        ok(cli("log", "20", "--at", "2026-11-10 09:00"))
        text = flat(cli("report", "--plain").stdout)
        report = report_json(cli)
    assert "Week of Mon 19 Oct: before the start." in text
    assert "Week of Mon 9 Nov: 20 min of about 12 h 48 min; 1 of 6 days together on Tue." in text
    assert report["weeks"][0]["target_minutes"] == 896  # the JSON keeps its values, as week's
