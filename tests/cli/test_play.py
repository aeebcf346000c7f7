"""bondcoach play, driven through CliRunner with an injected (instant) clock."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from types import SimpleNamespace
from typing import Any

import pytest
from helpers import LONDON, at, data_files, flat, json_out, ok

import bondcoach.cli.play as play_module
import bondcoach.core.timer
import bondcoach.core.timer as timer_module
from bondcoach.core.timer import IDEA_EVERY_SECONDS, PlayTimer, idea_for, whole_minutes
from bondcoach.guidance.tips import load_guidance

NOW = datetime(2026, 11, 26, 20, 0, tzinfo=LONDON)


@dataclass
class FakeClock:
    """A monotonic clock that moves only when the timer sleeps.

    ``stop_at``: the sleep that carries the clock to or past this many seconds raises
    KeyboardInterrupt, as Ctrl-C would.
    """

    now: float = 1000.0
    stop_at: float | None = None
    sleeps: list[float] = field(default_factory=list)
    wall: Any = None  # a time-machine traveller: the wall clock moves with the timer

    def __post_init__(self) -> None:
        self.origin = self.now

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        if self.wall is not None:
            self.wall.shift(seconds)
        if self.stop_at is not None and self.now - self.origin >= self.stop_at:
            raise KeyboardInterrupt

    @property
    def ran(self) -> float:
        return self.now - self.origin


@pytest.fixture
def fake(monkeypatch) -> FakeClock:
    clock = FakeClock()
    monkeypatch.setattr(play_module, "TIMER_CLOCK", clock.clock)
    monkeypatch.setattr(play_module, "TIMER_SLEEP", clock.sleep)
    return clock


def history(cli) -> list[dict]:
    return json_out(cli("history", "--json"))


# A full timer --------------------------------------------------------------------------


def test_full_play_logs_the_planned_minutes_with_reflection(cli, fake):
    with at() as wall:
        fake.wall = wall
        result = cli("play", "15", "-a", "sing", "--who", "Sam", input="noticed her smile\n4\n")
        assert result.exit_code == 0, (result.stdout, result.stderr)
        sessions = history(cli)
        summary = json_out(cli("week", "--json"))
    assert fake.ran == 15 * 60
    assert len(sessions) == 1
    session = sessions[0]
    assert session["minutes"] == 15
    assert session["note"] == "noticed her smile"
    assert session["mood"] == 4
    assert session["activities"] == ["sing"]
    assert session["who"] == "Sam"
    assert session["start"].startswith("2026-11-26T20:00")  # when the timer began
    assert summary["total_minutes"] == 15
    assert summary["by_activity"] == {"sing": 15}
    assert summary["by_caregiver"] == {"Sam": 15}
    assert "Anything you noticed" in result.stdout
    assert "very low" in result.stdout


def test_play_default_is_15_minutes(cli, fake):
    with at() as wall:
        fake.wall = wall
        result = cli("play", input="\n\n")
        assert result.exit_code == 0, (result.stdout, result.stderr)
        sessions = history(cli)
    assert fake.ran == 15 * 60
    assert [s["minutes"] for s in sessions] == [15]
    assert sessions[0]["note"] is None
    assert sessions[0]["mood"] is None


def test_play_who_defaults_to_this_computers_caregiver(cli, fake):
    with at() as wall:
        fake.wall = wall
        assert cli("setup", "--caregiver", "Alex").exit_code == 0
        result = cli("play", "5", input="\n\n")
        assert result.exit_code == 0, (result.stdout, result.stderr)
        sessions = history(cli)
    assert sessions[0]["who"] == "Alex"
    assert sessions[0]["minutes"] == 5


def test_play_low_mood_points_to_support(cli, fake):
    with at() as wall:
        fake.wall = wall
        result = cli("play", "15", input="\n1\n")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert flat(result.stdout).count("bondcoach support") == 1


def test_finished_message_starts_on_its_own_line(cli, fake):
    """When stdout is not a terminal the live bar's last frame must still end its line."""
    with at() as wall:
        fake.wall = wall
        result = cli("play", "1", input="\n\n")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    # Issue 9: the line after the timer says the time is up; any praise waits for the mood.
    assert any(line.startswith("Time's up") for line in result.stdout.splitlines()), result.stdout


