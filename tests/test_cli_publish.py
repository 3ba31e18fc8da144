"""`minsheng bulletin` and `minsheng export`, run as a user runs them: what they write, what
they say, what they refuse, and that `status` never loads their libraries."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl

from conftest import ROOT
from test_bulletin import SCENARIO

PLAN = str(SCENARIO / "tasks_2025.yaml")
SCENARIO_ARGS = ("--plan", PLAN, "--as-of", "2025-07-31")


def test_markdown_goes_to_stdout_and_stderr_names_the_sources(run) -> None:
    result = run("bulletin", *SCENARIO_ARGS)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# 关于测试民生实事进展情况的通报\n")
    assert "本期（7 月 1 日至 7 月 31 日）" in result.stdout  # --since defaults to the previous month's end
    # Which plan and how many reports were used (the wording is the shared loader's).
    assert "tasks_2025.yaml" in result.stderr
    assert "progress" in result.stderr and "3 份" in result.stderr


def test_since_chooses_the_period(run) -> None:
    result = run("bulletin", *SCENARIO_ARGS, "--since", "2025-05-31")
    assert result.exit_code == 0, result.output
    assert "本期（6 月 1 日至 7 月 31 日）" in result.stdout
    assert "新增逾期 1 项：" in result.stdout


def test_html_and_docx_are_written_once_then_unchanged(run, tmp_path: Path) -> None:
    for name, fmt in (("b.html", "html"), ("通报.docx", None)):
        target = tmp_path / name
        args = ("bulletin", *SCENARIO_ARGS, "-o", str(target)) + (("--format", fmt) if fmt else ())
        first = run(*args)
        assert first.exit_code == 0, first.output
        assert f"已写入：{target}" in first.stderr
        written = target.read_bytes()
        again = run(*args)
        assert again.exit_code == 0
        assert f"内容相同，未改动：{target}" in again.stderr
        assert target.read_bytes() == written
    assert "关于测试民生实事进展情况的通报" in (tmp_path / "b.html").read_text(encoding="utf-8")
    document = docx.Document(str(tmp_path / "通报.docx"))
    assert document.paragraphs[0].text == "关于测试民生实事进展情况的通报"  # no office profile: no 版头


def test_other_content_is_refused_unless_replaced(run, tmp_path: Path) -> None:
    target = tmp_path / "b.md"
    target.write_text("office notes", encoding="utf-8")
    refused = run("bulletin", *SCENARIO_ARGS, "-o", str(target))
    assert refused.exit_code == 1
    assert "已存在且内容不同（加 --replace 覆盖）" in refused.stderr
    assert target.read_text(encoding="utf-8") == "office notes"
    replaced = run("bulletin", *SCENARIO_ARGS, "-o", str(target), "--replace")
    assert replaced.exit_code == 0
    assert f"已覆盖：{target}" in replaced.stderr
    assert target.read_text(encoding="utf-8").startswith("# 关于测试民生实事进展情况的通报")


def test_usage_errors(run, tmp_path: Path) -> None:
    cases = [
        (("--format", "docx"), "docx 格式需要用 -o FILE 指定输出文件"),
        (("--since", "2025-07-31"), "--since 2025-07-31 应早于截至日期 2025-07-31"),
        (("--since", "7月1日"), "--since："),
    ]
    for extra, message in cases:
        result = run("bulletin", *SCENARIO_ARGS, *extra)
        assert result.exit_code == 2, extra
        assert message in result.stderr
    wrong = run("export", *SCENARIO_ARGS, "-o", str(tmp_path / "台账.csv"))
    assert wrong.exit_code == 2
    assert "台账应保存为 .xlsx 文件" in wrong.stderr
    assert not (tmp_path / "台账.csv").exists()


def test_illustrative_html_bulletin_from_the_repository(run, in_root, tmp_path: Path) -> None:
    target = tmp_path / "b.html"
    result = run("bulletin", "--progress", "examples/progress_2025", "--as-of", "2025-09-30", "--format", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert "26 项民生实事中，已完成 4 项，按进度推进 13 项，进度滞后 5 项，已逾期 1 项，未填报 3 项" in html
    assert "第 7 项“维护青少年心理健康”（已逾期 61 天）" in html
    # examples/office.yaml (示例数据) gives the 版头: the 7th issue counting from March.
    assert '<p class="name">民生实事督办通报</p>' in html and "第 7 期" in html
    assert "办公室信息：examples/office.yaml" in result.stderr


def test_export_writes_a_workbook(run, tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    result = run("export", *SCENARIO_ARGS, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert f"已写入：{target}" in result.stderr
    workbook = openpyxl.load_workbook(io.BytesIO(target.read_bytes()))
    items = workbook["事项"]
    assert items["A1"].value == "测试民生实事工作台账（截至 7 月 31 日）"
    header = [c.value for c in items[2]]
    status, light = header.index("状态") + 1, header.index("亮灯") + 1
    assert [items.cell(row=r, column=status).value for r in range(3, 7)] == ["进度滞后", "已逾期", "未填报", "已完成"]
    assert [items.cell(row=r, column=light).value for r in range(3, 7)] == ["黄灯", "红灯", "红灯", "蓝灯"]
    assert workbook["说明"]["B3"].value.date().isoformat() == "2025-07-31"
    # The reports folder by its name, never this machine's path to it.
    texts = [str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(str(SCENARIO) in t for t in texts)
    assert run("export", *SCENARIO_ARGS, "-o", str(target)).exit_code == 0  # the same bytes: unchanged


def test_status_does_not_load_the_document_libraries() -> None:
    code = (
        "import sys\n"
        "from minsheng_cli.cli import app\n"
        "try:\n"
        "    app(['status', '--progress', 'examples/progress_2025', '--as-of', '2025-09-30'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in ('jinja2', 'docx', 'openpyxl', 'markupsafe', 'lxml') if m in sys.modules)\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert "LOADED []" in result.stderr, result.stderr
    assert "截至 2025-09-30" in result.stdout
