"""The guidance file: the shipped tips validate, broken files are reported precisely,
a user's own tips.yaml adds and replaces tips, and the cache follows the files."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from helpers import json_out

from bondcoach.core.models import TOPICS, TipsFile
from bondcoach.errors import DataError
from bondcoach.guidance import tips
from bondcoach.guidance import tips_yaml as yaml_tips

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "tips.yaml"
USUAL_ACTIVITIES = {
    "talk",
    "sing",
    "read",
    "skin-to-skin",
    "play",
    "massage",
    "walk",
    "feed",
    "diaper",
}

GOOD_TIP = """\
  - id: good-one
    topic: cues
    title: A good tip
    text: Some text.
    source: Somebody
"""


def user_tips_path(folders) -> Path:
    folders.data.mkdir(parents=True, exist_ok=True)
    return folders.data / "tips.yaml"


def all_tips(cli) -> dict[str, dict[str, str]]:
    return {tip["id"]: tip for tip in json_out(cli("tip", "--all", "--json"))}


# The shipped file -------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> yaml_tips.ParsedTips:
    return yaml_tips.parse_tips_file(SHIPPED, SHIPPED.read_bytes())


def test_shipped_file_validates_with_the_model():
    raw = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    TipsFile.model_validate(raw)


def test_the_package_reads_the_same_file():
    assert tips.builtin_tips_path().read_bytes() == SHIPPED.read_bytes()


def test_at_least_twenty_tips(shipped):
    assert len(shipped.tips) >= 20


def test_every_topic_is_covered(shipped):
    counts = Counter(tip.topic for tip in shipped.tips)
    assert set(counts) == set(TOPICS)
    assert len(TOPICS) == 13  # 2.0: the SPEC's topics (crying, play, talk, feelings, ...)


def test_every_tip_has_a_source_title_and_text(shipped):
    for tip in shipped.tips:
        assert tip.source.strip(), tip.id
        assert tip.title.strip(), tip.id
        assert tip.text.strip(), tip.id


def test_ids_are_unique_in_the_file_itself():
    raw = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    ids = [entry["id"] for entry in raw["tips"]]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_usual_activities_are_listed_with_an_idea(shipped):
    activities = {activity.name: activity.idea for activity in shipped.activities}
    assert set(activities) >= USUAL_ACTIVITIES
    for name in USUAL_ACTIVITIES:
        assert activities[name].strip()


# Broken files ---------------------------------------------------------------------


def broken(text: str) -> DataError:
    path = Path("/somewhere/data/tips.yaml")
    with pytest.raises(DataError) as caught:
        yaml_tips.parse_tips_file(path, text.encode("utf-8"))
    assert str(path) in caught.value.message
    return caught.value


def lines(*rows: str) -> str:
    return "".join(f"{row}\n" for row in rows)


def test_a_bad_field_names_file_line_and_tip():
    error = broken(
        lines(
            "tips:",
            GOOD_TIP.rstrip("\n"),  # lines 2-6
            "  - id: broken-tip",  # line 7
            "    topic: astrology",  # line 8
            "    title: T",
            "    text: X",
            "    source: S",
        )
    )
    assert "line 8" in error.message
    assert "broken-tip" in error.message
    assert "topic" in error.message


def test_a_missing_field_names_the_entrys_line_and_tip():
    error = broken(
        lines(
            "tips:",
            GOOD_TIP.rstrip("\n"),
            "  - id: no-source",  # line 7
            "    topic: cues",
            "    title: T",
            "    text: X",
        )
    )
    assert "line 7" in error.message
    assert "no-source" in error.message
    assert "source" in error.message


def test_an_unknown_key_is_reported():
    error = broken(lines("tips:", GOOD_TIP.rstrip("\n"), "    colour: blue"))  # line 7
    assert "line 7" in error.message
    assert "good-one" in error.message
    assert "colour" in error.message


def test_a_yaml_syntax_error_names_the_line():
    error = broken("tips:\n" + GOOD_TIP + '  - id: "unclosed\n    topic: cues\n')
    assert "line" in error.message


def test_duplicate_ids_name_the_id():
    error = broken("tips:\n" + GOOD_TIP + GOOD_TIP)
    assert "good-one" in error.message


def test_a_broken_builtin_file_stops_tip_with_the_file_and_line(cli, monkeypatch, tmp_path):
    builtin = tmp_path / "shipped" / "tips.yaml"
    builtin.parent.mkdir()
    builtin.write_text("tips:\n" + GOOD_TIP.replace("topic: cues", "topic: nope"))
    monkeypatch.setattr(tips, "builtin_tips_path", lambda: builtin)
    result = cli("tip")
    assert result.exit_code == 1
    assert str(builtin) in result.stderr
    assert "line 3" in result.stderr
    assert "good-one" in result.stderr
    assert "Traceback" not in result.output


# The user's own tips.yaml -----------------------------------------------------------


def test_user_file_adds_a_tip_and_replaces_one(cli, folders):
    builtin = all_tips(cli)
    assert "cues-crying-is-talking" in builtin
    user_tips_path(folders).write_text(
        "tips:\n"
        "  - id: our-own-walks\n"
        "    topic: routine\n"
        "    title: Our evening walk\n"
        "    text: A walk round the block after the last feed.\n"
        "    source: Our family\n"
        "  - id: cues-crying-is-talking\n"
        "    topic: cues\n"
        "    title: Crying, in our words\n"
        "    text: Our own version of this tip.\n"
        "    source: Our health visitor\n",
        encoding="utf-8",
    )
    mine = all_tips(cli)
    assert set(mine) == set(builtin) | {"our-own-walks"}
    assert mine["our-own-walks"]["title"] == "Our evening walk"
    assert mine["cues-crying-is-talking"]["title"] == "Crying, in our words"
    assert mine["cues-crying-is-talking"]["source"] == "Our health visitor"
    untouched = set(builtin) - {"cues-crying-is-talking"}
    assert all(mine[tip_id] == builtin[tip_id] for tip_id in untouched)


def test_user_tip_can_be_the_tip_of_the_day(cli, folders):
    user_tips_path(folders).write_text(
        "tips:\n"
        "  - id: only-for-us\n"
        "    topic: cues\n"
        "    title: Only ours\n"
        "    text: Text.\n"
        "    source: Us\n",
        encoding="utf-8",
    )
    builtin_cues = [t for t in all_tips(cli).values() if t["topic"] == "cues"]
    first = date(2026, 12, 1)
    days = [(first + timedelta(days=n)).isoformat() for n in range(len(builtin_cues) + 1)]
    seen = {json_out(cli("tip", "--topic", "cues", "--date", d, "--json"))["id"] for d in days}
    assert "only-for-us" in seen


def test_user_activities_extend_the_list(folders):
    path = user_tips_path(folders)
    path.write_text("activities:\n  - name: bath\n    idea: Bath time together.\n")
    guidance = tips.load_guidance()
    assert guidance.ideas["bath"] == "Bath time together."
    assert set(guidance.ideas) >= USUAL_ACTIVITIES


@pytest.mark.parametrize("as_json", [False, True])
def test_a_malformed_user_file_warns_once_and_keeps_the_builtin_tips(cli, folders, as_json):
    path = user_tips_path(folders)
    path.write_text(
        lines(
            "tips:",
            "  - id: mine",
            "    topic: cues",
            "    title: Mine",
            "    text: [unclosed",
        ),
        encoding="utf-8",
    )
    args = ["tip", "--json"] if as_json else ["tip"]
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr.count(str(path)) == 1, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "line " in result.stderr
    assert "Traceback" not in result.output
    shipped_ids = {t.id for t in yaml_tips.parse_tips_file(SHIPPED, SHIPPED.read_bytes()).tips}
    if as_json:
        assert json_out(result)["id"] in shipped_ids
    else:
        assert "Source:" in result.stdout


def test_an_invalid_user_tip_names_file_line_and_id(cli, folders):
    path = user_tips_path(folders)
    path.write_text(
        "tips:\n"
        "  - id: our-tip\n"
        "    topic: weather\n"  # line 3
        "    title: Ours\n"
        "    text: Text.\n"
        "    source: Us\n",
        encoding="utf-8",
    )
    result = cli("tip", "--all", "--json")
    assert result.exit_code == 0
    assert str(path) in result.stderr
    assert "line 3" in result.stderr
    assert "our-tip" in result.stderr
    listed = {tip["id"] for tip in json_out(result)}
    assert "our-tip" not in listed
    assert len(listed) >= 20


def test_the_warning_comes_back_on_every_run_until_fixed(cli, folders):
    path = user_tips_path(folders)
    path.write_text("tips: [\n", encoding="utf-8")
    first = cli("tip")
    second = cli("tip")  # served from the cache: the warning must still be shown
    assert str(path) in first.stderr
    assert str(path) in second.stderr
    path.write_text("tips: []\n", encoding="utf-8")
    fixed = cli("tip")
    assert fixed.exit_code == 0
    assert fixed.stderr == ""


# The cache ---------------------------------------------------------------------------


def one_tip_file(title: str) -> str:
    return (
        "tips:\n"
        "  - id: cached-tip\n"
        "    topic: you\n"
        f"    title: {title}\n"
        "    text: Text.\n"
        "    source: Us\n"
    )


def test_the_cache_is_rebuilt_when_the_user_file_changes(cli, folders):
    path = user_tips_path(folders)
    path.write_text(one_tip_file("First version"), encoding="utf-8")
    assert all_tips(cli)["cached-tip"]["title"] == "First version"
    assert all_tips(cli)["cached-tip"]["title"] == "First version"  # warm
    path.write_text(one_tip_file("Second version"), encoding="utf-8")
    assert all_tips(cli)["cached-tip"]["title"] == "Second version"
    path.unlink()
    assert "cached-tip" not in all_tips(cli)


def test_a_warm_run_does_not_parse_yaml_and_a_change_does(cli, folders, monkeypatch):
    path = user_tips_path(folders)
    path.write_text(one_tip_file("One"), encoding="utf-8")
    real_parse = yaml_tips.parse_tips_file
    calls: list[Path] = []

    def counting(file: Path, raw: bytes, *args, **kwargs):
        calls.append(file)
        return real_parse(file, raw, *args, **kwargs)

    monkeypatch.setattr(yaml_tips, "parse_tips_file", counting)
    assert cli("tip").exit_code == 0
    assert len(calls) == 2  # built-in and user file, cold
    assert cli("tip").exit_code == 0
    assert len(calls) == 2  # warm: from the cache
    assert any(folders.cache.rglob("*")), "the cache folder holds the cache"
    path.write_text(one_tip_file("Two"), encoding="utf-8")
    assert cli("tip").exit_code == 0
    assert len(calls) == 4


def test_a_damaged_cache_is_rebuilt(cli, folders):
    assert cli("tip").exit_code == 0
    cache_files = [p for p in folders.cache.rglob("*") if p.is_file()]
    assert cache_files
    for cached in cache_files:
        cached.write_bytes(b"{ damaged")
    result = cli("tip", "--all", "--json")
    assert result.exit_code == 0
    assert len(json_out(result)) >= 20


# Your own tips.yaml (merged from test_user_tips.py) ---------------------------------

BUILTIN = {tip["id"]: tip for tip in yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))["tips"]}
REPLACED = "expectations-a-process"

OWN_TIPS = f"""\
# my own tips
tips:
  - id: grandma-sings
    topic: support
    title: Grandma's lullaby
    text: Ask grandma to sing the song she sang to you.
    source: our family
  - id: {REPLACED}
    topic: expectations
    title: Our own words on bonding
    text: It took us weeks, and that was fine.
    source: us
