"""After time together, shared by ``log`` and ``play``: the reflection questions, then
saving the session and showing how today is going."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bondcoach import messages

if TYPE_CHECKING:
    from bondcoach.actions.saving import Family
    from bondcoach.core.coach import When


def show_saved(
    when: When,
    activities: Sequence[str],
    mood: int | None,
    note: str | None,
    who: str | None,
    as_json: bool,
    now: datetime,
    babies: Sequence[str] = (),
) -> None:
    """Save the session (one action) and show how today is going."""
    from bondcoach import views
    from bondcoach.actions.saving import save_session
    from bondcoach.views import log as log_view

    logged = save_session(when, activities, mood, note, who, now, babies)
    for warning in logged.warnings:
        views.warn(warning)
    if as_json:
        views.print_json(log_view.logged_json(logged))
    # With --json the same words go to stderr, so a script's stdout stays pure JSON.
    log_view.show_logged(logged, stderr=as_json)


def ask_reflection(
    note: str | None, mood: int | None, to_stderr: bool
) -> tuple[str | None, int | None]:
    """The short, optional reflection after time together: a note, then a mood."""
    if note is None:
        note = ask_optional(messages.PROMPT_NOTE, to_stderr) or None
    if mood is None:
        mood = _ask_mood(to_stderr)
    return note, mood


def ask_optional(question: str, to_stderr: bool) -> str:
    """One optional question: Enter, or the end of input, skips it."""
    from bondcoach.cli.prompts import ask

    return ask(question, "", to_stderr) or ""


def _ask_mood(to_stderr: bool) -> int | None:
    """Optional, but a wrong answer ('low', '6', '2/5') is asked again, never stored as
    no mood; after three, the mood is skipped and the session is still saved."""
    from bondcoach import views
    from bondcoach.cli.prompts import MAX_TRIES, ask

    views.note(messages.MOOD_IS_SHARED, to_stderr)
    for _ in range(MAX_TRIES):
        answer = ask(messages.PROMPT_MOOD, "", to_stderr)
        if not answer:  # Enter, or the end of input
            return None
        if answer in ("1", "2", "3", "4", "5"):
            return int(answer)
        views.warn(messages.MOOD_ANSWER)
    views.warn(messages.MOOD_SKIPPED)
    return None


def ask_babies(family: Family, to_stderr: bool) -> tuple[str, ...]:
    """Whose time was it, asked when there are several babies and no --baby. Enter (or
    the end of input): all of them. An unknown name is asked again."""
    from bondcoach.cli.prompts import ask_until
    from bondcoach.errors import InputError

    by_key = {name.casefold(): name for name in family.names}

    def check(text: str) -> tuple[str, ...]:
        picked = [" ".join(part.split()) for part in text.replace(";", ",").split(",")]
        picked = [part for part in picked if part]
        unknown = [part for part in picked if part.casefold() not in by_key]
        if unknown:
            known = ", ".join(family.names)
            raise InputError(f"no baby called {unknown[0]!r}; known: {known}")
        return tuple(by_key[part.casefold()] for part in picked)

    return ask_until(messages.prompt_babies(family.names), "", check, to_stderr)
