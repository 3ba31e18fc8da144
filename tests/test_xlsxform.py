"""The Excel form: what a clerk sees and may edit, and reading back what Excel and WPS leave."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from conftest import TODAY
from formfill import fill, row_of
from minsheng_cli.collect.forms import build_form
from minsheng_cli.collect.xlsxform import HEADERS, form_xlsx, read_form_xlsx
from minsheng_cli.model.plan import Plan
from minsheng_cli.model.progress import Progress, Reading, read_report
from minsheng_cli.reading.yamlsource import parse_yaml

DATE = dt.date(2025, 10, 31)


@pytest.fixture
def form(plan: Plan, tmp_path: Path) -> Path:
    path = tmp_path / "2025-10-31_市教育局.xlsx"
    path.write_bytes(form_xlsx(build_form(plan, Progress(), "市教育局", DATE)))
    return path


def read(plan: Plan, path: Path):
    """What a filled workbook reports, by the report rules: ({id: value}, problems as text)."""
    milestones = {tid for tid, ref in plan.targets.items() if ref.target.kind == "milestone"}
    converted, form_problems = read_form_xlsx(path, path.name, milestones)
    early = [f"{p.path} {p.code}" for p in form_problems]
    if converted is None:
        return None, early
    doc, problems = parse_yaml(converted.text.encode(), path.name)
    if doc is None:
        return None, early + [f"{converted.locate(p, path.name).path} {p.code}" for p in problems]
    readings, problems = read_report(plan, doc, today=TODAY)
    return {r.target: r.value for r in readings}, early + [f"{converted.locate(p, path.name).path} {p.code}" for p in problems]


def test_the_sheet_a_clerk_sees(form: Path) -> None:
    wb = openpyxl.load_workbook(form)
    assert wb.sheetnames == ["填报", "填报说明"]
    ws = wb["填报"]
    assert (ws["A2"].value, ws["B2"].value, ws["A3"].value, ws["B3"].value) == ("填报单位", "市教育局", "截至日期", "2025-10-31")
    assert [c.value for c in ws[5]] == HEADERS
    row = row_of(form, "7a")
    assert [c.value for c in ws[row]][:6] == ["7a", "7 维护青少年心理健康", "2025-07-31", "心理健康教师培训", "【牵头·报全市数】超过 1000 人次", "人次"]
    # 市教育局 co-handles item 15 without a part of its own: no rows for it. Beneath each item's
    # targets, its four text rows: 进展情况, 存在问题, 下步计划, 需协调事项.
    block = ["第7项"] * 4
    assert [c.value for c in ws["A"][5:]] == [
        "7a", "7b", *block, "12a", "12b", *["第12项"] * 4, "13a", "13b", "13c", *["第13项"] * 4, "14a", "14b", *["第14项"] * 4,
    ]
    first = row_of(form, "7b") + 1
    assert [ws.cell(first + i, 2).value for i in range(4)] == ["进展情况", "存在问题", "下步计划", "需协调事项"]
    # One wide cell (C to H, up to 本次累计值) per text, tall enough for a paragraph, open for typing.
    assert f"C{first}:H{first}" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.row_dimensions[first].height >= 60 and not ws[f"C{first}"].protection.locked


def test_the_header_asks_what_a_returned_form_carries(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    path.write_bytes(form_xlsx(build_form(plan, Progress(), "市教育局", DATE, reply_by=dt.date(2025, 11, 5))))
    ws = openpyxl.load_workbook(path)["填报"]
    assert (ws["E2"].value, ws["H2"].value, ws["E3"].value, ws["H3"].value) == ("填报人", "联系电话", "审核人（分管领导）", "报送日期")
    assert all(not ws[ref].protection.locked for ref in ("F2", "I2", "F3", "I3"))
    assert ws["A4"].value.startswith("请于 11 月 5 日前报回。")


def test_rows_are_tall_enough_for_their_text(form: Path) -> None:
    ws = openpyxl.load_workbook(form)["填报"]
    # 13a: 「构建城乡学前教育一体化管理资源共享机制的乡镇中心幼儿园（7 个县（市、区）各 1 所）」 takes
    # more lines in its column than 7a's short name: its row is taller, at least three lines.
    assert ws.row_dimensions[row_of(form, "13a")].height >= 16 * 3
    assert ws.row_dimensions[row_of(form, "13a")].height > ws.row_dimensions[row_of(form, "7a")].height


def test_rows_are_open_and_the_protection_allows_formatting_widths_and_sorting(form: Path) -> None:
    ws = openpyxl.load_workbook(form)["填报"]
    assert ws.protection.sheet and not ws.protection.password
    # The rows are unlocked (Excel sorts and deletes unlocked cells only); the headings are not.
    rows = [c.row for c in ws["A"][5:] if isinstance(c.value, str) and c.value[:1].isdigit()]
    assert rows and all(not c.protection.locked for r in rows for c in ws[r])
    assert all(c.protection.locked for c in ws[5]) and ws["A2"].protection.locked and ws["B2"].protection.locked
    p = ws.protection
    assert not (p.formatCells or p.formatColumns or p.formatRows or p.sort or p.autoFilter or p.deleteRows)
    assert p.insertColumns and p.deleteColumns  # the columns stay as they are: they are read by heading
    assert ws.auto_filter.ref.startswith("A5:")
    filled = {c.column_letter for row in ws.iter_rows(min_row=6) for c in row if c.fill.fgColor.rgb == "00FFF2CC"}
    assert filled == {"C", "I", "J", "K"}  # C: each item's text rows (进展情况 …)
    texts = [c.row for c in ws["A"][5:] if isinstance(c.value, str) and c.value.startswith("第")]
    assert texts and all(not ws[f"C{r}"].protection.locked for r in texts)


def test_value_cells_prompt_and_accept_what_the_import_reads(form: Path) -> None:
    ws = openpyxl.load_workbook(form)["填报"]
    rules = list(ws.data_validations.dataValidation)
    numbers = next(dv for dv in rules if dv.type is None)
    milestones = next(dv for dv in rules if dv.type == "list")
    # No decimal rule: Excel would refuse 3.13万, which the import reads (and the guide says so).
    assert "3.13万" in numbers.prompt and not any(dv.type == "decimal" for dv in rules)
    assert milestones.formula1 == '"是,否"'
    assert str(milestones.sqref) == f"I{row_of(form, '13c')}"
    assert f"I{row_of(form, '7a')}" in str(numbers.sqref)
    guide = [c.value for c in openpyxl.load_workbook(form)["填报说明"]["A"]]
    assert any("3.13万" in line for line in guide)


def test_the_sign_offs_are_read_into_the_report(plan: Plan, form: Path) -> None:
    fill(form, {"F2": "王小明", "I2": 13800138000, "F3": "李副局长", "I3": dt.datetime(2025, 11, 3), "I6": 1001})
    milestones = {tid for tid, ref in plan.targets.items() if ref.target.kind == "milestone"}
    converted, problems = read_form_xlsx(form, form.name, milestones)
    assert problems == [] and converted is not None
    assert 'reporter: "王小明"\nphone: "13800138000"\nreviewer: "李副局长"\nsubmitted: "2025-11-03"\n' in converted.text


def words_read(plan: Plan, path: Path):
    """The texts a filled workbook gives, and its problems at their cells."""
    from minsheng_cli.model.progress import read_report_words

    milestones = {tid for tid, ref in plan.targets.items() if ref.target.kind == "milestone"}
    converted, problems = read_form_xlsx(path, path.name, milestones)
    if converted is None:
        return None, [f"{p.path} {p.code}" for p in problems]
    doc, problems = parse_yaml(converted.text.encode(), path.name)
    if doc is not None:
        _, words, _, problems = read_report_words(plan, doc, today=TODAY)
    else:
        words = []
    return {(w.task, k): w.text(k) for w in words for k in ("progress", "problems", "next", "help") if w.text(k)}, [
        f"{converted.locate(p, path.name).path} {p.code}" for p in problems]


def test_the_text_block_is_read_back_as_the_items_narrative(plan: Plan, form: Path) -> None:
    row = row_of(form, "12b") + 1
    fill(form, {f"I{row_of(form, '12a')}": 1, f"C{row}": "托管试点已签约。\n温馨校园 5 所开工。", f"C{row + 3}": "请市财政局拨付资金"})
    assert words_read(plan, form) == ({(12, "progress"): "托管试点已签约。\n温馨校园 5 所开工。", (12, "help"): "请市财政局拨付资金"}, [])


@pytest.mark.parametrize(
    ("text", "code"),
    [("   ", "narrative-blank"), ("已完成\u202e培训", "control-character"), ("长" * 1001, "narrative-too-long")],
)
def test_a_bad_text_is_refused_at_its_cell(plan: Plan, form: Path, text: str, code: str) -> None:
    row = row_of(form, "7b") + 2  # 存在问题 of item 7
    fill(form, {"I6": 1001, f"C{row - 1}": "已培训", f"C{row}": text})
    assert words_read(plan, form)[1] == [f"{form.name}:填报!C{row} {code}"]


def test_figures_without_progress_text_in_a_form_that_has_texts(plan: Plan, form: Path) -> None:
    row = row_of(form, "7b") + 1
    fill(form, {"I6": 1001, f"I{row_of(form, '12a')}": 1, f"C{row}": "已培训"})
    assert words_read(plan, form)[1] == [f"{form.name}:填报!A{row_of(form, '12a')} progress-text-missing"]


def test_the_same_form_is_the_same_bytes(plan: Plan) -> None:
    form = build_form(plan, Progress(), "市教育局", DATE)
    assert form_xlsx(form) == form_xlsx(form)


def test_last_values_are_shown(plan: Plan, tmp_path: Path) -> None:
    progress = Progress({"7a": [Reading(dt.date(2025, 9, 30), "7a", "市教育局", 900)], "13c": [Reading(dt.date(2025, 9, 30), "13c", "市教育局", False)]})
    path = tmp_path / "f.xlsx"
    path.write_bytes(form_xlsx(build_form(plan, progress, "市教育局", DATE)))
    ws = openpyxl.load_workbook(path)["填报"]
    assert (ws["G6"].value, ws["H6"].value) == (900, "2025-09-30")
    assert ws[f"G{row_of(path, '13c')}"].value == "否"


@pytest.mark.parametrize(
    ("typed", "fmt", "read_as"),
    [
        (1001, None, 1001),
        ("1,300", None, 1300),
        ("１３００", None, 1300),
        ("1300  ", None, 1300),
        ("1，300", None, 1300),
        ("3.13万", None, 31300),
        (1300.0, None, 1300),
    ],
)
def test_numbers_as_excel_keeps_them(plan: Plan, form: Path, typed, fmt, read_as) -> None:
    fill(form, {"I6": typed})
    assert read(plan, form) == ({"7a": read_as}, [])


def test_a_percentage_cell_is_the_percentage_shown(plan: Plan, tmp_path: Path) -> None:
    form = tmp_path / "2025-10-31_市公安局.xlsx"
    form.write_bytes(form_xlsx(build_form(plan, Progress(), "市公安局", DATE)))
    row = row_of(form, "15b")
    fill(form, {f"I{row}": 0.055}, formats={f"I{row}": "0.0%"})
    assert read(plan, form) == ({"15b": 5.5}, [])


def test_a_formula_counts_by_its_saved_result(plan: Plan, form: Path) -> None:
    fill(form, {"I6": "=1000+1"}, cached={"I6": "1001"})
    assert read(plan, form) == ({"7a": 1001}, [])


def test_a_formula_without_a_saved_result_is_refused(plan: Plan, form: Path) -> None:
    fill(form, {"I6": "=1000+1"})
    assert read(plan, form) == (None, [f"{form.name}:填报!I6 formula-no-value"])


def test_milestones_are_yes_or_no(plan: Plan, form: Path) -> None:
    row = row_of(form, "13c")
    fill(form, {f"I{row}": "是"})
    assert read(plan, form) == ({"13c": True}, [])
    fill(form, {f"I{row}": "否"})
    assert read(plan, form) == ({"13c": False}, [])
    fill(form, {f"I{row}": "完成了"})
    assert read(plan, form) == ({}, [f"{form.name}:填报!I{row} milestone-not-bool"])


def test_rows_resorted_blank_rows_and_no_protection(plan: Plan, form: Path) -> None:
    def shuffle(ws) -> None:
        # The target rows re-sorted among themselves (the text blocks keep their place).
        at = [c.row for c in ws["A"][5:] if isinstance(c.value, str) and c.value[:1].isdigit()]
        rows = [[c.value for c in ws[r]] for r in at]
        for row, values in zip(at, reversed(rows)):
            for col, value in enumerate(values, 1):
                ws.cell(row, col).value = value
        # Excel moves merged cells with their rows; openpyxl does not, so the test does.
        merged = [r for r in ws.merged_cells.ranges if r.min_row >= 9]
        for r in merged:
            ws.unmerge_cells(str(r))
        ws.insert_rows(9, 3)
        for r in merged:
            r.shift(0, 3)
            ws.merge_cells(str(r))
        ws.protection.sheet = False

    fill(form, {"I6": 1200, "I7": 130}, edit=shuffle)
    ws = openpyxl.load_workbook(form)["填报"]
    assert ws["A9"].value is None and [c.value for c in ws["A"]].index("7a") > 20
    assert read(plan, form) == ({"7a": 1200, "7b": 130}, [])


def test_a_date_typed_into_the_date_cell_is_its_date(plan: Plan, form: Path) -> None:
    fill(form, {"B3": dt.datetime(2025, 10, 31), "I6": 1001})
    ws = openpyxl.load_workbook(form)["填报"]
    assert ws["B3"].is_date
    assert read(plan, form) == ({"7a": 1001}, [])


def test_a_value_excel_turned_into_a_date_is_refused(plan: Plan, form: Path) -> None:
    fill(form, {"I6": dt.datetime(2025, 3, 5)})
    assert read(plan, form) == (None, [f"{form.name}:填报!I6 date-in-value-cell"])


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"I6": "1300人"}, "I6 unit-in-value"),
        ({"I6": -5}, "I6 negative-value"),
        ({"K6": "只写了依据"}, "I6 empty-value"),
        ({"A6": "7x", "I6": 5}, "A6 unknown-target"),
        ({"A6": "1a", "I6": 5}, "A6 unit-not-responsible"),
        ({"B2": "市民政", "I6": 5}, "B2 unknown-unit"),
        ({"B3": "2025-13-01", "I6": 5}, "B3 bad-date"),
        ({"A7": "7a", "I6": 5, "I7": 6}, "A7 duplicate-key"),
    ],
)
def test_problems_are_reported_at_their_cell(plan: Plan, form: Path, cells: dict, problem: str) -> None:
    fill(form, cells)
    _, problems = read(plan, form)
    assert f"{form.name}:填报!{problem}" in problems


def test_a_value_without_a_target_id(plan: Plan, form: Path) -> None:
    below = openpyxl.load_workbook(form)["填报"].max_row + 2
    fill(form, {f"I{below}": 5})
    assert read(plan, form) == (None, [f"{form.name}:填报!I{below} no-target-id"])


def test_not_a_workbook_or_not_a_form(plan: Plan, tmp_path: Path) -> None:
    text = tmp_path / "f.xlsx"
    text.write_text("unit: x\n", encoding="utf-8")
    assert read(plan, text) == (None, ["f.xlsx not-xlsx"])
    other = tmp_path / "g.xlsx"
    openpyxl.Workbook().save(other)
    assert read(plan, other) == (None, ["g.xlsx not-a-form"])


# --- read exactly or refuse (#18) ---------------------------------------------------------------


def test_formula_noise_is_the_figure_meant(plan: Plan, form: Path) -> None:
    # Excel saves =7700/1.1 as 6999.999999999999; read as is, it misses a target of 7,000.
    fill(form, {"I6": "=7700/1.1", "I7": "=0.7*3*100"}, cached={"I6": "6999.999999999999", "I7": "209.99999999999997"})
    assert read(plan, form) == ({"7a": 7000, "7b": 210}, [])


def test_a_percentage_formula_is_rounded_as_shown(plan: Plan, tmp_path: Path) -> None:
    form = tmp_path / "2025-10-31_市公安局.xlsx"  # 15b is the lead's, 市公安局's, to report
    form.write_bytes(form_xlsx(build_form(plan, Progress(), "市公安局", DATE)))
    row = row_of(form, "15b")
    fill(form, {f"I{row}": "=0.11/2"}, formats={f"I{row}": "0.0%"}, cached={f"I{row}": "5.5000000000000007E-2"})
    assert read(plan, form) == ({"15b": 5.5}, [])


def test_a_formula_that_gives_no_exact_figure_is_refused(plan: Plan, form: Path) -> None:
    fill(form, {"I6": "=1000/3"}, cached={"I6": "333.33333333333331"})
    values, problems = read(plan, form)
    assert problems == [f"{form.name}:填报!I6 formula-not-exact"]
    converted, found = read_form_xlsx(form, form.name, set())
    assert "ROUND" in found[0].hint


def test_a_figure_typed_over_merged_value_cells_is_refused(plan: Plan, form: Path) -> None:
    fill(form, {"I6": 2600}, edit=lambda ws: ws.merge_cells("I6:I7"))
    converted, problems = read_form_xlsx(form, form.name, set())
    assert converted is None
    assert [(p.path, p.code) for p in problems] == [(f"{form.name}:填报!I6:I7", "merged-cells")]
    assert "取消合并" in problems[0].hint


def test_merged_cells_elsewhere_are_read_as_before(plan: Plan, form: Path) -> None:
    # Offices merge an item's 事项 cells; the title row is merged by `form` itself.
    fill(form, {"I6": 1200, "I7": 130}, edit=lambda ws: ws.merge_cells("B6:B7"))
    assert read(plan, form) == ({"7a": 1200, "7b": 130}, [])


@pytest.mark.parametrize("typed", ["2025-10-31", "2025/10/31", "2025年10月31日", "10月31日"])
def test_a_date_typed_as_text_is_called_a_date(plan: Plan, form: Path, typed: str) -> None:
    fill(form, {"I6": typed})
    assert read(plan, form) == ({}, [f"{form.name}:填报!I6 date-not-number"])


def test_a_form_edited_to_another_units_name_is_refused(plan: Plan, form: Path) -> None:
    # 市教育局's form with 市民政局 typed into the header (the sheet's protection has no password).
    fill(form, {"B2": "市民政局", "I6": 5})
    converted, problems = read_form_xlsx(form, form.name, set())
    assert [(p.path, p.code) for p in problems] == [(f"{form.name}:填报!B2", "form-of-another-unit")]
    assert "为 市教育局 生成" in problems[0].message
    # and the report's own rules still speak: 市民政局 does not report 7a
    assert read(plan, form)[1] == [f"{form.name}:填报!B2 form-of-another-unit", f"{form.name}:填报!A6 unit-not-responsible"]


def test_a_form_edited_to_another_date_is_refused(plan: Plan, form: Path) -> None:
    fill(form, {"B3": "2025-11-30", "I6": 5})
    converted, problems = read_form_xlsx(form, form.name, set())
    assert [(p.path, p.code) for p in problems] == [(f"{form.name}:填报!B3", "form-of-another-date")]


def test_plan_text_that_looks_like_a_formula_stays_text(plan: Plan, tmp_path: Path) -> None:
    import dataclasses

    made = build_form(plan, Progress(), "市教育局", DATE)
    first = made.lines[0]
    hostile = dataclasses.replace(made, lines=[dataclasses.replace(first, name='=HYPERLINK("http://example.com","点击查看")', requirement="+1"), *made.lines[1:]])
    path = tmp_path / "f.xlsx"
    path.write_bytes(form_xlsx(hostile))
    ws = openpyxl.load_workbook(path)["填报"]
    assert (ws["D6"].value, ws["D6"].data_type, ws["D6"].quotePrefix) == ('=HYPERLINK("http://example.com","点击查看")', "s", True)
    # the role stands before the requirement now (#17); the cell is text whatever it says
    assert ws["E6"].value.endswith("+1") and ws["E6"].data_type == "s"
    assert (ws["B6"].data_type, ws["B6"].quotePrefix) == ("s", False)  # ordinary text unchanged


@pytest.mark.parametrize("typed", ["2025/10/31", "2025年10月31日", "2025.10.31"])
def test_the_same_date_written_otherwise_is_the_same_date(plan: Plan, form: Path, typed: str) -> None:
    fill(form, {"B3": typed, "I6": 5})
    assert read(plan, form) == ({"7a": 5}, [])


def test_a_direction_control_in_a_note_is_refused_at_its_cell(plan: Plan, form: Path) -> None:
    fill(form, {"I6": 5, "J6": "已完成 \u2067820 人\u2069 培训"})
    assert read(plan, form) == (None, [f"{form.name}:填报!J6 control-character"])
