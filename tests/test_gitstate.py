"""Reports not yet committed: noticed in the 数据 line, cheaply, and never a failure."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PLAN_FILE, write
from minsheng_cli.repository import gitstate

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def office(tmp_path: Path) -> Path:
    """An office's repository with the 2025 plan and one committed report."""
    repo = tmp_path / "民生实事"
    write(repo / "data" / "tasks_2025.yaml", PLAN_FILE.read_text(encoding="utf-8"))
    write(repo / "data" / "progress" / "2025-09-30_市教育局.yaml", "unit: 市教育局\ndate: 2025-09-30\nvalues:\n  7a: 900\n")
    env = {"GIT_AUTHOR_NAME": "督查办", "GIT_AUTHOR_EMAIL": "o@example.invalid", "GIT_COMMITTER_NAME": "督查办", "GIT_COMMITTER_EMAIL": "o@example.invalid"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "九月"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env={**__import__("os").environ, **env})
    return repo


@needs_git
def test_status_says_in_its_data_line_which_reports_are_not_committed(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = office(tmp_path)
    monkeypatch.chdir(repo)
    clean = run("status", "--as-of", "2025-10-31")
    assert clean.stderr.splitlines()[0] == "数据：计划 data/tasks_2025.yaml；进度报告 data/progress/ 中 1 份"
    write(repo / "data" / "progress" / "2025-10-31_市教育局.yaml", "unit: 市教育局\ndate: 2025-10-31\nvalues:\n  7a: 1001\n")
    (repo / "data" / "progress" / "2025-09-30_市教育局.yaml").write_text("unit: 市教育局\ndate: 2025-09-30\nvalues:\n  7a: 950\n", encoding="utf-8")
    dirty = run("status", "--as-of", "2025-10-31")
    assert dirty.stderr.splitlines()[0] == (
        "数据：计划 data/tasks_2025.yaml；进度报告 data/progress/ 中 2 份"
        "（其中 2 个文件的改动尚未提交到 git：git add data 后 git commit -m \"说明\" 保存；git status 可查看）"
    )
    recorded = run("record", "--unit", "市教育局", "--date", "2025-10-31", "7b=120")
    assert "尚未提交到 git" in recorded.stderr.splitlines()[0]


def test_outside_a_repository_git_is_not_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "progress"
    folder.mkdir()
    monkeypatch.setattr(gitstate.shutil, "which", lambda name: pytest.fail("git asked outside a repository"))
    if gitstate.repository_root(folder) is None:
        assert gitstate.uncommitted(folder) is None and gitstate.uncommitted_note(folder) == ""


@needs_git
def test_without_git_installed_nothing_is_said_and_nothing_fails(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = office(tmp_path)
    write(repo / "data" / "progress" / "2025-10-31_市教育局.yaml", "unit: 市教育局\ndate: 2025-10-31\nvalues:\n  7a: 1001\n")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    result = run("status", "--as-of", "2025-10-31")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == "数据：计划 data/tasks_2025.yaml；进度报告 data/progress/ 中 2 份"
