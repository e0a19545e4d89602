"""How the command line prints a list: a table at a terminal, complete lines in a pipe.

A table is fitted to the terminal's width. Piped into another program (``| cat``,
``| grep``, a file) there is no width to fit, and a table cut to 80 columns lost data
(e-mail addresses ending in "…"). So when standard output is not a terminal every row is
one line of tab-separated values, after a header line; ``--json`` prints the rows
themselves as a JSON array, whatever standard output is.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

Row = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    value: Callable[[Row], str]


def print_rows(
    rows: Sequence[Row], columns: Sequence[Column], *, as_json: bool = False, title: str | None = None,
    out: TextIO | None = None,
) -> None:
    stream = out or sys.stdout
    if as_json:
        stream.write(json.dumps(list(rows), ensure_ascii=False, indent=2, default=str) + "\n")
        return
    if not stream.isatty():
        lines = ["\t".join(c.header for c in columns)]
        lines += ["\t".join(_cell(c.value(row)) for c in columns) for row in rows]
        stream.write("\n".join(lines) + "\n")
        return
    table = Table(*(c.header for c in columns), title=title)
    for row in rows:
        table.add_row(*(c.value(row) for c in columns))
    Console(file=stream).print(table)


def _cell(value: str) -> str:
    """One field of a tab-separated line: tabs and line breaks inside become spaces."""
    return " ".join(value.replace("\t", " ").splitlines())
