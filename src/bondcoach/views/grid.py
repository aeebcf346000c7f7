"""Rows of cells in columns, drawn as one Text: what ``Table.grid`` drew, without it.

Importing rich.table costs about 3 ms at every start (it pulls in ``fractions`` and
defines dataclasses), and drawing a table a few more: too much for ``week``, ``log``,
``history`` and the glance, which only ever line up a few short cells (issue 14).

Columns are laid out as Rich lays out a table without borders, so the output is the
same character for character and style for style, but for trailing spaces, which this
leaves out. When the columns do not fit, the widest give way first, as Table's do, but
never below their longest word (Table would split '2 h 8 min' inside a column); when
even that cannot fit, each row is one line, wrapped as a sentence is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

# A cell: a markup string (anything from a person already escaped) or a Text.
Cell = str | Text
# Longer than any word bondcoach writes: '23 h 59 min' is 11 cells, 'skin-to-skin,' 13.
LONG_WORD = 16


class Grid:
    """A renderable grid: laid out when printed, for the width it is printed at.

    ``gap``: spaces between columns, as Table.grid's ``padding=(0, gap)``. ``edge``: half
    the gap before the first column too, and room for it after the last, as a borderless
    ``Table(padding=(0, gap // 2))``. ``header``: the first row's style (header_style)."""

    def __init__(
        self,
        rows: Sequence[Sequence[Cell]],
        gap: int = 2,
        edge: bool = False,
        header: str | None = None,
    ) -> None:
        self.rows = [[as_text(cell) for cell in row] for row in rows]
        self.gap, self.header = gap, header
        self.margin = gap // 2 if edge else 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield lay_out(self, console, max(1, options.max_width))  # Rich folds at no less


def as_text(cell: Cell) -> Text:
    # emoji=False, as the console has it: ':smile:' in a name stays as typed.
    return Text.from_markup(cell, emoji=False) if isinstance(cell, str) else cell


def lay_out(grid: Grid, console: Console, room: int) -> Text:
    """The grid as one Text, its lines no wider than ``room`` where the cells allow."""
    if not grid.rows:
        return Text()
    inner = column_widths(grid, room)
    fits = inner is not None
    rows = grid.rows
    if inner is None:  # too narrow for columns: each row one line, wrapped as a sentence
        rows = [[one_line(cell) for cell in row] for row in grid.rows]
        inner = [max(map(widest_line, cells)) for cells in zip(*rows, strict=True)]
    lines: list[Text] = []
    for index, row in enumerate(rows):
        drawn = row_lines(grid, row, inner, console)
        if index == 0 and grid.header:
            for line in drawn:
                line.stylize_before(grid.header)
        lines.extend(drawn)
    if not fits:
        lines = [part for line in lines for part in line.wrap(console, room)]
    for line in lines:  # the padding after the last cell (not a no-break space in it)
        if spaces := len(line.plain) - len(line.plain.rstrip(" ")):
            line.right_crop(spaces)
    return Text("\n").join(lines)


def column_widths(grid: Grid, room: int) -> list[int] | None:
    """The width inside each column for ``room``, or None when they cannot fit it."""
    # What each column adds to its cells' width, as Table counts it: the gap after it (or
    # the half gaps each side), the last column its margin.
    pads = [grid.gap] * (len(grid.rows[0]) - 1) + [2 * grid.margin]
    columns = list(zip(*grid.rows, strict=True))
    natural = [max(map(widest_line, cells)) + pad for cells, pad in zip(columns, pads, strict=True)]
    floors = [max(map(longest_word, cells)) + pad for cells, pad in zip(columns, pads, strict=True)]
    # Table measures a column no wider than the screen, and an empty one as one cell
    # (as no cell at all once it has had to narrow the columns).
    measured = [min(width, room) or 1 for width in natural]
    widths = fitted(measured, floors, room)
    if widths is None:
        return None
    if sum(measured) > room:
        widths = [min(width, full) for width, full in zip(widths, natural, strict=True)]
    return [max(0, width - pad) for width, pad in zip(widths, pads, strict=True)]


def one_line(cell: Text) -> Text:
    """A cell's line breaks as spaces, its tabs as the spaces they stand for: a row too
    wide for columns reads as one sentence."""
    flat = cell.copy()
    flat.plain = cell.plain.replace("\n", " ")  # as long as before: the styles stay put
    flat.expand_tabs()
    return flat


def widest_line(cell: Text) -> int:
    """A cell's width as Rich measures it (tabs not expanded, as Table measured them)."""
    from rich.cells import cell_len

    return max((cell_len(line) for line in cell.plain.splitlines()), default=0)


def longest_word(cell: Text) -> int:
    """The narrowest a cell can be without a word split, by Rich's own rule for words
    (views.keep_no_break_spaces makes '2 h 8 min' one). A word longer than LONG_WORD (a
    link in a note) is split as Table splits it: kept whole, it would squeeze every other
    column. A bar is never wrapped, only cropped (as Table.grid crops it), so it can be
    narrowed to one cell."""
    from rich._wrap import words
    from rich.cells import cell_len

    if cell.no_wrap:
        return min(1, widest_line(cell))
    lines = cell.plain.splitlines()
    longest = max(
        (cell_len(word.rstrip()) for line in lines for *_, word in words(line)), default=0
    )
    return min(longest, LONG_WORD)


def fitted(measured: list[int], floors: list[int], room: int) -> list[int] | None:
    """Narrow the columns to fit ``room`` as rich.table narrows a grid's: the widest give
    way first, together, down to the next widest (Table._collapse_widths, shared out as
    rich._ratio.ratio_reduce does); unlike Table's, never below their floors. None when
    the columns cannot fit (a column measured narrower than its floor cannot: one word
    is wider than the screen)."""
    if any(width < floor for width, floor in zip(measured, floors, strict=True)):
        return None
    widths = list(measured)
    while (excess := sum(widths) - room) > 0:
        narrowable = [i for i, width in enumerate(widths) if width > floors[i]]
        if not narrowable:
            return None
        widest = max(widths[i] for i in narrowable)
        step = min(excess, widest - max((w for w in widths if w < widest), default=0))
        together = [i for i in narrowable if widths[i] == widest]
        left, share = excess, len(together)
        for i in together:
            cut = min(step, widths[i] - floors[i], round(left / share))
            widths[i] -= cut
            left, share = left - cut, share - 1
    return widths


def row_lines(grid: Grid, row: list[Text], inner: list[int], console: Console) -> list[Text]:
    """One row as lines: each cell wrapped in its column, padded to it, as Table does. A
    word longer than its column is folded onto the next line, where Table.grid cut it
    short with '…': it may be a baby's name."""
    cells = [
        cell.wrap(console, width, justify="left", overflow=cell.overflow or "fold")
        for cell, width in zip(row, inner, strict=True)
    ]
    height = max(len(lines) for lines in cells)
    drawn = []
    for number in range(height):
        line = Text(" " * grid.margin)
        for column, (lines, width) in enumerate(zip(cells, inner, strict=True)):
            if column:
                line.append(" " * grid.gap)
            line.append_text(lines[number] if number < len(lines) else Text(" " * width))
        drawn.append(line)
    return drawn
