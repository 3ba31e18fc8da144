"""The collecting commands as users run them: form → fill → import → status, and their messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write
from formfill import fill, row_of


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    folder = tmp_path / "progress"
    folder.mkdir()
    return folder


def test_form_fill_import_status_end_to_end(run, in_root, tmp_path: Path, progress: Path) -> None:
    form = tmp_path / "f.xlsx"
    made = run("form", "市教育局", "--date", "2025-10-31", "--format", "xlsx", "-o", str(form), "--progress", str(progress))
    assert made.exit_code == 0, made.output
    assert "已写入" in made.stdout and "市教育局，12 个目标" in made.stdout
    # As a clerk leaves it: a number typed as text with separators, a full-width one, a
    # formula Excel saved with its result, a milestone chosen from the list.
    fill(form, {"H6": "1,300", "H7": "=100+20", f"H{row_of(form, '12a')}": "１", f"H{row_of(form, '13c')}": "是"}, cached={"H7": "120"})
    done = run("import", str(form), "--progress", str(progress))
    assert done.exit_code == 0, done.output
    assert "已写入：" in done.stdout and "2025-10-31_市教育局.yaml（4 个数值）" in done.stdout
    status = run("status", "--format", "json", "--progress", str(progress), "--as-of", "2025-11-01")
    actual = {t["id"]: t["actual"] for item in json.loads(status.stdout)["tasks"] for t in item["targets"] if t["actual"] is not None}
    assert actual == {"7a": 1300, "7b": 120, "12a": 1, "13c": True}
    again = run("import", str(form), "--progress", str(progress))
    assert again.exit_code == 0 and "未变（内容相同）" in again.stdout


def test_the_printed_form_passes_validate(run, in_root, tmp_path: Path, progress: Path) -> None:
    printed = run("form", "台山市政府", "--date", "2025-10-31", "--progress", str(progress))
    assert printed.exit_code == 0
    saved = write(tmp_path / "2025-10-31_台山市政府.yaml", printed.stdout)
    checked = run("validate", str(saved), "--progress", str(progress))
    assert checked.exit_code == 0 and checked.stdout == "", checked.output


def test_a_batch_with_a_bad_form_writes_the_good_ones(run, in_root, tmp_path: Path, progress: Path) -> None:
    good = write(tmp_path / "good.yaml", "unit: 市民政局\ndate: 2025-10-31\nvalues:\n  2a: 100\n")
    form = tmp_path / "2025-10-31_市教育局.xlsx"
    run("form", "市教育局", "--date", "2025-10-31", "-f", "xlsx", "-o", str(form))
    fill(form, {"H6": "1300人次"})
    result = run("import", str(form), str(good), "--progress", str(progress))
    assert result.exit_code == 1
    assert f"{form.name}:填报!H6: 错误: 7a（心理健康教师培训）：数值后面带了单位“人次”" in result.stdout
    assert f"未导入 1 份：{form}" in result.output
    assert [p.name for p in progress.iterdir()] == ["2025-10-31_市民政局.yaml"]


def test_replace_shows_what_changes_and_dry_run_writes_nothing(run, in_root, tmp_path: Path, progress: Path) -> None:
    first = write(tmp_path / "a.yaml", "unit: 市民政局\ndate: 2025-10-31\nvalues:\n  2a: 100\n")
    second = write(tmp_path / "b.yaml", "unit: 市民政局\ndate: 2025-10-31\nvalues:\n  2a: 110\n")
    assert run("import", str(first), "--progress", str(progress)).exit_code == 0
    refused = run("import", str(second), "--progress", str(progress))
    assert refused.exit_code == 1 and "拒绝覆盖" in refused.stdout and "  2a：100 → 110" in refused.stdout
    dry = run("import", str(second), "--replace", "--dry-run", "--progress", str(progress))
    assert dry.exit_code == 0 and "（试运行）将已替换" in dry.stdout and "  2a: 110\n" in dry.stdout
    assert "2a: 100" in (progress / "2025-10-31_市民政局.yaml").read_text(encoding="utf-8")
    replaced = run("import", str(second), "--replace", "--progress", str(progress))
    assert replaced.exit_code == 0 and "已替换" in replaced.stdout
    assert "2a: 110" in (progress / "2025-10-31_市民政局.yaml").read_text(encoding="utf-8")


def test_form_all_writes_one_form_per_unit(run, in_root, tmp_path: Path) -> None:
    result = run("form", "--all", "--date", "2025-10-31", "-f", "xlsx", "-o", str(tmp_path / "forms"))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "forms").iterdir())
    assert len(names) == 40 and "2025-10-31_市教育局.xlsx" in names and "2025-10-31_台山市政府.xlsx" in names
    assert not any("各县" in n for n in names)
    again = run("form", "--all", "--date", "2025-10-31", "-f", "xlsx", "-o", str(tmp_path / "forms"))
    assert again.exit_code == 0 and again.stdout.count("未变（内容相同）") == 40


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["form", "市教育", "--date", "2025-10-31"], "是否想写 `市教育局`"),
        (["form", "市教育局", "--date", "2024-10-31"], "不在计划年度 2025 内"),
        (["form", "市教育局", "--date", "10月31日"], "缺少年份"),
        (["form", "市教育局", "--date", "2025-10-31", "-f", "xlsx"], "-o"),
        (["form", "--all", "--date", "2025-10-31"], "-o"),
        (["form", "--date", "2025-10-31"], "请写一个单位名"),
        (["import", "no-such.xlsx"], "文件不存在"),
    ],
)
def test_usage_errors(run, in_root, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and message in result.output, result.output


def test_status_does_not_load_openpyxl() -> None:
    code = (
        "import sys\n"
        "from minsheng_cli.cli import app\n"
        "try:\n    app(['status'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'docx', 'jinja2')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


def test_record_adds_a_figure_and_says_what_changed(run, in_root, progress: Path) -> None:
    first = run("record", "--unit", "市教育局", "--date", "2025-10-31", "7a=1001", "7b=120", "--source", "7b=江教〔2025〕8号", "--progress", str(progress))
    assert first.exit_code == 0, first.output
    assert "已写入：" in first.stdout and "  7a：新增 1001\n  7b：新增 {value: 120, source: 江教〔2025〕8号}\n" in first.stdout
    again = run("record", "--unit", "市教育局", "--date", "2025-10-31", "7a=1002", "--progress", str(progress))
    assert again.exit_code == 0 and "  7a：1001 → 1002\n" in again.stdout


def test_record_refuses_an_invalid_value_with_the_usual_message(run, in_root, progress: Path) -> None:
    result = run("record", "--unit", "市民政局", "--date", "2025-10-31", "2c=40%", "--progress", str(progress))
    assert result.exit_code == 1
    assert "2025-10-31_市民政局.yaml:6:7: 错误: 2c（" in result.stdout and "[unit-in-value]" in result.stdout
    assert "文件保持原样" in result.stdout and list(progress.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["7a"], "目标编号=内容"),
        (["7a=1", "7a=2"], "出现了两次"),
        (["7a=1", "--note", "7b=说明"], "7b 没有给数值"),
        (["7a=1", "--unit", "各县（市、区）政府"], "统称"),
    ],
)
def test_record_usage_errors(run, in_root, progress: Path, args: list[str], message: str) -> None:
    base = ["record", "--unit", "市教育局", "--date", "2025-10-31", "--progress", str(progress)]
    result = run(*base, *args)
    assert result.exit_code == 2 and message in result.output, result.output


def test_form_into_a_folder_is_named_for_the_unit_and_date(run, in_root, tmp_path: Path) -> None:
    result = run("form", "市教育局", "--date", "2025-10-31", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "2025-10-31_市教育局.yaml").read_text(encoding="utf-8").startswith("# yaml-language-server")
