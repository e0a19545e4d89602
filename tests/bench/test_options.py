"""Benchmark options that take names refuse unknown names and list the valid ones.

Run as a user runs them: the script as a subprocess, whose argument error ends it with
status 2 before any load starts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from options import name_list, positive_ints  # noqa: E402


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BENCH / script), *args], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize(
    ("script", "option", "value", "valid"),
    [
        ("bench_stream.py", "--systems", "hub,nats", ["'newsflow hub'", "'naive'", "'nats core'"]),
        ("bench_publish_http.py", "--kinds", "short,long", ["'short'", "'arabic'"]),
        ("first_runs.py", "--parts", "heldout12,heldout99", ["'heldout12'", "'heldout30'"]),
        ("text_instructions.py", "--languages", "ar,tr", ["'ar'", "'en'"]),
    ],
)
def test_unknown_names_are_an_error_listing_the_valid_ones(script: str, option: str, value: str,
                                                           valid: list[str]) -> None:
    result = run(script, option, value)
    assert result.returncode == 2
    assert result.stdout == ""  # nothing ran
    error = result.stderr.strip().splitlines()[-1]
    assert option in error and "unknown" in error
    for name in valid:
        assert name in error


def test_name_list_keeps_known_names_in_order_once() -> None:
    parse = name_list(("newsflow hub", "naive", "nats core"), "system")
    assert parse("nats core, newsflow hub,nats core") == ["nats core", "newsflow hub"]
    with pytest.raises(argparse.ArgumentTypeError, match="unknown system 'hub'; valid: 'newsflow hub'"):
        parse("hub")
    with pytest.raises(argparse.ArgumentTypeError, match="none given"):
        parse(" , ")


def test_positive_ints() -> None:
    assert positive_ints("1,4,1") == [1, 4]
    for bad in ("0", "1,x", "", "-3"):
        with pytest.raises(argparse.ArgumentTypeError):
            positive_ints(bad)


def test_profile_without_py_spy_is_an_error_before_anything_starts(tmp_path: Path) -> None:
    """A Python with no py-spy beside it and none on PATH: exit 2, no server, no client."""
    venv_bin = tmp_path / "bin"
    venv_bin.mkdir()
    python = venv_bin / "python"
    python.symlink_to(sys.executable)
    result = subprocess.run([str(python), str(BENCH / "bench_publish_http.py"), "--profile", "--stories", "1"],
                            capture_output=True, text=True, timeout=120, env={"PATH": str(venv_bin)})
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert "--profile needs py-spy" in result.stderr
    assert "Traceback" not in result.stderr
