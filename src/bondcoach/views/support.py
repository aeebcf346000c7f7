"""Showing where to find help: the emergency advice first, plainly, then the rest.

With a listed country: emergency advice with its number, that country's lines, the other
two tiers, kinds of help. Without one (or with one not listed yet): the tiers, kinds of
help, then every line by country, so nobody is left with nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from bondcoach import messages
from bondcoach.views import console, plain

if TYPE_CHECKING:
    from rich.console import Console

    from bondcoach.actions.support import SupportFound
    from bondcoach.guidance.support import Country, Source, SupportLine


def support_json(found: SupportFound) -> dict[str, Any]:
    support, country = found.support, found.country
    tiers = support.tiers
    return {
        "checked": support.checked,
        "emergency": found.emergency,
        "country_asked": found.asked,
        "country_listed": found.country is not None if found.asked is not None else None,
        "country": _country_json(country) if country else None,
        "tiers": {
            "emergency": found.emergency,
            "intrusive_thoughts": tiers.intrusive_thoughts,
            "psychosis": tiers.psychosis,
            "sources": {name: _sources_json(ids) for name, ids in tiers.sources.items()},
        },
        "not_medical_advice": support.not_medical_advice,
        "kinds_of_help": [asdict(kind) for kind in support.kinds],
        "lines": [_line_json(line) for line in found.lines],
        "countries": [_country_json(each) for each in support.countries],
    }


def _country_json(country: Country) -> dict[str, Any]:
    return {
        "code": country.code,
        "name": country.name,
        "emergency_number": country.emergency_number,
        "emergency_note": country.emergency_note,
        "emergency_sources": _sources_json(country.emergency_sources),
    }


def _line_json(line: SupportLine) -> dict[str, Any]:
    return {
        "country": line.country,
        "name": line.name,
        "contact": line.contact,
        "for_whom": line.for_whom,
        "hours": line.hours,
        "checked": line.checked,
        "sources": _sources_json(line.sources),
    }


def _sources_json(sources: Iterable[Source]) -> list[dict[str, Any]]:
    return [asdict(source) for source in sources]


def show_support(found: SupportFound) -> None:
    from rich.markup import escape
    from rich.panel import Panel

    out = console()
    support, country = found.support, found.country
    first = escape(found.emergency)
    if country:
        first += f"\n\n{escape(country.emergency_note)}"
    if plain():
        out.print(f"[bold]First:[/] {first}")
    else:
        out.print(Panel(first, border_style="bold", title="First"))
    if found.unlisted:
        out.print(messages.support_not_listed(escape(found.asked or "")))
        out.print()
    # Whoever named a country wants its lines now: they come straight after the
    # emergency advice (every line, when the country is not listed yet).
    if country:
        out.print(f"[bold]{escape(country.name)}: {messages.SUPPORT_LINES_FOR}[/]")
        _show_lines(out, country.lines)
    elif found.unlisted:
        _show_all_lines(out, found)
    _show_tiers(out, found)
    out.print(escape(support.not_medical_advice))
    out.print()
    _show_kinds(out, found)
    if found.asked is None:
        _show_all_lines(out, found)
    out.print(f"[dim]{messages.SUPPORT_SOURCES_HINT}[/]")
    out.print(f"  [bold]{messages.SUPPORT_SOURCES_COMMAND}[/]", soft_wrap=True)


def _show_all_lines(out: Console, found: SupportFound) -> None:
    from rich.markup import escape

    out.print(f"[bold]{messages.SUPPORT_LINES_BY_COUNTRY}[/]")
    for each in found.support.countries:
        number = messages.support_emergency_number(each.emergency_number)
        out.print(f"[bold cyan]{escape(each.name)}[/] [dim]({number})[/]")
        _show_lines(out, each.lines)
    out.print(f"[dim]{messages.SUPPORT_NOT_YOUR_COUNTRY}[/]")


def _show_lines(out: Console, lines: Sequence[SupportLine]) -> None:
    from rich.markup import escape
    from rich.padding import Padding

    for line in lines:
        # The contact on a line of its own: a number must never be split from its words.
        body = f"[bold]{escape(line.name)}[/]\n[bold]{escape(line.contact)}[/]\n"
        body += escape(line.for_whom)
        if line.hours:
            body += f"\n{messages.SUPPORT_HOURS} {escape(line.hours)}"
        body += f"\n[dim]{_source_line(line.sources)}[/]"
        out.print(Padding(body, (0, 0, 1, 2)))


def _show_tiers(out: Console, found: SupportFound) -> None:
    from rich.markup import escape
    from rich.padding import Padding

    tiers = found.support.tiers
    for title, text, name in (
        (messages.SUPPORT_INTRUSIVE_TITLE, tiers.intrusive_thoughts, "intrusive_thoughts"),
        (messages.SUPPORT_PSYCHOSIS_TITLE, tiers.psychosis, "psychosis"),
    ):
        out.print(f"[bold]{title}[/]")
        body = escape(text)
        if tiers.sources.get(name):
            body += f"\n[dim]{_source_line(tiers.sources[name])}[/]"
        out.print(Padding(body, (0, 0, 1, 2)))


def _show_kinds(out: Console, found: SupportFound) -> None:
    from rich.markup import escape
    from rich.padding import Padding

    out.print(f"[bold]{messages.SUPPORT_KINDS_TITLE}[/]")
    for kind in found.support.kinds:
        out.print(f"[bold cyan]{escape(kind.name)}[/]: {escape(kind.for_whom)}")
        body = f"{escape(kind.good_for)}\n[dim]Source: {escape(kind.source)}[/]"
        out.print(Padding(body, (0, 0, 1, 2)))


def _source_line(sources: Sequence[Source]) -> str:
    """'Source: Samaritans (checked 2026-12-03)': who said it and when it was checked."""
    from rich.markup import escape

    names = "; ".join(dict.fromkeys(source.publisher for source in sources))
    label = "Source" if len(sources) == 1 else "Sources"
    return escape(f"{label}: {names} (checked {sources[0].checked})")


def show_sources(found: SupportFound) -> None:
    """Every page the advice and lines were checked against, with its address."""
    from rich.markup import escape
    from rich.padding import Padding

    out = console()
    out.print(f"[bold]{messages.SUPPORT_SOURCES_TITLE}[/]")
    out.print(messages.support_sources_intro(found.support.checked))
    out.print()
    for heading, sources in _sources_by_heading(found):
        out.print(f"[bold cyan]{escape(heading)}[/]")
        for source in sources:
            out.print(
                Padding(
                    f"[bold]{escape(source.publisher)}[/]: {escape(source.title)}", (0, 0, 0, 2)
                )
            )
            if source.url:  # whole, on a line of its own, so it can be copied
                out.print(f"  {escape(source.url)}", soft_wrap=True)
            checked = f"Checked {source.checked} against: {escape(source.checked_against)}"
            out.print(Padding(f"[dim]{checked}[/]", (0, 0, 1, 2)))


def _sources_by_heading(found: SupportFound) -> list[tuple[str, list[Source]]]:
    tiers = found.support.tiers
    groups: list[tuple[str, list[Source]]] = [
        (messages.SUPPORT_WHAT_TO_DO, _unique(s for group in tiers.sources.values() for s in group))
    ]
    countries = (found.country,) if found.country else found.support.countries
    for country in countries:
        cited = [*country.emergency_sources, *(s for line in country.lines for s in line.sources)]
        groups.append((country.name, _unique(cited)))
    return groups


def _unique(sources: Iterable[Source]) -> list[Source]:
    return list({source.id: source for source in sources}.values())