@pytest.mark.parametrize("mood", ["1", "2"])
def test_play_asks_the_mood_before_any_praise_and_a_low_mood_gets_none(cli, fake, mood):
    with at() as wall:
        fake.wall = wall
        result = cli("play", "15", input=f"\n{mood}\n")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    text = flat(result.stdout)
    for cheerful in ("Well done", "Lovely", "bonus", "Great"):
        assert cheerful not in text, cheerful
    assert text.index("How are you feeling") < text.index("bondcoach support")


def test_play_with_a_good_mood_answers_warmly_after_asking(cli, fake):
    with at() as wall:
        fake.wall = wall
        result = cli("play", "15", input="\n5\n")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    text = flat(result.stdout)
    assert text.index("How are you feeling") < text.index("Every minute counts")


# Stopping early ------------------------------------------------------------------------


def test_early_stop_keeping_the_minutes(cli, fake, folders):
    fake.stop_at = 7.5 * 60
    with at() as wall:
        fake.wall = wall
        result = cli("play", "15", "-a", "read", input="y\n")
        assert result.exit_code == 0, (result.stdout, result.stderr)
        sessions = history(cli)
    assert "Keep those minutes" in result.stdout
    assert [s["minutes"] for s in sessions] == [7]
    assert sessions[0]["activities"] == ["read"]
    assert sessions[0]["start"].startswith("2026-11-26T20:00")


def test_early_stop_enter_keeps_the_minutes(cli, fake):
    fake.stop_at = 7.5 * 60
    with at() as wall:
        fake.wall = wall
        result = cli("play", "15", input="\n")
        assert result.exit_code == 0, (result.stdout, result.stderr)
        assert [s["minutes"] for s in history(cli)] == [7]


def test_early_stop_not_keeping_writes_nothing(cli, fake, folders):
    fake.stop_at = 7.5 * 60
    with at() as wall:
        fake.wall = wall
        before = data_files(folders.data)
        result = cli("play", "15", input="n\n")
        after = data_files(folders.data)
        sessions = history(cli)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "Nothing was saved" in result.stderr
    assert after == before
    assert sessions == []


def test_stop_before_a_whole_minute_saves_nothing_without_asking(cli, fake, folders):
    fake.stop_at = 30
    with at() as wall:
        fake.wall = wall
        result = cli("play", "15", input="y\n")
        sessions = history(cli)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "Keep those minutes" not in result.stdout
    assert sessions == []


def test_second_ctrl_c_at_the_keep_question_leaves_without_writing(cli, fake, folders, monkeypatch):
    fake.stop_at = 7.5 * 60

    def interrupted() -> str:
        raise KeyboardInterrupt

    import bondcoach.cli.prompts as prompts

    class CtrlCAtTheKeyboard:
        """sys as the prompt sees it: output as usual, but reading raises Ctrl-C."""

        stdin = SimpleNamespace(readline=interrupted)
        stdout = property(lambda self: sys.stdout)
        stderr = property(lambda self: sys.stderr)

    monkeypatch.setattr(prompts, "sys", CtrlCAtTheKeyboard())
    with at():
        before = data_files(folders.data)
        result = cli("play", "15")
        after = data_files(folders.data)
    assert result.exit_code == 130, (result.stdout, result.stderr)
    assert "Keep those minutes" in result.stdout  # the question was asked
    assert after == before
    assert "Traceback" not in result.stderr


def test_second_ctrl_c_replacing_keep_exits_130(cli, fake, folders, monkeypatch):
    fake.stop_at = 7.5 * 60

    def keep(spent: int) -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(play_module, "_keep", keep)
    with at():
        result = cli("play", "15", input="y\n")
        sessions = history(cli)
    assert result.exit_code == 130, (result.stdout, result.stderr)
    assert sessions == []


# Invalid minutes -----------------------------------------------------------------------


@pytest.mark.parametrize("minutes", ["0", "1441", "abc", "-5", "1.5"])
def test_invalid_minutes_exit_2_before_the_timer_starts(cli, fake, folders, minutes):
    with at() as wall:
        fake.wall = wall
        result = cli("play", minutes)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert fake.sleeps == []
    assert data_files(folders.data) == {}
    assert "Traceback" not in result.stderr


