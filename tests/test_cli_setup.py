"""`minsheng init` end to end, and `minsheng plan draft`: the real commands."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import write


@pytest.fixture
def git_identity(monkeypatch: pytest.MonkeyPatch) -> None:
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "督查办")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "office@example.invalid")


def fill(plan_text: str) -> str:
    """Fill the skeleton the way its header shows: the example item, uncommented."""
    lines = plan_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# units:"))
    end = next(i for i, line in enumerate(lines) if line.startswith("#           1a:"))
    example = "\n".join(line[2:] for line in lines[start:end + 1])
    return plan_text.replace("units: {}\n\ndistricts: {}\n\ncategories: []\n", example + "\n")


def test_init_creates_a_repository_that_validates_once_its_plan_is_filled(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git_identity) -> None:
    repo = tmp_path / "佛山"
    result = run("init", str(repo), "--city", "佛山市", "--year", "2026")
    assert result.exit_code == 0, result.output
    for name in ("data/tasks_2026.yaml", ".pre-commit-config.yaml", ".github/workflows/minsheng.yml", "README.md"):
        assert f"已写入：{repo / name}" in result.output
    assert (repo / "data" / "progress").is_dir()
    monkeypatch.chdir(repo)
    unfilled = run("validate")
    assert unfilled.exit_code == 1 and "data/tasks_2026.yaml:" in unfilled.output
    plan = repo / "data" / "tasks_2026.yaml"
    plan.write_text(fill(plan.read_text(encoding="utf-8")), encoding="utf-8")
    filled = run("validate")
    assert filled.exit_code == 0, filled.output
    assert run("status", "--as-of", "2026-06-30", "--format", "csv").stdout.count("\n") == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_init_makes_the_first_commit(run, tmp_path: Path, git_identity) -> None:
    result = run("init", str(tmp_path / "r"), "--city", "江门市", "--year", "2026")
    assert "已建立 git 仓库并完成首次提交" in result.output
    tracked = subprocess.run(["git", "ls-files"], cwd=tmp_path / "r", capture_output=True, text=True, check=True).stdout.split()
    assert {"data/tasks_2026.yaml", "data/progress/.gitkeep", ".pre-commit-config.yaml", ".github/workflows/minsheng.yml"} <= set(tracked)


def test_the_pre_commit_hook_runs_validate_on_the_changed_data_files(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git_identity) -> None:
    """What pre-commit does on a commit: the hook's entry with the changed files its pattern matches."""
    repo = tmp_path / "r"
    run("init", str(repo), "--city", "江门市", "--year", "2026")
    plan = repo / "data" / "tasks_2026.yaml"
    plan.write_text(fill(plan.read_text(encoding="utf-8")), encoding="utf-8")
    hook = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"][0]
    good = write(repo / "data" / "progress" / "2026-06-30_市民政局.yaml", "unit: 市民政局\ndate: 2026-06-30\nvalues:\n  1a: 120\n")
    changed = [str(p.relative_to(repo)) for p in (plan, good, repo / "README.md")]
    staged = [name for name in changed if re.search(hook["files"], name)]
    assert staged == ["data/tasks_2026.yaml", "data/progress/2026-06-30_市民政局.yaml"]
    program, *args = hook["entry"].split()
    assert program == "minsheng"
    monkeypatch.chdir(repo)
    monkeypatch.setattr("minsheng_cli.values.today", lambda: __import__("datetime").date(2026, 7, 1))
    assert run(*args, *staged).exit_code == 0
    bad = write(repo / "data" / "progress" / "2026-07-01_市民政局.yaml", "unit: 市民政局\ndate: 2026-07-01\nvalues:\n  1a: 100\n")
    result = run(*args, str(bad.relative_to(repo)))
    assert result.exit_code == 1 and "[count-decreased]" in result.output


def test_init_refuses_a_non_empty_folder(run, tmp_path: Path) -> None:
    kept = write(tmp_path / "README.md", "已有的说明\n")
    result = run("init", str(tmp_path), "--city", "江门市", "--year", "2026")
    assert result.exit_code == 2 and "不是空的" in result.output and "--force" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]
    forced = run("init", str(tmp_path), "--city", "江门市", "--year", "2026", "--force")
    assert forced.exit_code == 1
    assert f"未覆盖（已有不同内容）：{kept}" in forced.output and "没有建立 git 提交" in forced.output
    assert kept.read_text(encoding="utf-8") == "已有的说明\n"
    assert (tmp_path / "data" / "tasks_2026.yaml").is_file()


def test_init_again_changes_nothing(run, tmp_path: Path, git_identity) -> None:
    run("init", str(tmp_path / "r"), "--city", "江门市", "--year", "2026")
    again = run("init", str(tmp_path / "r"), "--city", "江门市", "--year", "2026", "--force")
    assert again.exit_code == 0
    assert again.output.count("未改变（内容相同）") == 8 and "已写入" not in again.output


@pytest.mark.parametrize("args", [("--city", " ", "--year", "2026"), ("--city", "江门市", "--year", "26")])
def test_init_usage_errors(run, tmp_path: Path, args: tuple[str, ...]) -> None:
    assert run("init", str(tmp_path / "r"), *args).exit_code == 2
    assert not (tmp_path / "r").exists()
