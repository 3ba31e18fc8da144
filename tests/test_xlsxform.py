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
    assert [c.value for c in ws[row]][:5] == ["7a", "7 维护青少年心理健康", "心理健康教师培训", "超过 1000 人次", "人次"]
    # Beneath each item's targets, its four text rows: 进展情况, 存在问题, 下步计划, 需协调事项.
    block = ["第7项"] * 4
    assert [c.value for c in ws["A"][5:]] == [
        "7a", "7b", *block, "12a", "12b", *[b.replace("7", "12") for b in block], "13a", "13b", "13c", *["第13项"] * 4,
        "14a", "14b", *["第14项"] * 4, "15a", "15b", "15c", *["第15项"] * 4,
    ]
    first = row_of(form, "7b") + 1
    assert [ws.cell(first + i, 2).value for i in range(4)] == ["进展情况", "存在问题", "下步计划", "需协调事项"]
    # One wide cell (C to G) per text, tall enough for a paragraph, open for typing.
    assert f"C{first}:G{first}" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.row_dimensions[first].height >= 60 and not ws[f"C{first}"].protection.locked


def test_only_value_note_and_source_are_editable(form: Path) -> None:
    ws = openpyxl.load_workbook(form)["填报"]
    assert ws.protection.sheet and not ws.protection.password
    targets = [c.row for c in ws["A"][5:] if isinstance(c.value, str) and c.value[:1].isdigit()]
    unlocked = {c.column_letter for r in targets for c in ws[r] if not c.protection.locked}
    assert unlocked == {"H", "I", "J"}
    texts = [c.row for c in ws["A"][5:] if isinstance(c.value, str) and c.value.startswith("第")]
    assert {c.coordinate[0] for r in texts for c in ws[r] if type(c).__name__ != "MergedCell" and not c.protection.locked} == {"C"}
    assert all(ws[f"{col}2"].protection.locked for col in "ABH")


def test_value_cells_are_validated(form: Path) -> None:
    ws = openpyxl.load_workbook(form)["填报"]
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    numbers = next(dv for dv in rules.values() if dv.type == "decimal")
    milestones = next(dv for dv in rules.values() if dv.type == "list")
    assert (numbers.operator, numbers.formula1) == ("greaterThanOrEqual", "0")
    assert milestones.formula1 == '"是,否"'
    assert str(milestones.sqref) == f"H{row_of(form, '13c')}"
    assert f"H{row_of(form, '7a')}" in str(numbers.sqref)


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
    fill(form, {f"H{row_of(form, '12a')}": 1, f"C{row}": "托管试点已签约。\n温馨校园 5 所开工。", f"C{row + 3}": "请市财政局拨付资金"})
    assert words_read(plan, form) == ({(12, "progress"): "托管试点已签约。\n温馨校园 5 所开工。", (12, "help"): "请市财政局拨付资金"}, [])


@pytest.mark.parametrize(
    ("text", "code"),
    [("   ", "narrative-blank"), ("已完成\u202e培训", "control-character"), ("长" * 1001, "narrative-too-long")],
)
def test_a_bad_text_is_refused_at_its_cell(plan: Plan, form: Path, text: str, code: str) -> None:
    row = row_of(form, "7b") + 2  # 存在问题 of item 7
    fill(form, {"H6": 1001, f"C{row - 1}": "已培训", f"C{row}": text})
    assert words_read(plan, form)[1] == [f"{form.name}:填报!C{row} {code}"]


def test_figures_without_progress_text_in_a_form_that_has_texts(plan: Plan, form: Path) -> None:
    row = row_of(form, "7b") + 1
    fill(form, {"H6": 1001, f"H{row_of(form, '12a')}": 1, f"C{row}": "已培训"})
    assert words_read(plan, form)[1] == [f"{form.name}:填报!A{row_of(form, '12a')} progress-text-missing"]


def test_the_same_form_is_the_same_bytes(plan: Plan) -> None:
    form = build_form(plan, Progress(), "市教育局", DATE)
    assert form_xlsx(form) == form_xlsx(form)


