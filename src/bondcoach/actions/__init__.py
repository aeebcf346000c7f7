"""What each command does: one function per command, returning a result and warnings.

Actions never print; the CLI hands their result to a view.
"""
