"""`plan draft` on tables in the shapes other offices publish (tests/data/tables/shapes.py,
written for these tests), each as xlsx, docx and csv in UTF-8 and GBK: every item once, every
field right or marked, the targets exact, and every cell of the source somewhere in the draft."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT, write
from minsheng_cli.model.plan import load_plan
from minsheng_cli.setup.draft import Draft, DraftError, draft_plan, find_year, render
from minsheng_cli.setup.draft_tables import read_table

sys.path.insert(0, str(ROOT / "tests" / "data" / "tables"))
import shapes  # noqa: E402  (the fixtures' builder)

IDS = [f"{name}-{fmt}" for name, fmt in shapes.FILES]


def drafted(tmp_path: Path, name: str, fmt: str) -> tuple[Path, Draft, str]:
    path = shapes.write(name, fmt, tmp_path)
    table = read_table(path)
    year = find_year(table, path)
    assert year == 2026
    draft = draft_plan(table, year=year, file_name=path.name)
    return path, draft, render(draft)


def given_columns(draft: Draft) -> set[str]:
    return {"deadline"} if "完成时间" not in draft.missing else set()


def marked(item, *keys: str) -> bool:
    return any(item.field_notes.get(k) for k in keys)


@pytest.mark.parametrize(("name", "fmt"), shapes.FILES, ids=IDS)
def test_every_item_once_with_each_field_right_or_marked(tmp_path: Path, name: str, fmt: str) -> None:
    _, draft, _ = drafted(tmp_path, name, fmt)
    expected = shapes.EXPECTED[name]
    given = shapes.GIVEN[name]
    assert [i.number for i in draft.items] == list(range(1, len(expected) + 1))
    for item, (lead, units, persons, leader, deadline, _) in zip(draft.items, expected):
        where = f"{name}-{fmt} item {item.number}"
        assert item.units[0] == lead and item.units == units, where  # these tables all name their units
        assert item.lead == lead, where  # none of them ends its text with （牵头单位：X）
        assert "lead" in given or marked(item, "lead"), f"{where}: a lead read from the first unit is marked"
        assert item.leader == leader or marked(item, "leader"), where
        assert item.deadline == deadline, where
        assert marked(item, "deadline") == (item.deadline_words != "" or "deadline" not in given_columns(draft)), where
        for unit in units:
            assert draft.units[unit] == persons.get(unit, draft.units[unit]), where
            assert unit in persons or unit in draft.unit_notes, f"{where}: {unit}'s person is marked"


@pytest.mark.parametrize(("name", "fmt"), shapes.FILES, ids=IDS)
def test_numeric_targets_exact(tmp_path: Path, name: str, fmt: str) -> None:
    """Kind, comparison (upper bounds included), value, unit word and part_of, item by item."""
    _, draft, _ = drafted(tmp_path, name, fmt)
    got = [[(t.kind, t.op, t.value, t.unit, t.part_of) for t in item.targets] for item in draft.items]
    assert got == [e[5] for e in shapes.EXPECTED[name]]


def test_at_least_90_percent_of_all_numeric_targets_are_exact(tmp_path: Path) -> None:
    right = total = 0
    for name, fmt in shapes.FILES:
        _, draft, _ = drafted(tmp_path, name, fmt)
        for item, expected in zip(draft.items, shapes.EXPECTED[name]):
            offered = [(t.kind, t.op, t.value, t.unit, t.part_of) for t in item.targets]
            right += sum(e in offered for e in expected[5])
            total += len(expected[5])
    assert total == 103  # the 31 targets of the four shapes, over their 12 files
    assert right / total >= 0.9


def _fragments(cell: str) -> list[str]:
    """A cell's pieces as the draft may place them apart: units and persons one by one, a
    category without its 一、 numbering (the plan numbers categories itself)."""
    cell = re.sub(r"^[一二三四五六七八九十]+、", "", cell.strip())
    return [re.sub(r"\s+", "", f) for f in re.split(r"[\n、]", cell) if f.strip()]


@pytest.mark.parametrize(("name", "fmt"), shapes.FILES, ids=IDS)
def test_nothing_is_lost_every_cell_is_in_the_draft(tmp_path: Path, name: str, fmt: str) -> None:
    _, draft, text = drafted(tmp_path, name, fmt)
    squeezed = re.sub(r"\s+", "", text)
    shape = shapes.SHAPES[name]
    cells = [(r, c, v) for r, row in enumerate(shape.grid) for c, v in enumerate(row) if v.strip()]
    cells += [(len(shape.grid), 0, v) for v in shape.after] if fmt == "docx" else []
    assert cells
    for r, c, value in cells:
        for fragment in _fragments(value):
            if date := re.fullmatch(r"([0-9]{1,2})月([0-9]{1,2})日", fragment):  # a date is the deadline itself
                fragment = f"deadline:2026-{int(date.group(1)):02}-{int(date.group(2)):02}"
            assert fragment in squeezed, f"row {r + 1} column {c + 1}: {value!r} is not in the draft"
    assert draft.kept == len(re.findall(r"^ *# 原文：", text, flags=re.MULTILINE)) > 0


def test_a_multi_row_item_is_one_item_with_every_row_kept(tmp_path: Path) -> None:
    _, draft, text = drafted(tmp_path, "county_annex", "xlsx")
    meals = draft.items[2]
    assert meals.rows == 3 and meals.text == "新建社区长者食堂 12 个；为不少于 800 名高龄老人提供助餐补贴；培训助餐从业人员 300 人次"
    assert meals.field_notes["deadline"] == ["完成时间“6月底前完成”、“第三季度”、“年底前”读作 2026-12-31（取最晚的一个）"]
    assert "本项在表中占 3 行（第 10–12 行），已合并为一项" in meals.notes[0]
    assert "        # 原文：完成时限：6月底前完成；第三季度；年底前" in text


def test_a_node_in_the_deadline_becomes_a_dated_milestone(tmp_path: Path) -> None:
    _, draft, text = drafted(tmp_path, "county_annex", "csv-gbk")
    assert "4c: {name: 5月底前启动, kind: milestone, schedule: {2026-05-31: 100}}  # 待核对：完成时间中的节点“5月底前启动”" in text
    assert draft.items[3].deadline.isoformat() == "2026-11-30"


def test_upper_bounds_are_drafted_as_such(tmp_path: Path) -> None:
    _, _, text = drafted(tmp_path, "county_annex", "docx")
    assert '1b: {name: 城镇登记失业率控制在3.5%以内, kind: rate, at_most: 3.5, unit: "%"}  # 待核对：原文“控制在3.5%以内”：“控制在…以内”，读作不超过 3.5%（比率）' in text
    assert "6b: {name: 较大事故低于 1 起, kind: count, less_than: 1, unit: 起}" in text


def test_progress_columns_are_no_targets_and_the_summary_names_them(run, tmp_path: Path) -> None:
    path = shapes.write("monthly_progress", "csv-gbk", tmp_path)
    result = run("plan", "draft", str(path), "-o", str(tmp_path / "tasks_2026.yaml"))
    assert result.exit_code == 0, result.output
    assert "表中没有的列：分管领导（相应字段已标“待核对”）" in result.output
    assert "“进展情况”是进展，未作为目标" in result.output
    # The title; 实事项目, 进展情况, 形象进度（%）, 完成时间 of the four items; one 备注.
    assert "18 处原文保留为“# 原文：”注释" in result.output
    text = (tmp_path / "tasks_2026.yaml").read_text(encoding="utf-8")
    assert "        # 原文：进展情况：已新增 320 个，正在验收" in text and "320" not in text.split("targets:")[1].split("- number")[0]


def test_validate_lists_each_marker_once_and_a_reviewed_draft_passes(run, tmp_path: Path) -> None:
    path = shapes.write("monthly_progress", "xlsx", tmp_path)
    plan = tmp_path / "data" / "tasks_2026.yaml"
    assert run("plan", "draft", str(path), "-o", str(plan)).exit_code == 0
    text = plan.read_text(encoding="utf-8")
    result = run("validate", "--plan", str(plan), str(plan))
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith(str(plan))]
    assert len(lines) == text.count("# 待核对") == len({line.split(": ")[0] for line in lines})
    assert all("[draft-review]" in line for line in lines)
    # The reviewer confirms each guess and fills in what the table did not say.
    reviewed = re.sub(r"[ \t]*# 待核对.*$", "", text, flags=re.MULTILINE)
    reviewed = reviewed.replace(': ""', ": 王某").replace("（类别名称）", "民生实事")
    write(plan, reviewed)
    passed = run("validate", "--plan", str(plan), str(plan))
    assert passed.exit_code == 0, passed.stdout
    loaded, problems = load_plan(plan)
    assert loaded is not None and problems == []


def test_a_responsibility_table_with_every_column_passes_once_its_markers_go(tmp_path: Path) -> None:
    _, _, text = drafted(tmp_path, "responsibility", "docx")
    plan, problems = load_plan(write(tmp_path / "tasks_2026.yaml", re.sub(r"[ \t]*# 待核对.*$", "", text, flags=re.MULTILINE)))
    assert problems == [] and plan is not None
    assert plan.task(1).lead_unit == "市教育局" and plan.person("市住房城乡建设局") == "孙丽"


BROKEN = [
    ["序号", "工作事项", "责任单位", "完成时间"],
    ["", "这一行没有序号", "市甲局", "6月底"],
    ["1", "新建站点 5 个", "市甲局", "6月底"],
    ["1a", "新建站点 3 个", "市乙局", "9月底"],
    ["2", "新建站点 4 个", "市乙局", "9月底"],
    ["2", "另一个 2 号", "市乙局", "9月底"],
]


def test_every_structural_problem_of_a_table_in_one_run(run, tmp_path: Path) -> None:
    import csv

    path = tmp_path / "分解表_2026.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(BROKEN[:4] + [BROKEN[4], ["", "", "", ""], BROKEN[5]])
    with pytest.raises(DraftError) as refused:
        draft_plan(read_table(path), year=2026, file_name=path.name)
    assert [(p.row, p.column) for p in refused.value.problems] == [(2, 1), (4, 1), (7, 1)]
    out = tmp_path / "tasks_2026.yaml"
    result = run("plan", "draft", str(path), "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert f"{path}:2:1: 错误: 这一行在第一个事项之前，不属于任何事项" in result.output
    assert f"{path}:4:1: 错误: 序号“1a”不是数字" in result.output
    assert f"{path}:7:1: 错误: 序号 2 重复（第 5 行已有）" in result.output
    assert "3 处表格结构问题" in result.output
