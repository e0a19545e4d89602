"""Command-line options shared by the benchmarks: lists of names that must be known."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence


def name_list(valid: Sequence[str], what: str = "name") -> Callable[[str], list[str]]:
    """An argparse ``type``: comma-separated names, each one of ``valid``.

    An unknown name is an error that lists the valid ones (argparse prints it and exits
    with status 2), never silently something else.
    """

    def parse(value: str) -> list[str]:
        names = [v.strip() for v in value.split(",") if v.strip()]
        unknown = [n for n in names if n not in valid]
        if unknown or not names:
            shown = ", ".join(repr(n) for n in unknown) or "none given"
            raise argparse.ArgumentTypeError(
                f"unknown {what} {shown}; valid: {', '.join(repr(v) for v in valid)}"
            )
        return list(dict.fromkeys(names))

    return parse


def positive_ints(value: str) -> list[int]:
    """An argparse ``type``: comma-separated positive integers, e.g. ``1,4``."""
    try:
        numbers = [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        numbers = []
    if not numbers or any(n < 1 for n in numbers):
        raise argparse.ArgumentTypeError(f"expected positive integers separated by commas, got {value!r}")
    return list(dict.fromkeys(numbers))
