"""`minsheng vote`, `survey` and `report`, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, csv_rows, write
from test_candidates import GOOD

BALLOT = """\
session: 第六次会议
deputies: 400
present: 386
adopt: 2
candidates:
""" + "".join(
    f"  - {{id: {i}, title: 项目{i}, lead_unit: 市{unit}局, text: 项目{i}的内容。, votes: {votes}}}\n"
    for i, (unit, votes) in enumerate([("甲", 352), ("乙", 250), ("丙", 250), ("丁", 193)], start=1)
)


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_vote_prints_the_result_in_the_congress_order_and_names_the_tie(run, office: Path) -> None:
    write(office / "data" / "candidates_2026.yaml", BALLOT)
    result = run("vote", "--year", "2026")
    assert result.exit_code == 0, result.output
    assert "数据：候选项目 data/candidates_2026.yaml（4 个）" in result.stderr
    assert "至少 194 票" in result.stdout
    assert "第 2 名处票数相同：2 项目2、3 项目3 均得 250 票，争 1 个名额" in result.stdout.replace("\n", "")
    rows = csv_rows(run("vote", "--year", "2026", "-f", "csv").stdout)
    assert rows[0] == ["名次", "编号", "项目", "拟牵头单位", "得票", "得票率（%）", "过半数", "结果"]
    assert [r[1] for r in rows[1:]] == ["1", "2", "3", "4"]
    assert [r[7] for r in rows[1:]] == ["入选", "票数相同，待定", "票数相同，待定", "未入选（得票未过半数）"]
    assert [r[6] for r in rows[1:]] == ["是", "是", "是", "否"]  # 193 of 386 is exactly half


def test_vote_writes_no_skeleton_while_the_cut_is_tied(run, office: Path) -> None:
    write(office / "data" / "candidates_2026.yaml", BALLOT)
    result = run("vote", "--year", "2026", "-o", "data/tasks_2026.yaml")
    assert result.exit_code == 1
    assert "未写入 data/tasks_2026.yaml：第 2 名处票数相同" in result.stderr
    assert not (office / "data" / "tasks_2026.yaml").exists()


def test_vote_writes_a_skeleton_marked_for_review_and_never_over_a_plan(run, office: Path) -> None:
    write(office / "data" / "candidates_2026.yaml", BALLOT.replace("votes: 250}\n  - {id: 3", "votes: 251}\n  - {id: 3"))
    result = run("vote", "--year", "2026", "-o", "data/tasks_2026.yaml", "-f", "json")
    assert result.exit_code == 0, result.output
    assert [c["outcome"] for c in json.loads(result.stdout)["candidates"]] == ["adopted", "adopted", "outranked", "no_majority"]
    text = (office / "data" / "tasks_2026.yaml").read_text(encoding="utf-8")
    assert "项目1的内容。（牵头单位：市甲局）" in text and "项目2的内容。（牵头单位：市乙局）" in text
    assert "项目3" not in text
    assert text.count("# 待核对：") >= 10
    checked = run("validate", "--plan", "data/tasks_2026.yaml")
    assert checked.exit_code == 1 and "[draft-review]" in checked.stdout
    plan = office / "data" / "tasks_2026.yaml"
    plan.write_text("year: 2026\n# the office's filled-in plan\n", encoding="utf-8")
    refused = run("vote", "--year", "2026", "-o", str(plan))
    assert refused.exit_code == 1
    assert "不覆盖已有的计划" in refused.stderr
    assert plan.read_text(encoding="utf-8") == "year: 2026\n# the office's filled-in plan\n"


def test_vote_refuses_a_bad_ballot_at_its_line(run, office: Path) -> None:
    write(office / "data" / "candidates_2026.yaml", GOOD.replace("votes: 352", "votes: 387"))
    result = run("vote", "--year", "2026")
    assert result.exit_code == 1
    assert "data/candidates_2026.yaml:10:12: 错误: 候选项目 1 得票 387，多于实到代表 386 人" in result.stderr
    assert result.stdout == ""


def test_vote_without_a_file_is_a_usage_error(run, office: Path) -> None:
    result = run("vote", "--year", "2026")
    assert result.exit_code == 2
    assert "找不到 data/candidates_2026.yaml" in result.stderr


def test_survey_of_the_illustrative_set(run, in_root: Path) -> None:
    result = run("survey", "--year", "2025", "--progress", str(EXAMPLES), "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["base"] == "members" and data["base_count"] == 44
    grades = {i["no"]: i["grade"] for i in data["items"]}
    assert grades[2] == "basic"  # 22 满意 of 44: exactly half
    assert grades[7] == "dissatisfied"  # 9 + 13 = 22: exactly half
    assert data["counts"] == {"satisfied": 22, "basic": 3, "dissatisfied": 1}
    assert "测评：examples/survey_2025.yaml（26 项）" in result.stderr
    table = run("survey", "--year", "2025", "--progress", str(EXAMPLES))
    assert "总体满意率 91.14%" in table.stdout
    rows = csv_rows(run("survey", "--year", "2025", "--progress", str(EXAMPLES), "-f", "csv").stdout)
    assert rows[0][-2:] == ["满意率（%）", "测评等次"] and rows[2][0] == "2" and rows[2][-1] == "基本满意"
    md = run("survey", "--year", "2025", "--progress", str(EXAMPLES), "-f", "markdown").stdout
    assert "| 序号 | 工作事项 | 满意 |" in md


def test_survey_without_its_file_says_where_it_looked(run, in_root: Path) -> None:
    result = run("survey", "--year", "2025")
    assert result.exit_code == 2
    assert "没有 2025 年的测评文件" in result.stderr


def test_survey_with_errors_prints_them_and_exits_1(run, tmp_path: Path) -> None:
    plan = tmp_path / "data" / "tasks_2025.yaml"
    write(plan, (ROOT / "data" / "tasks_2025.yaml").read_text(encoding="utf-8"))
    write(tmp_path / "data" / "survey_2025.yaml", "members: 44\npresent: 45\nresults:\n  1: {satisfied: 30, basic: 5, dissatisfied: 5}\n")
    result = run("survey", "--plan", str(plan))
    assert result.exit_code == 1
    assert "survey_2025.yaml:2:10: 错误: 实到 45 人，多于全体组成人员 44 人" in result.stderr
    assert "survey_2025.yaml:3:1: 错误: 第 2 项、第 3 项" in result.stderr


def _uncommented(text: str) -> str:
    """The example a blank file's header shows, as the file it describes."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# 填好后的样子"))
    body = [line[2:] for line in lines[start + 2:] if line.startswith("# ")]
    return "\n".join(body) + "\n"


