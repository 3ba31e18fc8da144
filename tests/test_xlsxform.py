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
    converted, problems = read_form_xlsx(path, path.name, milestones)
    if converted is None:
        return None, [f"{p.path} {p.code}" for p in problems]
    doc, problems = parse_yaml(converted.text.encode(), path.name)
    if doc is None:
        return None, [f"{converted.locate(p, path.name).path} {p.code}" for p in problems]
    readings, problems = read_report(plan, doc, today=TODAY)
    return {r.target: r.value for r in readings}, [f"{converted.locate(p, path.name).path} {p.code}" for p in problems]


def test_the_sheet_a_clerk_sees(form: Path) -> None:
    wb = openpyxl.load_workbook(form)
    assert wb.sheetnames == ["填报", "填报说明"]
    ws = wb["填报"]
    assert (ws["A2"].value, ws["B2"].value, ws["A3"].value, ws["B3"].value) == ("填报单位", "市教育局", "截至日期", "2025-10-31")
    assert [c.value for c in ws[5]] == HEADERS
    row = row_of(form, "7a")
    assert [c.value for c in ws[row]][:6] == ["7a", "7 维护青少年心理健康", "2025-07-31", "心理健康教师培训", "超过 1000 人次", "人次"]
    assert [c.value for c in ws["A"][5:]] == ["7a", "7b", "12a", "12b", "13a", "13b", "13c", "14a", "14b", "15a", "15b", "15c"]


def test_the_header_asks_what_a_returned_form_carries(plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    path.write_bytes(form_xlsx(build_form(plan, Progress(), "市教育局", DATE, reply_by=dt.date(2025, 11, 5))))
    ws = openpyxl.load_workbook(path)["填报"]
    assert (ws["E2"].value, ws["H2"].value, ws["E3"].value, ws["H3"].value) == ("填报人", "联系电话", "审核人（分管领导）", "报送日期")
    assert all(not ws[ref].protection.locked for ref in ("F2", "I2", "F3", "I3"))
    assert ws["A4"].value.startswith("请于 11 月 5 日前报回。")


def test_rows_are_tall_enough_for_their_text(form: Path) -> None:
    ws = openpyxl.load_workbook(form)["填报"]
    row = row_of(form, "15a")  # 「进一步优化公办专门学校（江门市明德学校）的矫治教育课程设置」: 3 lines of 28
    assert ws.row_dimensions[row].height >= 16 * 3


def test_rows_are_open_and_the_protection_allows_formatting_widths_and_sorting(form: Path) -> None:
    ws = openpyxl.load_workbook(form)["填报"]
    assert ws.protection.sheet and not ws.protection.password
    # The rows are unlocked (Excel sorts and deletes unlocked cells only); the headings are not.
    assert all(not c.protection.locked for row in ws.iter_rows(min_row=6) for c in row)
    assert all(c.protection.locked for c in ws[5]) and ws["A2"].protection.locked and ws["B2"].protection.locked
    p = ws.protection
    assert not (p.formatCells or p.formatColumns or p.formatRows or p.sort or p.autoFilter or p.deleteRows)
    assert p.insertColumns and p.deleteColumns  # the columns stay as they are: they are read by heading
    assert ws.auto_filter.ref.startswith("A5:")
    filled = {c.column_letter for row in ws.iter_rows(min_row=6) for c in row if c.fill.fgColor.rgb == "00FFF2CC"}
    assert filled == {"I", "J", "K"}


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


def test_a_percentage_cell_is_the_percentage_shown(plan: Plan, form: Path) -> None:
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
        rows = [[c.value for c in ws[r]] for r in range(6, 18)]
        for offset, values in enumerate(reversed(rows)):
            for col, value in enumerate(values, 1):
                ws.cell(6 + offset, col).value = value
        ws.insert_rows(9, 3)
        ws.protection.sheet = False

    fill(form, {"I6": 1200, "I7": 130}, edit=shuffle)
    ws = openpyxl.load_workbook(form)["填报"]
    assert ws["A20"].value == "7a" and ws["A9"].value is None
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
        ({"J6": "只写了说明"}, "I6 empty-value"),
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
    fill(form, {"I30": 5})
    assert read(plan, form) == (None, [f"{form.name}:填报!I30 no-target-id"])


def test_not_a_workbook_or_not_a_form(plan: Plan, tmp_path: Path) -> None:
    text = tmp_path / "f.xlsx"
    text.write_text("unit: x\n", encoding="utf-8")
    assert read(plan, text) == (None, ["f.xlsx not-xlsx"])
    other = tmp_path / "g.xlsx"
    openpyxl.Workbook().save(other)
    assert read(plan, other) == (None, ["g.xlsx not-a-form"])
