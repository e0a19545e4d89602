"""The layers hold (import-linter's contracts in pyproject.toml), and the check fails on
a violation: a copy of the package with web importing the store is rejected."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _lint_imports() -> str:
    found = Path(sys.executable).parent / "lint-imports"
    if not found.exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    return str(found)


def _check(package_parent: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [_lint_imports(), "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
    )


def test_the_layers_hold() -> None:
    result = _check(ROOT / "src", ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("web/planted.py", "from newsflow.store import database\n", "web never imports the store"),
        ("services/planted.py", "from newsflow.flow import signal\n", "core/text/formats <- store"),
        ("core/planted.py", "import sqlalchemy\n", "the pure core imports no framework"),
    ],
)
def test_a_planted_violation_breaks_the_check(tmp_path: Path, module: str, line: str, contract: str) -> None:
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "newsflow", copy / "newsflow", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    (copy / "newsflow" / module).write_text(f'"""A violation planted by the test."""\n\n{line}')
    result = _check(copy, tmp_path)
    assert result.returncode != 0, result.stdout
    planted = "newsflow." + module.removesuffix(".py").replace("/", ".")
    broken = result.stdout[result.stdout.index("Broken contracts"):] if "Broken contracts" in result.stdout else ""
    assert contract in broken and planted in broken, result.stdout
