"""The real `minsheng` commands: exit codes, the text users read, and the JSON contracts."""

from __future__ import annotations

import io
import shutil
import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, PLAN_FILE, ROOT, csv_rows, write
from minsheng_cli.cli import app
from minsheng_cli.engine.status import FLAG_LABELS

EX = ["--progress", str(EXAMPLES), "--as-of", "2025-09-30"]


def test_every_command_has_help_text(run) -> None:
    for command in app.registered_commands:
        assert command.callback.__doc__, command.name
    result = run("--help")
    assert result.exit_code == 0
    for name in ("plan", "show", "status", "overdue", "validate", "schema"):
        assert name in result.output


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("minsheng ")


def test_plan_lists_all_items_by_category(run, in_root) -> None:
    result = run("plan")
    assert result.exit_code == 0
    assert "共 10 件，26 项" in result.output
    assert "一、加大老年人关怀服务力度" in result.output and "十、开展关爱孕产妇、新生儿健康服务" in result.output
    for heading in ("序号", "工作事项", "牵头单位", "分管市领导", "完成时间", "目标数"):
        assert heading in result.output


def test_colour_only_on_a_terminal(run, in_root) -> None:
    args = ("status", "--progress", str(EXAMPLES), "--as-of", "2025-09-30")
    assert "\x1b[" not in run(*args).output
    assert "\x1b[" in run(*args, env={"FORCE_COLOR": "1"}).output  # rich treats this as a terminal


def test_plan_json_contract(run, in_root) -> None:
    data = json.loads(run("plan", "--format", "json").stdout)
    assert data["year"] == 2025
    assert data["categories"][0] == {"no": 1, "title": "加大老年人关怀服务力度", "tasks": [1, 2, 3]}
    first = data["tasks"][0]
    assert {k: first[k] for k in ("no", "category", "lead_unit", "leader", "deadline")} == {
        "no": 1, "category": 1, "lead_unit": "市卫生健康局", "leader": "周佩珊", "deadline": "2025-12-10"
    }
    assert first["units"] == [{"name": "市卫生健康局", "person": "刘学文"}, {"name": "各县（市、区）政府", "person": "各县（市、区）长"}]
    assert first["targets"][0] == {"id": "1a", "name": "失能老年人免费上门服务", "kind": "count", "op": ">=", "value": 1500, "unit": "名"}
    milestone = next(t for t in data["tasks"][1]["targets"] if t["id"] == "2b")
    assert (milestone["kind"], milestone["op"], milestone["value"]) == ("milestone", None, None)


def test_plan_csv_and_markdown(run, in_root) -> None:
    rows = csv_rows(run("plan", "--format", "csv").stdout)
    assert rows[0] == ["分组", "序号", "工作事项", "牵头单位", "分管市领导", "完成时间", "目标数"]
    assert len(rows) == 27
    markdown = run("plan", "--format", "markdown").output
    assert "### 一、加大老年人关怀服务力度" in markdown and "| 序号 | 工作事项 |" in markdown


def test_show_everything_about_an_item(run, in_root) -> None:
    result = run("show", "9", "--as-of", "2025-06-30")
    assert result.exit_code == 0
    out = result.output
    assert "3.13 万批次（含农业农村部门 0.9 万批次）" in out
    assert "五、强化食品、药品安全监管" in out and "曹阳" in out and "2025-12-10" in out
    units = csv_rows(run("show", "9", "--as-of", "2025-06-30", "--format", "csv").stdout)
    assert ["市市场监管局", "谢少谋", "牵头"] in units and ["市农业农村局", "郑少强", ""] in units
    assert "不少于 31,300 批次" in out and "不少于 6.5 批次/千人" in out
    assert "未填报" in out


def test_show_with_history_and_status(run) -> None:
    data = json.loads(run("show", "7", "--format", "json", *EX, "--plan", str(PLAN_FILE)).stdout)
    assert data["status"] == "overdue" and data["days_overdue"] == 61
    seven_a = data["targets"][0]
    assert seven_a["id"] == "7a" and seven_a["actual"] == 1000 and seven_a["met"] is False
    assert (seven_a["op"], seven_a["value"], seven_a["unit"], seven_a["kind"]) == (">", 1000, "人次", "count")
    assert seven_a["history"][0]["unit"] == "市教育局"


