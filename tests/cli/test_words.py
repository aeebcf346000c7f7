"""One word per idea in everything a person reads: "caregiver", "aim" (JSON keys keep theirs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import at, flat, ok

from bondcoach import messages
from bondcoach.cli.lazy import COMMANDS

OTHER_WORDS = re.compile(r"\b(carers?|targets?|goals?)\b", re.IGNORECASE)
TIPS_YAML = Path(__file__).resolve().parents[2] / "data" / "tips.yaml"


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)], ids=str)
def test_help_says_caregiver_and_aim(cli, command):
    result = cli(*command, "--help")
    ok(result)
    assert not OTHER_WORDS.search(result.stdout), OTHER_WORDS.findall(result.stdout)


def test_messages_say_caregiver_and_aim():
    for name, value in vars(messages).items():
        if isinstance(value, str) and not name.startswith("_"):
            assert not OTHER_WORDS.search(value), name
    assert not OTHER_WORDS.search(messages.warm_word(10, 100))
    assert not OTHER_WORDS.search(messages.low_mood_week("Sam", 2, 3))


def test_tips_say_caregiver_and_aim():
    for tip in yaml.safe_load(TIPS_YAML.read_text(encoding="utf-8"))["tips"]:
        words = " ".join(str(tip.get(field, "")) for field in ("title", "text"))
        assert not OTHER_WORDS.search(words), tip.get("id")


def test_the_screens_say_caregiver_and_aim(cli):
    with at():
        ok(cli("setup", "--birth-date", "2026-10-05", "--caregiver", "Sam"))
        screens = [cli("log", "20", "--mood", "2"), cli("week"), cli(), cli("tip")]
        screens += [cli("history"), cli("setup", "--show"), cli("support")]
    for result in screens:
        ok(result)
        assert not OTHER_WORDS.search(flat(result.stdout)), OTHER_WORDS.findall(result.stdout)
