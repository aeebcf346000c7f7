"""Merging the versions of a session field by field (core/merge), and conflict names."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bondcoach.core.merge import merge
from bondcoach.core.models import Record, Session
from bondcoach.storage.conflicts import month_copy_of, original_name

T0 = datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc)
BASE = Session(id="abcd1234", start=T0 - timedelta(hours=2), minutes=20, note="first")


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_changes_to_different_fields_on_two_computers_both_survive() -> None:
    logged = Record(session=BASE, updated=T0, device="aaa")
    note = Record(
        session=BASE.model_copy(update={"note": "from A"}),
        updated=at(5),
        device="aaa",
        fields={"note": at(5)},
    )
    minutes = Record(
        session=BASE.model_copy(update={"minutes": 45}),
        updated=at(3),
        device="bbb",
        fields={"minutes": at(3)},
    )
    for order in ([logged, note, minutes], [minutes, note, logged]):
        merged = merge(order)
        assert (merged.session.note, merged.session.minutes) == ("from A", 45)
        assert not merged.deleted


def test_1_0_records_keep_1_0s_rule_the_newest_whole_record_wins() -> None:
    old = Record(session=BASE, updated=T0, device="bbb")
    new = Record(session=BASE.model_copy(update={"minutes": 5}), updated=at(1), device="aaa")
    assert merge([new, old]).session.minutes == 5
    tie = Record(session=BASE.model_copy(update={"minutes": 7}), updated=at(1), device="zzz")
    assert merge([new, tie]).session.minutes == 7  # tie: the larger device id


def test_a_deletion_and_its_undo_are_versions_of_one_field() -> None:
    logged = Record(session=BASE, updated=T0, device="aaa")
    gone = Record(
        session=BASE, updated=at(1), device="aaa", deleted=True, fields={"deleted": at(1)}
    )
    edited = Record(
        session=BASE.model_copy(update={"note": "B"}),
        updated=at(2),
        device="bbb",
        fields={"note": at(2)},
    )
    assert merge([logged, gone, edited]).deleted  # an edit does not bring it back
    back = Record(session=BASE, updated=at(3), device="aaa", fields={"deleted": at(3)})
    merged = merge([logged, gone, edited, back])
    assert not merged.deleted and merged.session.note == "B"


@pytest.mark.parametrize(
    ("name", "tool"),
    [
        ("2026-11.sync-conflict-20261203-074722-M3JRCOP.json", "Syncthing"),
        ("2026-11 (Sam's conflicted copy 2026-12-03).json", "Dropbox/Nextcloud"),
        ("2026-11 (conflicted copy 2026-12-03 074722).json", "Dropbox/Nextcloud"),
        ("2026-11_conflict-20261203-074722.json", "ownCloud"),
        ("2026-11 (conflict_on_laptop_2026-12-03).json", "Unison"),
        ("2026-11.Conflict.json", "Resilio"),
        ("2026-11(1).json", "Google Drive"),
        ("2026-11 2.json", "iCloud"),
        ("2026-11-LAPTOP.json", "OneDrive"),
    ],
)
def test_every_tools_conflict_copy_names_its_original(name: str, tool: str) -> None:
    assert original_name(name, lambda n: n == "2026-11.json") == ("2026-11.json", tool)
    assert month_copy_of(name) == "2026-11"


def test_store_names_and_strangers_are_not_copies() -> None:
    assert month_copy_of("2026-11.json") == "2026-11"
    assert original_name("2026-11.json", lambda n: n == "2026-11.json") is None
    assert original_name("notes 2.json", lambda n: n == "2026-11.json") is None
    assert month_copy_of("pending.json") is None