"""


def test_a_user_file_adds_a_tip_and_replaces_one_by_id(cli, folders):
    user_tips_path(folders).write_text(OWN_TIPS, encoding="utf-8")
    result = cli("tip", "--all", "--json")
    assert result.stderr == ""
    tips = {tip["id"]: tip for tip in json_out(result)}
    assert set(tips) == set(BUILTIN) | {"grandma-sings"}
    assert len(json_out(result)) == len(BUILTIN) + 1  # the replaced tip is there once
    assert tips["grandma-sings"]["title"] == "Grandma's lullaby"
    assert tips["grandma-sings"]["source"] == "our family"
    assert tips[REPLACED]["title"] == "Our own words on bonding"
    assert tips[REPLACED]["text"] == "It took us weeks, and that was fine."
    for tip_id, tip in BUILTIN.items():
        if tip_id != REPLACED:
            assert tips[tip_id]["title"] == tip["title"], tip_id


def test_a_user_tip_can_be_the_tip_of_the_day(cli, folders):
    user_tips_path(folders).write_text(OWN_TIPS, encoding="utf-8")
    start = date(2026, 11, 26)
    seen = {
        json_out(cli("tip", "--topic", "support", "--date", str(start + timedelta(n)), "--json"))[
            "id"
        ]
        for n in range(40)
    }
    assert "grandma-sings" in seen


def test_the_user_file_is_the_one_in_bondcoach_home(cli, folders, tmp_path, monkeypatch):
    elsewhere = tmp_path / "other-home"
    elsewhere.mkdir()
    (elsewhere / "tips.yaml").write_text(OWN_TIPS, encoding="utf-8")
    assert "grandma-sings" not in all_tips(cli)
    monkeypatch.setenv("BONDCOACH_HOME", str(elsewhere))
    assert "grandma-sings" in all_tips(cli)


def test_an_empty_user_file_is_no_problem(cli, folders):
    user_tips_path(folders).write_text("# nothing yet\n", encoding="utf-8")
    result = cli("tip", "--all", "--json")
    assert result.stderr == ""
    assert set(all_tips(cli)) == set(BUILTIN)


MY_TIP = """\
  - id: mine
    topic: cues
    title: A good tip
    text: Some text.
    source: me
