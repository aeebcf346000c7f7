"""Words the user reads, kept together so their tone can be read (and kept) as a whole.

The rules: speak to "you", stay warm and brief, never guilt. No "missed", no shortfalls:
we say "so far today". Feeds and changes count even when nobody logs them.
"""

from __future__ import annotations

from datetime import datetime

NOT_MEDICAL_ADVICE = "bondcoach offers everyday ideas, not medical advice."

NEXT_AFTER_TIP = "After some time together, [bold]bondcoach log 15[/] adds it to your week."
NEXT_AFTER_LOG = "See the whole week with [bold]bondcoach week[/]."
NEXT_AFTER_WEEK = "Today's idea: [bold]bondcoach tip[/]."

REPEAT_WARNING = (
    "This looks like a session you already logged (same start, minutes and person). "
    "It was saved anyway; 'bondcoach week' shows both."
)
NO_MINUTES_GIVEN = "No minutes were given, so nothing was saved."
NO_TIPS_MATCH = "No tip matches that choice."

PROMPT_MINUTES = "How many minutes did you spend together?"
PROMPT_ACTIVITIES = "What did you do? (for example: talk, sing, skin-to-skin; Enter to skip)"
PROMPT_NOTE = "Anything you noticed? What might your baby have been feeling? (Enter to skip)"


def warm_word(minutes: int, target: int) -> str:
    """A kind line for today's total, whatever it is."""
    if target <= 0:
        return "Every moment together counts."
    share = minutes / target
    if share >= 1:
        return "That's today's aim reached. Anything more is a bonus, not a duty."
    if share >= 0.5:
        return "More than halfway to today's aim. Lovely."
    return "Every minute counts, and feeds and changes count too, logged or not."


def who_phrase(baby_name: str | None) -> str:
    from bondcoach.core.text import for_terminal

    # The name may come from a synced profile that someone else wrote.
    name = " ".join(for_terminal(baby_name).split()) if baby_name else ""
    return f"with {name}" if name else "with your baby"


LOW_MOOD_AFTER_LOG = (
    "Thank you for being honest about how you feel; heavy days happen. "
    "If they keep coming, [bold]bondcoach support[/] lists people who can help."
)

PROMPT_MOOD = "How are you feeling, from 1 (very low) to 5 (very good)? (optional, Enter to skip)"


def low_mood_week(who: str | None) -> str:
    """Said kindly, once, when a caregiver's mood was low on most days with a mood."""
    subject = f"{who} noted" if who else "You noted"
    return (
        f"{subject} a low mood on most of the days with a mood this week. That is worth "
        "being gentle about, and worth sharing with someone you trust. "
        "[bold]bondcoach support[/] lists kinds of help."
    )


PLAY_NOT_KEPT = "Stopped. Nothing was saved."
PLAY_UNDER_A_MINUTE = "Stopped before a whole minute had passed, so nothing was saved."


def play_keep_question(minutes: int) -> str:
    return f"\nStopped after {minutes} min. Keep those minutes?"


def play_not_saved(start: datetime, minutes: int) -> str:
    return (
        f"Your {minutes} minutes together still count. Once this is fixed, "
        f'bondcoach log {minutes} --at "{start:%Y-%m-%d %H:%M}" adds them.'
    )
