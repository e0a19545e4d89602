"""newsflow.listing: a pipe gets every row whole, one line each."""

from __future__ import annotations

import io
import json

from newsflow.listing import Column, print_rows

ROWS = [{"name": "Caspian\tHerald", "note": "two\nlines", "n": 1}]
COLUMNS = [Column("name", lambda r: r["name"]), Column("note", lambda r: r["note"])]


def test_not_a_terminal_gives_tab_separated_lines_with_nothing_cut() -> None:
    out = io.StringIO()  # not a TTY
    print_rows(ROWS * 2, COLUMNS, out=out)
    assert out.getvalue() == "name\tnote\nCaspian Herald\ttwo lines\nCaspian Herald\ttwo lines\n"


def test_json_is_the_rows_themselves() -> None:
    out = io.StringIO()
    print_rows(ROWS, COLUMNS, as_json=True, out=out)
    assert json.loads(out.getvalue()) == ROWS
