"""bondcoach support: the emergency line first, kinds of help, lines by country."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import json_out, unboxed

SUPPORT_YAML = Path(__file__).resolve().parents[2] / "data" / "support.yaml"
EMERGENCY_START = "If you have thoughts of harming yourself or your baby"
WIDE = {"COLUMNS": "400"}  # wide enough that no URL is folded across lines


def shipped() -> dict:
    return yaml.safe_load(SUPPORT_YAML.read_text(encoding="utf-8"))


def support_text(cli, *args: str, env: dict[str, str] | None = None) -> str:
    result = cli("support", *args, env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def test_the_emergency_sentence_comes_before_anything_else(cli):
    text = unboxed(support_text(cli))
    emergency = shipped()["emergency"]
    assert emergency.startswith(EMERGENCY_START)
    position = text.find(emergency)
    assert position >= 0, text[:300]
    assert text[:position].strip() in ("", "First")  # at most the panel's title before it
    assert "emergency services now" in emergency


def test_names_the_kinds_of_help(cli):
    text = unboxed(support_text(cli))
    assert "Parent-infant psychotherapy" in text
    assert "birth to age 3" in text  # who parent-infant psychotherapy is for
    assert "Individual psychotherapy" in text
    assert "Support groups" in text
    assert "Couples therapy" in text
    for kind in shipped()["kinds_of_help"]:
        assert " ".join(kind["good_for"].split()) in text, kind["name"]


def test_says_it_is_not_medical_advice(cli):
    text = unboxed(support_text(cli))
    assert "not medical advice" in text
    assert text.find("not medical advice") > text.find(EMERGENCY_START)


def test_every_line_is_shown_under_its_country_with_its_source_and_check(cli):
    text = unboxed(support_text(cli, env=WIDE))
    lines = shipped()["lines"]
    countries = {line["country"] for line in lines}
    assert countries >= {"United States", "United Kingdom"}
    heading = cursor = text.index("Support lines")
    for line, following in zip(lines, [*lines[1:], None], strict=True):
        start = text.index(line["name"], cursor)
        end = text.index(following["name"], start + 1) if following else len(text)
        before = text[heading:start]
        nearest = max(countries, key=lambda country: before.rfind(country))
        assert before.rfind(nearest) >= 0 and nearest == line["country"], line["name"]
        chunk = text[start:end]
        assert line["contact"] in chunk, line["name"]
        assert line["source"] in chunk, line["name"]
        assert "checked" in chunk, line["name"]
        if str(line["checked"])[:1].isdigit():
            assert str(line["checked"]) in chunk, line["name"]
        cursor = start


def test_every_line_has_a_country_a_source_and_a_real_checked_date(cli):
    payload = json_out(cli("support", "--json"))
    assert payload["lines"]
    unchecked = []
    for line in payload["lines"]:
        assert line["country"].strip()
        assert line["source"].strip()
        try:
            date.fromisoformat(line["checked"])
        except ValueError:
            unchecked.append((line["country"], line["name"], line["checked"]))
    assert unchecked == [], "every line says the date it was checked"


def test_no_number_is_presented_as_universal(cli):
    payload = json_out(cli("support", "--json"))
    for line in payload["lines"]:
        assert line["country"] not in ("", "All", "Worldwide", "International", "Everywhere")


def test_country_filters_the_lines(cli):
    payload = json_out(cli("support", "--country", "United Kingdom", "--json"))
    expected = [line for line in shipped()["lines"] if line["country"] == "United Kingdom"]
    assert [line["name"] for line in payload["lines"]] == [line["name"] for line in expected]
    assert {line["country"] for line in payload["lines"]} == {"United Kingdom"}
    assert payload["emergency"] == shipped()["emergency"]  # the emergency line never goes


def test_country_filters_the_human_lines(cli):
    text = unboxed(support_text(cli, "--country", "United Kingdom", env=WIDE))
    assert text.startswith("First " + EMERGENCY_START) or text.startswith(EMERGENCY_START)
    assert "Samaritans" in text
    assert "NHS 111" in text
    listed = text.split("Support lines")[-1]
    assert "Samaritans" in listed
    assert "Lifeline" not in listed  # neither the US nor the Australian one
    for other in ("United States", "Canada", "Australia", "Ireland", "New Zealand"):
        assert other not in listed, other


def test_country_is_matched_without_regard_to_case(cli):
    payload = json_out(cli("support", "--country", "united kingdom", "--json"))
    assert payload["lines"]
    assert {line["country"] for line in payload["lines"]} == {"United Kingdom"}


def test_an_unknown_country_exits_2_and_lists_the_known_ones(cli):
    result = cli("support", "--country", "Narnia")
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert "United Kingdom" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_has_the_same_content(cli):
    payload = json_out(cli("support", "--json"))
    data = shipped()
    assert payload["emergency"] == data["emergency"]
    assert payload["not_medical_advice"] == data["not_medical_advice"]
    assert [kind["name"] for kind in payload["kinds_of_help"]] == [
        kind["name"] for kind in data["kinds_of_help"]
    ]
    for shown, kind in zip(payload["kinds_of_help"], data["kinds_of_help"], strict=True):
        assert shown["for_whom"] == kind["for_whom"]
        assert shown["good_for"] == kind["good_for"]
        assert shown["source"] == kind["source"]
    assert len(payload["lines"]) == len(data["lines"])
    for shown, line in zip(payload["lines"], data["lines"], strict=True):
        assert shown["country"] == line["country"]
        assert shown["name"] == line["name"]
        assert shown["contact"] == line["contact"]
        assert shown["source"] == line["source"]
        assert shown["checked"] == str(line["checked"])


# It works when nothing else does -------------------------------------------------------


def damage(path: Path, garbage: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(garbage)


@pytest.mark.parametrize("as_json", [False, True], ids=["human", "json"])
def test_support_works_with_a_damaged_store(cli, folders, as_json):
    damage(folders.data / "sessions" / "x" / "2026-11.json", b"\x00not json at all{{{")
    broken = cli("week", "--json")
    assert broken.exit_code != 0  # the store really cannot be read
    result = cli("support", *(["--json"] if as_json else []))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert EMERGENCY_START in unboxed(result.stdout)


def test_support_works_with_broken_user_tips(cli, folders):
    damage(folders.data / "tips.yaml", b"tips: [\n  - id: {{{ broken\n")
    result = cli("support")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert EMERGENCY_START in unboxed(result.stdout)
    assert result.stderr == ""


def test_support_works_with_a_damaged_profile(cli, folders):
    damage(folders.data / "profile.json", b"{ this is not json")
    broken = cli("setup", "--show")
    assert broken.exit_code != 0  # the profile really cannot be read
    result = cli("support")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert EMERGENCY_START in unboxed(result.stdout)


def test_support_writes_nothing(cli, folders):
    support_text(cli)
    assert not folders.data.exists() or not any(folders.data.rglob("*"))
