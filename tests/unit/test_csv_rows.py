"""Import's CSV reading names the columns once (for speed) yet reads every file exactly as
csv.DictReader does: the same rows, the same keys, the same values."""

from __future__ import annotations

import csv
import io
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bondcoach.core.cells import restore_cell
from bondcoach.core.transfer import _csv_rows


def by_dict_reader(text: str) -> list[dict[str, Any]]:
    """The rows as the code before read them: csv.DictReader, keys tidied on each row."""
    reader = csv.DictReader(io.StringIO(text))
    return [
        {
            (key or "").strip().lower(): restore_cell(value) if isinstance(value, str) else value
            for key, value in row.items()
        }
        for row in reader
    ]


cell = st.text(alphabet="ab ,;'=+\"", max_size=6)
line = st.lists(cell, min_size=0, max_size=5).map(lambda cells: ",".join(cells))


@settings(max_examples=300, deadline=None)
@given(
    header=st.sampled_from(["start,minutes", " Start ,MINUTES,note", "start,minutes,who,who"]),
    lines=st.lists(line, max_size=6),
)
def test_rows_are_read_as_dict_reader_reads_them(header: str, lines: list[str]) -> None:
    text = "\n".join([header, *lines]) + "\n"
    try:
        expected = by_dict_reader(text)
    except csv.Error:
        return  # a file the reader refuses: the line number is tested in tests/cli
    assert [row for _, row in _csv_rows(text)] == expected
