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
    assert "已写入" in made.stdout and "市教育局，9 个目标" in made.stdout
    # As a clerk leaves it: a number typed as text with separators, a full-width one, a
    # formula Excel saved with its result, a milestone chosen from the list.
    fill(form, {"I6": "1,300", "I7": "=100+20", f"I{row_of(form, '12a')}": "１", f"I{row_of(form, '13c')}": "是"}, cached={"I7": "120"})
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
    fill(form, {"I6": "1300人次"})
    result = run("import", str(form), str(good), "--progress", str(progress))
    assert result.exit_code == 1
    assert f"{form.name}:填报!I6: 错误: 7a（心理健康教师培训）：数值后面带了单位“人次”" in result.stdout
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
    # 40 reporting units, 18 of them co-units with no part and no quota anywhere: they owe nothing.
    assert len(names) == 22 and "2025-10-31_市教育局.xlsx" in names and "2025-10-31_台山市政府.xlsx" in names
    assert "2025-10-31_市财政局.xlsx" not in names and "18 个单位在各项中都是配合单位" in result.stderr and "市财政局" in result.stderr
    assert not any("各县" in n for n in names)
    again = run("form", "--all", "--date", "2025-10-31", "-f", "xlsx", "-o", str(tmp_path / "forms"))
    assert again.exit_code == 0 and again.stdout.count("未变（内容相同）") == 22


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["form", "市教育", "--date", "2025-10-31"], "是否想写 `市教育局`"),
        (["form", "市教育局", "--date", "2024-10-31"], "不在计划年度 2025 内"),
        (["form", "市教育局", "--date", "10月31日"], "缺少年份"),
        (["form", "市教育局", "--date", "2025-10-31", "-f", "xlsx"], "-o"),
        (["form", "--all", "--date", "2025-10-31"], "-o"),
        (["form", "--date", "2025-10-31"], "请写一个单位名"),
        (["import", "no-such.xlsx"], "文件或文件夹不存在"),
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
    added = run("record", "--unit", "市教育局", "--date", "2025-10-31", "12a=3", "--progress", str(progress))
    assert added.exit_code == 0 and "已补充：" in added.stdout and "（原有的数未改动）\n  12a：新增 3\n" in added.stdout


def test_record_changes_a_value_already_there_only_with_replace_as_import_does(run, in_root, tmp_path: Path, progress: Path) -> None:
    form = tmp_path / "2025-10-31_市教育局.xlsx"
    run("form", "市教育局", "--date", "2025-10-31", "-f", "xlsx", "-o", str(form), "--progress", str(progress))
    fill(form, {"I6": 1001})
    assert run("import", str(form), "--progress", str(progress)).exit_code == 0
    report = progress / "2025-10-31_市教育局.yaml"
    before = report.read_bytes()
    refused = run("record", "--unit", "市教育局", "--date", "2025-10-31", "7a=1002", "7b=120", "--progress", str(progress))
    assert refused.exit_code == 1
    assert "中已有 7a 的数，改动如下；确要改用新数请加 --replace" in refused.stdout
    assert "  7a：1001 → 1002\n  7b：新增 120\n" in refused.stdout
    assert report.read_bytes() == before
    replaced = run("record", "--unit", "市教育局", "--date", "2025-10-31", "7a=1002", "7b=120", "--replace", "--progress", str(progress))
    assert replaced.exit_code == 0 and "已替换" in replaced.stdout and "  7a：1001 → 1002\n" in replaced.stdout
    assert "7a: 1002" in report.read_text(encoding="utf-8")


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


