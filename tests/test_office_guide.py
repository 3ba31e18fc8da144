"""The office guide, followed literally: its commands, in its order, on a new computer.

Every line of a ```sh block in docs/办公室指南.md is run as written, in a clean HOME with no
git identity, from a fresh `minsheng init`, with a bare repository standing in for the shared
one IT provides (仓库地址). Between the guide's commands the test does only what a person does
by hand: fill in the plan (the guide's planning section), and put the units' filled forms in
收到/. If the guide and the tool drift apart, this fails at the line that no longer works.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PLAN_FILE, ROOT
from formfill import fill, row_of
from minsheng_cli import __version__

GUIDE = ROOT / "docs" / "办公室指南.md"
#: The guide's section where the office fills in its plan: done here with the 2025 plan.
PLAN_SECTION = "填写本年度计划"
#: The placeholder for the shared repository's address.
ADDRESS = "仓库地址"
#: The units whose filled forms come back, with a figure each; 7a of 市教育局 comes by phone.
RECEIVED = {"市教育局": ("7b", 120), "市卫生健康局": ("1a", 1200), "市民政局": ("2a", 150)}


def guide_steps(text: str) -> list[tuple[str, str]]:
    """(section, command) for every line of every ```sh block, in order; a section with no
    commands still appears, as (section, "")."""
    steps: list[tuple[str, str]] = []
    section, block = "", False
    for line in text.splitlines():
        stripped = line.strip()
        if not block and line.startswith("## "):
            section = line[3:].strip()
            steps.append((section, ""))
        elif stripped.startswith("```"):
            block = not block and stripped == "```sh"
        elif block and stripped and not stripped.startswith("#"):
            steps.append((section, stripped))
    return steps


def receive_forms(work: Path) -> None:
    """What comes back from the units: their own forms from 填报表/, filled, in 收到/."""
    inbox = work / "收到"
    inbox.mkdir()
    for unit, (target, value) in RECEIVED.items():
        sent = next((work / "填报表").glob(f"*_{unit}.xlsx"))
        received = shutil.copy(sent, inbox / sent.name)
        fill(Path(received), {f"I{row_of(Path(received), target)}": value})


@pytest.mark.skipif(shutil.which("git") is None, reason="the guide uses git")
def test_the_office_guide_followed_literally_on_a_new_computer(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, work = tmp_path / "home", tmp_path / "home"
    home.mkdir()
    for name in ("HOME", "USERPROFILE"):
        monkeypatch.setenv(name, str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    for role in ("AUTHOR", "COMMITTER"):
        for what in ("NAME", "EMAIL"):
            monkeypatch.delenv(f"GIT_{role}_{what}", raising=False)
    # October's round, done in early November.
    monkeypatch.setattr("minsheng_cli.reading.values.today", lambda: dt.date(2025, 11, 3))
    shared = tmp_path / "shared.git"
    subprocess.run(["git", "init", "-q", "--bare", str(shared)], check=True)

    steps = guide_steps(GUIDE.read_text(encoding="utf-8"))
    sections = [s for s, command in steps if not command]
    assert any(PLAN_SECTION in s for s in sections), f"the guide has no section「{PLAN_SECTION}」"
    commands = [command for _, command in steps if command]
    first = {word: next(i for i, c in enumerate(commands) if c.startswith(word)) for word in ("python -m pip install", "git config --global", "minsheng init")}
    assert first["python -m pip install"] < first["git config --global"] < first["minsheng init"], "install → git identity → init"

    said: dict[str, object] = {}
    for section, command in steps:
        if not command:
            if PLAN_SECTION in section:
                # As the office does it, from its published 分解表: here the 2025 plan itself.
                shutil.copy(PLAN_FILE, work / "data" / "tasks_2025.yaml")
            continue
        argv = shlex.split(command)
        if argv[:4] == ["python", "-m", "pip", "install"]:
            # This environment has minsheng installed already; the guide must name the wheel this
            # version builds (the README's route), and nothing else.
            assert argv[4:] == [f"minsheng-{__version__}-py3-none-any.whl"], command
            continue
        if argv[0] == "cd":
            work = work / argv[1]
            assert work.is_dir(), command
            continue
        if argv[0] == "python":
            argv[0] = sys.executable
        if argv[0] == "minsheng":
            if argv[1] == "import":
                receive_forms(work)
            monkeypatch.chdir(work)
            result = run(*argv[1:])
            assert result.exit_code == 0, f"{command}\n{result.output}"
            said[command] = result
            continue
        argv = [str(shared) if word == ADDRESS else word for word in argv]
        done = subprocess.run(argv, cwd=work, capture_output=True, text=True)
        assert done.returncode == 0, f"{command}\n{done.stdout}{done.stderr}"
        said[command] = done

    def output(prefix: str) -> str:
        result = next(r for c, r in said.items() if c.startswith(prefix))
        return result.stdout + result.stderr

    assert "下一步（依次输入这三条命令）" in output("minsheng init")
    assert "本期截至 2025-10-31（--date）" in output("minsheng form --all")
    imported = output("minsheng import")
    assert imported.count("已写入：") == 3 and "共 3 个文件：成功 3 份" in imported
    assert "  7a：新增 {value: 1001, note: 电话报送，待补正式报表}" in output("minsheng record")
    assert output("minsheng validate").strip().splitlines()[-1].startswith("检查通过")
    assert "截至 2025-10-31，自 2025-10-01 以来应报" in output("minsheng missing")
    status = output("minsheng status")
    assert "进度报告 data/progress/ 中 3 份（其中 3 个文件的改动尚未提交到 git" in status
    for made in ("2025年10月督办通报.docx", "2025年10月督办通报.html", "2025年10月台账.xlsx"):
        assert (work / made).is_file()
    git = lambda *args, cwd=work: subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout  # noqa: E731
    assert git("status", "--porcelain", "--", "data") == ""
    log = git("log", "--format=%an|%s").splitlines()
    assert log == ["张三|2025年10月各单位填报", "张三|minsheng init：江门市 2025 年民生实事"]
    assert git("log", "--format=%s", "-1", "HEAD", cwd=shared).strip() == "2025年10月各单位填报"
    assert re.search(r"data/progress/2025-10-31_市教育局\.yaml", git("show", "--stat", "--format=", "HEAD"))
