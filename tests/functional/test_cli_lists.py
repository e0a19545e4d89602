"""Every ``list`` command, read the way a script reads it: through a pipe.

In a pipe there is no terminal width: rows are complete tab-separated lines (nothing cut
to 80 columns), and ``--json`` gives the rows themselves.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsflow.config import Settings
from newsflow.store.leads import Lead
from newsflow.wiring import build_services

EMAIL = "sara.al-mansouri.subscriptions-desk@very-long-newspaper-domain.example.org"
NEWSFLOW = str(Path(sys.executable).parent / "newsflow")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    services = build_services(Settings(data_dir=tmp_path, secret_key="cli-secret"))
    services.leads.add(Lead("Caspian Herald and Evening Courier Group", "Sara Al-Mansouri", EMAIL, "AZ",
                            ("ar", "en"), ("economy",), "Tab\there, and\na second line", "en"))
    services.subscribers.create({"name": "Daily Star of the Long Name Region", "categories": ["economy"]})
    services.db.dispose()
    return tmp_path


def newsflow(data_dir: Path, *args: str) -> str:
    """Run the command with stdout a pipe, as ``newsflow ... | cat`` does."""
    env = {"NEWSFLOW_DATA_DIR": str(data_dir), "NEWSFLOW_SECRET_KEY": "cli-secret", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([NEWSFLOW, *args], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_leads_list_in_a_pipe_is_complete_tab_separated_lines(data_dir: Path) -> None:
    header, row, *rest = newsflow(data_dir, "leads", "list").splitlines()
    assert rest == []
    assert header.split("\t") == ["id", "received", "organisation", "contact", "e-mail", "country",
                                  "languages", "categories", "status"]
    fields = row.split("\t")
    assert len(fields) == 9
    assert fields[2] == "Caspian Herald and Evening Courier Group"
    assert fields[4] == EMAIL  # whole, however long
    assert fields[6:] == ["ar,en", "economy", "new"]


def test_subscribers_list_in_a_pipe(data_dir: Path) -> None:
    lines = newsflow(data_dir, "subscribers", "list").splitlines()
    assert lines[0].split("\t")[:3] == ["id", "name", "active"]
    assert [line.split("\t")[1:4] for line in lines[1:]] == [["Daily Star of the Long Name Region", "yes", "economy"]]


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["leads", "list"], lambda rows: rows[0]["email"] == EMAIL and rows[0]["message"].startswith("Tab\there")),
        (["subscribers", "list"], lambda rows: rows[0]["name"] == "Daily Star of the Long Name Region"),
        (["usage", "report", "--month", "2026-01"], lambda rows: isinstance(rows, list)),
    ],
)
def test_every_list_has_json(data_dir: Path, args: list[str], check) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(newsflow(data_dir, *args, "--json"))
    assert isinstance(rows, list) and check(rows)


def test_an_unknown_name_is_refused_with_the_valid_ones(data_dir: Path) -> None:
    env = {"NEWSFLOW_DATA_DIR": str(data_dir), "NEWSFLOW_SECRET_KEY": "cli-secret", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([NEWSFLOW, "subscribers", "create", "Gazette", "--categories", "economy,sport"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2
    assert "unknown category 'sport'; valid: " in result.stderr and "sports" in result.stderr
    result = subprocess.run([NEWSFLOW, "leads", "list", "--status", "pending"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2
    assert "'pending'" in result.stderr and "new" in result.stderr and "converted" in result.stderr
