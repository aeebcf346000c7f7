"""Sessions and their stored versions, validated strictly by msgspec.

Every data command reads sessions, so their shapes live here rather than beside the
tips' pydantic models: importing msgspec costs a few milliseconds where pydantic costs
about a third of the floor every Typer + Rich tool pays (see the README's performance
section). The rules are the ones the pydantic models had: constraints are checked by
``Session.model_validate`` (and by msgspec when a file is decoded), and text is cleaned
of control characters however a session is made.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta
from typing import Annotated, Any

from bondcoach.core.lean_msgspec import msgspec
from bondcoach.core.mood import HIGHEST, LOWEST
from bondcoach.core.text import without_controls
from bondcoach.core.timeparse import MAX_MINUTES

WHITESPACE = "\t\n\r\x0b\x0c"

Id = Annotated[str, msgspec.Meta(min_length=4, max_length=64, pattern="^[0-9a-z]+$")]
Aware = Annotated[datetime, msgspec.Meta(tz=True)]
Minutes = Annotated[int, msgspec.Meta(ge=1, le=MAX_MINUTES)]
Mood = Annotated[int, msgspec.Meta(ge=LOWEST, le=HIGHEST)]


def normalise_activity(name: str) -> str:
    """Activity names ignore case and surrounding spaces: "Sing " and "sing" are one."""
    if not name.isprintable():
        name = without_controls(name, keep=WHITESPACE)
    return " ".join(name.split()).lower()


@functools.lru_cache(maxsize=4096)  # hashable: a history repeats a few lists of activities
def _tidy_cached(value: tuple[str, ...]) -> tuple[str, ...]:
    return _tidy_uncached(value)


def _tidy_uncached(value: tuple[str, ...]) -> tuple[str, ...]:
    if len(value) == 1:  # the common case, without the generators
        name = normalise_activity(value[0])
        return (name,) if name else ()
    tidy = (normalise_activity(name) for name in value)
    return tuple(dict.fromkeys(name for name in tidy if name))


def _tidy_note(value: str | None) -> str | None:
    if value is None:
        return None
    if value.isprintable():  # no control character: only the trimming to do
        return value.strip() or None
    trimmed = without_controls(value, keep=WHITESPACE).strip().replace("\r\n", "\n")
    return without_controls(trimmed, keep="\n\t") or None


@functools.lru_cache(maxsize=256)  # a family has a few caregivers, on every record
def _tidy_name(value: str) -> str | None:
    if not value.isprintable():
        value = without_controls(value, keep=WHITESPACE)
    return " ".join(value.split()) or None


def _tidy_babies(value: tuple[str, ...]) -> tuple[str, ...]:
    tidy = (" ".join(without_controls(one, keep=WHITESPACE).split()) for one in value)
    return tuple(dict.fromkeys(one for one in tidy if one))


class _Fields(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A session's fields and their constraints (a stored record has them too)."""

    id: Id
    start: Aware
    minutes: Minutes
    activities: tuple[str, ...] = ()
    mood: Mood | None = None
    note: str | None = None
    who: str | None = None
    # Whose time it was, by baby id (schema 2); empty means the first baby, the one 1.0 knew.
    babies: tuple[str, ...] = ()