def test_show_unknown_item_is_a_usage_error(run, in_root) -> None:
    result = run("show", "27")
    assert result.exit_code == 2
    assert "没有第 27 项" in result.output


def test_status_json_contract(run, in_root) -> None:
    data = json.loads(run("status", "--format", "json", *EX).stdout)
    assert data["as_of"] == "2025-09-30"
    assert set(data["summary"]) == {"done", "done_late", "overdue", "not_reported", "behind", "on_track"}
    assert sum(data["summary"].values()) == 26
    task = data["tasks"][0]
    assert {"no", "status", "flags", "completion", "expected", "deadline", "done_on", "targets"} <= set(task)
    assert {"id", "actual", "met", "ratio", "as_of"} <= set(task["targets"][0])
    seven = next(t for t in data["tasks"] if t["no"] == 7)
    assert seven["status"] == "overdue"


def test_status_table_has_summary_and_chinese_headings(run, in_root) -> None:
    result = run("status", *EX)
    out = result.stdout
    assert out.startswith("截至 2025-09-30，共 26 项：")
    assert "数据：计划 data/tasks_2025.yaml；进度报告 examples/progress_2025/ 中 20 份" in result.stderr
    for heading in ("序号", "工作事项", "完成度", "序时进度", "状态", "完成时间", "牵头单位"):
        assert heading in out
    assert "已逾期" in out and "已完成" in out


@pytest.mark.parametrize(
    ("by", "expected"),
    [("leader", "分管市领导：周佩珊"), ("unit", "市卫生健康局（刘学文）"), ("district", "台山市（台山市政府）"), ("category", "九、深入推进")],
)
def test_status_by(run, in_root, by: str, expected: str) -> None:
    result = run("status", "--by", by, *EX)
    assert result.exit_code == 0
    assert expected in result.output


def test_status_by_district_lists_items_of_all_districts(run, in_root) -> None:
    rows = csv_rows(run("status", "--by", "district", "--format", "csv", *EX).stdout)
    assert rows[0][:4] == ["县（市、区）", "单位", "序号", "目标编号"]
    jianghai = {r[2] for r in rows[1:] if r[0] == "江海区"}
    assert "16" in jianghai  # names 江海区政府 itself
    assert "1" in jianghai  # names 各县（市、区）政府
    assert "4" not in jianghai  # names five districts, not 江海区


def test_status_with_empty_progress(run, in_root, tmp_path: Path) -> None:
    before = json.loads(run("status", "--format", "json", "--progress", str(tmp_path), "--as-of", "2025-07-01").stdout)
    assert before["summary"]["not_reported"] == 26
    after = json.loads(run("status", "--format", "json", "--progress", str(tmp_path), "--as-of", "2025-12-11").stdout)
    assert after["summary"]["overdue"] == 26


def test_overdue_by_unit_json_contract(run, in_root) -> None:
    data = json.loads(run("overdue", "--by-unit", "--format", "json", *EX).stdout)
    assert data["as_of"] == "2025-09-30"
    units = {u["name"]: u for u in data["units"]}
    assert units["市教育局"]["person"] == "梁凤琼"
    contract = {"no": 7, "status": "overdue", "days_overdue": 61, "deadline": "2025-07-31", "lead": True}
    [task] = units["市教育局"]["tasks"]
    assert {key: task[key] for key in contract} == contract  # fields may be added, none renamed
    assert (task["light"], task["flags"]) == ("red", ["persistently_behind"])
    assert units["市卫生健康局"]["tasks"][0]["lead"] is False


def test_overdue_table_names_lead_unit_person_and_leader(run, in_root) -> None:
    assert "逾期事项 1 项" in run("overdue", *EX).output
    rows = csv_rows(run("overdue", "--format", "csv", *EX).stdout)
    flags = list(FLAG_LABELS.values())
    assert rows[0] == ["序号", "工作事项", "状态", "亮灯", *flags, "逾期天数", "完成时间", "延期至", "牵头单位", "责任人", "分管市领导"]
    # One fact per column: the unit apart from its person, the status, its light and each flag apart.
    marks = ["是" if f == "连续滞后" else "" for f in flags]
    assert rows[1] == ["7", "维护青少年心理健康", "已逾期", "红灯", *marks, "61", "2025-07-31", "", "市教育局", "梁凤琼", "周佩珊"]


