"""bondcoach report: several weeks at a glance, to keep or to bring to a therapist."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bondcoach.cli.options import JsonFlag, PlainFlag

PAGE_SUFFIXES = (".html", ".htm")


def report_command(
    weeks: Annotated[
        int | None,
        typer.Option(
            "--weeks", metavar="N", help="The last N weeks, this one included (default 6)."
        ),
    ] = None,
    first: Annotated[
        str | None,
        typer.Option("--from", metavar="YYYY-MM-DD", help="From the week that holds this date."),
    ] = None,
    last: Annotated[
        str | None,
        typer.Option("--to", metavar="YYYY-MM-DD", help="To the week that holds this date."),
    ] = None,
    baby: Annotated[
        str | None, typer.Option("--baby", metavar="NAME", help="Only this baby.")
    ] = None,
    save: Annotated[
        Path | None,
        typer.Option(
            "--save",
            metavar="FILE.html",
            help="Also save it as one web page that opens offline and prints well.",
            dir_okay=False,
        ),
    ] = None,
    no_notes: Annotated[
        bool, typer.Option("--no-notes", help="Leave every note out (to share).")
    ] = False,
    with_mood: Annotated[
        bool, typer.Option("--with-mood", help="Include the moods you noted (left out otherwise).")
    ] = False,
    as_json: JsonFlag = False,
    plain: PlainFlag = False,
) -> None:
    """Look back over several weeks: time together, days, what you did, who, your notes.

    The last 6 weeks by default. --from and --to widen to whole weeks. --save writes a
    page to keep or to show a therapist; moods are in it only with --with-mood.
    """
    from bondcoach import views
    from bondcoach.actions.report import ReportRequest, report, save_page
    from bondcoach.core import clock
    from bondcoach.core.report import MAX_WEEKS
    from bondcoach.core.timeparse import parse_date
    from bondcoach.errors import InputError
    from bondcoach.views import report as report_view

    if weeks is not None and (first is not None or last is not None):
        raise InputError("use --weeks, or --from and --to, not both")
    if weeks is not None and not 1 <= weeks <= MAX_WEEKS:
        raise InputError(f"--weeks goes from 1 to {MAX_WEEKS} (got {weeks})")
    if save is not None and as_json:
        raise InputError("--save writes a page, so it does not go with --json")
    if save is not None and save.suffix.lower() not in PAGE_SUFFIXES:
        raise InputError(f"--save writes an .html page (got {save.name!r})")
    from_day = parse_date(first, "--from") if first is not None else None
    to_day = parse_date(last, "--to") if last is not None else None
    if from_day and to_day and from_day > to_day:
        raise InputError("--from comes after --to")
    if from_day and to_day and (to_day - from_day).days > MAX_WEEKS * 7:
        raise InputError(f"a report covers at most {MAX_WEEKS} weeks")
    request = ReportRequest(
        today=clock.now().date(),
        weeks=weeks,
        first=from_day,
        last=to_day,
        baby=baby,
        notes=not no_notes,
        moods=with_mood,
    )
    seen = report(request)
    if as_json:
        views.print_json(report_view.report_as_json(seen))
        return
    out = views.console()
    # --plain, BONDCOACH_PLAIN and TERM=dumb, decided once (cli/options.use_output).
    report_view.show_report(out, seen, plain=views.plain())
    if save is not None:
        from bondcoach.views.page import report_page

        save_page(save, report_page(seen))
        report_view.show_saved(out, save)
