"""Moving sessions in and out: CSV and JSON export, and a validate-everything-first import.

Export writes one month at a time, so ten years of history never sit in memory at once.
Import checks every row before the first write; rows without an id get one derived
from their content, so importing a file twice, on any computer, adds nothing twice.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from bondcoach.core.cells import has_lone_surrogate, neutralise_cell, restore_cell
from bondcoach.core.coach import split_activities
from bondcoach.core.sessions import Session
from bondcoach.core.timeparse import check_in_range, check_not_future, localize, parse_minutes
from bondcoach.errors import InputError

# ``babies``: whose time it was, by name (';' between names in CSV); empty for the first
# baby alone when it has no name. 1.0's files have no such column: time with the first baby.
COLUMNS = ("id", "start", "minutes", "activities", "mood", "note", "who", "babies")


PRIVATE_COLUMNS = ("mood", "note")
# A session's babies by name, for export; and a name back to what a session stores.
Names = Callable[[Session], list[str]]
Ids = Callable[[str], str]


def export_columns(include_notes: bool) -> tuple[str, ...]:
    return COLUMNS if include_notes else tuple(c for c in COLUMNS if c not in PRIVATE_COLUMNS)


def session_row(session: Session, columns: tuple[str, ...], names: Names) -> dict[str, Any]:
    row = {**session.as_dict(), "babies": names(session)}
    return {column: row[column] for column in columns}


def write_csv(
    sessions: Iterable[Session], out: TextIO, names: Names, include_notes: bool = True
) -> None:
    columns = export_columns(include_notes)
    # RFC 4180 line ends: with them the writer quotes any field holding \r or \n, so a
    # note with a stray carriage return survives the trip out and back in.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for session in sessions:
        row = session_row(session, columns, names)
        row["activities"] = ";".join(row["activities"])
        row["babies"] = ";".join(row["babies"])
        writer.writerow(["" if row[c] is None else neutralise_cell(str(row[c])) for c in columns])


def write_json(
    sessions: Iterable[Session], out: TextIO, names: Names, include_notes: bool = True
) -> None:
    """A JSON list with one session per line: streamable, diffable, and line-numbered."""
    columns = export_columns(include_notes)
    out.write("[")
    separator = "\n"
    for session in sessions:
        row = session_row(session, columns, names)
        out.write(separator + json.dumps(row, ensure_ascii=False))
        separator = ",\n"
    out.write("\n]\n")


# import ----------------------------------------------------------------------


@dataclass(frozen=True)
class ImportPlan:
    sessions: tuple[Session, ...]
    rows: int

    def new_to(self, live_ids: set[str]) -> tuple[Session, ...]:
        """The sessions a store does not hold yet: importing twice adds nothing twice."""
        return tuple(session for session in self.sessions if session.id not in live_ids)


def _fail(path: Path, line: int, problem: str) -> InputError:
    return InputError(f"{path}, line {line}: {problem}; nothing was imported")


def _parse_start(text: str) -> tuple[datetime, str]:
    """The start, and the text its derived id is made from.

    The id comes from the start as written (wall clock, plus the offset if the file
    gives one), so the same spreadsheet gets the same ids on computers in any timezone.
    """
    cleaned = text.strip().replace("T", " ")
    if cleaned.endswith(("Z", "z")):  # UTC, as many trackers write it (3.10 reads no "Z")
        cleaned = cleaned[:-1] + "+00:00"
    moment = datetime.fromisoformat(cleaned)
    check_in_range(moment.date(), "start")  # the rule --at follows, for the same reasons
    if moment.second or moment.microsecond:  # most files give whole minutes: no copy
        moment_in_minutes = moment.replace(second=0, microsecond=0)
    else:
        moment_in_minutes = moment
    written = moment_in_minutes.isoformat()
    if moment.tzinfo is None:
        return localize(moment), written
    return moment, written


def _text(row: dict[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text")
    return value.strip() or None


def _mood(value: Any) -> int:  # given: not None, not ""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip() in ("1", "2", "3", "4", "5"):
        return int(value)
    raise ValueError(f"mood must be a whole number from 1 to 5 (got {value!r})")


def _activities(value: Any) -> tuple[str, ...]:  # given: not None, not ""
    if isinstance(value, str):
        return _split_text(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return split_activities(value)
    raise ValueError("activities must be text, or a list of text")


@functools.lru_cache(maxsize=1024)
def _split_text(value: str) -> tuple[str, ...]:
    # An import repeats a few activity texts thousands of times: each is parsed once.
    return split_activities([value])


def _babies(value: Any, ids: Ids) -> tuple[str, ...]:
    """Names (';' between them, or a JSON list) to what the session stores: a name the
    profile knows becomes its baby's id; any other is kept as it is (never a failure).
    Given: not None, not ""."""
    if isinstance(value, str):
        value = value.split(";")
    if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        raise ValueError("babies must be names, or a list of names")
    found = (ids(" ".join(name.split())) for name in value if name.strip())
    stored = tuple(dict.fromkeys(found))
    return () if stored == ("first",) else stored


def row_to_session(row: dict[str, Any], now: datetime, ids: Ids = str) -> Session:
    start_text, minutes_value = _text(row, "start"), row.get("minutes")
    if start_text is None or minutes_value in (None, ""):
        raise ValueError("every row needs a start and minutes")
    try:
        start, written = _parse_start(start_text)
    except ValueError:
        raise ValueError(f"start {start_text!r} is not a date and time") from None
    if isinstance(minutes_value, bool) or not isinstance(minutes_value, (int, str)):
        raise ValueError("minutes must be a whole number")
    minutes = parse_minutes(minutes_value if type(minutes_value) is str else str(minutes_value))
    check_not_future(start, minutes, now)
    who = _text(row, "who")
    # Empty optional cells skip their parsers: an import calls this for every row.
    activities, mood, babies = row.get("activities"), row.get("mood"), row.get("babies")
    return Session.model_validate(
        {
            "id": _text(row, "id") or content_id(written, minutes, who),
            "start": start,
            "minutes": minutes,
            "activities": () if activities in _EMPTY else _activities(activities),
            "mood": None if mood in _EMPTY else _mood(mood),
            "note": _text(row, "note"),
            "who": who,
            "babies": () if babies in _EMPTY else _babies(babies, ids),
        }
    )


_EMPTY = (None, "")


def _csv_rows(text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader, [])
    except csv.Error:
        raise _LineError(reader.line_num, _UNQUOTED_BREAK) from None
    names = [name.strip().lower() for name in header]  # once, not for every row
    if not {"start", "minutes"} <= set(names):
        raise ValueError("the first line must name the columns, with at least start and minutes")
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            # The reader has counted the line it fails on.
            raise _LineError(reader.line_num, _UNQUOTED_BREAK) from None
        if not cells:
            continue  # a blank line, as csv.DictReader skips it
        # Only a cell starting with ' can be one export neutralised (most are not).
        restored = [restore_cell(cell) if cell[:1] == "'" else cell for cell in cells]
        row: dict[str, Any] = dict(zip(names, restored, strict=False))
        if len(cells) > len(names):  # DictReader's rule: extra cells under the key None
            row[""] = cells[len(names) :]
        elif len(cells) < len(names):
            row.update(dict.fromkeys(names[len(cells) :]))
        yield reader.line_num, row


_UNQUOTED_BREAK = "a line break (or stray carriage return) in a field without quotes"


def _json_rows(text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    decoder = json.JSONDecoder()
    position = _skip_space(text, 0)
    if text[position : position + 1] != "[":
        raise ValueError("a JSON import is a list of sessions, starting with [")
    position = _skip_space(text, position + 1)
    while text[position : position + 1] != "]":
        line = text.count("\n", 0, position) + 1
        try:
            item, position = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise _LineError(line, f"not valid JSON ({error.msg})") from None
        except RecursionError:
            raise _LineError(line, "nested too deeply to be a session") from None
        if not isinstance(item, dict):
            raise _LineError(line, "each session is a JSON object")
        if has_lone_surrogate(item):
            raise _LineError(line, "holds a \\u escape that is not a character (a lone surrogate)")
        yield line, item
        position = _skip_space(text, position)
        if text[position : position + 1] == ",":
            position = _skip_space(text, position + 1)
        elif text[position : position + 1] != "]":
            raise _LineError(text.count("\n", 0, position) + 1, "expected , or ]")


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


class _LineError(ValueError):
    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line = line


def plan_import(path: Path, raw: bytes, now: datetime, ids: Ids = str) -> ImportPlan:
    """Every row parsed and checked, or an InputError naming the first bad line."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8 text; nothing was imported") from None
    is_json = path.suffix.lower() == ".json" or text.lstrip().startswith("[")
    rows = _json_rows(text) if is_json else _csv_rows(text)
    sessions: dict[str, Session] = {}
    first_line: dict[str, int] = {}
    count = 0
    line = 1
    try:
        for row_line, row in rows:
            line = row_line  # kept for the error messages below
            count += 1
            session = row_to_session(row, now, ids)
            if session.id in first_line:
                # Keeping one in silence would lose the other's note, mood or minutes.
                raise InputError(
                    f"the id {session.id} is on line {first_line[session.id]} and on line "
                    f"{line}; give each session its own id"
                )
            first_line[session.id] = line
            sessions[session.id] = session
    except _LineError as error:
        raise _fail(path, error.line, str(error)) from None
    except InputError as error:
        raise _fail(path, line, error.message) from None
    except (ValueError, TypeError) as error:
        raise _fail(path, line, str(error)) from None
    return ImportPlan(sessions=tuple(sessions.values()), rows=count)


def content_id(start: str, minutes: int, who: str | None) -> str:
    """An id derived from what a session is, so re-importing a row finds itself.

    ``start`` is the start as written in the imported file (see _parse_start).
    """
    key = f"{start}|{minutes}|{who or ''}"
    return hashlib.sha256(key.encode()).hexdigest()[:12]