"""

# (file text, the line the problem is on)
MALFORMED = {
    "tab indent": ("tips:\n  - id: mine\n    topic: cues\n\ttitle: T\n", 4),
    "unknown topic": (
        "tips:\n  - id: mine\n    topic: nonsense\n    title: T\n    text: X\n    source: me\n",
        3,
    ),
    "missing source": ("tips:\n  - id: mine\n    topic: cues\n    title: T\n    text: X\n", 2),
    "unknown field": ("tips:\n" + MY_TIP + "    colour: red\n", 7),
    "bad age": ("tips:\n" + MY_TIP + "    from_age: banana\n", 7),
    "id not a slug": (
        "tips:\n  - id: Not A Slug\n    topic: cues\n    title: T\n    text: X\n    source: me\n",
        2,
    ),
    "bad second tip": (
        "tips:\n" + MY_TIP + MY_TIP.replace("mine", "other").replace("cues", "weather"),
        8,
    ),
    "duplicate id": ("tips:\n" + MY_TIP + MY_TIP, 7),
    "no tips key": ("- id: mine\n  topic: cues\n  title: T\n  text: X\n  source: me\n", 1),
}


@pytest.mark.parametrize(("text", "line"), list(MALFORMED.values()), ids=list(MALFORMED))
def test_a_malformed_user_file_warns_once_naming_file_and_line(cli, folders, text, line):
    path = user_tips_path(folders)
    path.write_text(text, encoding="utf-8")
    result = cli("tip")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip(), "no tip was shown"
    warnings = [entry for entry in result.stderr.splitlines() if entry.strip()]
    assert len(warnings) == 1, result.stderr
    assert result.stderr.count(str(path)) == 1
    assert f"line {line}" in result.stderr, result.stderr
    assert "built-in" in result.stderr
    # The built-in tips, and only those, are in use.
    listed = cli("tip", "--all", "--json")
    assert listed.exit_code == 0
    assert {tip["id"] for tip in json_out(listed)} == set(BUILTIN)


def test_unparseable_yaml_warns_once_and_still_shows_a_builtin_tip(cli, folders):
    path = user_tips_path(folders)
    path.write_text('tips:\n  - id: mine\n    title: "never closed\n    text: X\n', "utf-8")
    result = cli("tip", "--json")
    assert result.exit_code == 0, result.output
    assert json_out(result)["id"] in BUILTIN
    assert result.stderr.count(str(path)) == 1
    assert "line " in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_file_that_is_not_utf8_warns_and_names_the_file(cli, folders):
    path = user_tips_path(folders)
    path.write_bytes(b"tips:\n  - id: caf\xe9\n")
    result = cli("tip", "--json")
    assert result.exit_code == 0, result.output
    assert json_out(result)["id"] in BUILTIN
    assert result.stderr.count(str(path)) == 1


def test_the_warning_is_given_once_per_run_also_from_the_cache(cli, folders):
    path = user_tips_path(folders)
    path.write_text(MALFORMED["unknown topic"][0], encoding="utf-8")
    for _ in range(3):
        result = cli("tip")
        assert result.exit_code == 0
        assert result.stderr.count(str(path)) == 1, result.stderr
    path.write_text(OWN_TIPS, encoding="utf-8")  # fixed: the warning goes, the tips come in
    fixed = cli("tip", "--all", "--json")
    assert fixed.stderr == ""
    assert "grandma-sings" in {tip["id"] for tip in json_out(fixed)}


def test_a_malformed_user_file_does_not_stop_other_commands(cli, folders):
    user_tips_path(folders).write_text("tips: [\n", encoding="utf-8")
    assert cli("log", "15").exit_code == 0
    assert cli("week", "--json").exit_code == 0
