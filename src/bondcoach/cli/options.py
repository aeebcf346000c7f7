"""Help texts shared by several commands, so the same option reads the same everywhere."""

JSON_HELP = "Print JSON for scripts."
AT_HELP = (
    'When you started, local time: "2026-11-26 14:30", or "14:30" for today '
    "(yesterday if that time is still to come)."
)
ACTIVITY_HELP = (
    "What you did: talk, sing, read, skin-to-skin, play, massage, walk, feed, diaper, "
    "or your own word. Repeat it or separate with commas."
)