def test_init_writes_blank_files_that_pass_and_examples_that_read(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "r"
    assert run("init", str(repo), "--city", "江门市", "--year", "2026").exit_code in (0, 1)
    data = repo / "data"
    for kind in ("candidates", "inspections", "survey"):
        assert (data / f"{kind}_2026.yaml").read_text(encoding="utf-8").startswith("# 2026 年江门市民生实事")
    monkeypatch.chdir(repo)
    blank = run("vote", "--year", "2026")
    assert blank.exit_code == 1 and "尚未填写" in blank.stderr
    from minsheng_cli.model.candidates import load_candidates

    assert load_candidates(data / "candidates_2026.yaml") == (None, [])
    shown = _uncommented((data / "candidates_2026.yaml").read_text(encoding="utf-8"))
    shown = shown.split("  - id: 2")[0].replace("adopt: 10", "adopt: 1")  # one candidate of the fifteen shown
    example = write(tmp_path / "candidates_2026.yaml", shown)
    ballot, problems = load_candidates(example)
    assert problems == [] and ballot is not None and ballot.candidates[0].votes == 352
    from minsheng_cli.model.inspections import load_inspections
    from minsheng_cli.model.plan import load_plan

    plan, _ = load_plan(ROOT / "data" / "tasks_2025.yaml")
    inspections = write(tmp_path / "inspections_2025.yaml", _uncommented((data / "inspections_2026.yaml").read_text(encoding="utf-8")).replace("2026-", "2025-"))
    record, problems = load_inspections(inspections, plan)
    assert problems == [] and record is not None and record.suggestions[0].reply.state == "已办结"


def test_report_names_the_offices_signoffs(run, in_root: Path) -> None:
    """The illustrative 销号 of item 5 (2025-09-10, in examples/adjustments_2025.yaml) fills its
    验收销号 in the year-end report; items not signed off leave it empty."""
    result = run("report", "--year", "2025", "--progress", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    assert "| 5 | 拓展医保报销范围 | 市医保局 | 按期完成 | 2025-06-30 | 2025-09-10 |" in result.stdout
    assert "| 8 | 保障各类底线民生发放标准 | 市民政局 | 按期完成 | 2025-09-30 |  |" in result.stdout
    assert "经验收销号 1 项" in result.stdout


def test_report_is_signed_by_the_office_of_the_profile(run, in_root: Path) -> None:
    """examples/office.yaml (示例数据) names the office: the report's 落款 and 版记 are its, as the
    bulletin's are; a report has no 版头 (it is no numbered 通报)."""
    result = run("report", "--year", "2025", "--progress", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    tail = result.stdout[result.stdout.index("五、满意度测评结果"):] if "五、满意度测评结果" in result.stdout else result.stdout
    assert "江门市人民政府督查室" in tail and "2025 年 12 月 31 日" in tail
    assert "民生实事督办通报" not in result.stdout and "第 " not in result.stdout.splitlines()[0]
