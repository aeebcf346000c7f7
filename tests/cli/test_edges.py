"""Odd input and failures at the edges: each case a user (or a sync tool) can cause."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import at, data_files, flat, json_out, ok

import bondcoach.cli.play as play_module
from bondcoach.storage import undo_log as journal


def history(cli) -> list[dict]:
    return json_out(cli("history", "--last", "100", "--json"))


def month_file(folders, month: str = "2026-11") -> Path:
    [device] = list((folders.data / "sessions").iterdir())
    return device / f"{month}.json"


@pytest.mark.parametrize(
    "args",
    [
        ("log", "15", "--at", "0001-01-01 00:00"),
        ("log", "15", "--at", "9999-12-31 23:59"),
        ("log", "15", "--at", "2026-11-20"),  # a date alone: no time to start from
        ("log", "--ago", "999999h"),
        ("log", "15", "--ago", "8d"),
        ("log", "--ago", "25h"),  # more than a day of minutes without MINUTES
        ("week", "--of", "0001-01-01"),
        ("week", "--of", "9999-12-31"),
        ("tip", "--date", "0001-01-01"),
    ],
)
def test_out_of_range_times_are_bad_input(cli, folders, args) -> None:
    with at():
        result = cli(*args)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "unexpected" not in result.stderr
    assert data_files(folders.data) == {}


def test_refused_commands_leave_no_device_id(cli, folders) -> None:
    for args in (("edit", "zzzz", "--minutes", "5"), ("delete", "zz"), ("history", "--of", "x")):
        assert cli(*args).exit_code == 2
    assert data_files(folders.state) == {}


def test_a_planted_link_among_the_sessions_is_refused_not_skipped(cli, folders, tmp_path) -> None:
    with at():
        ok(cli("log", "15", "--at", "10:00"))
        real = month_file(folders)
        elsewhere = tmp_path / "elsewhere.json"
        real.rename(elsewhere)
        real.symlink_to(elsewhere)
        result = cli("week", "--json")
    assert result.exit_code == 1
    assert "symbolic link" in result.stderr


def test_play_checks_the_store_before_the_timer_starts(cli, folders, monkeypatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr(play_module, "TIMER_SLEEP", slept.append)
    with at():
        ok(cli("log", "15", "--at", "10:00"))
        month_file(folders).write_bytes(b"{ not json")
        result = cli("play", "15")
    assert result.exit_code == 1
    assert slept == []  # the parent's time together was never spent on a timer that can't save
    assert "2026-11.json" in result.stderr


def test_play_says_how_to_log_the_minutes_when_saving_fails(cli, folders, monkeypatch) -> None:
    clock = iter(range(0, 10_000, 60))
    monkeypatch.setattr(play_module, "TIMER_CLOCK", lambda: float(next(clock)))
    monkeypatch.setattr(play_module, "TIMER_SLEEP", lambda seconds: None)

    def full_disk(*args: object, **kwargs: object) -> None:
        from bondcoach.errors import DataError

        raise DataError("could not save: No space left on device")

    monkeypatch.setattr("bondcoach.storage.session_store.SessionStore.add", full_disk)
    with at():
        result = cli("play", "5", input="\n\n")
    assert result.exit_code == 1
    assert 'bondcoach log 5 --at "2026-11-26 20:00"' in flat(result.stderr)


def test_a_failed_undo_note_does_not_turn_a_saved_log_into_a_failure(cli, monkeypatch) -> None:
    def broken(*args: object) -> None:
        from bondcoach.errors import DataError

        raise DataError("state folder is read-only")

    monkeypatch.setattr(journal, "remember", broken)
    with at():
        result = cli("log", "7")
        assert result.exit_code == 0, result.output
        assert "undo" in result.stderr
        assert [s["minutes"] for s in history(cli)] == [7]


def test_doctor_checks_unfinished_saves_the_profile_and_your_tips(cli, folders) -> None:
    with at():
        ok(cli("log", "15", "--at", "10:00"))
        (month_file(folders).parent / "pending.json").write_bytes(b"\x00\x00")
        (folders.data / "tips.yaml").write_text("tips: [\n", encoding="utf-8")
        result = cli("doctor")
    assert result.exit_code == 1
    text = flat(result.stdout)
    assert "pending.json" in text
    assert "tips.yaml" in text


def test_a_backup_from_another_computer_is_not_restored_here(cli, folders) -> None:
    with at():
        ok(cli("log", "15", "--at", "10:00"))
        ok(cli("log", "10", "--at", "11:00"))
        [backup] = list((folders.data / "backups").rglob("*.json"))
        other = folders.data / "backups" / "0ther0device" / backup.name
        other.parent.mkdir()
        other.write_bytes(backup.read_bytes())
        before = data_files(folders.data)
        result = cli("doctor", "--restore", str(other))
    assert result.exit_code == 2
    assert "another computer" in result.stderr
    assert data_files(folders.data) == before


def test_bare_setup_after_setting_flags_asks_everything(cli) -> None:
    with at():
        ok(cli("setup", "--baby-name", "Mia"))
        result = cli("setup", input="\n2026-09-01\n\n\nSam\n")
        ok(result)
    assert "Birth date" in result.stdout
    assert "Found the family profile" not in result.stdout
    assert json_out(cli("setup", "--show", "--json"))["birth_date"] == "2026-09-01"


def test_save_and_json_do_not_go_together(cli, tmp_path) -> None:
    target = tmp_path / "week.svg"
    result = cli("week", "--json", "--save", str(target))
    assert result.exit_code == 2
    assert not target.exists()


def test_equal_weeks_are_called_equal(cli) -> None:
    with at():
        ok(cli("log", "30", "--at", "2026-11-17 10:00"))
        ok(cli("log", "30", "--at", "2026-11-24 10:00"))
        text = flat(cli("week").stdout)
    assert "As much time together as the week before." in text
    assert "More time" not in text


def test_a_week_still_to_come_says_so(cli) -> None:
    with at():
        text = flat(cli("week", "--of", "2026-12-10").stdout)
    assert "still to come" in text
    assert "0 days" not in text and "(-)" not in text


def test_edit_at_a_clock_time_keeps_the_sessions_day(cli) -> None:
    with at() as wall:
        ok(cli("log", "15", "--at", "2026-11-19 09:00"))
        [session] = history(cli)
        wall.shift(60)  # an edit is a newer version than the log it mends
        ok(cli("edit", session["id"][:6], "--at", "01:00"))
        [edited] = history(cli)
    assert edited["start"].startswith("2026-11-19T01:00")


def test_markup_in_your_own_tips_is_shown_as_written(cli, folders) -> None:
    folders.data.mkdir(parents=True)
    (folders.data / "tips.yaml").write_text(
        "tips:\n"
        "  - id: mine-brackets\n"
        "    topic: routine\n"
        '    title: "[/bold] not markup"\n'
        '    text: "[red]still plain[/red]"\n'
        '    source: "me"\n',
        encoding="utf-8",
    )
    result = cli("tip", "--all")
    ok(result)
    assert "[/bold] not markup" in result.stdout
    assert "[red]still plain[/red]" in result.stdout


def test_log_json_keeps_stdout_pure_and_tells_stderr_how_today_goes(cli) -> None:
    with at():
        result = cli("log", "15", "--json")
    ok(result)
    assert json.loads(result.stdout)["session"]["minutes"] == 15
    assert "so far" in result.stderr


def test_terminal_escapes_in_a_note_never_reach_the_screen(cli) -> None:
    with at():
        ok(cli("log", "15", "--note", "\x1b[31mred\x1b[0m", "--who", "\x1b]0;title\x07Sam"))
        shown = cli("history").stdout + cli("week").stdout
    assert "\x1b" not in shown and "\x07" not in shown


def test_declining_a_delete_at_the_end_of_input_keeps_the_session(cli) -> None:
    with at():
        ok(cli("log", "15", "--at", "10:00"))
        [session] = history(cli)
        result = cli("delete", session["id"][:6], input="")
        # Changed on purpose (issue 9): declining is a choice, not a failure.
        assert result.exit_code == 0
        assert "nothing was deleted" in result.stdout
        assert len(history(cli)) == 1


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_week_save_writes_a_private_file_without_touching_the_folder(cli, tmp_path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    with at():
        ok(cli("log", "15", "--note", "private", "--at", "10:00"))
        ok(cli("week", "--save", str(folder / "week.html")))
    assert (folder / "week.html").stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o755
    assert "private" in (folder / "week.html").read_text(encoding="utf-8")


def test_setup_json_without_show_is_refused(cli, folders) -> None:
    result = cli("setup", "--baby-name", "Mia", "--json")
    assert result.exit_code == 2
    assert data_files(folders.data) == {}
