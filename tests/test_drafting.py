"""A plan drafted from the 2025 分解表 in three formats, measured against data/tasks_2025.yaml,
and the table reading and review markers it rests on."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PLAN_FILE, ROOT, write
from minsheng_cli.setup.draft import DraftError, draft_plan, find_year, render
from minsheng_cli.model.markers import review_problems
from minsheng_cli.setup.draft_tables import TableError, read_table
from minsheng_cli.model.plan import load_plan

FENJIE = ROOT / "tests" / "data" / "fenjie"
sys.path.insert(0, str(FENJIE))
import measure  # noqa: E402  (the measuring script beside the fixtures)

PLAN = yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", measure.FORMATS)
def test_the_draft_gets_the_2025_plan_right_but_one_target(fmt: str) -> None:
    """The figures the README records."""
    draft = yaml.safe_load(measure.strip_markers(measure.draft_of(fmt)))
    result = measure.measure(draft, PLAN)
    assert result["right"] == {"items": 26, "units": 26, "persons": 26, "deadlines": 26, "targets": 60}
    assert result["totals"]["targets"] == 61 and result["milestones"] == 13
    assert result["missed"] == ["13a ('count', 'at_least', 7, '所', None, None)"]
    assert result["extra"] == 4
    assert draft["units"] == PLAN["units"]
    assert draft["districts"] == PLAN["districts"] and draft["all_districts"] == PLAN["all_districts"]


def test_the_three_formats_give_the_same_draft() -> None:
    # The text above the table differs (a Word file has 附件 2 in a paragraph of its own).
    bodies = {fmt: measure.draft_of(fmt).split("\nyear:", 1)[1] for fmt in measure.FORMATS}
    assert bodies["xlsx"] == bodies["csv"] == bodies["docx"]


def test_a_draft_is_refused_until_reviewed_and_valid_once_it_is(tmp_path: Path) -> None:
    text = measure.draft_of("xlsx")
    drafted = write(tmp_path / "tasks_2025.yaml", text)
    plan, problems = load_plan(drafted)
    assert plan is None
    review = [p for p in problems if p.code == "draft-review"]
    assert len(review) == text.count("# 待核对") and len(review) == len(problems)
    first_target = next(p for p in review if "1500" in p.message)
    assert first_target.message == "草稿尚未核对：原文“至少 1500 名”：“至少”，读作不少于 1500 名（累计数量）"
    plan, problems = load_plan(write(tmp_path / "reviewed" / "tasks_2025.yaml", measure.strip_markers(text)))
    assert plan is not None and problems == []


def test_the_header_lists_the_numbers_that_became_no_target() -> None:
    header = measure.draft_of("csv").split("year: 2025", 1)[0]
    assert "# 待核对：原文中下列 7 个数字没有转为目标" in header
    assert "#   第 22 项：134 个（已有的数量，不是要完成的目标）" in header
    assert "#   第 4 项：3-5（范围或编号，不是可累计的数）" in header


def test_review_markers_only_in_comments_of_the_marker_form() -> None:
    text = "title: 待核对的事\n# 标有“待核对”之处\nyear: 2025  # 待核对：年度\n"
    (problem,) = review_problems("p.yaml", text)
    assert (problem.line, problem.column, problem.message) == (3, 13, "草稿尚未核对：年度")


def table_file(tmp_path: Path, rows: list[list[str]], name: str = "分解表_2026.csv", encoding: str = "utf-8-sig") -> Path:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path = tmp_path / name
    path.write_bytes(out.getvalue().encode(encoding))
    return path


HEAD = ["民生实事", "序 号", "工作事项", "分管\n市领导", "责任单位", "责任人", "完成时间"]


def one_item(**cells: str) -> list[str]:
    row = {"category": "一、养老", "number": "1", "text": "办好不少于 260 处助餐点。（牵头单位：市民政局）", "leader": "曹 阳",
           "units": "市民政局\n各县（市、区）政府", "persons": "杨 蕾\n各县（市、区）长", "deadline": "12 月 10 日"}
    row.update(cells)
    return list(row.values())


def drafted(path: Path, year: int = 2026):
    return draft_plan(read_table(path), year=year, file_name=path.name)


def test_a_gbk_csv_from_excel_on_chinese_windows(tmp_path: Path) -> None:
    path = table_file(tmp_path, [HEAD, one_item()], encoding="gb18030")
    draft = drafted(path)
    assert draft.items[0].units == ["市民政局", "各县（市、区）政府"] and "GBK" in draft.source
    assert draft.units == {"市民政局": "杨蕾", "各县（市、区）政府": "各县（市、区）长"}


@pytest.mark.parametrize(("cell", "expected", "note"), [
    ("12 月 10 日", dt.date(2026, 12, 10), ""),
    ("12月10日", dt.date(2026, 12, 10), ""),
    ("2026-09-30", dt.date(2026, 9, 30), ""),
    ("2026年6月30日", dt.date(2026, 6, 30), ""),
    ("6月底", dt.date(2026, 6, 30), "完成时间“6月底”读作 2026-06-30"),
    ("12月底前", dt.date(2026, 12, 31), "完成时间“12月底前”读作 2026-12-31"),
    ("年底前", dt.date(2026, 12, 31), "完成时间“年底前”读作 2026-12-31"),
    ("6月底前完成", dt.date(2026, 6, 30), "完成时间“6月底前完成”读作 2026-06-30"),
    ("9月投入使用", dt.date(2026, 9, 30), "完成时间“9月投入使用”读作 2026-09-30"),
    ("第三季度", dt.date(2026, 9, 30), "完成时间“第三季度”读作 2026-09-30"),
    ("2026年10月", dt.date(2026, 10, 31), "完成时间“2026年10月”读作 2026-10-31"),
    ("", dt.date(2026, 12, 31), "没有完成时间，暂定 2026-12-31，请照实填写"),
    ("2 月 30 日", dt.date(2026, 12, 31), "完成时间“2 月 30 日”无法识别或不是有效日期"),
    ("2025-12-10", dt.date(2025, 12, 10), "完成时间 2025-12-10 不在 2026 年内"),
])
def test_deadlines(tmp_path: Path, cell: str, expected: dt.date | None, note: str) -> None:
    item = drafted(table_file(tmp_path, [HEAD, one_item(deadline=cell)])).items[0]
    assert item.deadline == expected
    assert item.all_notes()[:1] == ([note] if note else [])
    assert (item.deadline_words == cell) == bool(note and "不在" not in note)


def test_units_in_one_line_lead_moved_first_and_persons_that_do_not_match(tmp_path: Path) -> None:
    row = one_item(units="各县（市、区）政府、市民政局", persons="各县（市、区）长")
    item = drafted(table_file(tmp_path, [HEAD, row])).items[0]
    assert item.units == ["市民政局", "各县（市、区）政府"]
    assert item.all_notes() == ["责任单位已调整为牵头单位“市民政局”在前", "责任单位 2 个、责任人 1 个（各县（市、区）长），对不上，请逐一核对"]
    assert item.persons == ["", ""]  # one person for two units is paired with neither


def test_a_person_named_differently_by_two_items_is_marked(tmp_path: Path) -> None:
    rows = [HEAD, one_item(), one_item(number="2", category="", persons="杨蕾\n各县长")]
    text = render(drafted(table_file(tmp_path, rows)))
    assert "  各县（市、区）政府: 各县（市、区）长  # 待核对：第 2 项写的责任人是“各县长”" in text
    draft = drafted(table_file(tmp_path, rows))
    assert [i.category for i in draft.items] == ["养老", "养老"]  # the merged (empty) category cell


def test_a_table_with_no_header_is_refused_and_one_without_a_column_is_drafted(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="找不到表头") as refused:
        drafted(table_file(tmp_path, [["名称", "内容"], ["a", "b"]]))
    assert [(p.row, p.column) for p in refused.value.problems] == [(1, 1)]
    draft = drafted(table_file(tmp_path, [HEAD[:6], one_item()[:6]]))
    assert draft.missing == ["完成时间"]
    assert draft.items[0].deadline == dt.date(2026, 12, 31)
    assert draft.items[0].all_notes() == ["表中没有完成时间一列，暂定 2026-12-31，请照实填写"]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("t.xls", b"", "另存为 .xlsx"),
    ("t.txt", b"", "只能读取"),
    ("t.xlsx", b"not a zip", "无法作为 .xlsx 文件读取"),
    ("t.docx", b"PK\x03\x04broken", "无法作为 .docx 文件读取"),
])
def test_files_that_are_no_table(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(TableError, match=message):
        read_table(path)


def test_the_year_from_the_title_or_the_file_name(tmp_path: Path) -> None:
    titled = table_file(tmp_path, [["2027 年民生实事任务分解表", "", ""], HEAD, one_item()], name="分解表.csv")
    assert find_year(read_table(titled), titled) == 2027
    named = table_file(tmp_path, [HEAD, one_item()], name="分解表_2026.csv")
    assert find_year(read_table(named), named) == 2026
    bare = table_file(tmp_path, [HEAD, one_item()], name="分解表.csv")
    assert find_year(read_table(bare), bare) is None


#: The source document: shared/ beside the checkout (as CI lays it out), else the workplace's.
SEED = next((d for d in (ROOT.parent / "shared" / "seed", Path("/work/shared/seed")) if d.is_dir()), None)


@pytest.mark.skipif(SEED is None, reason="the source document is not on this machine")
def test_the_committed_csv_is_what_the_builder_makes_from_the_source(tmp_path: Path) -> None:
    import build

    assert SEED is not None
    rows = build.parse(next(SEED.glob("000_*.txt")).read_text(encoding="utf-8"))
    build.write_csv(rows, tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_bytes() == (FENJIE / "分解表_2025.csv").read_bytes()


def test_merged_cells_count_for_every_row_they_span_in_xlsx_and_docx(tmp_path: Path) -> None:
    """A units cell merged over two items (fill-down would not reach it: only categories fill down)."""
    from docx import Document
    from openpyxl import Workbook

    rows = [HEAD, one_item(), one_item(number="2", category="", units="", persons="")]
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.active.merge_cells("E2:E3")
    book.active.merge_cells("F2:F3")
    book.save(tmp_path / "分解表_2026.xlsx")
    document = Document()
    grid = document.add_table(rows=3, cols=7)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value:
                grid.cell(r, c).text = value
    grid.cell(1, 4).merge(grid.cell(2, 4))
    grid.cell(1, 5).merge(grid.cell(2, 5))
    document.save(str(tmp_path / "分解表_2026.docx"))
    for name in ("分解表_2026.xlsx", "分解表_2026.docx"):
        items = drafted(tmp_path / name).items
        assert [i.units for i in items] == [["市民政局", "各县（市、区）政府"]] * 2, name
        assert all(not i.all_notes() for i in items), name


def test_numbers_restarting_in_each_category_become_the_plans_numbering_marked(tmp_path: Path) -> None:
    rows = [HEAD, one_item(), one_item(number="2", category=""), one_item(number="1", category="二、医疗")]
    draft = drafted(table_file(tmp_path, rows))
    assert [(i.number, i.category) for i in draft.items] == [(1, "养老"), (2, "养老"), (3, "医疗")]
    assert draft.items[2].notes == ["表中序号为 1，按全表顺序改为 3"]
    assert [i.notes for i in draft.items[:2]] == [[], []]


def test_one_unit_column_lead_first_without_a_lead_in_the_text_is_marked(tmp_path: Path) -> None:
    row = one_item(text="办好不少于 260 处助餐点。", units="市民政局、市财政局", persons="杨 蕾、王 五")
    text = render(drafted(table_file(tmp_path, [HEAD, row])))
    assert "        lead: 市民政局  # 待核对：表中没有牵头单位，按责任单位的第一个“市民政局”读作牵头单位" in text
    assert "  市财政局: 王五\n" in text


def test_a_table_without_units_is_drafted_and_validate_says_each_marker_once(run, tmp_path: Path) -> None:
    rows = [["序号", "工作事项", "分管领导", "完成时间"], ["1", "新建站点 5 个", "张三", "6月底"], ["", "培训 100 人次", "李四", "9月底"]]
    path = table_file(tmp_path, rows)
    item = drafted(path).items[0]
    assert item.field_notes["leader"] == ["本项另有分管领导“李四”（子任务的领导），leader 只写了“张三”"]
    assert item.deadline == dt.date(2026, 9, 30) and item.units == []
    plan = tmp_path / "tasks_2026.yaml"
    assert run("plan", "draft", str(path), "-o", str(plan)).exit_code == 0
    text = plan.read_text(encoding="utf-8")
    assert "units: {}  # 待核对：表中没有责任单位" in text
    result = run("validate", "--plan", str(plan), str(plan))
    lines = [line for line in result.stdout.splitlines() if line.startswith(str(plan))]
    assert len(lines) == text.count("# 待核对") and all("[draft-review]" in line for line in lines)


@pytest.mark.parametrize("cell", ["牵头单位：市财政局\n配合单位：市民政局、市教育局", "市民政局、市财政局（牵头）、市教育局"])
def test_a_units_cell_that_labels_its_lead(tmp_path: Path, cell: str) -> None:
    row = one_item(text="办好不少于 260 处助餐点。", units=cell, persons="")
    item = drafted(table_file(tmp_path, [HEAD, row])).items[0]
    assert item.units[0] == "市财政局" and sorted(item.units) == ["市教育局", "市民政局", "市财政局"]
    assert item.lead == "市财政局" and "lead" not in item.field_notes


def test_any_table_of_known_words_drafts_to_yaml_or_names_its_problems() -> None:
    """Odd tables, mixed from the words real ones use (a fixed seed: the same 300 each run)."""
    import random

    from minsheng_cli.setup.draft_tables import Table

    words = ["序号", "工作事项", "目标任务", "牵头单位", "配合单位", "责任单位", "责任人", "分管领导", "完成时限", "进展情况",
             "一、养老", "1", "2", "2", "1a", "", "", "市甲局、市乙局", "张 三\n李四", "12月底前", "5月底前动工，年底前建成",
             "新建 5 个站点", "控制在3%以内", "注：说明", "合计", "牵头单位：市丙局", "“引号”: {x}", "# 井号", "2026年民生实事"]
    generator = random.Random(19)
    for _ in range(300):
        width = generator.randint(1, 7)
        rows = [[generator.choice(words) for _ in range(width)] for _ in range(generator.randint(1, 8))]
        table = Table(rows, "", "test")
        try:
            draft = draft_plan(table, year=2026, file_name="t.csv")
        except DraftError as e:
            assert e.problems and all(p.row >= 1 and p.column >= 1 for p in e.problems), rows
            continue
        assert isinstance(yaml.safe_load(render(draft)), dict), rows


def test_a_part_naming_a_department_is_reported_by_its_unit() -> None:
    """（含农业农村部门 0.9 万批次）: the draft says who reports the part, as the bundled plan does;
    其中高速公路…服务区 names no department, so no unit is guessed."""
    draft = yaml.safe_load(measure.strip_markers(measure.draft_of("csv")))
    targets = {tid: t for c in draft["categories"] for task in c["tasks"] for tid, t in task["targets"].items()}
    assert targets["9b"]["reported_by"] == "市农业农村局" == PLAN["categories"][4]["tasks"][0]["targets"]["9b"]["reported_by"]
    assert "reported_by" not in targets["23b"]