def test_overdue_include_behind_and_by_leader(run, in_root) -> None:
    data = json.loads(run("overdue", "--include-behind", "--by-leader", "--format", "json", *EX).stdout)
    statuses = {t["status"] for leader in data["leaders"] for t in leader["tasks"]}
    assert statuses == {"overdue", "behind", "on_track"}
    # An item on schedule is listed only when its pace will miss the deadline (预计逾期).
    assert all("at_risk" in t["flags"] for leader in data["leaders"] for t in leader["tasks"] if t["status"] == "on_track")


def test_overdue_can_fail_a_scheduled_job(run, in_root) -> None:
    assert run("overdue", "--fail-on-overdue", *EX).exit_code == 1
    assert run("overdue", "--fail-on-overdue", "--progress", str(EXAMPLES), "--as-of", "2025-07-01").exit_code == 0


def test_validate_clean_data(run, in_root) -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert "检查通过" in result.output


def test_validate_reports_path_line_column(run, in_root, tmp_path: Path) -> None:
    bad = write(tmp_path / "r.yaml", "unit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n  1a: 1500人\n")
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:4:7: 错误:" in result.output and "[unit-in-value]" in result.output


def test_validate_strict_fails_on_warnings(run, in_root, tmp_path: Path) -> None:
    warn = write(tmp_path / "r.yaml", "unit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n  1b: {value: 120, note: 经核实无误}\n")
    assert run("validate", str(warn)).exit_code == 0
    assert run("validate", "--strict", str(warn)).exit_code == 1


def test_validate_missing_file_is_a_usage_error(run, in_root) -> None:
    assert run("validate", "no-such-file.yaml").exit_code == 2


def test_bad_as_of_is_a_usage_error(run, in_root) -> None:
    result = run("status", "--as-of", "2025/13/01")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    assert run("status", "--as-of", "2025-W40-2").exit_code == 2


def test_as_of_takes_the_date_forms_reports_take(run, in_root) -> None:
    data = json.loads(run("status", "--format", "json", "--as-of", "2025/9/30", "--progress", str(EXAMPLES)).stdout)
    assert data["as_of"] == "2025-09-30"


def test_a_missing_progress_folder_is_a_usage_error_everywhere(run, in_root) -> None:
    for command in ("status", "validate", "overdue"):
        result = run(command, "--progress", "data/progres")
        assert result.exit_code == 2, command
        assert "进度报告目录不存在" in result.output


def test_a_plan_option_that_is_a_folder(run, in_root) -> None:
    result = run("plan", "--plan", "data")
    assert result.exit_code == 2 and "不是文件" in result.output


def test_runs_from_a_subfolder_of_the_repository(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = write(tmp_path / "data" / "tasks_2025.yaml", PLAN_FILE.read_text(encoding="utf-8").replace("title: 2025 年市十件民生实事", "title: 本仓库的计划"))
    (tmp_path / "data" / "progress" / "deep").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "data" / "progress" / "deep")
    assert "本仓库的计划" in run("plan").output
    assert plan.is_file()


def test_output_to_a_file_is_utf8_even_where_the_locale_is_gbk(monkeypatch: pytest.MonkeyPatch) -> None:
    from minsheng_cli.cli import _utf8_output

    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="gbk")
    monkeypatch.setattr("sys.stdout", stream)
    _utf8_output()
    print("█░ 已完成", file=stream)
    stream.flush()
    assert raw.getvalue().decode("utf-8") == "█░ 已完成\n"


