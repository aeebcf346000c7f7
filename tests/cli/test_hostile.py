"""Hostile input and planted links (issue 10): terminal escapes from every source, links at
every level of the data folder, spreadsheet formulas, input that must exit 2, and a user's
tips.yaml that cannot be read."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from helpers import THURSDAY_EVENING, at, data_files, json_out

# ESC[2J clears the screen, OSC 8 hides a link, OSC 52 writes the clipboard.
ESCAPES = (
    "\x1b[2J",
    "\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07",
    "\x1b]52;c;ZXZpbA==\x07",
)
HOSTILE = "Mia" + "".join(ESCAPES)


def assert_clean(*texts: str) -> None:
    for text in texts:
        assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text, repr(text)


def logged(cli, *args: str) -> str:
    with at():
        return json_out(cli("log", *args, "--json"))["session"]["id"]


def own_device_dir(folders) -> Path:
    [device_dir] = [p for p in (folders.data / "sessions").iterdir() if p.is_dir()]
    return device_dir


# Terminal escapes ------------------------------------------------------------------------


def test_a_typed_baby_name_reaches_no_terminal_with_its_escapes(cli, folders):
    with at():
        result = cli("setup", "--baby-name", HOSTILE, "--caregiver", "Sam\x1b[2J")
        shown = cli("setup", "--show")
        log = cli("log", "15")
    assert result.exit_code == 0, result.output
    assert_clean(result.stdout, shown.stdout, log.stdout, log.stderr)
    assert "Mia" in shown.stdout


def test_a_baby_name_planted_in_a_synced_profile_is_cleaned_before_the_terminal(cli, folders):
    with at():
        assert cli("setup", "--baby-name", "Mia", "--caregiver", "Sam").exit_code == 0
    # Another computer's profile record could hold anything: plant it in this one's.
    [profile] = (folders.data / "profile").glob("*.json")
    profile.write_text(profile.read_text().replace('"Mia"', json.dumps(HOSTILE)))
    assert "\\u001b" in profile.read_text()
    with at():
        outputs = [cli(*args) for args in (("log", "15"), ("week",), ("setup", "--show"), ())]
    for result in outputs:
        assert result.exit_code == 0, result.output
        assert_clean(result.stdout, result.stderr)
    assert "Mia" in outputs[0].stdout


def test_a_users_tips_yaml_cannot_write_escapes_to_the_terminal(cli, folders):
    folders.data.mkdir(parents=True, exist_ok=True)
    tip = {
        "id": "own-tip",
        "topic": "cues",
        "title": "Hello \x1b[2J there",
        "text": "Sing \x1b]52;c;ZXZpbA==\x07 a song\nand hum.",
        "source": "me \x1b]8;;https://evil.example/\x07",
    }
    (folders.data / "tips.yaml").write_text(
        json.dumps({"tips": [tip]}), encoding="utf-8"
    )  # JSON is YAML; json.dumps writes the escapes as \u001b, which YAML reads back
    with at():
        result = cli("tip", "--all")
    assert result.exit_code == 0, result.output
    assert "Hello" in result.stdout
    assert_clean(result.stdout, result.stderr)


def test_file_names_shown_by_doctor_and_errors_are_cleaned(cli, folders):
    logged(cli, "15")
    planted = own_device_dir(folders) / "2026-11 \x1b[2J\x1b]52;c;ZXZpbA==\x07.json"
    planted.write_bytes(b"{ not json")
    doctor = cli("doctor")
    with at():
        log = cli("log", "10")
    assert doctor.exit_code == 1
    assert "not valid JSON" in doctor.stdout
    assert_clean(doctor.stdout, doctor.stderr, log.stdout, log.stderr)


# Planted links -----------------------------------------------------------------------------


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    target = tmp_path / "elsewhere"
    target.mkdir()
    return target


def test_set_aside_as_a_link_is_refused_before_anything_is_copied(cli, folders, elsewhere):
    logged(cli, "10", "--at", "2026-11-20 10:00")
    logged(cli, "12", "--at", "2026-11-21 10:00")
    [backup] = sorted((folders.data / "backups").rglob("*.json"))
    (folders.data / "set-aside").symlink_to(elsewhere, target_is_directory=True)
    month = own_device_dir(folders) / "2026-11.json"
    before = month.read_bytes()
    result = cli("doctor", "--restore", str(backup))
    assert result.exit_code == 1
    assert "symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []  # no copy of the month (notes, moods) leaked
    assert month.read_bytes() == before


def test_sessions_as_a_link_is_refused_not_read_through(cli, folders, elsewhere):
    logged(cli, "10", "--at", "2026-11-20 10:00")
    sessions = folders.data / "sessions"
    sessions.rename(elsewhere / "sessions")
    sessions.symlink_to(elsewhere / "sessions", target_is_directory=True)
    for args in (("history",), ("export",), ("week",)):
        with at():
            result = cli(*args)
        assert result.exit_code == 1, (args, result.output)
        assert "symbolic link" in result.stderr


def test_a_device_folder_as_a_link_is_refused(cli, folders, elsewhere):
    logged(cli, "10", "--at", "2026-11-20 10:00")
    (folders.data / "sessions" / "0a0b0c0d0e0f").symlink_to(elsewhere, target_is_directory=True)
    with at():
        result = cli("history")
    assert result.exit_code == 1
    assert "symbolic link" in result.stderr


def test_a_cross_month_edit_into_a_linked_folder_writes_nothing_anywhere(cli, folders, elsewhere):
    session = logged(cli, "10", "--at", "2026-11-02 10:00")
    backups = folders.data / "backups" / own_device_dir(folders).name
    backups.parent.mkdir(parents=True, exist_ok=True)
    backups.symlink_to(elsewhere, target_is_directory=True)
    before = data_files(folders.data / "sessions")
    with at():
        result = cli("edit", session, "--at", "2026-10-30 10:00")
    assert result.exit_code == 1, result.output
    assert "symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []
    assert data_files(folders.data / "sessions") == before  # no pending.json, no month


def test_a_users_own_import_file_may_be_a_link(cli, folders, tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("start,minutes\n2026-11-20 10:00,15\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with at():
        result = cli("import", str(link))
    assert result.exit_code == 0, result.output


# Spreadsheet formulas ----------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("https://evil.example","x")', "@cmd", "+1+2", "-3", "'=quoted"]


def test_csv_export_neutralises_formula_cells_and_round_trips_byte_for_byte(
    cli, folders, tmp_path, monkeypatch
):
    for day, note in enumerate(FORMULAS, start=10):
        logged(cli, "10", "--at", f"2026-11-{day} 10:00", "--note", note, "--who", note)
    with at():
        first = cli("export")
    assert first.exit_code == 0, first.output
    for line in first.stdout.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.lstrip('"').startswith(("=", "+", "-", "@")), line
    exported = tmp_path / "out.csv"
    exported.write_text(first.stdout, encoding="utf-8", newline="")
    for name in ("BONDCOACH_HOME", "BONDCOACH_STATE_DIR"):
        monkeypatch.setenv(name, str(tmp_path / "second" / name))
    with at():
        assert cli("import", str(exported)).exit_code == 0
        second = cli("export")
    assert second.stdout == first.stdout
    notes = [s["note"] for s in json_out(cli("history", "--last", "10", "--json"))]
    assert sorted(notes) == sorted(FORMULAS)  # the ' is taken away again, exactly


# Input that must exit 2 ------------------------------------------------------------------


def import_text(cli, tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    with at():
        return cli("import", str(path))


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        (
            "lone.json",
            '[{"start": "2026-11-20 10:00", "minutes": 5, "note": "\\ud800"}]',
            "surrogate",
        ),
        ("deep.json", "[" + "[" * 100_000 + "]" * 100_000 + "]", "nested"),
        ("old.csv", "start,minutes\n1899-12-31 10:00,5\n", "1900"),
        ("first.csv", "start,minutes\n0001-01-01 10:00,5\n", "1900"),
        ("first.json", '[{"start": "0001-01-01T00:00:00Z", "minutes": 5}]', "1900"),
    ],
)
def test_hostile_import_files_exit_2_and_write_nothing(cli, folders, tmp_path, name, text, words):
    result = import_text(cli, tmp_path, name, text)
    assert result.exit_code == 2, result.output
    assert words in result.stderr
    assert "unexpected" not in result.stderr
    assert data_files(folders.data) == {}


def test_one_id_on_two_lines_is_refused_naming_both(cli, folders, tmp_path):
    text = (
        "id,start,minutes,note\nabcd1234,2026-11-20 10:00,5,one\nabcd1234,2026-11-21 10:00,7,two\n"
    )
    result = import_text(cli, tmp_path, "twice.csv", text)
    assert result.exit_code == 2, result.output
    assert "line 2" in result.stderr and "line 3" in result.stderr
    assert data_files(folders.data) == {}


def test_the_at_rule_and_the_import_rule_are_one(cli):
    with at():
        assert cli("log", "5", "--at", "1899-12-31 10:00").exit_code == 2


@pytest.mark.parametrize(
    "args",
    [
        ("log", "15", "--note", "caf\udce9"),
        ("setup", "--caregiver", "Sa\udcffm"),
        ("setup", "--baby-name", "\udcc3"),
    ],
)
def test_arguments_that_are_not_utf8_exit_2_and_save_nothing(cli, folders, args):
    with at():
        result = cli(*args)
        after = cli("log", "10")
    assert result.exit_code == 2, result.output
    assert "UTF-8" in result.stderr
    assert after.exit_code == 0, after.output  # nothing broken for the next log


# A user's tips.yaml that cannot be read ----------------------------------------------------


def plant_tips(folders, kind: str, tmp_path: Path) -> None:
    folders.data.mkdir(parents=True, exist_ok=True)
    tips = folders.data / "tips.yaml"
    if kind == "folder":
        tips.mkdir()
    elif kind == "link":
        real = tmp_path / "real.yaml"
        real.write_text("tips: []\n")
        tips.symlink_to(real)
    elif kind == "huge":
        with tips.open("wb") as out:
            out.truncate(100_000_000)  # sparse: 100 MB without the disk
    elif kind == "unreadable":
        tips.write_text("tips: []\n")
        tips.chmod(0)


@pytest.mark.parametrize("kind", ["folder", "link", "huge", "unreadable"])
def test_an_unreadable_tips_yaml_warns_and_uses_the_built_in_tips(cli, folders, tmp_path, kind):
    if kind == "unreadable" and os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    plant_tips(folders, kind, tmp_path)
    with at(THURSDAY_EVENING):
        result = cli("tip")
        doctor = cli("doctor")
    assert result.exit_code == 0, result.output
    assert "built-in tips" in result.stderr
    assert "Source:" in result.stdout
    assert "tips.yaml" in doctor.stdout
