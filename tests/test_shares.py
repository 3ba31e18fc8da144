"""Each district's own progress against its own quota (engine/shares.py), as every output shows
it: `status --by district --format json`, `show`, the bulletin and the 台账 — on the breakdown
plan, worked by hand.

On 07-02 序时进度 is 50%. 1a's quotas are 东区 50, 西区 30, 南区 20; 东区 reports 40 (80%, green:
above 序时), 西区 30 (met, blue), 南区 2 (10%: 40 points below, red beyond the 30-point band).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from breakdown import AS_OF, PLAN, breakdown_plan, readings, write_reports
from conftest import write
from minsheng_cli.engine.rules import Settings
from minsheng_cli.engine.status import task_status

SHARES = {"东区政府": {"1a": "40", "2a": "9.5"}, "西区政府": {"1a": "30"}, "南区政府": {"1a": "2"}}


def test_own_completion_against_the_quota() -> None:
    plan = breakdown_plan()
    progress = readings(("2025-06-30", "1a", "东区政府", 40), ("2025-06-30", "1a", "西区政府", 30), ("2025-06-30", "1a", "南区政府", 2))
    (t, *_) = task_status(plan, plan.task(1), progress, AS_OF).targets
    assert t.expected == pytest.approx(0.5)
    assert [(s.place, s.quota, s.value, s.ratio, s.met, s.light) for s in t.shares] == [
        ("东区", 50, 40, 0.8, False, "green"), ("西区", 30, 30, 1.0, True, "blue"), ("南区", 20, 2, 0.1, False, "red"),
    ]


def test_the_light_bands_are_the_offices() -> None:
    plan = breakdown_plan()
    progress = readings(("2025-06-30", "1a", "南区政府", 4))  # 20%: 30 points below, on the red edge: yellow
    shares = task_status(plan, plan.task(1), progress, AS_OF, Settings()).targets[0].shares
    assert [(s.place, s.light) for s in shares] == [("东区", "red"), ("西区", "red"), ("南区", "yellow")]


@pytest.fixture
def scenario(tmp_path: Path) -> list[str]:
    plan = write(tmp_path / "tasks_2025.yaml", PLAN)
    folder = write_reports(tmp_path / "progress", SHARES)
    return ["--plan", str(plan), "--progress", str(folder), "--as-of", AS_OF.isoformat()]


def test_status_by_district_json(run, scenario: list[str]) -> None:
    result = run("status", "--by", "district", "--format", "json", *scenario)
    assert result.exit_code == 0, result.output
    districts = {d["name"]: d for d in json.loads(result.stdout)["districts"]}
    east = {t["id"]: t for t in districts["东区"]["targets"]}
    assert (east["1a"]["quota"], east["1a"]["value"], east["1a"]["ratio"], east["1a"]["expected"], east["1a"]["light"]) == (50, 40, 0.8, 0.5, "green")
    # Without a quota: its figure, no ratio, no light.
    assert (east["2a"]["quota"], east["2a"]["value"], east["2a"]["ratio"], east["2a"]["light"]) == (None, 9.5, None, None)
    south = {t["id"]: t for t in districts["南区"]["targets"]}
    assert (south["1a"]["ratio"], south["1a"]["light"]) == (0.1, "red")
    # 1b is 市乙局's part and 1c a level set city-wide: no district reports them.
    assert set(east) == {"1a", "2a"}


def test_status_json_says_how_each_actual_was_found(run, scenario: list[str]) -> None:
    tasks = json.loads(run("status", "--format", "json", *scenario).stdout)["tasks"]
    targets = {t["id"]: t for item in tasks for t in item["targets"]}
    # The three quota districts have all reported: their sum stands, and says so.
    assert (targets["1a"]["actual"], targets["1a"]["source"], targets["1a"]["source_label"]) == (72, "sum", "各县（市、区）合计")
    assert [(s["unit"], s["value"]) for s in targets["1a"]["shares"]] == [("东区政府", 40), ("西区政府", 30), ("南区政府", 2)]
    # 东区's own 9.5 of 2a is no city figure.
    assert (targets["2a"]["actual"], targets["2a"]["source"], targets["2a"]["shares"][0]["value"]) == (None, "none", 9.5)


def test_the_status_table_says_which_figures_are_sums_or_only_shares(run, scenario: list[str]) -> None:
    out = run("status", *scenario).stdout
    assert "第 1 项 1a 的全市数为各县（市、区）合计（牵头单位未报全市数，各任务单位均已报送）" in out
    assert "第 2 项 2a 部分单位已报，牵头单位未报全市数" in out


def test_show_gives_the_district_table_and_the_partial_line(run, scenario: list[str]) -> None:
    out = run("show", "1", "2", *scenario).stdout
    assert "72（各县（市、区）合计）" in out
    assert "2a 道路：部分单位已报：东区已报 9.5 公里；牵头单位未报全市数" in out
    assert "分县（市、区）情况" in out
    east = next(line for line in out.splitlines() if "东区" in line and "50 个" in line)
    assert "40 个" in east and "80%" in east and "50%" in east and "绿灯" in east


def test_the_bulletin_has_the_district_table(run, scenario: list[str], tmp_path: Path) -> None:
    result = run("bulletin", "--since", "2025-05-31", *scenario)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "五、分县（市、区）情况" in text
    assert "| 东区 | 50 个 | 40 个 | 80% | 50% | 绿灯 | 2025-06-30 |" in text
    assert "| 南区 | 20 个 | 2 个 | 10% | 50% | 红灯 | 2025-06-30 |" in text
    assert "**部分单位已报：**2a 道路：东区已报 9.5 公里；牵头单位未报全市数。" in text
    # The sum is new in the period, reported by no single unit.
    assert "| 72 个 | 各县（市、区）合计 |" in text


def test_the_ledger_has_the_district_sheet(run, scenario: list[str], tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    result = run("export", "-o", str(out), *scenario)
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    ws = wb["分县（市、区）情况"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2, values_only=False)]
    south = next(r for r in rows if r[3] == "南区")
    assert south[:8] == ["1a", 1, "充电桩", "南区", "南区政府", 20, 2, "个"]
    assert south[8] == pytest.approx(0.1) and south[9] == pytest.approx(0.5) and south[10] == "红灯"
    targets = [[c.value for c in row] for row in wb["目标"].iter_rows(min_row=2)]
    assert next(r for r in targets if r[0] == "1a")[-1] == "各县（市、区）合计"
    assert next(r for r in targets if r[0] == "2a")[-1] == "部分单位已报"


def test_a_no_new_figure_row_imports_and_clears_the_unit_from_missing(run, scenario: list[str], tmp_path: Path) -> None:
    from formfill import fill, row_of

    plan, folder = scenario[1], scenario[3]
    form = tmp_path / "2025-07-02_东区政府.xlsx"
    made = run("form", "东区政府", "--date", "2025-07-02", "-f", "xlsx", "-o", str(form), "--plan", plan, "--progress", folder)
    assert made.exit_code == 0, made.output
    before = json.loads(run("missing", "--since", "2025-07-01", "--format", "json", *scenario).stdout)
    assert "东区政府" in [u["name"] for u in before["units"]]
    fill(form, {f"J{row_of(form, '1a')}": "本月无新进展"})
    done = run("import", str(form), "--plan", plan, "--progress", folder)
    assert done.exit_code == 0, done.output
    assert "1a: {note: 本月无新进展}" in (Path(folder) / "2025-07-02_东区政府.yaml").read_text(encoding="utf-8")
    after = json.loads(run("missing", "--since", "2025-07-01", "--format", "json", *scenario).stdout)
    assert "东区政府" not in [u["name"] for u in after["units"]]
    # And nothing moved: 东区's own 1a is still its 40 of 06-30.
    tasks = json.loads(run("status", "--by", "district", "--format", "json", *scenario).stdout)
    east = next(d for d in tasks["districts"] if d["name"] == "东区")
    assert next(t for t in east["targets"] if t["id"] == "1a")["value"] == 40


def test_a_blank_form_without_any_note_is_still_refused(run, scenario: list[str], tmp_path: Path) -> None:
    plan, folder = scenario[1], scenario[3]
    form = tmp_path / "2025-07-02_东区政府.xlsx"
    run("form", "东区政府", "--date", "2025-07-02", "-f", "xlsx", "-o", str(form), "--plan", plan, "--progress", folder)
    result = run("import", str(form), "--plan", plan, "--progress", folder)
    assert result.exit_code == 1 and "没有填写任何数值" in result.output and "本月无新进展" in result.output
