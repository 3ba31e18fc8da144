"""`missing` (催报名单) on a small plan whose answer is worked out by hand, and the units' contacts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import ROOT, write
from minsheng_cli.engine.missing import find_missing
from minsheng_cli.model.plan import Plan, load_plan
from minsheng_cli.model.progress import load_progress
from minsheng_cli.engine.status import compute_status

PLAN = ROOT / "tests" / "data" / "forms" / "tasks_2025.yaml"
SINCE, AS_OF = dt.date(2025, 10, 1), dt.date(2025, 10, 31)


@pytest.fixture
def small() -> Plan:
    plan, problems = load_plan(PLAN)
    assert plan is not None, problems
    return plan


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """市甲局 last reported before the period; 市乙局 and 东区政府 within it; 西区政府 only after
    the as-of date; 市丙局 never, but its item's deadline (5-31) is long past."""
    for name, text in {
        "2025-09-30_市甲局.yaml": "unit: 市甲局\ndate: 2025-09-30\nvalues:\n  1a: 4\n",
        "2025-10-15_市乙局.yaml": "unit: 市乙局\ndate: 2025-10-15\nvalues:\n  2a: false\n",
        "2025-10-20_东区政府.yaml": "unit: 东区政府\ndate: 2025-10-20\nvalues:\n  1a: 2\n",
        "2025-11-05_西区政府.yaml": "unit: 西区政府\ndate: 2025-11-05\nvalues:\n  1a: 1\n",
    }.items():
        write(tmp_path / name, text)
    return tmp_path


def test_the_hand_worked_scenario(small: Plan, reports: Path) -> None:
    progress, problems = load_progress(small, [reports], today=dt.date(2026, 1, 1))
    assert problems == []
    result = find_missing(small, progress, compute_status(small, progress, AS_OF), SINCE)
    # Item 3 (deadline 5-31) is more than 90 days before 10-01: nobody owes it.
    assert result.expected == ("市甲局", "市乙局", "东区政府", "西区政府")
    assert [(m.unit, m.last_report) for m in result.units] == [("市甲局", dt.date(2025, 9, 30)), ("西区政府", None)]
    first, west = result.units
    # 市甲局 co-handles item 2 with no part and no quota: it owes nothing there, only its own item 1.
    assert [(t.number, t.lead, t.overdue, t.targets, t.role) for t in first.tasks] == [(1, True, False, ("1a",), "牵头·报全市数")]
    assert [(t.number, t.lead, t.role) for t in west.tasks] == [(1, False, "本县（市、区）数")]
    assert (first.contact.person, first.contact.liaison, first.contact.phone) == ("张三", "李四", "0750-1234567")


def test_a_done_item_is_not_chased(small: Plan, reports: Path) -> None:
    write(reports / "2025-10-15_市乙局.yaml", "unit: 市乙局\ndate: 2025-10-15\nvalues:\n  2a: true\n")
    progress, _ = load_progress(small, [reports], today=dt.date(2026, 1, 1))
    result = find_missing(small, progress, compute_status(small, progress, AS_OF), SINCE)
    assert [t.number for t in result.units[0].tasks] == [1]


def test_text_reminders(run, reports: Path) -> None:
    result = run("missing", "--since", "2025-10-01", "--as-of", "2025-10-31", "--plan", str(PLAN), "--progress", str(reports))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("截至 2025-10-31，自 2025-10-01 以来应报 4 个单位，未报 2 个：市甲局、西区政府\n")
    assert (
        "【催报通知】市甲局：\n"
        "你单位负责的民生实事中，以下 1 项尚未完成，10 月 1 日以来未报送进度（上次报送为 9 月 30 日）。请于 11 月 5 日前报送截至 10 月 31 日的累计完成情况：\n"
        "第 1 项 建设 10 所学校（牵头·报全市数，12 月 10 日到期）：1a\n"
        "请填写随附的填报表（2025-10-31_市甲局.xlsx）后发回。\n"
        "填报分工：市甲局：你单位是牵头单位，报全市数（含各县（市、区）和配合单位的部分），全市数以牵头单位所报为准；"
        "你单位在第 2 项中是配合单位，没有单独的任务数，进度计入牵头单位所报的全市数，不必填报；"
        "某个目标本期没有新数据的，数值留空、在“说明”中写明（如“本月无新进展”），也算已报送。\n"
        "2025 年 10 月 31 日\n"
    ) in result.stdout
    assert "贵单位" not in result.stdout and "【催报通知】西区政府：\n" in result.stdout and "此前从未报送" in result.stdout
    assert "没有办公室信息文件" in result.stderr


def test_notices_go_one_per_unit_into_a_folder_in_the_offices_voice(run, reports: Path, tmp_path: Path) -> None:
    import shutil

    # The profile sits beside the reports' folder: data/office.yaml for data/progress/.
    progress = tmp_path / "data" / "progress"
    shutil.copytree(reports, progress, ignore=shutil.ignore_patterns("data"))
    write(tmp_path / "data" / "office.yaml", "name: 某市人民政府督查室\nphone: 0750-7654321\nliaison: 陈一\nreply_days: 7\n")
    folder = tmp_path / "催报"
    args = ("missing", "--since", "2025-10-01", "--as-of", "2025-10-31", "--plan", str(PLAN), "--progress", str(progress), "-o", str(folder))
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["2025-10-31_市甲局_催报通知.txt", "2025-10-31_西区政府_催报通知.txt", "催报名单_2025-10-31.txt"]
    first = (folder / "2025-10-31_市甲局_催报通知.txt").read_text(encoding="utf-8")
    assert "请于 11 月 7 日前报送" in first
    assert first.endswith("联系人：陈一，电话：0750-7654321\n某市人民政府督查室\n2025 年 10 月 31 日\n")
    listing = (folder / "催报名单_2025-10-31.txt").read_text(encoding="utf-8")
    assert "1. 市甲局（责任人 张三，联络员 李四，电话 0750-1234567）：第 1 项；上次报送 2025-09-30" in listing
    assert "2. 西区政府（责任人 孙八）：第 1 项；从未报送" in listing
    again = run(*args)
    assert again.exit_code == 0 and again.output.count("未变（内容相同）") == 3
    (folder / "催报名单_2025-10-31.txt").write_text("改过", encoding="utf-8")
    refused = run(*args)
    assert refused.exit_code == 1 and (folder / "催报名单_2025-10-31.txt").read_text(encoding="utf-8") == "改过"


