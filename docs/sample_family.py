"""Make the README's report screenshots from a sample family, with a real browser.

    .venv/bin/python docs/sample_family.py

Builds six weeks of a made-up family (Mia, born 14 September 2026; Sam and Alex) in a
temporary folder with the clock held at Thursday 26 November 2026, saves the report,
then asks headless Chromium (Debian's chromium package) for a screenshot and a printed
PDF; pdftoppm (poppler-utils) turns the PDF's first page into a PNG. Writes
docs/report.png, docs/report-print.png and docs/report-terminal.txt. Nothing is fetched.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine

DOCS = Path(__file__).resolve().parent
NOW = datetime(2026, 11, 26, 20, 0, tzinfo=ZoneInfo("Europe/London"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
NOTES = [
    "She watched my mouth the whole song",
    "Calmer after the bath; long eye contact",
    "Turned her head to my voice",
    "Fussy at first, settled on my chest",
    "First real smile at me!",
    "Looked away a lot, I think she was tired",
]
ACTIVITIES = ["sing", "talk", "skin-to-skin", "read", "massage", "walk", "play"]


def bondcoach(*args: str) -> str:
    from typer.testing import CliRunner

    from bondcoach.cli import app

    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "88", "NO_COLOR": "1"})
    if result.exit_code != 0:
        sys.exit(f"bondcoach {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def family() -> None:
    chance = random.Random(14)  # the same family every time
    bondcoach("setup", "--baby-name", "Mia", "--birth-date", "2026-09-14", "--caregiver", "Sam")
    day = date(2026, 10, 19)
    notes = list(NOTES)
    while day <= NOW.date():
        for _ in range(chance.choice([0, 1, 1, 2, 2, 3])):
            who = chance.choice(["Sam", "Sam", "Alex"])
            minutes = chance.choice([10, 15, 15, 20, 25, 30, 40])
            args = ["log", str(minutes), "--who", who, "-a", chance.choice(ACTIVITIES)]
            args += ["--at", f"{day} {chance.randint(7, 19):02d}:{chance.choice([0, 15, 30]):02d}"]
            if chance.random() < 0.12 and notes:
                args += ["--note", notes.pop(0)]
            if chance.random() < 0.3:
                args += ["--mood", str(chance.choice([2, 3, 4, 4, 5]))]
            bondcoach(*args)
        day += timedelta(days=1)
    # A long Sunday walk and a lazy morning: a day that reaches the aim shows green.
    bondcoach("log", "90", "--who", "Alex", "-a", "walk", "--at", "2026-11-08 10:00")
    bondcoach("log", "45", "-a", "skin-to-skin", "--at", "2026-11-08 07:00")


def main() -> None:
    chromium = shutil.which("chromium") or sys.exit("needs Debian's chromium package")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name, sub in (("BONDCOACH_HOME", "data"), ("BONDCOACH_STATE_DIR", "state")):
            os.environ[name] = str(work / sub)
        os.environ["BONDCOACH_CACHE_DIR"] = str(work / "cache")
        os.environ["TZ"] = "Europe/London"
        with time_machine.travel(NOW, tick=False):
            family()
            shown = bondcoach("report")
            bondcoach("report", "--save", str(work / "report.html"))
        tidy = "\n".join(line.rstrip() for line in shown.replace("\xa0", " ").splitlines())
        (DOCS / "report-terminal.txt").write_text(f"$ bondcoach report\n{tidy}\n")
        page = (work / "report.html").as_uri()
        browse = [chromium, *FLAGS, f"--user-data-dir={work / 'browser'}"]
        subprocess.run(
            [*browse, "--window-size=820,1500", f"--screenshot={DOCS / 'report.png'}", page],
            check=True,
            capture_output=True,
        )
        pdf = work / "report.pdf"
        subprocess.run(
            [*browse, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page],
            check=True,
            capture_output=True,
        )
        first_page = work / "printed"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile", pdf, first_page],
            check=True,
        )
        shutil.copy(first_page.with_suffix(".png"), DOCS / "report-print.png")


if __name__ == "__main__":
    main()