def test_last_values_are_shown(plan: Plan, tmp_path: Path) -> None:
    progress = Progress({"7a": [Reading(dt.date(2025, 9, 30), "7a", "市教育局", 900)], "13c": [Reading(dt.date(2025, 9, 30), "13c", "市教育局", False)]})
    path = tmp_path / "f.xlsx"
    path.write_bytes(form_xlsx(build_form(plan, progress, "市教育局", DATE)))
    ws = openpyxl.load_workbook(path)["填报"]
    assert (ws["F6"].value, ws["G6"].value) == (900, "2025-09-30")
    assert ws[f"F{row_of(path, '13c')}"].value == "否"


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
    fill(form, {"H6": typed})
    assert read(plan, form) == ({"7a": read_as}, [])


def test_a_percentage_cell_is_the_percentage_shown(plan: Plan, form: Path) -> None:
    row = row_of(form, "15b")
    fill(form, {f"H{row}": 0.055}, formats={f"H{row}": "0.0%"})
    assert read(plan, form) == ({"15b": 5.5}, [])


def test_a_formula_counts_by_its_saved_result(plan: Plan, form: Path) -> None:
    fill(form, {"H6": "=1000+1"}, cached={"H6": "1001"})
    assert read(plan, form) == ({"7a": 1001}, [])


def test_a_formula_without_a_saved_result_is_refused(plan: Plan, form: Path) -> None:
    fill(form, {"H6": "=1000+1"})
    assert read(plan, form) == (None, [f"{form.name}:填报!H6 formula-no-value"])


def test_milestones_are_yes_or_no(plan: Plan, form: Path) -> None:
    row = row_of(form, "13c")
    fill(form, {f"H{row}": "是"})
    assert read(plan, form) == ({"13c": True}, [])
    fill(form, {f"H{row}": "否"})
    assert read(plan, form) == ({"13c": False}, [])
    fill(form, {f"H{row}": "完成了"})
    assert read(plan, form) == ({}, [f"{form.name}:填报!H{row} milestone-not-bool"])


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

    fill(form, {"H6": 1200, "H7": 130}, edit=shuffle)
    ws = openpyxl.load_workbook(form)["填报"]
    assert ws["A9"].value is None and [c.value for c in ws["A"]].index("7a") > 20
    assert read(plan, form) == ({"7a": 1200, "7b": 130}, [])


def test_a_date_typed_into_the_date_cell_is_its_date(plan: Plan, form: Path) -> None:
    fill(form, {"B3": dt.datetime(2025, 10, 31), "H6": 1001})
    ws = openpyxl.load_workbook(form)["填报"]
    assert ws["B3"].is_date
    assert read(plan, form) == ({"7a": 1001}, [])


def test_a_value_excel_turned_into_a_date_is_refused(plan: Plan, form: Path) -> None:
    fill(form, {"H6": dt.datetime(2025, 3, 5)})
    assert read(plan, form) == (None, [f"{form.name}:填报!H6 date-in-value-cell"])


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"H6": "1300人"}, "H6 unit-in-value"),
        ({"H6": -5}, "H6 negative-value"),
        ({"I6": "只写了说明"}, "H6 empty-value"),
        ({"A6": "7x", "H6": 5}, "A6 unknown-target"),
        ({"A6": "1a", "H6": 5}, "A6 unit-not-responsible"),
        ({"B2": "市民政", "H6": 5}, "B2 unknown-unit"),
        ({"B3": "2025-13-01", "H6": 5}, "B3 bad-date"),
        ({"A7": "7a", "H6": 5, "H7": 6}, "A7 duplicate-key"),
    ],
)
def test_problems_are_reported_at_their_cell(plan: Plan, form: Path, cells: dict, problem: str) -> None:
    fill(form, cells)
    _, problems = read(plan, form)
    assert f"{form.name}:填报!{problem}" in problems


def test_a_value_without_a_target_id(plan: Plan, form: Path) -> None:
    below = openpyxl.load_workbook(form)["填报"].max_row + 2
    fill(form, {f"H{below}": 5})
    assert read(plan, form) == (None, [f"{form.name}:填报!H{below} no-target-id"])


def test_not_a_workbook_or_not_a_form(plan: Plan, tmp_path: Path) -> None:
    text = tmp_path / "f.xlsx"
    text.write_text("unit: x\n", encoding="utf-8")
    assert read(plan, text) == (None, ["f.xlsx not-xlsx"])
    other = tmp_path / "g.xlsx"
    openpyxl.Workbook().save(other)
    assert read(plan, other) == (None, ["g.xlsx not-a-form"])
