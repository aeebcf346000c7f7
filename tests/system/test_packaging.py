"""The built wheel, installed in a fresh virtual environment, runs from another folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
TIMEOUT = 300


def run(args: list[str | Path], **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(arg) for arg in args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
        **kwargs,
    )
    assert result.returncode == 0, (args, result.stdout[-3000:], result.stderr[-3000:])
    return result


def bin_dir(venv: Path) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin")


@pytest.mark.slow
def test_wheel_installs_in_a_fresh_venv_and_runs_tip_from_another_folder(tmp_path, folders):
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--wheel", "--outdir", dist, PROJECT], cwd=PROJECT)
    [wheel] = dist.glob("bondcoach-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "bondcoach/data/tips.yaml" in names
        shipped = archive.read("bondcoach/data/tips.yaml")
        assert "bondcoach/data/sources.yaml" in names  # 2.0: the tips' sources registry
        registry = archive.read("bondcoach/data/sources.yaml")
    assert shipped == (PROJECT / "data" / "tips.yaml").read_bytes()
    assert registry == (PROJECT / "data" / "sources.yaml").read_bytes()
    assert "bondcoach/__init__.py" in names
    templates = PROJECT / "src" / "bondcoach" / "views" / "templates"
    for template in templates.glob("*.j2"):  # the saved pages' templates ship too
        assert f"bondcoach/views/templates/{template.name}" in names
    assert "bondcoach/views/templates/report.html.j2" in names
    assert not any(name.startswith(("tests/", "src/")) for name in names)

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv])
    python = bin_dir(venv) / ("python.exe" if os.name == "nt" else "python")
    run([python, "-m", "pip", "install", "--disable-pip-version-check", wheel])

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["NO_COLOR"] = "1"
    script = bin_dir(venv) / ("bondcoach.exe" if os.name == "nt" else "bondcoach")

    shown = run([script, "tip"], cwd=elsewhere, env=env)
    assert "Source:" in shown.stdout
    assert shown.stderr == ""

    tip = json.loads(run([script, "tip", "--json"], cwd=elsewhere, env=env).stdout)
    assert isinstance(tip["id"], str) and tip["id"]
    assert {"id", "topic", "title", "text", "source"} <= tip.keys()

    listed = json.loads(run([script, "tip", "--all", "--json"], cwd=elsewhere, env=env).stdout)
    assert len(listed) >= 20

    # The report's page renders from the installed templates.
    run([script, "report", "--save", tmp_path / "report.html"], cwd=elsewhere, env=env)
    assert "<h1>Time together with your baby</h1>" in (tmp_path / "report.html").read_text()

    # The installed copy, not the source tree, answered.
    where = run(
        [python, "-c", "import bondcoach, sys; sys.stdout.write(bondcoach.__file__)"],
        cwd=elsewhere,
        env=env,
    )
    assert Path(where.stdout).resolve().is_relative_to(venv.resolve())

    # Everything it wrote went to the test's folders.
    for other in (tmp_path / "home", tmp_path / "xdg"):
        assert not [path for path in other.rglob("*") if "bondcoach" in path.name]
    assert list(elsewhere.iterdir()) == []
    assert folders.cache.exists()
