"""`minsheng init`: the files of a new office's repository, written safely, then git's first commit.

The plan skeleton and the office's README are templates in `skeleton/`. The workflow, the report
template and the hook are this repository's own files (the wheel carries copies, see
pyproject.toml), so a new office gets exactly what this repository documents and tests.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from string import Template

import yaml

from minsheng_cli.repository.files import Outcome, write_file

_SKELETON = Path(__file__).resolve().parents[1] / "skeleton"
_SOURCE_ROOT = Path(__file__).resolve().parents[3]
#: The new repository's files that are this repository's own, by their place here.
SHARED = {
    ".github/workflows/minsheng.yml": "docs/github-actions-validate.yml",
    "templates/progress_report.yaml": "templates/progress_report.yaml",
}
_HOOKS = ".pre-commit-hooks.yaml"


def shared_file(source: str) -> bytes:
    """One of this repository's files: the wheel's copy, or the checkout's (editable install)."""
    for base in (_SKELETON / "shared", _SOURCE_ROOT):
        if (base / source).is_file():
            return (base / source).read_bytes()
    raise FileNotFoundError(f"minsheng 安装不完整，缺少 {source}")


def pre_commit_config() -> bytes:
    """A `.pre-commit-config.yaml` running this repository's hook with the installed minsheng
    (a `local` hook of language `system`, so no repository address is needed)."""
    hook = dict(yaml.safe_load(shared_file(_HOOKS))[0])
    hook["language"] = "system"
    header = (
        "# 提交前校验计划与进度报告：安装 minsheng 与 pre-commit 后运行一次 pre-commit install。\n"
        "# 用本机已安装的 minsheng 运行（language: system）。也可改为引用 minsheng 仓库：\n"
        "#   - repo: <minsheng 仓库地址>\n"
        "#     rev: <标签>\n"
        "#     hooks:\n"
        "#       - id: minsheng-validate\n"
    )
    body = yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, allow_unicode=True, sort_keys=False)
    return (header + body).encode("utf-8")


def repository_files(*, city: str, year: int) -> dict[str, bytes]:
    """Every file of a new repository, by its path there."""
    from minsheng_cli.model.schemas import schema_json

    fill = {"city": city, "year": str(year)}

    def template(name: str) -> bytes:
        return Template((_SKELETON / name).read_text(encoding="utf-8")).substitute(fill).encode("utf-8")

    files = {
        f"data/tasks_{year}.yaml": template("tasks.yaml"),
        "data/progress/.gitkeep": b"",
        "README.md": template("README.md"),
        ".pre-commit-config.yaml": pre_commit_config(),
        **{place: shared_file(source) for place, source in SHARED.items()},
    }
    for kind in ("plan", "progress"):
        files[f"schemas/{kind}.schema.json"] = (schema_json(kind) + "\n").encode("utf-8")
    return files


def write_repository(folder: Path, files: dict[str, bytes], *, replace: bool = False) -> list[tuple[str, Outcome]]:
    """Write the files under `folder`, each through `write_file`; what became of each."""
    return [(name, write_file(folder / name, data, replace=replace)) for name, data in files.items()]


@dataclass(frozen=True)
class GitResult:
    done: bool
    message: str


def first_commit(folder: Path, message: str) -> GitResult:
    """`git init` and a first commit of everything in `folder`, if git is installed and the folder
    is not in a repository already."""
    git = shutil.which("git")
    if git is None:
        return GitResult(False, "未找到 git，没有建立 git 仓库")
    inside = subprocess.run([git, "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True)
    if inside.returncode == 0:
        return GitResult(False, f"已在 git 仓库 {inside.stdout.strip()} 中，没有另建仓库，也没有提交")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", message]):
        step = subprocess.run([git, *args], cwd=folder, capture_output=True, text=True)
        if step.returncode != 0:
            reason = (step.stderr or step.stdout).strip().splitlines()
            return GitResult(False, f"git {args[0]} 未完成：{reason[-1] if reason else step.returncode}（修正后在该目录运行 git add -A && git commit）")
    return GitResult(True, "已建立 git 仓库并完成首次提交")