def test_a_district_owing_many_items_gets_one_message(run, in_root, tmp_path: Path) -> None:
    """The illustrative set on 10-31: every district government owes 18 items (31 targets: its own share, no city-wide level); its
    notice lists them by number, grouped by role and deadline, within one WeChat message."""
    from minsheng_cli.outputs.notices import MESSAGE_LIMIT

    folder = tmp_path / "n"
    result = run("missing", "--since", "2025-10-01", "--as-of", "2025-10-31", "--progress", "examples/progress_2025", "-o", str(folder))
    assert result.exit_code == 0, result.output
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    district = texts["2025-10-31_蓬江区政府_催报通知.txt"]
    # its own share (本县（市、区）数) of every item but 5, a level set city-wide (#17)
    assert "本县（市、区）数 17 项（12 月 10 日到期）：第 1、2、3、9、10、11、12、14、18、19、20、21、22、23、24、25、26 项\n" in district
    assert "31 个目标的明细见表" in district
    assert "江门市人民政府督查室" in district  # examples/office.yaml (示例数据)
    assert max(len(t) for name, t in texts.items() if name.endswith("_催报通知.txt")) < MESSAGE_LIMIT / 2


def test_json_contract(run, reports: Path) -> None:
    result = run("missing", "--since", "2025-10-01", "--as-of", "2025-10-31", "-f", "json", "--plan", str(PLAN), "--progress", str(reports))
    data = json.loads(result.stdout)
    assert (data["as_of"], data["since"], data["expected"]) == ("2025-10-31", "2025-10-01", 4)
    assert data["units"][1] == {
        "name": "西区政府", "person": "孙八", "liaison": None, "phone": None, "last_report": None,
        "tasks": [{"no": 1, "text": "建设 10 所学校", "lead": False, "role": "本县（市、区）数", "deadline": "2025-12-10", "overdue": False, "targets": ["1a"]}],
    }


def test_since_after_as_of_is_a_usage_error(run) -> None:
    result = run("missing", "--since", "2025-11-01", "--as-of", "2025-10-31", "--plan", str(PLAN))
    assert result.exit_code == 2 and "晚于截至日期" in result.output


def test_plan_units_may_be_a_name_or_a_mapping(small: Plan) -> None:
    assert small.person("市甲局") == "张三" and small.person("市乙局") == "王五" and small.person("市丙局") == "赵六"
    assert small.contact("市乙局").phone is None


def test_a_contact_with_a_typo_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8").replace("phone: 0750-1234567", "phnoe: 0750-1234567")
    plan, problems = load_plan(write(tmp_path / "tasks_2025.yaml", text))
    assert plan is None
    assert [(p.line, p.code) for p in problems if p.code == "unknown-field"] == [(5, "unknown-field")]


def test_the_plan_schema_accepts_both_shapes_of_units() -> None:
    import jsonschema
    import yaml

    from minsheng_cli.model.schemas import schema_of

    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    data = json.loads(json.dumps(data, default=str))  # dates as the text they were typed as
    jsonschema.validate(data, schema_of("plan"))
    data["units"]["市甲局"]["phnoe"] = "1"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema_of("plan"))


def test_notice_gives_the_deadline_in_force_and_the_engines_overdue() -> None:
    """An approved extension moves the deadline the 催报 text names, and "overdue" is the
    status's word (#16): item 2 of the bulletin scenario, due 6-30, extended to 12-31."""
    from conftest import TODAY
    from minsheng_cli.model.adjustments import Extension
    from minsheng_cli.model.office import Office
    from minsheng_cli.outputs.notices import notice

    folder = ROOT / "tests" / "data" / "bulletin"
    plan, _ = load_plan(folder / "tasks_2025.yaml")
    progress, _ = load_progress(plan, [folder / "progress"], today=TODAY)
    as_of, since = dt.date(2025, 7, 31), dt.date(2025, 7, 1)
    extension = Extension(task=2, deadline=dt.date(2025, 12, 31), approved=dt.date(2025, 6, 15), document="督办函〔2025〕1号", reason="场地调整")
    report = compute_status(plan, progress, as_of, extensions=[extension])
    assert report.tasks[1].status == "on_track"
    unit = next(m for m in find_missing(plan, progress, report, since).units if m.unit == "乙局")
    owed = next(t for t in unit.tasks if t.number == 2)
    assert (owed.deadline, owed.overdue) == (dt.date(2025, 12, 31), False)
    text = notice(unit, Office(), since, as_of, "2025-07-31_乙局.xlsx")
    assert "第 2 项" in text and "12 月 31 日到期）" in text
    assert "已逾期" not in text.split("第 2 项")[1].split("\n")[0]
    # without the extension the same item is overdue, and the notice says so
    plain = compute_status(plan, progress, as_of)
    unit = next(m for m in find_missing(plan, progress, plain, since).units if m.unit == "乙局")
    assert "6 月 30 日到期，已逾期" in notice(unit, Office(), since, as_of, "x.xlsx")
