"""A real browser opens the saved report: headless Chromium draws it and prints it.

Marked slow; skipped, saying why, where Debian's chromium is not installed (.ci/run
installs it with apt). The page is a local file and the browser is told to stay off
the network, so nothing leaves this machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import at, ok

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium() -> str | None:
    for candidate in CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def browse(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess[str]:
    browser = chromium()
    assert browser is not None
    done = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def saved_report(cli, tmp_path: Path) -> Path:
    page = tmp_path / "report.html"
    with at():
        ok(cli("setup", "--baby-name", "Mia", "--birth-date", "2026-09-14", "--caregiver", "Sam"))
        for day, minutes in (("2026-11-03", 40), ("2026-11-17", 25), ("2026-11-24", 130)):
            ok(cli("log", str(minutes), "-a", "sing", "--at", f"{day} 09:00", "--note", "<b>x</b>"))
        ok(cli("log", "20", "-a", "read", "--who", "Alex", "--at", "2026-11-25 18:00"))
        ok(cli("report", "--save", str(page), "--with-mood"))
    return page


pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        chromium() is None,
        reason="headless Chromium is not installed (Debian: apt-get install chromium)",
    ),
]


def test_chromium_draws_the_report_as_a_picture(cli, tmp_path):
    page = saved_report(cli, tmp_path)
    picture = tmp_path / "report.png"
    browse(tmp_path, page, "--hide-scrollbars", "--window-size=900,1600", f"--screenshot={picture}")
    data = picture.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (900, 1600)
    assert len(data) > 20_000  # a drawn page, not a blank one


def test_chromium_prints_the_report_to_pdf(cli, tmp_path):
    page = saved_report(cli, tmp_path)
    printed = tmp_path / "report.pdf"
    browse(tmp_path, page, "--no-pdf-header-footer", f"--print-to-pdf={printed}")
    data = printed.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    assert 2 <= pages <= 6, pages  # the whole report, on a few sheets


@pytest.mark.parametrize(
    ("paper", "points"),
    [("A4", (595, 842)), ("letter", (612, 792))],
)
def test_chromium_prints_the_report_on_a4_and_letter(cli, tmp_path, paper, points):
    """The page sets no paper size, so it prints on whatever the person's printer uses;
    here both common sizes are forced, as a print dialog would, and each prints whole."""
    page = saved_report(cli, tmp_path)
    sized = tmp_path / f"report-{paper}.html"
    html = page.read_text(encoding="utf-8")
    sized.write_text(
        html.replace("</head>", f"<style>@page {{ size: {paper}; }}</style></head>", 1),
        encoding="utf-8",
    )
    printed = tmp_path / f"report-{paper}.pdf"
    browse(tmp_path, sized, "--no-pdf-header-footer", f"--print-to-pdf={printed}")
    data = printed.read_bytes()
    boxes = {
        tuple(round(float(n)) for n in box.split()[2:4])
        for box in re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", data)
    }
    assert boxes == {points}, boxes
    pages = data.count(b"/Type /Page") - data.count(b"/Type /Pages")
    assert 2 <= pages <= 6, pages
