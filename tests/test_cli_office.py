"""The command line as the office uses it: never silent, one spelling everywhere, filters, Chinese
usage errors, colours and widths. Each test runs the real command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, csv_rows, write
from minsheng_cli.engine.status import FLAG_LABELS

EX = ["--progress", str(EXAMPLES), "--as-of", "2025-09-30"]


# 1. Never silent -----------------------------------------------------------------------------

def test_a_report_left_out_is_named_and_the_run_exits_1(run, in_root, tmp_path: Path) -> None:
    for f in EXAMPLES.glob("*.yaml"):
        write(tmp_path / f.name, f.read_text(encoding="utf-8"))
    bad = write(tmp_path / "2025-09-30_市民政局.yaml", "unit: 市民政局\ndate: 2025-09-30\nvalues:\n  2a: 1500人\n")
    result = run("status", "--progress", str(tmp_path), "--as-of", "2025-09-30")
    assert result.exit_code == 1
    assert f"未计入：{bad}（市民政局，1 处错误）" in result.stderr
    assert "截至 2025-09-30" in result.stdout  # the table is still there
    allowed = run("status", "--progress", str(tmp_path), "--as-of", "2025-09-30", "--allow-invalid")
    assert allowed.exit_code == 0 and f"未计入：{bad}" in allowed.stderr
    assert allowed.stdout == result.stdout
    for command in (("overdue",), ("show", "2")):
        assert run(*command, "--progress", str(tmp_path), "--as-of", "2025-09-30").exit_code == 1


def test_outside_a_project_it_says_it_uses_the_bundled_plan_and_no_reports(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("status", "--as-of", "2025-09-30")
    assert result.exit_code == 0
    assert "进度报告 0 份" in result.stderr
    assert "注意：没有进度报告目录 data/progress，全部事项按未填报计算" in result.stderr
    checked = run("validate")
    assert "没有进度报告目录" in checked.stderr and "只检查了计划" in checked.stderr


def test_json_stays_clean_while_stderr_says_what_was_used(run, in_root) -> None:
    result = run("status", "--format", "json", *EX)
    assert json.loads(result.stdout)["summary"]["done"] == 4
    assert "数据：计划 data/tasks_2025.yaml；进度报告 examples/progress_2025/ 中 20 份" in result.stderr


# 2. One consistent command line --------------------------------------------------------------

@pytest.mark.parametrize("command", ["status", "overdue"])
def test_every_grouping_spelling_gives_the_same_output(run, in_root, command: str) -> None:
    for spellings in ((["--by", "unit"], ["--by-unit"], ["--by", "单位"]), (["--by", "leader"], ["--by-leader"], ["--by", "分管市领导"])):
        outputs = {run(command, *spelling, "--format", "json", *EX).stdout for spelling in spellings}
        assert len(outputs) == 1


def test_conflicting_or_unknown_groupings_are_usage_errors(run, in_root) -> None:
    result = run("status", "--by", "leader", "--by-unit", *EX)
    assert result.exit_code == 2 and "分组只能选一种" in result.stderr
    result = run("overdue", "--by", "部门", *EX)
    assert result.exit_code == 2 and "可选：unit 单位" in result.stderr


def test_by_unit_lists_each_district_government_never_the_group(run, in_root) -> None:
    out = run("status", "--by", "unit", *EX).stdout
    assert "台山市政府（吴楷钊）" in out and "各县（市、区）政府（" not in out
    data = json.loads(run("overdue", "--by-unit", "--include-behind", "--format", "json", "--progress", str(EXAMPLES), "--as-of", "2025-12-31").stdout)
    names = [u["name"] for u in data["units"]]
    assert "各县（市、区）政府" not in names
    taishan = next(u for u in data["units"] if u["name"] == "台山市政府")
    assert 1 in [t["no"] for t in taishan["tasks"]]  # item 1 names 各县（市、区）政府


def test_filters_select_items_and_say_so(run, in_root) -> None:
    data = json.loads(run("status", "--unit", "市教育局", "--format", "json", *EX).stdout)
    assert [t["no"] for t in data["tasks"]] == [7, 12, 13, 14, 15]  # leads 7, 12, 13; shares 14, 15
    leader = json.loads(run("status", "--leader", "曹 阳", "--format", "json", *EX).stdout)
    assert [t["no"] for t in leader["tasks"]] == [2, 3, 8, 9, 10, 11, 17, 22]
    english = run("status", "--status", "behind", "--format", "json", *EX).stdout
    chinese = run("status", "--status", "进度滞后", "--format", "json", *EX)
    assert english == chinese.stdout and json.loads(english)["summary"]["behind"] == 5
    assert "筛选：状态 进度滞后（26 项中 5 项）" in chinese.stderr
    by_number = json.loads(run("status", "--category", "3", "--format", "json", *EX).stdout)
    by_word = json.loads(run("status", "--category", "青少年", "--format", "json", *EX).stdout)
    assert [t["no"] for t in by_number["tasks"]] == [t["no"] for t in by_word["tasks"]] == [6, 7]
    district = json.loads(run("overdue", "--unit", "台山市", "--format", "json", "--progress", str(EXAMPLES), "--as-of", "2025-12-31").stdout)
    assert 1 in [t["no"] for t in district["tasks"]]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [("--unit", "市教育", "是否想写 `市教育局`"), ("--leader", "张三", "本计划的分管市领导"), ("--status", "红", "可选："), ("--category", "99", "写序号或标题中的词")],
)
def test_a_filter_that_matches_nothing_in_the_plan_is_a_usage_error(run, in_root, option: str, value: str, message: str) -> None:
    result = run("status", option, value, *EX)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output


def test_show_several_items_and_one_target(run, in_root) -> None:
    data = json.loads(run("show", "7", "12", "--format", "json", *EX).stdout)
    assert [item["no"] for item in data] == [7, 12]
    one = json.loads(run("show", "7", "--format", "json", *EX).stdout)
    assert one["no"] == 7  # one item stays one object, as the JSON contract says
    target = run("show", "7a", *EX).stdout
    assert "心理健康教师培训" in target and "7b" not in target
    missing = run("show", "7z", *EX)
    assert missing.exit_code == 2 and "既不是事项序号，也不是目标编号" in missing.stderr


# Chinese usage errors and help -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["status", "--nope"], "错误：没有选项 --nope"),
        (["status", "--prog", "x"], "是否想用 --progress"),
        (["status", "--tolerance", "200"], "错误：--tolerance 的值无效：应不大于 100"),
        (["status", "--due-soon-days", "x"], "错误：--due-soon-days 的值无效：应为整数"),
        (["status", "--plan"], "错误：选项 --plan 后面需要一个值"),
        (["status", "extra"], "错误：多余的参数：extra"),
        (["schema"], "错误：缺少参数"),
        (["status", "--format", "pdf"], "“pdf”不是可选的值"),
    ],
)
def test_usage_errors_are_in_chinese(run, in_root, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr, result.stderr
    assert "Error" not in result.stderr and "Usage" not in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("command", ["status", "overdue", "show", "validate", "plan", "schema"])
def test_help_is_chinese_and_has_no_type_names(run, command: str) -> None:
    short, long = run(command, "-h"), run(command, "--help")
    assert short.exit_code == 0 and short.stdout == long.stdout
    assert "用法：" in short.stdout and "显示本帮助并退出" in short.stdout
    for english in ("Usage:", "Options:", "Show this message", "<float range>", "<int range>", "<list[", "[[", "[default:"):
        assert english not in short.stdout


# Colours and widths -----------------------------------------------------------------------------

def test_status_colours_follow_the_traffic_lights(run, in_root) -> None:
    out = run("status", *EX, env={"FORCE_COLOR": "1", "COLUMNS": "200"}).stdout
    assert "\x1b[1;31m红灯 已逾期" in out  # red
    assert "\x1b[33m黄灯 进度滞后" in out  # yellow
    assert "\x1b[32m绿灯 按进度推进" in out  # green
    assert "\x1b[34m蓝灯 已完成" in out  # blue: done
    assert "\x1b[90m" in out and "未填报" in out  # grey: nothing to judge
    plain = run("status", *EX, env={"NO_COLOR": "1", "COLUMNS": "200"}).stdout
    assert "\x1b[" not in plain and "红灯 已逾期" in plain  # the word survives printing


@pytest.mark.parametrize("by", ["category", "unit"])
@pytest.mark.parametrize("columns", ["80", "100", "120", "200"])
def test_piped_tables_follow_columns_and_never_cut_a_name_or_a_figure(run, in_root, columns: str, by: str) -> None:
    from rich.cells import cell_len

    out = run("status", "--by", by, *EX, env={"COLUMNS": columns}).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= int(columns)
    assert "市城市管理综合执法局" in out and "市卫生健康局" in out  # whole, never split or cut
    headers = [line for line in out.splitlines() if "工作事项" in line]
    assert headers and all("序号" in line and "状态" in line for line in headers)
    assert "100%" in out and "原定 12-10" in out  # item 4's extended deadline shows the original under it
    if columns == "200":  # room enough: the whole first clause of every item
        assert "为至少 1500 名失能老年人免费提供健康管理、康复护理及指导、心理支持和能力综合评估等上门服务" in out


def test_expected_progress_is_said_once_where_a_group_shares_it(run, in_root) -> None:
    out = run("status", *EX).stdout
    assert "一、加大老年人关怀服务力度（序时进度 79%）" in out
    assert re.search(r"^三、加强青少年心理健康服务 *$", out, re.MULTILINE)  # items 6 and 7 differ: the column stays


def test_csv_has_one_fact_per_column(run, in_root) -> None:
    rows = csv_rows(run("status", "--format", "csv", *EX).stdout)
    header = rows[0]
    seven = dict(zip(header, next(r for r in rows if r[0] == "7")))
    assert seven["牵头单位"] == "市教育局" and seven["责任人"] == "梁凤琼"
    assert seven["状态"] == "已逾期" and seven["亮灯"] == "红灯" and seven["连续滞后"] == "是"
    assert seven["逾期天数"] == "61" and seven["完成度（%）"] == "97" and seven["延期至"] == ""
    assert all(flag in header for flag in FLAG_LABELS.values())
    assert seven["完成日期"] == ""  # empty, not "—"


def test_the_bulletin_and_the_ledger_take_the_same_filters(run, in_root, tmp_path: Path) -> None:
    import openpyxl

    bulletin = run("bulletin", *EX, "--leader", "曹阳")
    assert bulletin.exit_code == 0, bulletin.output
    assert "（截至 2025 年 9 月 30 日；分管市领导 曹阳）" in bulletin.stdout
    assert "截至 9 月 30 日，8 项民生实事中，已完成 2 项" in bulletin.stdout  # items 2, 3, 8, 9, 10, 11, 17, 22
    target = tmp_path / "市教育局台账.xlsx"
    assert run("export", *EX, "--unit", "市教育局", "-o", str(target)).exit_code == 0
    workbook = openpyxl.load_workbook(target)
    assert [row[0].value for row in workbook["事项"].iter_rows(min_row=3)] == [7, 12, 13, 14, 15]
    numbers = {row[3].value for row in workbook["填报记录"].iter_rows(min_row=3)}
    assert numbers and numbers <= {7, 12, 13, 14, 15}  # only the readings of its items
    assert run("export", *EX, "--unit", "教育局", "-o", str(tmp_path / "x.xlsx")).exit_code == 2
