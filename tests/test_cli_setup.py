"""`minsheng init` end to end, and `minsheng plan draft`: the real commands."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
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
    monkeypatch.setattr("minsheng_cli.reading.values.today", lambda: __import__("datetime").date(2026, 7, 1))
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


FENJIE = Path(__file__).resolve().parent / "data" / "fenjie"


def test_plan_draft_writes_a_draft_that_validate_refuses_until_reviewed(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "data" / "tasks_2025.yaml"
    result = run("plan", "draft", str(FENJIE / "分解表_2025.xlsx"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"已写入：{out}" in result.output
    assert "草稿：10 件 26 项，41 个责任单位，64 个候选目标，7 个数字未转为目标" in result.output
    monkeypatch.chdir(tmp_path)
    refused = run("validate")
    assert refused.exit_code == 1
    assert "data/tasks_2025.yaml:8:1: 错误: 草稿尚未核对：原文中下列 7 个数字没有转为目标" in refused.stdout
    assert "[draft-review]" in refused.stdout
    assert run("status", "--as-of", "2025-06-30").exit_code == 1


def test_plan_draft_never_overwrites_unasked(run, tmp_path: Path) -> None:
    out = write(tmp_path / "tasks_2025.yaml", "year: 2025\n")
    source = str(FENJIE / "分解表_2025.csv")
    refused = run("plan", "draft", source, "-o", str(out))
    assert refused.exit_code == 1 and "未覆盖" in refused.output
    assert out.read_text(encoding="utf-8") == "year: 2025\n"
    assert run("plan", "draft", source, "-o", str(out), "--force").exit_code == 0
    again = run("plan", "draft", source, "-o", str(out))
    assert again.exit_code == 0 and "未改变（内容相同）" in again.output


def test_plan_draft_to_stdout_and_its_errors(run, tmp_path: Path) -> None:
    result = run("plan", "draft", str(FENJIE / "分解表_2025.docx"))
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["year"] == 2025 and "草稿：" in result.stderr
    no_year = write(tmp_path / "分解表.csv", "序号,工作事项,责任单位,完成时间\n1,办好 3 处。（牵头单位：市民政局）,市民政局,12 月 10 日\n")
    result = run("plan", "draft", str(no_year))
    assert result.exit_code == 2 and "--year" in result.output
    assert yaml.safe_load(run("plan", "draft", str(no_year), "--year", "2026").stdout)["categories"][0]["tasks"][0]["deadline"].year == 2026
    broken = write(tmp_path / "t.xlsx", "不是表格")
    result = run("plan", "draft", str(broken))
    assert result.exit_code == 1 and f"{broken}: 错误: 无法作为 .xlsx 文件读取" in result.output
    assert run("plan", "draft", str(tmp_path / "none.xlsx")).exit_code == 2


def test_plan_still_lists_the_plan_and_has_help(run, in_root) -> None:
    assert "共 10 件，26 项" in run("plan").output
    assert "draft" in run("plan", "--help").output
    assert run("plan", "draft", "--help").exit_code == 0


def test_status_does_not_load_the_table_libraries(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from minsheng_cli.cli import app\n"
        "try:\n"
        "    app(['status', '--as-of', '2025-06-30'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in ('openpyxl', 'docx', 'jinja2') if m in sys.modules]\n"
        "print('LOADED', loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert "LOADED []" in result.stdout, result.stdout + result.stderr
