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
    "It was saved anyway; 'bondcoach week' shows both. If it was logged twice by "
    "mistake, 'bondcoach undo' takes this one back."
)
DELETE_KEPT = "Kept it; nothing was deleted."
DELETE_UNDO = "'bondcoach undo' brings it back."

NO_MINUTES_GIVEN = "No minutes were given, so nothing was saved."
NO_TIPS_MATCH = "No tip matches that choice."
BEYOND_THREE = (
    "bondcoach is made for the first three years, so most of its tips are for younger "
    "children; the ones for every age keep coming."
)
EXPECTING_NO_AIMS = (
    "Aims start once your baby is here; until then, every moment you spend getting ready "
    "counts. Add the birth date later with: bondcoach setup --birth-date YYYY-MM-DD"
)

PROMPT_MINUTES = "How many minutes did you spend together?"
WEEK_TOGETHER_ONCE = "Each session counted once, against the largest of the babies' aims that day:"


def prompt_babies(names: tuple[str, ...]) -> str:
    return f"With whom? ({', '.join(names)}; Enter for all of them)"


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

VERY_LOW_MOOD_AFTER_LOG = (
    "Thank you for saying you feel very low. You don't have to carry that alone: please "
    "talk to someone today, someone close to you, or your doctor, midwife or health visitor. "
    "[bold]bondcoach support[/] lists people you can call."
)

PROMPT_MOOD = "How are you feeling, from 1 (very low) to 5 (very good)? (optional, Enter to skip)"
MOOD_IS_SHARED = "(Moods are shared with every computer that uses your family's data folder.)"
MOOD_ANSWER = "a mood is a number from 1 (very low) to 5 (very good); Enter skips it"
MOOD_SKIPPED = "No mood noted this time."


def low_mood_week(who: str | None, low_days: int, mood_days: int) -> str:
    """Said kindly, once, when a caregiver's mood was low on most days with a mood; the
    words fit the count (one day is not "most of the days")."""
    subject = f"{who} noted" if who else "You noted"
    if mood_days == 1:
        when = "this week"
    elif low_days == mood_days:
        when = f"on all {mood_days} days with a mood this week"
    else:
        when = f"on {low_days} of the {mood_days} days with a mood this week"
    return (
        f"{subject} a low mood {when}. That is worth being gentle about, and worth "
        "sharing with someone you trust. [bold]bondcoach support[/] lists kinds of help."
    )


WEEK_BEFORE_THE_START = (
    "Nothing to count in this week: it came before your baby was born or your first log."
)


PLAY_NOT_KEPT = "Stopped. Nothing was saved."
PLAY_SAVED_WITHOUT_REFLECTION = "The session itself is saved, without the note and mood."


def play_time_up(minutes: str) -> str:
    return f"Time's up: {minutes} together."


def play_stopped_unsaved(minutes: int) -> str:
    """A second Ctrl-C at the keep question: say plainly what happened to the time."""
    return f"stopped; nothing was saved (the {minutes} min so far were not kept)"


def play_reflection_stopped(minutes: str, start: datetime) -> str:
    """Ctrl-C (or a closed terminal) at the reflection: the session itself is safe."""
    return f"stopped; your {minutes} together from {start:%H:%M} is saved, without a note or mood"


PLAY_UNDER_A_MINUTE = "Stopped before a whole minute had passed, so nothing was saved."


def play_keep_question(minutes: int) -> str:
    return f"\nStopped after {minutes} min. Keep those minutes?"


def play_not_saved(start: datetime, minutes: int) -> str:
    return (
        f"Your {minutes} minutes together still count. Once this is fixed, "
        f'bondcoach log {minutes} --at "{start:%Y-%m-%d %H:%M}" adds them.'
    )


# bondcoach support --------------------------------------------------------------------

SUPPORT_LINES_FOR = "support lines"
SUPPORT_LINES_BY_COUNTRY = "Support lines, by country"
SUPPORT_INTRUSIVE_TITLE = "Unwanted, frightening thoughts"
SUPPORT_PSYCHOSIS_TITLE = "Signs of postpartum psychosis"
SUPPORT_KINDS_TITLE = "Kinds of help"
SUPPORT_HOURS = "Open:"
SUPPORT_NOT_YOUR_COUNTRY = (
    "Not your country? Your doctor, midwife or health visitor can point you to help near you."
)
SUPPORT_SOURCES_HINT = "Where each line and number comes from, with addresses:"
SUPPORT_SOURCES_COMMAND = "bondcoach support --sources"
SUPPORT_SOURCES_TITLE = "Where this comes from"
SUPPORT_WHAT_TO_DO = "What to do"


def support_not_listed(asked: str) -> str:
    """For a country with no lines yet: said plainly, then everything there is."""
    return (
        f'[bold]"{asked}" is not listed yet.[/] Here is every line bondcoach knows. '
        "Your doctor, midwife or health visitor can point you to help near you."
    )


def support_emergency_number(number: str) -> str:
    return f"emergency: {number}"


def support_sources_intro(checked: str) -> str:
    return (
        f"Every number was checked on {checked} against the pages below (stored copies). "
        "Numbers and hours change: if one does not answer, try another line, and in an "
        "emergency call your local emergency number."
    )
