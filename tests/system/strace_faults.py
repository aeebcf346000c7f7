"""Real fault injection with strace: fail or kill one system call of a real bondcoach run.

Why strace and not monkeypatching: it fails the system call itself, under Python, glibc and
every library, so nothing in bondcoach can be skipped by accident (a write through another
module, a flush inside a library). It is Linux only; the tests that use it skip elsewhere.

discover() runs the command once under strace and lists every call that touches one of the
given folders (its path argument, or the file descriptor's path shown by -y), as a Step: the
system call's name and which occurrence of that name it is in the process. Python's startup
makes the same calls in the same order each run (PYTHONHASHSEED is fixed here), so
run_with_fault(step) can fail exactly that occurrence with strace's `inject=` on a fresh copy
of the folders, or kill the process as it enters the call.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# The calls a save is made of. rename/renameat2 and unlink/unlinkat both appear, by libc.
SAVE_CALLS = (
    "openat",
    "write",
    "fsync",
    "fdatasync",
    "rename",
    "renameat",
    "renameat2",
    "unlink",
    "unlinkat",
    "mkdir",
    "mkdirat",
    "flock",
    "ftruncate",
)

_LINE = re.compile(r"^(?P<pid>\d+)\s+(?P<name>\w+)\((?P<args>.*)$")


def strace_path() -> str | None:
    return shutil.which("strace")


@dataclass(frozen=True)
class Step:
    """One system call of a run: the `occurrence`-th call named `name` (1-based)."""

    name: str
    occurrence: int
    text: str

    def __str__(self) -> str:
        return f"{self.name}#{self.occurrence}: {self.text[:160]}"


def _env(env: Mapping[str, str]) -> dict[str, str]:
    merged = dict(env)
    merged["PYTHONHASHSEED"] = "0"  # the same imports in the same order each run
    return merged


def discover(
    command: Sequence[str],
    env: Mapping[str, str],
    roots: Sequence[Path],
    trace_file: Path,
    calls: Sequence[str] = SAVE_CALLS,
    stdin: str | None = None,
) -> list[Step]:
    """Run `command` once under strace; list the calls that touch `roots`, in order."""
    strace = strace_path()
    assert strace, "strace is not installed"
    subprocess.run(
        [
            strace,
            "-f",
            "-qq",
            "-y",
            "-s",
            "96",
            "-e",
            "trace=" + ",".join(calls),
            "-o",
            str(trace_file),
            *command,
        ],
        env=_env(env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = trace_file.read_text(encoding="utf-8", errors="replace").splitlines()
    main_pid = None
    seen: Counter[str] = Counter()
    steps: list[Step] = []
    needles = [str(root) for root in roots]
    for line in lines:
        match = _LINE.match(line)
        if not match:
            continue
        pid, name = match["pid"], match["name"]
        main_pid = main_pid or pid
        if pid != main_pid:  # injection counts per process: follow the main one only
            continue
        seen[name] += 1
        if any(needle in match["args"] for needle in needles):
            steps.append(Step(name, seen[name], line.split(None, 1)[1]))
    return steps


def run_with_fault(
    command: Sequence[str],
    env: Mapping[str, str],
    step: Step,
    *,
    error: str | None = "EIO",
    kill: bool = False,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `command` failing `step` with `error` (an errno name), or killing the process as
    it enters that call (SIGKILL: no handler, no cleanup, like a power cut for the process)."""
    strace = strace_path()
    assert strace, "strace is not installed"
    how = "signal=SIGKILL" if kill else f"error={error}"
    inject = f"inject={step.name}:{how}:when={step.occurrence}"
    return subprocess.run(
        [strace, "-f", "-qq", "-o", os.devnull, "-e", f"trace={step.name}", "-e", inject, *command],
        env=_env(env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def copy_tree(source: Path, target: Path) -> None:
    """A fresh copy of a prepared store, keeping modes (0600/0700) and links as links."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, symlinks=True)
