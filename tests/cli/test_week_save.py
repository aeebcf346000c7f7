"""week --save draws a picture to keep with the report's renderer, not the terminal's."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from helpers import at, flat, ok

SVG = "{http://www.w3.org/2000/svg}"


def logged_week(cli) -> None:
    ok(cli("setup", "--baby-name", "Mia", "--caregiver", "Sam"))
    ok(cli("log", "30", "-a", "talk", "--at", "2026-11-16 09:00"))
    ok(cli("log", "25", "-a", "sing", "--at", "2026-11-23 09:00", "--mood", "4"))
    ok(cli("log", "40", "-a", "read", "--who", "Alex", "--at", "2026-11-24 09:00", "--mood", "1"))
    ok(cli("log", "15", "--at", "2026-11-26 08:00", "--note", "<b>Calmer</b> after the song"))


def save(cli, tmp_path, name: str, *args: str, columns: str = "100") -> str:
    target = tmp_path / name
    with at():
        ok(cli("week", "--save", str(target), *args, env={"COLUMNS": columns}))
    return target.read_text(encoding="utf-8")


def svg_words(text: str) -> str:
    root = ET.fromstring(text)  # noqa: S314 - our own file, just written
    return flat(" ".join(node.text or "" for node in root.iter() if node.tag == f"{SVG}text"))


def test_the_svg_is_a_picture_of_the_week_with_words_and_bars(cli, tmp_path):
    with at():
        logged_week(cli)
    text = save(cli, tmp_path, "week.svg")
    root = ET.fromstring(text)  # noqa: S314
    words = svg_words(text)
    assert "Your week with Mia: Mon 23 Nov to Sun 29 Nov 2026" in words
    assert "Together this week: 1 h 20 min, in 3 sessions." in words
    assert "Who: Sam 40 min · Alex 40 min" in words
    assert "<b>Calmer</b> after the song" in words  # escaped, shown as written
    assert "<b>" not in text
    bars = [rect for rect in root.iter(f"{SVG}rect") if float(rect.get("height", 0)) == 18]
    assert len(bars) >= 7 + 2  # a track for each day and the two weeks, bars on top
    assert all(float(rect.get("width", 0)) >= 3 for rect in bars)  # never hairlines


def test_no_cli_hints_and_no_percentages_in_the_picture(cli, tmp_path):
    with at():
        logged_week(cli)
    for name in ("week.svg", "week.html"):
        text = save(cli, tmp_path, name)
        assert "bondcoach tip" not in text and "bondcoach log" not in text
        assert "%" not in re.sub(r"<style>.*?</style>", "", text, flags=re.S)


@pytest.mark.parametrize("columns", ["40", "180"])
def test_a_sensible_width_whatever_the_terminal(cli, tmp_path, columns):
    with at():
        logged_week(cli)
    root = ET.fromstring(save(cli, tmp_path, "week.svg", columns=columns))  # noqa: S314
    assert root.get("width") == "840"
    assert root.get("viewBox", "").startswith("0 0 840 ")


def test_moods_only_with_with_mood(cli, tmp_path):
    with at():
        logged_week(cli)
    for name in ("week.svg", "week.html"):
        without = save(cli, tmp_path, name)
        assert "How you felt" not in without and "very low" not in without
        assert "low mood" not in without
        with_mood = save(cli, tmp_path, name, "--with-mood")
        assert "How you felt" in with_mood
        shown = flat(svg_words(with_mood) if name.endswith(".svg") else with_mood)
        assert "Alex: Tue 24 Nov: 1 (very low)" in shown or "Alex:</strong> Tue 24 Nov 1" in shown
        assert "Sam" in shown and "4 (good)" in shown


def test_with_mood_needs_save(cli):
    with at():
        result = cli("week", "--with-mood")
    assert result.exit_code == 2
    assert "--save" in result.stderr


def test_the_html_week_is_a_page_with_a_title_and_the_chart(cli, tmp_path):
    with at():
        logged_week(cli)
    text = save(cli, tmp_path, "week.html")
    assert "<title>Your week with Mia: Mon 23 Nov to Sun 29 Nov 2026</title>" in text
    assert text.count("<svg") == 2 and text.count("<figcaption>") == 2
    assert "&lt;b&gt;Calmer&lt;/b&gt; after the song" in text
    assert not re.search(r"(?:src|href)\s*=|@import|url\(", text)
