"""Docs kept honest: every setting the code reads is in the README, every CLI group in --help."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from newsflow.cli import app

ROOT = Path(__file__).resolve().parents[2]


def test_every_environment_setting_is_documented_in_the_readme() -> None:
    used = set()
    for path in (ROOT / "src" / "newsflow").rglob("*.py"):
        used |= set(re.findall(r"NEWSFLOW_[A-Z_]+", path.read_text(encoding="utf-8")))
    documented = set(re.findall(r"`(NEWSFLOW_[A-Z_]+)`", (ROOT / "README.md").read_text(encoding="utf-8")))
    assert used, "no settings found: the scan is broken"
    assert sorted(used - documented) == []


def test_the_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_every_cli_group_has_help() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for group in ("serve", "demo", "db", "stories", "flow", "users", "subscribers", "usage", "search", "leads"):
        assert re.search(rf"\b{group}\b", result.output), group
