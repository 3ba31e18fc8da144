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


#: A new repository ignores what an interrupted write leaves (`.2025-10-31_市教育局.yaml.k2j4x9ab.tmp`),
#: so `git add -A` does not commit it; `validate` names such files too.
GITIGNORE = "# minsheng 写入中断时留下的临时文件（下次写入时自动清理）\n.*.tmp\n".encode("utf-8")


def repository_files(*, city: str, year: int) -> dict[str, bytes]:
    """Every file of a new repository, by its path there."""
    from minsheng_cli.model.schemas import schema_json

    fill = {"city": city, "year": str(year)}

    def template(name: str) -> bytes:
        return Template((_SKELETON / name).read_text(encoding="utf-8")).substitute(fill).encode("utf-8")

    files = {
        f"data/tasks_{year}.yaml": template("tasks.yaml"),
        # The people's congress loop: blank until the vote, the inspections and the survey come.
        **{f"data/{kind}_{year}.yaml": template(f"{kind}.yaml") for kind in ("candidates", "inspections", "survey")},
        "data/progress/.gitkeep": b"",
        "data/office.yaml": template("office.yaml"),
        "README.md": template("README.md"),
        ".pre-commit-config.yaml": pre_commit_config(),
        ".gitignore": GITIGNORE,
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
    """What became of git's part of `init`: `done` when the first commit was made; `failed`
    when it was meant to be made and could not be (the run must then exit non-zero)."""

    done: bool
    message: str
    failed: bool = False


#: How to tell git who commits, in the words of the office guide (once per computer).
IDENTITY_HINT = (
    '请先告诉 git 你是谁（每台电脑只需一次）：\n'
    '  git config --global user.name "张三"\n'
    '  git config --global user.email "zhangsan@example.gov.cn"\n'
    "然后重新运行这条 minsheng init 命令"
)


def git_problem() -> str | None:
    """Why a first commit could not be made on this computer (git missing, or git not told
    who commits), before anything is written; None when it can."""
    git = shutil.which("git")
    if git is None:
        return "没有找到 git：请先安装 Git for Windows（或本单位软件库中的 Git），装好后在新的命令提示符窗口中运行 git --version 确认"
    # useConfigOnly: git must not make up an identity from the computer's name, as it may on
    # Linux; an identity in the environment (GIT_AUTHOR_NAME…) still counts.
    for ident in ("GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"):
        asked = subprocess.run([git, "-c", "user.useConfigOnly=true", "var", ident], capture_output=True, text=True)
        if asked.returncode != 0:
            return "git 还不知道提交人的姓名和邮箱，无法建立首次提交；没有写入任何文件。\n" + IDENTITY_HINT
    return None


def first_commit(folder: Path, message: str) -> GitResult:
    """`git init` and a first commit of everything in `folder`, if the folder is not in a
    repository already. `core.quotepath false` makes `git status` show Chinese file names as
    they are rather than as octal escapes."""
    git = shutil.which("git")
    if git is None:
        return GitResult(False, "未找到 git，没有建立 git 仓库", failed=True)
    inside = subprocess.run([git, "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True)
    if inside.returncode == 0:
        return GitResult(False, f"已在 git 仓库 {inside.stdout.strip()} 中，没有另建仓库，也没有提交")
    for args in (["init", "-q"], ["config", "core.quotepath", "false"], ["add", "-A"], ["commit", "-q", "-m", message]):
        step = subprocess.run([git, *args], cwd=folder, capture_output=True, text=True)
        if step.returncode != 0:
            reason = (step.stderr or step.stdout).strip().splitlines()
            return GitResult(False, f"git {args[0]} 未完成：{reason[-1] if reason else step.returncode}"
                                    f"（修正后在该目录运行 git add -A 和 git commit -m \"{message}\"）", failed=True)
    return GitResult(True, f"已建立 git 仓库并完成首次提交：“{message}”")