def test_import_takes_a_folder_and_names_every_file_it_will_not_read(run, in_root, tmp_path: Path, progress: Path) -> None:
    inbox = tmp_path / "收到"
    form = inbox / "2025-10-31_市教育局.xlsx"
    run("form", "市教育局", "--date", "2025-10-31", "-f", "xlsx", "-o", str(form), "--progress", str(progress))
    fill(form, {"I6": 1300})
    write(inbox / "2025-10-31_市民政局.yaml", "unit: 市民政局\ndate: 2025-10-31\nvalues:\n  2a: 100\n")
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    for name, data in {
        "2025-10-31_市卫生健康局.xls": ole2,
        "台山.xlsx": ole2,  # an old workbook renamed .xlsx by hand
        "恩平.ods": b"PK\x03\x04ods",
        "开平.csv": "编号,本次累计值\n1a,1500\n".encode("utf-8"),
        "微信截图.png": b"\x89PNG\r\n\x1a\n" + bytes(20),
        "盖章件.pdf": b"%PDF-1.7\n",
        "说明.docx": b"PK\x03\x04docx",
        "~$2025-10-31_市教育局.xlsx": b"\x00lock",
    }.items():
        (inbox / name).write_bytes(data)
    result = run("import", str(inbox), "--progress", str(progress))
    assert result.exit_code == 1
    said = {line.split("（")[0]: line for line in result.stdout.splitlines() if line.startswith("未读取：")}
    reasons = {
        "2025-10-31_市卫生健康局.xls": "这是 .xls 格式的表格，不能读取：请在 Excel 或 WPS 中打开，“另存为”Excel 工作簿（.xlsx）后再导入",
        "台山.xlsx": "这是旧版 .xls 格式（虽然名为 .xlsx）的表格",
        "恩平.ods": "另存为”Excel 工作簿（.xlsx）",
        "开平.csv": "CSV 文件不是填报表：请该单位发回填报表（.xlsx），或用 minsheng record 录入其中的数",
        "微信截图.png": "这是图片，不是填报表",
        "盖章件.pdf": "这是 PDF，不是填报表",
        "说明.docx": "不认识的文件",
        "~$2025-10-31_市教育局.xlsx": "临时文件",
    }
    assert sorted(said) == sorted(f"未读取：{inbox / name}" for name in reasons)
    for name, reason in reasons.items():
        assert reason in said[f"未读取：{inbox / name}"]
    assert "2025-10-31_市教育局.yaml（1 个数值）" in result.stdout and "2025-10-31_市民政局.yaml（1 个数值）" in result.stdout
    assert "共 10 个文件：成功 2 份，未读取 8 个：" in result.stderr
    assert sorted(p.name for p in progress.iterdir()) == ["2025-10-31_市教育局.yaml", "2025-10-31_市民政局.yaml"]


def test_import_of_a_missing_folder_says_so(run, in_root, tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "收到"))
    assert result.exit_code == 2 and f"文件或文件夹不存在：{tmp_path / '收到'}" in result.stderr


# The period, not today ------------------------------------------------------------------------

