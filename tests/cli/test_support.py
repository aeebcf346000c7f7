"""bondcoach support: the emergency line first, kinds of help, lines by country."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from helpers import json_out, unboxed

SUPPORT_YAML = Path(__file__).resolve().parents[2] / "data" / "support.yaml"
EMERGENCY_START = "If you have an urge or intention to harm yourself or your baby"
WIDE = {"COLUMNS": "400"}  # wide enough that no line is folded


def shipped() -> dict:
    return yaml.safe_load(SUPPORT_YAML.read_text(encoding="utf-8"))


def shipped_lines() -> list[tuple[str, dict]]:
    return [(c["name"], line) for c in shipped()["countries"] for line in c["lines"]]


def country(code: str) -> dict:
    return next(c for c in shipped()["countries"] if c["code"] == code)


def support_text(cli, *args: str, env: dict[str, str] | None = None) -> str:
    result = cli("support", *args, env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def test_the_emergency_advice_comes_before_anything_else(cli):
    text = unboxed(support_text(cli))
    emergency = shipped()["tiers"]["emergency_no_country"]
    assert emergency.startswith(EMERGENCY_START)
    position = text.find(emergency)
    assert position >= 0, text[:300]
    assert text[:position].strip() in ("", "First")  # at most the panel's title before it
    assert "emergency number now" in emergency
    assert "111 in New Zealand (in the UK, 111 is not for emergencies: use 999)" in emergency


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


def test_two_tiers_plainly_emergency_then_frightening_thoughts_then_psychosis(cli):
    text = unboxed(support_text(cli, "--country", "UK"))
    tiers = shipped()["tiers"]
    emergency = tiers["emergency"].replace("{number}", "999")
    places = [
        text.find(part) for part in (emergency, tiers["intrusive_thoughts"], tiers["psychosis"])
    ]
    assert -1 not in places and places == sorted(places), places
    assert "emergency services now on 999" in text
    assert "not in itself a sign that you will act" in text
    assert "tell your doctor, midwife or health visitor about them soon" in text
    assert "medical help the same day" in text
    assert "Being horrified by a thought" in text  # not a sign of danger
    assert "put your baby down somewhere safe, on their back in their cot" in text
    assert "British Journal of General Practice" in text  # the intrusive-thoughts tier's source


def test_without_a_country_tiers_then_kinds_then_lines_by_country(cli):
    text = unboxed(support_text(cli, env=WIDE))
    order = [
        EMERGENCY_START,
        "Unwanted, frightening thoughts",
        "Signs of postpartum psychosis",
        "Kinds of help",
        "Support lines, by country",
    ]
    places = [text.find(part) for part in order]
    assert -1 not in places and places == sorted(places), places


def test_every_line_is_shown_under_its_country_with_hours_source_and_check(cli):
    text = unboxed(support_text(cli, env=WIDE))
    lines = shipped_lines()
    countries = {name for name, _ in lines}
    assert countries >= {"United States", "United Kingdom", "India", "Spain", "Mexico"}
    heading = cursor = text.index("Support lines, by country")
    sources = {source["id"]: source for source in shipped()["sources"]}
    for (name, line), following in zip(lines, [*lines[1:], None], strict=True):
        start = text.index(line["name"], cursor)
        end = text.index(following[1]["name"], start + 1) if following else len(text)
        before = text[heading:start]
        nearest = max(countries, key=lambda each: before.rfind(each))
        assert nearest == name, line["name"]
        chunk = text[start:end]
        assert line["contact"] in chunk, line["name"]
        if "hours" in line:
            assert line["hours"] in chunk, line["name"]
        assert sources[line["source"]]["publisher"] in chunk, line["name"]
        assert f"checked {sources[line['source']]['checked']}" in chunk, line["name"]
        cursor = start


def test_each_country_heading_names_its_emergency_number(cli):
    text = unboxed(support_text(cli, env=WIDE))
    for each in shipped()["countries"]:
        assert f"{each['name']} (emergency: {each['emergency_number']})" in text


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("UK", "GB"),
        ("uk", "GB"),
        ("GB", "GB"),
        ("Britain", "GB"),
        ("England", "GB"),
        ("scotland", "GB"),
        ("WALES", "GB"),
        ("Northern Ireland", "GB"),
        ("the U.K.", "GB"),
        ("US", "US"),
        ("usa", "US"),
        ("United States", "US"),
        ("NZ", "NZ"),
        ("AU", "AU"),
        ("IE", "IE"),
        ("ireland", "IE"),
        ("CA", "CA"),
        ("IN", "IN"),
        ("india", "IN"),
        ("ES", "ES"),
        ("españa", "ES"),
        ("MX", "MX"),
        ("Mexico", "MX"),
        ("méxico", "MX"),
    ],
)
def test_country_accepts_the_names_and_codes_people_type(cli, typed, code):
    payload = json_out(cli("support", "--country", typed, "--json"))
    assert payload["country"]["code"] == code
    assert payload["country_listed"] is True
    expected = [line["name"] for line in country(code)["lines"]]
    assert [line["name"] for line in payload["lines"]] == expected
    assert {line["country"] for line in payload["lines"]} == {country(code)["name"]}
    assert payload["emergency"] == shipped()["tiers"]["emergency"].replace(
        "{number}", country(code)["emergency_number"]
    )


@pytest.mark.parametrize(
    ("typed", "number", "line"),
    [
        ("UK", "999", "Samaritans"),
        ("US", "911", "988 Suicide & Crisis Lifeline"),
        ("NZ", "111", "1737 Need to talk?"),
        ("AU", "000", "PANDA National Perinatal Mental Health Helpline"),
        ("IE", "112", "Samaritans"),
        ("CA", "911", "9-8-8: Suicide Crisis Helpline"),
        ("IN", "112", "Tele-MANAS"),
        ("ES", "112", "024: Línea de atención a la conducta suicida"),
        ("MX", "911", "Línea de la Vida"),
    ],
)
def test_with_a_country_its_number_and_lines_come_right_after_the_emergency_advice(
    cli, typed, number, line
):
    text = unboxed(support_text(cli, "--country", typed, env=WIDE))
    assert text.startswith("First " + EMERGENCY_START)
    assert f"call emergency services now on {number}" in text
    first_line = text.find(line)
    assert 0 < first_line < text.find("Unwanted, frightening thoughts")
    assert first_line < text.find("Kinds of help")
    assert "Support lines, by country" not in text  # other countries' lines are left out
    shown = [row.strip() for row in support_text(cli, "--country", typed).splitlines()]
    assert line in shown  # the name on its own line, the contact on the next
    contact = next(each for _, each in shipped_lines() if each["name"] == line)["contact"]
    assert contact in shown


def test_uk_and_nz_say_what_111_means_there(cli):
    uk = unboxed(support_text(cli, "--country", "UK", env=WIDE))
    nz = unboxed(support_text(cli, "--country", "NZ", env=WIDE))
    assert "111 is the NHS line for urgent help that isn't an emergency" in uk
    assert "it is not an emergency number" in uk
    assert "In New Zealand, 111 is the emergency number" in nz


@pytest.mark.parametrize("typed", ["Narnia", "FR", "Deutschland", ""])
def test_an_unlisted_country_still_gets_the_emergency_advice_and_every_line(cli, typed):
    result = cli("support", "--country", typed, env=WIDE)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    text = unboxed(result.stdout)
    assert text.startswith("First " + shipped()["tiers"]["emergency_no_country"])
    assert f'"{typed}" is not listed yet' in text
    for _, line in shipped_lines():
        assert line["contact"] in text, line["name"]
    # the lines come before the rest, as a listed country's do
    assert text.find("Support lines, by country") < text.find("Kinds of help")
    assert "Traceback" not in result.stderr


def test_an_unlisted_country_in_json_says_so_and_lists_everything(cli):
    payload = json_out(cli("support", "--country", "Narnia", "--json"))
    assert payload["country_asked"] == "Narnia"
    assert payload["country_listed"] is False
    assert payload["country"] is None
    assert payload["emergency"] == shipped()["tiers"]["emergency_no_country"]
    assert len(payload["lines"]) == len(shipped_lines())


def test_an_unlisted_country_name_cannot_drive_the_terminal(cli):
    text = support_text(cli, "--country", "Nar\x1b[31mnia\x07", env=WIDE)
    assert "\x1b[31m" not in text and "\x07" not in text
    assert "is not listed yet" in text


def test_hours_are_shown_where_the_data_has_them(cli):
    text = unboxed(support_text(cli, "--country", "Australia", env=WIDE))
    panda = next(line for line in country("AU")["lines"] if line["name"].startswith("PANDA"))
    assert "Monday to Friday 9am to 7:30pm" in panda["hours"]
    assert f"Open: {panda['hours']}" in text


def test_the_psi_helpline_is_described_as_its_operator_does(cli):
    us = next(line for line in country("US")["lines"] if line["name"].startswith("Postpartum"))
    assert "basic information, support and help finding local resources" in us["for"]
    assert "In a crisis, call or text 988" in us["for"]
    assert "not a crisis line" not in us["for"]  # no stored page says it of this line
    hotline = next(line for line in country("US")["lines"] if "Maternal" in line["name"])
    assert "loved ones" in hotline["for"] and "not a crisis line" in hotline["for"]


def test_sources_lists_every_page_with_its_address_and_check(cli):
    text = support_text(cli, "--sources", env=WIDE)
    for source in shipped()["sources"]:
        if source["id"] == "lively-interview":
            continue  # the kinds of help name it themselves
        assert source["title"] in unboxed(text), source["id"]
        assert source["url"] in text.splitlines() or f"  {source['url']}" in text, source["id"]
    assert "Checked 2026-12-03 against: stored copy of the page" in unboxed(text)


def test_sources_never_fold_an_address_at_50_columns(cli):
    text = support_text(cli, "--sources", "--country", "UK", env={"COLUMNS": "50"})
    for source in (s for s in shipped()["sources"] if s["id"] == "lpft-need-help-now"):
        assert f"  {source['url']}\n" in text


def test_every_line_has_a_country_a_source_and_a_real_checked_date(cli):
    payload = json_out(cli("support", "--json"))
    assert payload["lines"]
    for line in payload["lines"]:
        assert line["country"].strip()
        assert line["sources"], line["name"]
        date.fromisoformat(line["checked"])
        for source in line["sources"]:
            date.fromisoformat(source["checked"])
            assert source["checked_against"].strip()
            assert source["publisher"].strip() and source["url"].startswith("http")


def test_every_source_in_the_data_is_cited_and_every_citation_exists():
    data = shipped()
    ids = [source["id"] for source in data["sources"]]
    assert len(ids) == len(set(ids))
    cited = set(data["tiers"]["sources"])
    for ids_for_tier in data["tiers"]["sources_by_tier"].values():
        cited |= set(ids_for_tier)
    for each in data["countries"]:
        cited |= {each["emergency_source"], *each.get("emergency_more_sources", [])}
        for line in each["lines"]:
            cited |= {line["source"], *line.get("more_sources", [])}
    cited |= {k["source_id"] for k in data["kinds_of_help"] if "source_id" in k}
    assert cited == set(ids)


def test_no_number_is_presented_as_universal(cli):
    payload = json_out(cli("support", "--json"))
    for line in payload["lines"]:
        assert line["country"] not in ("", "All", "Worldwide", "International", "Everywhere")


def test_json_has_the_same_content(cli):
    payload = json_out(cli("support", "--json"))
    data = shipped()
    assert payload["tiers"]["intrusive_thoughts"] == data["tiers"]["intrusive_thoughts"]
    assert payload["tiers"]["psychosis"] == data["tiers"]["psychosis"]
    assert payload["emergency"] == data["tiers"]["emergency_no_country"]
    assert payload["country"] is None and payload["country_asked"] is None
    assert payload["not_medical_advice"] == data["not_medical_advice"]
    assert [kind["name"] for kind in payload["kinds_of_help"]] == [
        kind["name"] for kind in data["kinds_of_help"]
    ]
    for shown, kind in zip(payload["kinds_of_help"], data["kinds_of_help"], strict=True):
        assert shown["for_whom"] == kind["for_whom"]
        assert shown["good_for"] == kind["good_for"]
        assert shown["source"] == kind["source"]
    lines = shipped_lines()
    assert len(payload["lines"]) == len(lines)
    for shown, (name, line) in zip(payload["lines"], lines, strict=True):
        assert shown["country"] == name
        assert shown["name"] == line["name"]
        assert shown["contact"] == line["contact"]
        assert shown["hours"] == line.get("hours")
        assert [s["id"] for s in shown["sources"]] == [
            line["source"],
            *line.get("more_sources", []),
        ]
    assert [c["emergency_number"] for c in payload["countries"]] == [
        c["emergency_number"] for c in data["countries"]
    ]


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
