"""``newsflow serve`` hands uvicorn an app built on the configured database, with the
objects built at start-up frozen out of the garbage collector (docs/performance.md)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from newsflow.cli import app


def test_serve_freezes_startup_objects_before_serving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def run(application: Any, **options: Any) -> None:
        seen.update(app=application, frozen=gc.get_freeze_count(), **options)

    monkeypatch.setattr(uvicorn, "run", run)
    gc.unfreeze()
    env = {
        "NEWSFLOW_DATA_DIR": str(tmp_path),
        "NEWSFLOW_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "NEWSFLOW_SECRET_KEY": "test-secret-key",
    }
    try:
        result = CliRunner().invoke(app, ["serve", "--port", "8765"], env=env)
    finally:
        gc.unfreeze()  # the rest of the suite collects as usual
    assert result.exit_code == 0, result.output
    assert isinstance(seen["app"], FastAPI)
    assert seen["port"] == 8765
    # the app, its services and every imported module: tens of thousands of objects
    assert seen["frozen"] > 10_000
