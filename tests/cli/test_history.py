"""Mending mistakes: history, edit, delete and undo, with every rejection of an edit."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from helpers import LONDON, data_files, json_out

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)  # a Thursday, GMT


class Bc:
    """The CLI with a clock that moves on a second before each command."""

    def __init__(self, cli, clock) -> None:
        self.cli = cli
        self.clock = clock

    def __call__(self, *args: str, input: str | None = None):
        self.clock.shift(timedelta(seconds=1))
        return self.cli(*args, input=input)

    def ok(self, *args: str, input: str | None = None):
        result = self(*args, input=input)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    def log(self, minutes: int, at: str, *extra: str) -> str:
        return json.loads(self.ok("log", str(minutes), "--at", at, "--json", *extra).stdout)[
            "session"
        ]["id"]

    def history(self, *args: str) -> list[dict]:
        return json_out(self("history", "--json", *args))

    def everything(self) -> list[dict]:
        return self.history("--last", "1000")

    def by_id(self) -> dict[str, dict]:
        return {session["id"]: session for session in self.everything()}

    def week(self, of: str) -> dict:
        return json_out(self("week", "--of", of, "--json"))


@pytest.fixture
def bc(cli) -> Iterator[Bc]:
    with time_machine.travel(NOW, tick=False) as clock:
        yield Bc(cli, clock)


@pytest.fixture
def snapshot(folders):
    """Everything on disk (data and this computer's state) to prove nothing was written."""

    def take() -> dict[str, bytes]:
        return {
            **{f"data/{k}": v for k, v in data_files(folders.data).items()},
            **{f"state/{k}": v for k, v in data_files(folders.state).items()},
        }

    return take


def import_ids(bc: Bc, tmp_path: Path, *ids: str) -> None:
    rows = [
        {"id": session_id, "start": f"2026-11-2{n}T0{n}:00:00+00:00", "minutes": 5 + n}
        for n, session_id in enumerate(ids)
    ]
    path = tmp_path / "ids.json"
    path.write_text(json.dumps(rows))
    bc.ok("import", str(path))


# history ------------------------------------------------------------------------------------


def test_history_lists_the_newest_with_ids_oldest_first(bc):
    ids = [bc.log(5 + n, f"2026-11-{10 + n} 09:00") for n in range(12)]
    shown = bc.history()
    assert [s["id"] for s in shown] == ids[-10:]  # 10 by default, newest last
    assert [s["id"] for s in bc.history("--last", "3")] == ids[-3:]
    assert [s["id"] for s in bc.history("--last", "50")] == ids
    first = shown[0]
    assert set(first) >= {"id", "start", "minutes", "activities", "mood", "note", "who"}
    assert first["start"] == "2026-11-12T09:00:00+00:00"


def test_history_of_a_date_and_the_plain_view_shows_short_ids(bc):
    on_day = [bc.log(10, "2026-11-24 08:00"), bc.log(20, "2026-11-24 19:30", "-a", "sing")]
    bc.log(30, "2026-11-25 08:00")
    assert [s["id"] for s in bc.history("--of", "2026-11-24")] == on_day
    assert bc.history("--of", "2026-11-23") == []
    text = bc.ok("history").stdout
    for session_id in on_day:
        assert session_id[:7] in text
    assert "sing" in text


@pytest.mark.parametrize(
    "args",
    [
        ("--of", "2026-11-24", "--last", "2"),
        ("--of", "yesterday"),
        ("--of", "2026-13-01"),
        ("--last", "0"),
        ("--last", "many"),
    ],
)
def test_history_rejects_bad_options_with_exit_2(bc, args):
    bc.log(10, "2026-11-24 08:00")
    result = bc("history", *args)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip()


# edit -----------------------------------------------------------------------------------------


def test_edit_changes_each_field(bc):
    session = bc.log(15, "2026-11-24 09:00", "-a", "sing", "--note", "first", "--mood", "3")
    bc.ok("edit", session, "--minutes", "25")
    assert bc.by_id()[session]["minutes"] == 25
    bc.ok("edit", session, "--at", "2026-11-24 07:45")
    assert bc.by_id()[session]["start"] == "2026-11-24T07:45:00+00:00"
    bc.ok("edit", session, "--activity", "Read", "--activity", "talk, sing")
    assert bc.by_id()[session]["activities"] == ["read", "talk", "sing"]
    bc.ok("edit", session, "--note", "a calm bath")
    assert bc.by_id()[session]["note"] == "a calm bath"
    bc.ok("edit", session, "--mood", "5")
    assert bc.by_id()[session]["mood"] == 5
    bc.ok("edit", session, "--who", "Sam")
    assert bc.by_id()[session]["who"] == "Sam"
    bc.ok("edit", session, "--note", "")
    final = bc.by_id()[session]
    assert final["note"] is None
    assert (final["minutes"], final["mood"], final["who"]) == (25, 5, "Sam")
    assert len(bc.everything()) == 1
    week = bc.week("2026-11-24")
    assert week["sessions"] == 1
    assert week["total_minutes"] == 25


def test_edit_json_prints_the_new_version(bc):
    session = bc.log(15, "2026-11-24 09:00")
    edited = json_out(bc("edit", session, "--minutes", "45", "--json"))
    assert edited["id"] == session
    assert edited["minutes"] == 45


@pytest.mark.parametrize("length", [4, 5, 7, 12])
def test_a_short_id_prefix_is_enough(bc, length):
    session = bc.log(15, "2026-11-24 09:00")
    bc.ok("edit", session[:length], "--minutes", "33")
    assert bc.by_id()[session]["minutes"] == 33
    bc.ok("edit", session[:length].upper(), "--minutes", "34")
    assert bc.by_id()[session]["minutes"] == 34


def test_unknown_ambiguous_and_too_short_ids_exit_2_and_write_nothing(bc, tmp_path, snapshot):
    import_ids(bc, tmp_path, "abcd1111aaaa", "abcd2222bbbb")
    before = snapshot()
    for command in (("edit", "--minutes", "20"), ("delete", "--yes")):
        name, *options = command
        for given, words in (
            ("ffff0000", "no session"),
            ("abcd", "2 sessions"),
            ("abc", "at least"),
            ("", "at least"),
        ):
            result = bc(name, given, *options)
            assert result.exit_code == 2, (name, given, result.output)
            assert words in result.stderr, (given, result.stderr)
    assert snapshot() == before
    bc.ok("edit", "abcd1", "--minutes", "20")  # one more character is enough
    assert bc.by_id()["abcd1111aaaa"]["minutes"] == 20


EDIT_REJECTIONS = [
    ("--minutes", "0"),
    ("--minutes", "1441"),
    ("--minutes", "abc"),
    ("--minutes", "-5"),
    ("--minutes", "2.5"),
    ("--at", "2026-11-27 09:00"),  # tomorrow
    ("--at", "2026-11-26 09:50"),  # 15 minutes from 09:50 would end after now
    ("--at", "yesterday-ish"),
    ("--at", "2026-02-30 10:00"),
    ("--at", "25:00"),
    ("--at", "2026-11-24T09:00+02:00"),
    ("--mood", "6"),
    ("--mood", "0"),
    ("--mood", "bad"),
    (),  # no change given
]


@pytest.mark.parametrize("change", EDIT_REJECTIONS, ids=lambda c: " ".join(c) or "nothing")
def test_every_edit_rejection_exits_2_and_writes_nothing(bc, snapshot, change):
    session = bc.log(15, "2026-11-24 09:00")
    before = snapshot()
    result = bc("edit", session, *change)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip()
    assert "Traceback" not in result.output
    assert snapshot() == before
    [stored] = bc.everything()
    assert (stored["minutes"], stored["start"]) == (15, "2026-11-24T09:00:00+00:00")


def test_editing_into_another_month_moves_the_session(bc, folders):
    session = bc.log(15, "2026-11-02 09:00")  # Monday 2 November
    other = bc.log(5, "2026-11-03 09:00")
    bc.ok("edit", session, "--at", "2026-10-30 09:00")  # Friday 30 October
    old_week, new_week = bc.week("2026-11-02"), bc.week("2026-10-30")
    assert (old_week["sessions"], old_week["total_minutes"]) == (1, 5)
    assert (new_week["sessions"], new_week["total_minutes"]) == (1, 15)
    days = {d["date"]: d["minutes"] for d in new_week["days"]}
    assert days["2026-10-30"] == 15
    ids = [s["id"] for s in bc.everything()]
    assert sorted(ids) == sorted([session, other])
    assert [s["id"] for s in bc.history("--of", "2026-10-30")] == [session]
    assert bc.history("--of", "2026-11-02") == []
    exported = json.loads(bc.ok("export", "--format", "json").stdout)
    assert [row["id"] for row in exported] == [session, other]

    # And back again, then undone: still exactly once.
    bc.ok("edit", session[:5], "--at", "2026-11-01 23:30")
    assert [s["id"] for s in bc.history("--of", "2026-11-01")] == [session]
    bc.ok("undo")
    assert [s["id"] for s in bc.history("--of", "2026-10-30")] == [session]
    assert bc.history("--of", "2026-11-01") == []
    assert sorted(s["id"] for s in bc.everything()) == sorted([session, other])
    # The month files say the same on their own.
    [device_dir] = (folders.data / "sessions").iterdir()
    assert (device_dir / "2026-10.json").exists()
    assert (device_dir / "2026-11.json").exists()


# delete ---------------------------------------------------------------------------------------


def test_delete_asks_and_yes_deletes(bc):
    session = bc.log(15, "2026-11-24 09:00")
    keep = bc.log(10, "2026-11-24 12:00")
    result = bc("delete", session[:6], input="y\n")
    assert result.exit_code == 0, result.output
    assert "Delete" in result.stdout  # it asked
    assert [s["id"] for s in bc.everything()] == [keep]
    assert bc.week("2026-11-24")["total_minutes"] == 10


@pytest.mark.parametrize("answer", ["n\n", "\n", "", "no\n"])
def test_delete_answered_no_keeps_it_and_writes_nothing(bc, snapshot, answer):
    session = bc.log(15, "2026-11-24 09:00")
    before = snapshot()
    result = bc("delete", session, input=answer)
    assert "Traceback" not in result.output
    assert "unexpected" not in result.output
    assert "Delete" in result.stdout
    assert snapshot() == before
    assert [s["id"] for s in bc.everything()] == [session]


@pytest.mark.parametrize("answer", ["n\n", "no\n", "\n"])
def test_delete_answered_no_is_a_choice_not_an_error(bc, answer):
    session = bc.log(15, "2026-11-24 09:00")
    result = bc("delete", session, input=answer)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "Kept it; nothing was deleted." in result.stdout
    assert result.stderr == ""


def test_delete_says_undo_brings_it_back(bc):
    session = bc.log(15, "2026-11-24 09:00", "-a", "sing")
    result = bc.ok("delete", session, "--yes")
    text = " ".join(result.stdout.split())
    assert "deleted Tue 24 Nov, 09:00, 15 min (sing)" in text
    assert "'bondcoach undo' brings it back" in text


def test_delete_yes_does_not_ask(bc):
    session = bc.log(15, "2026-11-24 09:00")
    result = bc("delete", session, "--yes")
    assert result.exit_code == 0, result.output
    assert "?" not in result.stdout
    assert bc.everything() == []
    assert bc.week("2026-11-24")["sessions"] == 0


# undo -----------------------------------------------------------------------------------------


def nothing_to_undo(bc, snapshot) -> None:
    before = snapshot()
    result = bc("undo")
    assert "nothing to undo" in result.output
    assert result.exit_code != 0 or "Done" not in result.output
    assert snapshot() == before


def test_undo_a_log_once(bc, snapshot):
    kept = bc.log(10, "2026-11-24 08:00")
    session = bc.log(15, "2026-11-24 09:00")
    bc.ok("undo")
    assert [s["id"] for s in bc.everything()] == [kept]
    nothing_to_undo(bc, snapshot)
    assert [s["id"] for s in bc.everything()] == [kept]
    assert session not in bc.by_id()


def test_undo_an_edit_puts_the_old_version_back(bc, snapshot):
    session = bc.log(15, "2026-11-24 09:00", "--note", "before")
    bc.ok("edit", session, "--minutes", "50", "--note", "after", "--at", "2026-11-23 18:00")
    bc.ok("undo")
    restored = bc.by_id()[session]
    assert (restored["minutes"], restored["note"], restored["start"]) == (
        15,
        "before",
        "2026-11-24T09:00:00+00:00",
    )
    assert len(bc.everything()) == 1
    nothing_to_undo(bc, snapshot)
    assert bc.by_id()[session]["minutes"] == 15


def test_undo_a_delete_brings_it_back(bc, snapshot):
    session = bc.log(15, "2026-11-24 09:00", "-a", "sing", "--mood", "4")
    bc.ok("delete", session, "--yes")
    assert bc.everything() == []
    bc.ok("undo")
    [back] = bc.everything()
    assert (back["id"], back["minutes"], back["activities"], back["mood"]) == (
        session,
        15,
        ["sing"],
        4,
    )
    nothing_to_undo(bc, snapshot)
    assert len(bc.everything()) == 1


def test_undo_an_import_removes_just_the_imported(bc, snapshot, tmp_path):
    mine = bc.log(15, "2026-11-24 09:00")
    path = tmp_path / "other.csv"
    path.write_text("start,minutes\n2026-11-20 14:30,10\n2026-10-02 08:00,20\n")
    bc.ok("import", str(path))
    assert len(bc.everything()) == 3
    bc.ok("undo")
    assert [s["id"] for s in bc.everything()] == [mine]
    nothing_to_undo(bc, snapshot)


def said(result) -> str:
    return " ".join(result.stdout.split())


def test_undo_says_which_session_it_took_back(bc):
    bc.log(15, "2026-11-24 09:00", "-a", "sing")
    assert "took back the session you logged: Tue 24 Nov, 09:00, 15 min (sing)." in said(
        bc.ok("undo")
    )
    session = bc.log(20, "2026-11-25 10:00")
    bc.ok("edit", session, "--minutes", "45")
    assert "as it was before the edit: Wed 25 Nov, 10:00, 20 min." in said(bc.ok("undo"))
    bc.ok("delete", session, "--yes")
    assert "brought back the session you deleted: Wed 25 Nov, 10:00, 20 min." in said(bc.ok("undo"))


def test_undo_of_an_import_names_the_first_few_and_counts_the_rest(bc, tmp_path):
    path = tmp_path / "other.csv"
    rows = "".join(f"2026-11-{day:02d} 14:30,10\n" for day in range(1, 6))
    path.write_text("start,minutes\n" + rows)
    bc.ok("import", str(path))
    text = said(bc.ok("undo"))
    assert "took back what was imported: Sun 1 Nov, 14:30, 10 min;" in text
    assert "and 2 more." in text


def test_import_says_1_was_already_here(bc, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("start,minutes\n2026-11-20 14:30,10\n")
    bc.ok("import", str(path))
    again = said(bc.ok("import", str(path)))
    assert "1 was already here" in again and "were" not in again


def test_undo_with_nothing_done_yet(bc, folders):
    result = bc("undo")
    assert "nothing to undo" in result.output
    assert data_files(folders.data) == {}
