"""Undo marks the journal it took back with a small file of its own (the journal's
fingerprint) instead of rewriting the journal, which for a big import is most of the
bytes the import wrote."""

from __future__ import annotations

import json
from typing import Any

from helpers import at, json_out, ok


def journal_and_mark(folders: Any) -> tuple[Any, Any]:
    (journal,) = folders.state.glob("last-change-*.json")
    return journal, journal.with_suffix(".undone")


def ids(cli: Any) -> list[str]:
    return [s["id"] for s in json_out(cli("history", "--last", "100", "--json"))]


def test_undo_leaves_the_journal_as_it_was_and_marks_it_once(cli: Any, folders: Any) -> None:
    with at():
        ok(cli("log", "15", "--ago", "1h"))
        journal, mark = journal_and_mark(folders)
        written = journal.read_bytes()
        ok(cli("undo"))
        assert journal.read_bytes() == written
        assert mark.exists()
        again = cli("undo")
    assert again.exit_code == 1 and "nothing to undo" in again.stderr
    assert ids(cli) == []


def test_a_journal_an_earlier_build_marked_undone_still_counts(cli: Any, folders: Any) -> None:
    with at():
        ok(cli("log", "15", "--ago", "1h"))
        journal, mark = journal_and_mark(folders)
        payload = json.loads(journal.read_bytes())
        journal.write_bytes(json.dumps({**payload, "undone": True}).encode())
        result = cli("undo")
    assert result.exit_code == 1 and "nothing to undo" in result.stderr
    assert not mark.exists() and len(ids(cli)) == 1


def test_a_mark_names_only_its_own_journal(cli: Any, folders: Any) -> None:
    with at():
        ok(cli("log", "15", "--ago", "2h"))
        ok(cli("undo"))
        _, mark = journal_and_mark(folders)
        old_mark = mark.read_bytes()
        ok(cli("log", "20", "--ago", "1h"))
        assert not mark.exists()  # the new change's note took its place
        mark.write_bytes(old_mark)  # as if it had stayed (say its removal failed)
        ok(cli("undo"))
    assert ids(cli) == []