def test_1440_minutes_are_accepted(cli, fake, monkeypatch):
    # A frame a minute, not a second: the same day-long timer in 1,440 frames, not 86,400.
    monkeypatch.setattr(timer_module, "TICK_SECONDS", 60.0)
    with at() as wall:
        fake.wall = wall
        result = cli("play", "1440", input="\n\n")
        assert result.exit_code == 0, (result.stdout, result.stderr)
        assert [s["minutes"] for s in history(cli)] == [1440]
    assert fake.ran == 1440 * 60


# Ideas ---------------------------------------------------------------------------------


def test_idea_for_changes_every_few_minutes():
    ideas = ["one", "two", "three"]
    assert idea_for(ideas, 0) == "one"
    assert idea_for(ideas, IDEA_EVERY_SECONDS - 1) == "one"
    assert idea_for(ideas, IDEA_EVERY_SECONDS) == "two"
    assert idea_for(ideas, 2 * IDEA_EVERY_SECONDS + 5) == "three"
    assert idea_for(ideas, 3 * IDEA_EVERY_SECONDS) == "one"  # round again
    assert idea_for([], 500) == ""
    assert 60 <= IDEA_EVERY_SECONDS <= 600  # "every few minutes"


def test_ideas_start_with_the_chosen_activity_and_fit_the_age():
    """2.0: ideas are activity ideas for the baby's age (no tip titles: a title alone
    cannot carry the safe-sleep words a holding or feeding idea needs)."""
    guidance = load_guidance()
    sing = guidance.ideas["sing"]
    ideas = bondcoach.core.timer.ideas_for(guidance, ["sing"], 300)
    assert ideas[0] == sing
    fitting = {a.idea for a in guidance.activities if a.fits(300)}
    assert set(ideas) == fitting
    assert not set(ideas) & {a.idea for a in guidance.activities if not a.fits(300)}
    assert len(set(ideas)) >= 10


def test_the_ideas_shown_during_a_play_change_every_few_minutes(cli, fake, monkeypatch):
    shown: list[tuple[float, str]] = []
    real = bondcoach.core.timer.idea_for

    def recording(ideas, elapsed):
        idea = real(ideas, elapsed)
        shown.append((elapsed, idea))
        return idea

    monkeypatch.setattr(bondcoach.core.timer, "idea_for", recording)
    with at():
        result = cli("play", "15", "-a", "sing", input="\n\n")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    sing = load_guidance().ideas["sing"]
    assert shown[0] == (0, sing)
    assert len({idea for _, idea in shown}) >= 5
    changes = [elapsed for (_, before), (elapsed, after) in pairwise(shown) if before != after]
    assert changes, "the idea never changed"
    assert all(elapsed % IDEA_EVERY_SECONDS == 0 for elapsed in changes), changes


# The timer's clockwork -----------------------------------------------------------------


def test_play_timer_stops_exactly_at_the_planned_time():
    fake = FakeClock()
    ticks: list[float] = []
    timer = PlayTimer(15 * 60, clock=fake.clock, sleep=fake.sleep)
    timer.run(ticks.append)
    assert ticks[0] == 0
    assert ticks[-1] == 15 * 60
    assert fake.ran == 15 * 60
    assert timer.elapsed() == 15 * 60
    assert ticks == sorted(ticks)
    assert all(seconds <= 1.0 for seconds in fake.sleeps)


def test_play_timer_never_overshoots_an_odd_length():
    fake = FakeClock()
    ticks: list[float] = []
    timer = PlayTimer(90.5, clock=fake.clock, sleep=fake.sleep)
    timer.run(ticks.append)
    assert ticks[-1] == 90.5
    assert fake.ran == pytest.approx(90.5)
    assert max(ticks) == 90.5


def test_play_timer_elapsed_is_capped_when_the_clock_runs_late():
    fake = FakeClock()

    def slow_sleep(seconds: float) -> None:
        fake.now += seconds + 0.7  # a busy computer oversleeps

    timer = PlayTimer(60, clock=fake.clock, sleep=slow_sleep)
    ticks: list[float] = []
    timer.run(ticks.append)
    assert ticks[-1] == 60
    assert max(ticks) == 60
    assert timer.elapsed() == 60


def test_ctrl_c_leaves_elapsed_readable():
    fake = FakeClock(stop_at=7.5 * 60)
    timer = PlayTimer(15 * 60, clock=fake.clock, sleep=fake.sleep)
    with pytest.raises(KeyboardInterrupt):
        timer.run(lambda elapsed: None)
    assert timer.elapsed() == 450
    assert whole_minutes(timer.elapsed()) == 7


