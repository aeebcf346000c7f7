"""The user's own tips.yaml in the data folder: it adds tips, replaces tips by id, and
when it is malformed `tip` warns once (file, line, problem) and uses the built-in tips."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from helpers import json_out

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "tips.yaml"
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


def user_file(folders) -> Path:
    folders.data.mkdir(parents=True, exist_ok=True)
    return folders.data / "tips.yaml"


def all_tips(cli) -> dict[str, dict]:
    result = cli("tip", "--all", "--json")
    return {tip["id"]: tip for tip in json_out(result)}


def test_a_user_file_adds_a_tip_and_replaces_one_by_id(cli, folders):
    user_file(folders).write_text(OWN_TIPS, encoding="utf-8")
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
    user_file(folders).write_text(OWN_TIPS, encoding="utf-8")
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
    user_file(folders).write_text("# nothing yet\n", encoding="utf-8")
    result = cli("tip", "--all", "--json")
    assert result.stderr == ""
    assert set(all_tips(cli)) == set(BUILTIN)


GOOD_TIP = """\
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
    "unknown field": ("tips:\n" + GOOD_TIP + "    colour: red\n", 7),
    "bad age": ("tips:\n" + GOOD_TIP + "    from_age: banana\n", 7),
    "id not a slug": (
        "tips:\n  - id: Not A Slug\n    topic: cues\n    title: T\n    text: X\n    source: me\n",
        2,
    ),
    "bad second tip": (
        "tips:\n" + GOOD_TIP + GOOD_TIP.replace("mine", "other").replace("cues", "weather"),
        8,
    ),
    "duplicate id": ("tips:\n" + GOOD_TIP + GOOD_TIP, 7),
    "no tips key": ("- id: mine\n  topic: cues\n  title: T\n  text: X\n  source: me\n", 1),
}


@pytest.mark.parametrize(("text", "line"), list(MALFORMED.values()), ids=list(MALFORMED))
def test_a_malformed_user_file_warns_once_naming_file_and_line(cli, folders, text, line):
    path = user_file(folders)
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
    path = user_file(folders)
    path.write_text('tips:\n  - id: mine\n    title: "never closed\n    text: X\n', "utf-8")
    result = cli("tip", "--json")
    assert result.exit_code == 0, result.output
    assert json_out(result)["id"] in BUILTIN
    assert result.stderr.count(str(path)) == 1
    assert "line " in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_file_that_is_not_utf8_warns_and_names_the_file(cli, folders):
    path = user_file(folders)
    path.write_bytes(b"tips:\n  - id: caf\xe9\n")
    result = cli("tip", "--json")
    assert result.exit_code == 0, result.output
    assert json_out(result)["id"] in BUILTIN
    assert result.stderr.count(str(path)) == 1


def test_the_warning_is_given_once_per_run_also_from_the_cache(cli, folders):
    path = user_file(folders)
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
    user_file(folders).write_text("tips: [\n", encoding="utf-8")
    assert cli("log", "15").exit_code == 0
    assert cli("week", "--json").exit_code == 0