def test_a_console_that_cannot_show_chinese_gets_escapes_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    from minsheng_cli.cli import _utf8_output

    class Console(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    raw = io.BytesIO()
    stream = Console(raw, encoding="ascii")
    monkeypatch.setattr("sys.stdout", stream)
    _utf8_output()
    print("已完成", file=stream)
    stream.flush()
    assert raw.getvalue() == b"\\u5df2\\u5b8c\\u6210\n"


def test_a_broken_plan_stops_status_with_its_problems(run, tmp_path: Path) -> None:
    text = PLAN_FILE.read_text(encoding="utf-8").replace("deadline: 2025-08-31", "deadlne: 2025-08-31")
    broken = write(tmp_path / "tasks_2025.yaml", text)
    result = run("status", "--plan", str(broken))
    assert result.exit_code == 1
    assert "[unknown-field]" in result.output and "Traceback" not in result.output


def test_runs_from_any_directory(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("plan", "--format", "json")
    assert result.exit_code == 0
    assert len(json.loads(result.output)["tasks"]) == 26


def test_another_plan_file(run, tmp_path: Path) -> None:
    other = write(tmp_path / "tasks_2025.yaml", PLAN_FILE.read_text(encoding="utf-8").replace("title: 2025 年市十件民生实事", "title: 另一份计划"))
    assert "另一份计划" in run("plan", "--plan", str(other)).output


@pytest.mark.parametrize("kind", ["plan", "progress", "office", "candidates", "inspections", "survey"])
def test_schema_is_draft_07(run, kind: str) -> None:
    schema = json.loads(run("schema", kind).stdout)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    assert schema["additionalProperties"] is False


def test_progress_schema_accepts_the_examples_and_rejects_a_typo() -> None:
    import jsonschema

    from minsheng_cli.model.schemas import schema_of
    from minsheng_cli.reading.yamlsource import load_yaml

    for path in sorted(EXAMPLES.glob("*.yaml")):
        doc, _ = load_yaml(path)
        data = json.loads(json.dumps(doc.data, default=str))
        jsonschema.validate(data, schema_of("progress"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"unit": "市卫生健康局", "date": "2025-06-30", "values": {"1a": {"vaule": 3}}}, schema_of("progress"))


def test_plan_schema_accepts_the_plan() -> None:
    import jsonschema

    from minsheng_cli.model.schemas import schema_of
    from minsheng_cli.reading.yamlsource import load_yaml

    doc, _ = load_yaml(PLAN_FILE)
    jsonschema.validate(json.loads(json.dumps(doc.data, default=str)), schema_of("plan"))


def test_command_defaults_are_the_status_rules_defaults() -> None:
    import inspect

    from minsheng_cli.cli import overdue_command, show_command, status_command
    from minsheng_cli.engine.status import Settings

    from minsheng_cli.engine.rules import settings_for

    # Options left out give way to the plan's rules; with none, the defaults are Settings().
    for command in (status_command, overdue_command, show_command):
        params = inspect.signature(command).parameters
        given = {name: params[name].default for name in ("tolerance", "due_soon_days", "stale_days")}
        assert given == dict.fromkeys(given)
        assert settings_for(None, **given) == Settings()


def test_a_plan_named_otherwise_is_checked_as_a_plan(run, tmp_path: Path) -> None:
    plan = write(tmp_path / "plan.yaml", PLAN_FILE.read_text(encoding="utf-8"))
    result = run("validate", "--plan", str(plan), str(plan))
    assert result.exit_code == 0, result.output


def test_strict_json_says_not_ok_when_warnings_fail_the_run(run, in_root, tmp_path: Path) -> None:
    warn = write(tmp_path / "r.yaml", "unit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n  1b: {value: 120, note: 经核实无误}\n")
    result = run("validate", "--strict", "--format", "json", str(warn))
    assert result.exit_code == 1 and json.loads(result.output)["ok"] is False
    assert json.loads(run("validate", "--format", "json", str(warn)).stdout)["ok"] is True


def test_the_status_warning_names_the_folder_to_validate(run, in_root, tmp_path: Path) -> None:
    write(tmp_path / "r.yaml", "unit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n  1a: 1500人\n")
    result = run("status", "--progress", str(tmp_path), "--as-of", "2025-07-01")
    assert f"minsheng validate --progress {tmp_path}" in result.output


@pytest.mark.parametrize("as_of", ["2025-09-30", "2025-11-20", "2025-12-31"])
@pytest.mark.parametrize("args", [("status",), ("status", "--by", "unit"), ("overdue", "--by-unit", "--include-behind"), ("overdue",)])
def test_tables_fit_80_columns_without_losing_a_column(run, in_root, args: tuple[str, ...], as_of: str) -> None:
    from rich.cells import cell_len

    out = run(*args, "--progress", str(EXAMPLES), "--as-of", as_of, env={"COLUMNS": "80"}).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    headers = [line for line in out.splitlines() if "序号" in line]
    assert headers
    for line in headers:  # the last column is there, not cut off
        assert line.rstrip().endswith(("牵头单位", "本单位", "市领导")), line



def test_validate_ends_with_a_pass_when_only_warnings_remain_and_a_warning_can_be_silenced_by_code(run, in_root, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The examples' late extension of item 7 warns every month; the office acknowledges it once."""
    last_line = lambda result: result.stderr.strip().splitlines()[-1]  # noqa: E731
    warned = run("validate", "--progress", str(EXAMPLES))
    assert warned.exit_code == 0 and "[late-extension]" in warned.stdout
    assert last_line(warned) == "检查通过：1 个计划、20 份报告、1 个延期文件、2 个票决、视察或测评文件；1 个警告（见上）"
    plan = write(tmp_path / "data" / "tasks_2025.yaml", (ROOT / "data" / "tasks_2025.yaml").read_text(encoding="utf-8") + "\nrules:\n  ignore_warnings: [late-extension]\n")
    write(tmp_path / "data" / "adjustments_2025.yaml", (ROOT / "examples" / "adjustments_2025.yaml").read_text(encoding="utf-8"))
    for report in EXAMPLES.glob("*.yaml"):
        write(tmp_path / "data" / "progress" / report.name, report.read_text(encoding="utf-8"))
    shutil.copytree(ROOT / "examples" / "evidence", tmp_path / "examples" / "evidence")  # the files the reports name
    monkeypatch.chdir(tmp_path)
    quiet = run("validate", "--plan", str(plan))
    assert quiet.exit_code == 0 and quiet.stdout == ""
    assert last_line(quiet) == "检查通过：1 个计划、20 份报告、1 个延期文件；另有 1 个警告按计划 rules 的 ignore_warnings 未显示（late-extension）"
    plan.write_text(plan.read_text(encoding="utf-8").replace("[late-extension]", "[late-extension, count-decreased]"), encoding="utf-8")
    wrong = run("validate", "--plan", str(plan))
    assert wrong.exit_code == 1 and "没有代码为 `count-decreased` 的警告" in wrong.stdout and "错误不能忽略" in wrong.stdout


def test_an_upper_bound_through_validate_plan_json_csv_and_the_schema(run, tmp_path: Path) -> None:
    """控制在 3% 以内 as a plan writes it: accepted, shown as 不超过, with op <= in JSON."""
    import jsonschema
    import yaml

    from test_status import UPPER_PLAN
    from minsheng_cli.model.schemas import schema_of

    plan = write(tmp_path / "data" / "tasks_2025.yaml", UPPER_PLAN)
    jsonschema.validate(json.loads(json.dumps(yaml.safe_load(UPPER_PLAN), default=str)), schema_of("plan"))
    assert run("validate", "--plan", str(plan), str(plan)).exit_code == 0
    data = json.loads(run("plan", "--plan", str(plan), "--format", "json").stdout)
    assert [(t["op"], t["value"]) for t in data["tasks"][0]["targets"]] == [("<=", 3), ("<", 30)]
    shown = run("show", "1", "--plan", str(plan), "--as-of", "2025-06-30").output
    assert "不超过 3%" in shown and "低于 30 分钟" in shown


@pytest.mark.parametrize(("kind", "example"), [("office", "office.yaml"), ("inspections", "inspections_2025.yaml"), ("survey", "survey_2025.yaml")])
def test_the_congress_and_office_schemas_accept_the_examples_and_reject_a_typo(run, kind: str, example: str) -> None:
    """An editor checking data/office.yaml, inspections_YYYY.yaml or survey_YYYY.yaml against
    `minsheng schema KIND` accepts the illustrative files and flags a misspelt key."""
    import jsonschema
    import yaml

    schema = json.loads(run("schema", kind).stdout)
    data = yaml.safe_load((ROOT / "examples" / example).read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**json.loads(json.dumps(data, default=str)), "remarkz": 1}, schema)


def test_a_candidates_file_checks_against_its_schema(run) -> None:
    import jsonschema

    schema = json.loads(run("schema", "candidates").stdout)
    ballot = {"session": "市十六届人大五次会议", "deputies": 400, "present": 386, "adopt": 1,
              "candidates": [{"id": "A", "title": "示例项目", "lead_unit": "市民政局", "text": "示例", "votes": 300}]}
    jsonschema.validate(ballot, schema)
    assert run("schema", "ballots").exit_code == 2
