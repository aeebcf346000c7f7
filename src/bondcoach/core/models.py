"""The domain's data shapes, validated with pydantic.

Imported only where validation is needed: the tip of the day is served from a plain
JSON cache so that ``bondcoach tip`` never pays for importing pydantic.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bondcoach.core.ages import age_text_days, parse_age

# Sessions are not pydantic models (every data command reads them): see core/sessions.
from bondcoach.core.sessions import Record as Record
from bondcoach.core.sessions import Session as Session
from bondcoach.core.sessions import normalise_activity as normalise_activity
from bondcoach.core.text import without_controls as without_controls
from bondcoach.core.topics import TOPICS as TOPICS
from bondcoach.core.topics import Topic

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


WHITESPACE = "\t\n\r\x0b\x0c"


def _shown_text(value: str) -> str:
    """Tips and ideas (a user's own tips.yaml too) are cleaned as they are read."""
    return without_controls(value, keep="\n")


class _Ages(BaseModel):
    """An age range in whole days since birth: from inclusive, until exclusive, open if None."""

    from_age_days: int | None = Field(default=None, ge=-400, le=36500)
    until_age_days: int | None = Field(default=None, ge=-400, le=36500)

    def _check_range(self) -> None:
        low, high = self.from_age_days, self.until_age_days
        if low is not None and high is not None and high <= low:
            raise ValueError("until_age_days must be more than from_age_days")


class Activity(_Ages):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    idea: str = Field(min_length=1, max_length=200)

    @field_validator("idea")
    @classmethod
    def _clean_idea(cls, value: str) -> str:
        return _shown_text(value)

    @model_validator(mode="after")
    def _ages(self) -> Activity:
        self._check_range()
        return self


Family = Literal["born-early", "twins", "siblings"]


class Tip(_Ages):
    """A tip. Built-in tips give ``why`` and ``sources`` (ids in data/sources.yaml) and
    ages in days; a user's own 1.0 tip may give a ``source`` line and ages as text."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str = Field(min_length=1, max_length=80)
    topic: Topic
    title: str = Field(min_length=1, max_length=80)
    text: str = Field(min_length=1, max_length=600)
    source: str | None = Field(default=None, min_length=1)
    why: str | None = Field(default=None, min_length=1, max_length=300)
    sources: tuple[str, ...] = ()
    from_age: str | None = None
    until_age: str | None = None
    families: tuple[Family, ...] = Field(default=(), alias="for")

    @field_validator("id")
    @classmethod
    def _id_is_a_slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError("an id is lowercase words joined by hyphens, like 'cues-crying'")
        return value

    @field_validator("title", "text", "source")
    @classmethod
    def _clean_text(cls, value: str) -> str:
        return _shown_text(value)

    @field_validator("from_age", "until_age")
    @classmethod
    def _age_parses(cls, value: str | None) -> str | None:
        if value is not None:
            parse_age(value)
        return value

    @model_validator(mode="after")
    def _one_way_to_say_each_thing(self) -> Tip:
        if self.from_age is not None and self.from_age_days is not None:
            raise ValueError("give from_age or from_age_days, not both")
        if self.until_age is not None and self.until_age_days is not None:
            raise ValueError("give until_age or until_age_days, not both")
        if self.source is None and not self.sources:
            raise ValueError("a tip needs a source line or the ids of its sources")
        self._check_range()
        return self

    def age_days(self) -> tuple[int | None, int | None]:
        """The range in days, as choosing uses it ("6 weeks" is 42 days)."""
        low = age_text_days(self.from_age) if self.from_age else self.from_age_days
        high = age_text_days(self.until_age) if self.until_age else self.until_age_days
        return low, high


class Source(BaseModel):
    """One entry of data/sources.yaml: where a tip's facts come from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    year: int = Field(ge=1900, le=2100)
    url: str | None = None
    checked: date
    checked_against: str = Field(min_length=1)


class SourcesFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    sources: tuple[Source, ...] = ()


class TipsFile(BaseModel):
    """The shape of ``data/tips.yaml`` and of a user's own ``tips.yaml``.

    Ids must be unique too; ``yaml_tips`` checks that, where it can name the line.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    activities: tuple[Activity, ...] = ()
    tips: tuple[Tip, ...] = ()
