"""Shared helpers: the repository's paths, the real plan, and running the real command."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.model.plan import Plan, load_plan

ROOT = Path(__file__).resolve().parents[1]
PLAN_FILE = ROOT / "data" / "tasks_2025.yaml"
EXAMPLES = ROOT / "examples" / "progress_2025"


@pytest.fixture(scope="session")
def plan() -> Plan:
    loaded, problems = load_plan(PLAN_FILE)
    assert loaded is not None, problems
    return loaded


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, as a user of a checkout does."""
    monkeypatch.chdir(ROOT)
    return ROOT


class Run:
    """The real `minsheng` command, run in-process; wide enough that tables are not cut."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, env: dict[str, str] | None = None):
        result = self.runner.invoke(app, list(args), env={"COLUMNS": "250", **(env or {})}, catch_exceptions=False)
        return result


@pytest.fixture
def run() -> Run:
    return Run()


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


TODAY = dt.date(2026, 1, 15)


def csv_rows(output: str) -> list[list[str]]:
    """The rows of minsheng's CSV, which starts with a byte order mark for Excel."""
    import csv
    import io

    assert output.startswith("\ufeff"), "CSV must start with a BOM so Excel shows Chinese"
    return list(csv.reader(io.StringIO(output[1:])))


def run_in_small_filesystem(tmp_path: Path, setup: str, command: list[str], *, size: str = "64k", read_only: bool = False):
    """`setup` (sh) then `command` inside a tmpfs of `size` mounted at tmp_path/fs, in a private
    mount namespace (nothing stays mounted); then the tmpfs's files, one `== name size head` line
    each. Skipped where user namespaces are not allowed."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode != 0:
        pytest.skip("user and mount namespaces are not allowed here")
    fs = tmp_path / "fs"
    fs.mkdir()
    listing = 'for f in "$FS"/* "$FS"/.[!.]*; do [ -e "$f" ] && echo "== $(basename "$f") $(wc -c < "$f") $(head -c 3 "$f")"; done'
    remount = 'mount -o remount,ro "$FS" && ' if read_only else ""
    quoted = " ".join(shlex.quote(part) for part in command)
    script = f'mount -t tmpfs -o size={size} tmpfs "$FS" && cd "$FS" && {setup} && {remount}{{ {quoted}; echo "rc=$?"; }} && {listing}'
    env = {**os.environ, "FS": str(fs)}
    return subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, env=env, timeout=120)