# Nothing lost (issue 9) ------------------------------------------------------------------


class CtrlCAtTheKeyboard:
    """sys as the prompt sees it: output as usual, but reading raises Ctrl-C."""

    stdin = SimpleNamespace(readline=lambda: (_ for _ in ()).throw(KeyboardInterrupt))
    stdout = property(lambda self: sys.stdout)
    stderr = property(lambda self: sys.stderr)


def test_ctrl_c_at_the_reflection_keeps_the_finished_session(cli, fake, monkeypatch):
    import bondcoach.cli.prompts as prompts

    monkeypatch.setattr(prompts, "sys", CtrlCAtTheKeyboard())
    with at() as wall:
        fake.wall = wall
        result = cli("play", "1", "-a", "sing")
        sessions = history(cli)
    assert result.exit_code == 130, (result.stdout, result.stderr)
    assert "Anything you noticed" in result.stdout  # stopped at the reflection
    assert result.stdout.endswith(": \n")  # the message after it starts on its own line
    assert [(s["minutes"], s["activities"], s["note"]) for s in sessions] == [(1, ["sing"], None)]
    said = flat(result.stderr)
    assert "your 1 min together from 20:00 is saved" in said
    assert "without a note or mood" in said
    assert "Traceback" not in result.stderr


def test_the_session_is_saved_before_the_reflection_is_asked(cli, fake, monkeypatch):
    import bondcoach.cli.saving as saving

    seen: list[list[dict]] = []

    def reflection(note, mood, to_stderr):
        seen.append(history(cli))  # what is stored while the question is on screen
        return "her hands", 4

    monkeypatch.setattr(saving, "ask_reflection", reflection)
    with at() as wall:
        fake.wall = wall
        result = cli("play", "2")
        after = history(cli)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert [s["minutes"] for s in seen[0]] == [2]
    assert [(s["id"], s["note"], s["mood"]) for s in after] == [(seen[0][0]["id"], "her hands", 4)]


def test_one_undo_takes_back_the_session_and_its_reflection(cli, fake, folders):
    with at() as wall:
        fake.wall = wall
        ok(cli("log", "10", "--at", "2026-11-26 09:00"))
        ok(cli("play", "5", input="she smiled\n4\n"))
        undone = cli("undo")
        sessions = history(cli)
        again = cli("undo")
    assert undone.exit_code == 0, (undone.stdout, undone.stderr)
    assert "took back the session you logged: Thu 26 Nov, 20:00, 5\xa0min" in undone.stdout
    assert [s["minutes"] for s in sessions] == [10]  # the log before it stays
    assert again.exit_code == 1  # one change, taken back once


def test_second_ctrl_c_says_what_was_and_was_not_saved(cli, fake, folders, monkeypatch):
    fake.stop_at = 7.5 * 60

    import bondcoach.cli.prompts as prompts

    monkeypatch.setattr(prompts, "sys", CtrlCAtTheKeyboard())
    with at():
        result = cli("play", "15")
        sessions = history(cli)
    assert result.exit_code == 130, (result.stdout, result.stderr)
    assert "nothing was saved (the 7 min so far were not kept)" in flat(result.stderr)
    assert sessions == []


def test_well_done_comes_after_the_mood_and_answers_it(cli, fake):
    with at() as wall:
        fake.wall = wall
        good = cli("play", "1", input="\n4\n")
        low = cli("play", "1", input="\n1\n")
    assert good.exit_code == 0 and low.exit_code == 0, (good.stderr, low.stderr)
    assert good.stdout.index("Well done") > good.stdout.index("How are you feeling")
    assert "Time's up: 1\xa0min together. It is saved." in good.stdout
    assert "Well done" not in low.stdout


@pytest.mark.parametrize(("flags", "bells"), [([], 0), (["--bell"], 1)])
def test_a_gentle_bell_only_when_asked(cli, fake, flags, bells):
    with at() as wall:
        fake.wall = wall
        result = cli("play", "1", *flags, input="\n\n")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert result.stdout.count("\a") == bells
    if bells:
        assert result.stdout.index("\a") < result.stdout.index("Time's up")
