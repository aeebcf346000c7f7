"""Where to find help: what to do (three tiers), kinds of help, and lines by country.

Read from the shipped data/support.yaml and nothing else, so ``bondcoach support`` works
even when the sessions or the tips cannot be read. Every line and emergency number names
the sources it was checked against; the file's header says how.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from bondcoach.errors import DataError
from bondcoach.guidance.resources import shipped_file
from bondcoach.storage.fsio import read_bytes

SUPPORT_NAME = "support.yaml"


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    url: str | None
    checked: str
    checked_against: str
    note: str | None = None


@dataclass(frozen=True)
class KindOfHelp:
    name: str
    for_whom: str
    good_for: str
    source: str


@dataclass(frozen=True)
class SupportLine:
    country: str
    name: str
    contact: str
    for_whom: str
    hours: str | None
    sources: tuple[Source, ...]

    @property
    def checked(self) -> str:
        return self.sources[0].checked


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    emergency_number: str
    emergency_note: str
    emergency_sources: tuple[Source, ...]
    lines: tuple[SupportLine, ...]


@dataclass(frozen=True)
class Tiers:
    emergency: str  # with {number} for the chosen country's emergency number
    emergency_no_country: str
    intrusive_thoughts: str
    psychosis: str
    sources: dict[str, tuple[Source, ...]]  # tier name -> the sources behind its words


@dataclass(frozen=True)
class Support:
    checked: str
    tiers: Tiers
    not_medical_advice: str
    kinds: tuple[KindOfHelp, ...]
    countries: tuple[Country, ...]
    sources: tuple[Source, ...]

    @property
    def lines(self) -> tuple[SupportLine, ...]:
        return tuple(line for country in self.countries for line in country.lines)

    def emergency_for(self, country: Country | None) -> str:
        if country is None:
            return self.tiers.emergency_no_country
        return self.tiers.emergency.replace("{number}", country.emergency_number)


def load_support() -> Support:
    import yaml

    path = shipped_file(SUPPORT_NAME)
    raw = read_bytes(path)
    if raw is None:
        raise DataError(f"the support list is missing ({path})", hint="Reinstall bondcoach.")
    try:
        return _support(yaml.safe_load(raw))
    except (yaml.YAMLError, KeyError, TypeError, AttributeError) as error:
        raise DataError(f"{path} cannot be read ({error})", hint="Reinstall bondcoach.") from error


def _support(data: Any) -> Support:
    sources = tuple(_source(raw) for raw in data["sources"])
    by_id = {source.id: source for source in sources}

    def cited(*ids: Any) -> tuple[Source, ...]:
        return tuple(by_id[str(one)] for one in ids)  # an unknown id is a KeyError

    tiers = data["tiers"]
    countries = tuple(
        Country(
            code=str(raw["code"]),
            name=str(raw["name"]),
            aliases=tuple(str(alias) for alias in raw["aliases"]),
            emergency_number=str(raw["emergency_number"]),
            emergency_note=str(raw["emergency_note"]),
            emergency_sources=cited(
                raw["emergency_source"], *raw.get("emergency_more_sources", [])
            ),
            lines=tuple(
                SupportLine(
                    country=str(raw["name"]),
                    name=str(line["name"]),
                    contact=str(line["contact"]),
                    for_whom=str(line["for"]),
                    hours=_optional(line.get("hours")),
                    sources=cited(line["source"], *line.get("more_sources", [])),
                )
                for line in raw["lines"]
            ),
        )
        for raw in data["countries"]
    )
    return Support(
        checked=str(data["checked"]),
        tiers=Tiers(
            emergency=str(tiers["emergency"]),
            emergency_no_country=str(tiers["emergency_no_country"]),
            intrusive_thoughts=str(tiers["intrusive_thoughts"]),
            psychosis=str(tiers["psychosis"]),
            sources={name: cited(*ids) for name, ids in tiers["sources_by_tier"].items()},
        ),
        not_medical_advice=str(data["not_medical_advice"]),
        kinds=tuple(
            KindOfHelp(k["name"], k["for_whom"], k["good_for"], k["source"])
            for k in data["kinds_of_help"]
        ),
        countries=countries,
        sources=sources,
    )


def _source(raw: Any) -> Source:
    return Source(
        id=str(raw["id"]),
        publisher=str(raw["publisher"]),
        title=str(raw["title"]),
        url=_optional(raw.get("url")),
        checked=str(raw["checked"]),
        checked_against=str(raw["checked_against"]),
        note=_optional(raw.get("note")),
    )


def _optional(value: Any) -> str | None:
    return None if value is None else str(value)


def _key(name: str) -> str:
    """What people type, folded: case, accents, dots, 'the' and extra spaces do not count."""
    bare = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    words = bare.casefold().replace(".", "").replace("-", " ").split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def find_country(support: Support, asked: str) -> Country | None:
    """The country someone typed (a code, a name, a nation of the UK), or None if not listed."""
    wanted = _key(asked)
    for country in support.countries:
        if wanted in {_key(name) for name in (country.code, country.name, *country.aliases)}:
            return country
    return None