@pytest.fixture
def early_november(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clerk works on October's round on 3 November."""
    monkeypatch.setattr("minsheng_cli.reading.values.today", lambda: __import__("datetime").date(2025, 11, 3))


def test_form_and_record_default_to_the_last_month_end_and_say_so(run, in_root, tmp_path: Path, progress: Path, early_november) -> None:
    made = run("form", "市教育局", "-f", "xlsx", "-o", str(tmp_path), "--progress", str(progress))
    assert made.exit_code == 0, made.output
    assert "本期截至 2025-10-31（默认：上一个月末；另选日期用 --date）" in made.stderr.splitlines()[0]
    assert (tmp_path / "2025-10-31_市教育局.xlsx").is_file()
    recorded = run("record", "--unit", "市教育局", "7a=1001", "--progress", str(progress))
    assert recorded.exit_code == 0, recorded.output
    assert "本期截至 2025-10-31（默认：上一个月末；另选日期用 --date）" in recorded.stderr
    assert [p.name for p in progress.iterdir()] == ["2025-10-31_市教育局.yaml"]
    given = run("record", "--unit", "市教育局", "--date", "2025-09-30", "7a=900", "--progress", str(progress))
    assert given.exit_code == 0 and "本期截至 2025-09-30（--date）" in given.stderr


def test_missing_defaults_to_last_month_and_asks_for_the_form_sent_for_it(run, in_root, progress: Path, early_november) -> None:
    write(progress / "2025-10-31_市教育局.yaml", "unit: 市教育局\ndate: 2025-10-31\nvalues:\n  7a: 1001\n")
    result = run("missing", "--progress", str(progress))
    assert result.exit_code == 0, result.output
    assert "本期 2025-10-01 至 2025-10-31（默认：上一个月末；另选日期用 --as-of；开始日默认该月 1 日，另选用 --since）" in result.stderr
    assert result.stdout.startswith("截至 2025-10-31，自 2025-10-01 以来应报")
    assert "市教育局" not in result.stdout.splitlines()[0]
    assert "报送截至 10 月 31 日的累计完成情况" in result.stdout
    assert "（2025-10-31_市民政局.xlsx）" in result.stdout and "2025-11-03" not in result.stdout


def test_missing_reads_a_closed_year_at_its_end_as_status_does(run, in_root, progress: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("minsheng_cli.reading.values.today", lambda: __import__("datetime").date(2026, 12, 3))
    result = run("missing", "--progress", str(progress))
    assert result.exit_code == 0, result.output
    assert "本期 2025-12-01 至 2025-12-31（默认：2025 年度已结束，即年末" in result.stderr
    assert result.stdout.startswith("截至 2025-12-31，自 2025-12-01 以来") and "2026-" not in result.stdout


def test_import_with_a_period_leaves_out_a_form_of_another_date(run, in_root, tmp_path: Path, progress: Path) -> None:
    inbox = tmp_path / "收到"
    for date, value in (("2025-10-31", 1300), ("2025-09-30", 1100)):
        form = inbox / f"{date}_市教育局.xlsx"
        run("form", "市教育局", "--date", date, "-f", "xlsx", "-o", str(form), "--progress", str(progress))
        fill(form, {"I6": value})
    result = run("import", str(inbox), "--date", "2025-10-31", "--progress", str(progress))
    assert result.exit_code == 1
    assert "本期截至 2025-10-31（--date），其他日期的表不导入" in result.stderr
    assert f"{inbox / '2025-09-30_市教育局.xlsx'}:填报!B3: 错误: 这份表的截至日期是 2025-09-30，不是本期的 2025-10-31" in result.stdout
    assert [p.name for p in progress.iterdir()] == ["2025-10-31_市教育局.yaml"]
    both = run("import", str(inbox), "--progress", str(progress))
    assert both.exit_code == 0, both.output
    assert "本期按各表的截至日期" in both.stderr and "截至日期：2025-10-31 1 份、2025-09-30 1 份" in both.stderr


# Messages in the form's language --------------------------------------------------------------

def test_an_excel_form_s_problems_are_at_the_value_s_cell_in_the_form_s_words(run, in_root, tmp_path: Path, progress: Path) -> None:
    write(progress / "2025-09-30_市教育局.yaml", "unit: 市教育局\ndate: 2025-09-30\nvalues:\n  7a: 1100\n")
    form = tmp_path / "2025-10-31_市教育局.xlsx"
    run("form", "市教育局", "--date", "2025-10-31", "-f", "xlsx", "-o", str(form), "--progress", str(progress))

    def errors(result) -> dict[str, str]:
        found = dict(line.split(": 错误: ", 1) for line in result.stdout.splitlines() if ": 错误: " in line)
        for words in ("note", "value", "true", "false", "{"):
            assert words not in "".join(found.values()).replace("2025-09-30_市教育局.yaml", ""), words
        return found

    c13 = f"I{row_of(form, '13c')}"
    fill(form, {"I6": 1001, c13: "完成了"})  # 7a lower than September's, 13c not 是/否
    first = run("import", str(form), "--progress", str(progress))
    assert first.exit_code == 1
    found = errors(first)
    assert sorted(found) == [f"{form}:填报!{c13}"]
    assert "定性任务只选“是”（已完成）或“否”（未完成）" in found[f"{form}:填报!{c13}"]
    fill(form, {c13: "是"})
    second = run("import", str(form), "--progress", str(progress))
    found = errors(second)
    assert list(found) == [f"{form}:填报!I6"]  # the value's cell, not the 编号's
    assert "若是更正数据，请在“说明”列写明更正原因" in found[f"{form}:填报!I6"]
    fill(form, {"J6": "更正：9 月重复计数"})
    fixed = run("import", str(form), "--progress", str(progress))
    assert fixed.exit_code == 0, fixed.output
    # 15b (a 降幅 in %) is the lead's, 市公安局's: over 100% is refused until the 说明 explains it.
    police = tmp_path / "2025-10-31_市公安局.xlsx"
    run("form", "市公安局", "--date", "2025-10-31", "-f", "xlsx", "-o", str(police), "--progress", str(progress))
    fill(police, {"I7": 150})
    over = run("import", str(police), "--progress", str(progress))
    assert over.exit_code == 1
    found = errors(over)
    assert list(found) == [f"{police}:填报!I7"]
    assert "如数值确实无误，请在“说明”列写明原因" in found[f"{police}:填报!I7"]
    fill(police, {"J7": "按省口径"})
    explained = run("import", str(police), "--progress", str(progress))
    assert explained.exit_code == 0, explained.output
    assert f"{police}:填报!I7: 警告:" in explained.stdout


def test_a_figure_typed_over_the_last_value_is_noticed_and_named(run, in_root, tmp_path: Path, progress: Path) -> None:
    write(progress / "2025-09-30_市教育局.yaml", "unit: 市教育局\ndate: 2025-09-30\nvalues:\n  7a: 1100\n")
    form = tmp_path / "2025-10-31_市教育局.xlsx"
    run("form", "市教育局", "--date", "2025-10-31", "-f", "xlsx", "-o", str(form), "--progress", str(progress))
    fill(form, {"G6": 1300, "I7": 120})  # October's 7a typed into 上次填报; 7b where it belongs
    result = run("import", str(form), "--progress", str(progress))
    assert result.exit_code == 1
    assert (f"{form}:填报!G6: 错误: “上次填报”被改动：表里是 1300，本单位上次报的是 1100"
            "（“上次填报”只供参考，请改回原样；本次的数请填在“本次累计值”列（I6）） [last-value-changed]") in result.stdout
    assert not (progress / "2025-10-31_市教育局.yaml").exists()
    fill(form, {"I6": 1300, "G7": 5})  # the figure moved to its column; 7b's 上次填报 (never reported) typed over
    moved = run("import", str(form), "--progress", str(progress))
    assert moved.exit_code == 0, moved.output
    assert f"{form}:填报!G6: 警告: “上次填报”被改动：表里是 1300，本单位上次报的是 1100" in moved.stdout
    assert f"{form}:填报!G7: 警告: “上次填报”被改动：表里是 5，本单位此前没有填报这个目标" in moved.stdout
    assert "7a: 1300" in (progress / "2025-10-31_市教育局.yaml").read_text(encoding="utf-8")


# --- faults of the file system, as users meet them (#18) -----------------------------------------

from conftest import PLAN_FILE, run_in_small_filesystem  # noqa: E402

REPORT = "unit: 市教育局\ndate: 2025-10-31\nvalues:\n  7a: 1000\n"


def _minsheng(*args: str) -> list[str]:
    return [sys.executable, "-m", "minsheng_cli", *args, "--plan", str(PLAN_FILE), "--progress", "."]


FAULTS = {
    # the report there already; the disk then made read-only
    "read-only": (f"printf {json.dumps(REPORT, ensure_ascii=False)} > 2025-10-31_市教育局.yaml", True, "磁盘或文件夹是只读的"),
    # the 64 KiB tmpfs filled to the last byte
    "full": ("{ head -c 200000 /dev/zero > filler 2>/dev/null; true; }", False, "磁盘已满"),
}


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("command", ["record", "import"])
def test_a_read_only_or_full_disk_is_said_and_nothing_changes(tmp_path: Path, fault: str, command: str) -> None:
    setup, read_only, why = FAULTS[fault]
    sent = write(tmp_path / "r.yaml", REPORT.replace("1000", "1001"))
    args = ["record", "7a=1001", "--unit", "市教育局", "--date", "2025-10-31", "--replace"] if command == "record" else ["import", str(sent), "--replace"]
    done = run_in_small_filesystem(tmp_path, setup, _minsheng(*args), read_only=read_only)
    assert f"无法写入 2025-10-31_市教育局.yaml：{why}" in done.stdout, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "rc=1" in done.stdout
    left = [line.split()[1:3] for line in done.stdout.splitlines() if line.startswith("== ")]
    if fault == "read-only":
        assert left == [["2025-10-31_市教育局.yaml", str(len(REPORT.encode()))]], "the old report is as it was"
    else:
        assert [name for name, _ in left] == ["filler"], "no report, no temporary file"


@pytest.mark.parametrize("kind", ["folder", "loop"])
def test_a_folder_or_link_loop_at_the_reports_place(run, in_root, tmp_path: Path, progress: Path, kind: str) -> None:
    place = progress / "2025-10-31_市教育局.yaml"
    place.mkdir() if kind == "folder" else place.symlink_to(place.name)
    why = "这是一个文件夹，不是文件" if kind == "folder" else "这是一个循环的符号链接"
    recorded = run("record", "7a=1001", "--unit", "市教育局", "--date", "2025-10-31", "--progress", str(progress))
    assert recorded.exit_code == 1 and f"无法写入 {progress / place.name}：{why}" in recorded.stdout
    sent = write(tmp_path / "r.yaml", REPORT)
    imported = run("import", str(sent), "--progress", str(progress))
    assert imported.exit_code == 1 and f"无法写入 {progress / place.name}：{why}" in imported.stdout
    assert place.is_dir() if kind == "folder" else place.is_symlink()


def test_a_link_loop_among_the_reports_is_named_not_a_crash(run, in_root, tmp_path: Path, progress: Path) -> None:
    write(progress / "2025-10-30_市教育局.yaml", "unit: 市教育局\ndate: 2025-10-30\nvalues:\n  7a: 900\n")
    (progress / "stray.yaml").symlink_to("stray.yaml")
    checked = run("validate", "--progress", str(progress))
    assert checked.exit_code == 1
    assert f"{progress / 'stray.yaml'}:1:1: 错误: 无法读取文件：这是一个循环的符号链接" in checked.stdout
    status = run("status", "--progress", str(progress), "--as-of", "2025-11-01")
    assert status.exit_code == 1 and f"未计入：{progress / 'stray.yaml'}" in status.stderr
    sent = write(tmp_path / "r.yaml", REPORT)
    imported = run("import", str(sent), "--progress", str(progress))
    assert imported.exit_code == 0, imported.output
    assert (progress / "2025-10-31_市教育局.yaml").is_file()


def test_validate_names_what_an_interrupted_write_left(run, in_root, progress: Path) -> None:
    write(progress / "2025-10-30_市教育局.yaml", "unit: 市教育局\ndate: 2025-10-30\nvalues:\n  7a: 900\n")
    write(progress / ".2025-10-31_市教育局.yaml.a1b2c3d4.tmp", "unit: 市教")
    checked = run("validate", "--progress", str(progress))
    assert checked.exit_code == 0
    assert f"{progress / '.2025-10-31_市教育局.yaml.a1b2c3d4.tmp'}: 警告: 中断的写入留下的临时文件" in checked.stdout
    assert "1 份报告" in checked.output
    assert run("validate", "--strict", "--progress", str(progress)).exit_code == 1


def test_form_into_a_link_loop_says_so(run, in_root, tmp_path: Path) -> None:
    loop = tmp_path / "f.xlsx"
    loop.symlink_to(loop.name)
    result = run("form", "市教育局", "--date", "2025-10-31", "-f", "xlsx", "-o", str(loop))
    assert result.exit_code == 1 and f"无法写入 {loop}：这是一个循环的符号链接" in result.stderr
    assert loop.is_symlink()


def test_a_co_unit_with_no_part_is_told_it_need_not_report(run, in_root) -> None:
    result = run("form", "市财政局", "--date", "2025-10-31")
    assert result.exit_code == 0
    assert "市财政局 在各项中都是配合单位、没有单独的任务数，不必填报" in result.stderr
    assert "# 填报分工：市财政局：你单位在第 8、14、18、24 项中是配合单位" in result.stdout
    assert result.stdout.endswith("values:\n")
