"""视察与督办建议: the file's checks at their lines, and which suggestions are open and past due
as of a date; `show`, the bulletin and `missing` on the illustrative set."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from conftest import EXAMPLES, ROOT, write
from minsheng_cli.engine.inspections import past_due, suggestion_states
from minsheng_cli.model.inspections import load_inspections
from minsheng_cli.model.plan import Plan

ARGS = ("--progress", str(EXAMPLES), "--as-of", "2025-09-30")
TODAY = dt.date(2026, 1, 15)


def test_the_illustrative_file_is_valid(plan: Plan) -> None:
    record, problems = load_inspections(ROOT / "examples" / "inspections_2025.yaml", plan, today=TODAY)
    assert problems == [] and record is not None
    assert (len(record.inspections), len(record.suggestions)) == (3, 4)


def test_bad_entries_are_refused_at_their_lines(tmp_path: Path, plan: Plan) -> None:
    text = """\
inspections:
  - date: 2025-06-18
    kind: 检查
    deputies: [张三]
    items: [1, 27]
    findings: 问题
suggestions:
  - item: 3
    date: 2025-06-20
    due: 2025-06-01
    text: 建议
    unit: 市教育局
    reply: {date: 2025-06-10, text: 答复, state: 已完成}
  - item: 30
    date: 2026-02-01
    due: 2026-03-01
    text: 建议
"""
    _, problems = load_inspections(write(tmp_path / "inspections_2025.yaml", text), plan, today=TODAY)
    assert [(p.line, p.code) for p in problems] == [(3, "not-allowed"), (13, "not-allowed")]
    fixed = text.replace("检查", "视察").replace("已完成", "已办结")
    _, problems = load_inspections(write(tmp_path / "inspections_2025.yaml", fixed), plan, today=TODAY)
    assert [(p.line, p.column, p.code) for p in problems] == [
        (5, 16, "unknown-task"), (10, 10, "due-before-date"), (12, 11, "unit-not-responsible"),
        (13, 19, "reply-before-date"), (14, 11, "unknown-task"), (15, 11, "future-date"),
    ]


def test_open_until_a_reply_says_done_and_past_due_after_the_due_day(plan: Plan) -> None:
    record, _ = load_inspections(ROOT / "examples" / "inspections_2025.yaml", plan, today=TODAY)
    assert record is not None
    on = {s.task.number: (s.open, s.days_past_due, s.state) for s in suggestion_states(plan, record, dt.date(2025, 9, 15))}
    # Item 7 is due on 09-15: not yet past due that day; item 9's reply (09-20) is not yet known.
    assert on == {2: (True, 15, "未答复"), 7: (True, 0, "办理中"), 9: (True, 0, "未答复"), 18: (True, 0, "未答复")}
    late = past_due(plan, record, dt.date(2025, 9, 30))
    assert [(s.task.number, s.days_past_due, s.unit) for s in late] == [(2, 30, "市民政局"), (7, 15, "市教育局")]
    # 办结 on 09-20: closed from then on, even though its due date passes.
    assert [s.task.number for s in past_due(plan, record, dt.date(2025, 12, 31))] == [2, 7, 18]


def test_show_lists_the_items_inspections_and_suggestions(run, in_root: Path) -> None:
    result = run("show", "7", *ARGS)
    assert result.exit_code == 0, result.output
    assert "视察与督办建议：examples/inspections_2025.yaml（视察、调研 3 次，督办建议 4 条）" in result.stderr
    assert "专题调研" in result.stdout and "办理中·逾期 15 天" in result.stdout
    data = json.loads(run("show", "7", *ARGS, "-f", "json").stdout)
    assert data["suggestions"][0] | {"text": ""} == {
        "item": 7, "date": "2025-08-15", "due": "2025-09-15", "text": "", "unit": "市教育局", "state": "办理中", "open": True,
        "days_past_due": 15, "reply": {"date": "2025-09-10", "text": "示例：已增开两期培训，讲座场次正在补足。", "state": "办理中"},
    }
    assert [i["kind"] for i in data["inspections"]] == ["专题调研"]
    quiet = json.loads(run("show", "5", *ARGS, "-f", "json").stdout)
    assert quiet["inspections"] == [] and quiet["suggestions"] == []


def test_show_without_the_file_adds_nothing(run, in_root: Path) -> None:
    data = json.loads(run("show", "7", "--as-of", "2025-09-30", "-f", "json").stdout)
    assert "suggestions" not in data


def test_the_bulletin_lists_open_suggestions_past_due(run, in_root: Path) -> None:
    result = run("bulletin", *ARGS)
    assert result.exit_code == 0, result.output
    section = result.stdout.split("、人大代表督办建议办理情况")[1]
    assert "超过办理期限仍未办结 2 条，涉及市民政局、市教育局" in section
    assert "| 2 | 示例：建议加密养老护理员培训班次，9 月底前补齐差距。 | 市民政局 | 2025-07-10 | 2025-08-31 | 30 | 未答复 |" in section
    early = run("bulletin", "--progress", str(EXAMPLES), "--as-of", "2025-08-31")
    assert "没有超过办理期限仍未办结的人大代表督办建议" in early.stdout


def test_missing_reminds_units_of_suggestions_past_due(run, in_root: Path) -> None:
    result = run("missing", "--since", "2025-09-01", *ARGS)
    assert result.exit_code == 0, result.output
    assert "超过办理期限仍未办结的督办建议 2 条：市民政局、市教育局" in result.stdout
    assert "【督办建议催办】市教育局（责任人：梁凤琼）" in result.stdout
    data = json.loads(run("missing", "--since", "2025-09-01", *ARGS, "-f", "json").stdout)
    assert [(s["item"], s["days_past_due"]) for s in data["suggestions"]] == [(2, 30), (7, 15)]


def test_a_broken_inspections_file_stops_show_and_the_bulletin_at_its_line(run, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path / "data" / "tasks_2025.yaml", (ROOT / "data" / "tasks_2025.yaml").read_text(encoding="utf-8"))
    (tmp_path / "data" / "progress").mkdir()
    write(tmp_path / "data" / "inspections_2025.yaml", "suggestions:\n  - item: 7\n    date: 2025-08-15\n    due: 2025-09-15\n    txet: 建议\n")
    monkeypatch.chdir(tmp_path)
    for args in (("show", "7", "--year", "2025"), ("bulletin", "--as-of", "2025-09-30")):
        result = run(*args)
        assert result.exit_code == 1
        assert "data/inspections_2025.yaml:5:5: 错误: 未知字段 `txet`（是否想写 `text`？）" in result.stderr
        assert result.stdout == ""


def test_a_file_as_windows_notepad_saves_it_reads(tmp_path: Path, plan: Plan) -> None:
    text = (ROOT / "examples" / "inspections_2025.yaml").read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "inspections_2025.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # a BOM and CRLF line ends
    record, problems = load_inspections(path, plan, today=TODAY)
    assert problems == [] and record is not None and len(record.suggestions) == 4