class Session(_Fields, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Time spent with the baby: what a ``log`` records."""

    def __post_init__(self) -> None:
        # Runs however a session is made (decoded, converted or built): the one cleaning.
        # It runs for every record read, so the common cases call the cached helpers
        # directly (a ten-year history is tens of thousands of calls).
        given = self.activities
        if given or type(given) is not tuple:
            tidy = _tidy_cached(given) if type(given) is tuple else _tidy_uncached(given)
            if tidy != given:
                msgspec.structs.force_setattr(self, "activities", tidy)
        if self.note is not None:
            note = _tidy_note(self.note)
            if note != self.note:
                msgspec.structs.force_setattr(self, "note", note)
        if self.who is not None:
            who = _tidy_name(self.who)
            if who != self.who:
                msgspec.structs.force_setattr(self, "who", who)
        if self.babies:
            babies = _tidy_babies(self.babies)
            if babies != self.babies:
                msgspec.structs.force_setattr(self, "babies", babies)

    @classmethod
    def model_validate(cls, data: dict[str, Any]) -> Session:
        """A session from a dict, every constraint checked (raises ``InvalidSession``)."""
        try:
            return msgspec.convert(data, cls)
        except msgspec.ValidationError as error:
            raise InvalidSession(error) from None

    def model_dump(
        self, mode: str = "python", exclude: set[str] | frozenset[str] = frozenset()
    ) -> dict[str, Any]:
        """The fields as a dict; ``mode="json"``: as JSON holds them (UTC as "Z")."""
        if mode == "json":
            payload = self.as_dict(z_times=True)
            payload.setdefault("babies", [])
        else:
            payload = {name: getattr(self, name) for name in self.__struct_fields__}
        return {name: value for name, value in payload.items() if name not in exclude}

    def model_copy(self, update: dict[str, Any]) -> Session:
        """A copy with ``update`` applied, unchecked: for values already validated."""
        return msgspec.structs.replace(self, **update)

    def as_dict(self, z_times: bool = False) -> dict[str, Any]:
        """The one way a session becomes a dict, fields in order.

        ``z_times``: UTC written "Z", as 1.0's month files and undo log store it (their
        bytes stay as they are). Otherwise ISO 8601 offsets ("+00:00"), as export and
        --json write, which Python 3.10's fromisoformat reads.
        """
        payload: dict[str, Any] = {
            "id": self.id,
            "start": z_time(self.start) if z_times else self.start.isoformat(),
            "minutes": self.minutes,
            "activities": list(self.activities),
            "mood": self.mood,
            "note": self.note,
            "who": self.who,
        }
        if self.babies:  # 1.0's shape (and bytes) for a session of the first baby
            payload["babies"] = list(self.babies)
        return payload

    @property
    def end(self) -> datetime:
        return self.start + timedelta(minutes=self.minutes)

    @property
    def day(self) -> date:
        """The local date the session counts on: its start, in the offset it was logged with."""
        return self.start.date()


def z_time(moment: datetime) -> str:
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


class Record(msgspec.Struct, frozen=True, kw_only=True):
    """One version of a session as stored; per field, the newest version wins.

    ``fields`` names the fields this record changed, with their version times (a mend);
    None means every field at ``updated`` (a new session, and every 1.0 record). The
    field ``deleted`` is versioned like the others (see ``core/merge``)."""

    session: Session
    updated: Aware
    device: str
    deleted: bool = False
    fields: dict[str, Aware] | None = None

    def version_of(self, name: str) -> datetime | None:
        """When this record set field ``name``, or None if it did not set it."""
        if self.fields is None:
            return self.updated
        return self.fields.get(name)

    def order_key(self) -> tuple[datetime, str]:
        return (self.updated, self.device)

    def model_copy(self, update: dict[str, Any]) -> Record:
        return msgspec.structs.replace(self, **update)


class StoredRecord(_Fields, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A record as a month file holds it: the session's fields beside its version."""

    updated: Aware
    deleted: bool = False
    fields: dict[str, Aware] | None = None

    def to_record(self, device: str) -> Record:
        """As a Record: the session is made (and cleaned) once, here."""
        session = Session(
            id=self.id,
            start=self.start,
            minutes=self.minutes,
            activities=self.activities,
            mood=self.mood,
            note=self.note,
            who=self.who,
            babies=self.babies,
        )
        return Record(
            session=session,
            updated=self.updated,
            device=device,
            deleted=self.deleted,
            fields=self.fields,
        )


class InvalidSession(ValueError):
    """A session that breaks a rule: ``where`` names the field, ``problem`` the rule."""

    def __init__(self, error: msgspec.ValidationError) -> None:
        self.problem, self.where = split_error(error)
        super().__init__(f"{self.where}: {self.problem}" if self.where else self.problem)


def split_error(error: msgspec.ValidationError) -> tuple[str, str]:
    """msgspec's 'Expected `int` >= 1, got `0` - at `$.minutes`' as (problem, 'minutes')."""
    text = str(error)
    problem, _, where = text.partition(" - at `")
    where = where.rstrip("`").removeprefix("$").removeprefix(".")
    if not where and problem.startswith("Object contains unknown field `"):
        where = problem.split("`")[1]
        problem = "not a field of a session"
    elif not where and problem.startswith("Object missing required field `"):
        where = problem.split("`")[1]
        problem = "missing"
    return problem, where
