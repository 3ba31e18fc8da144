"""The xlsx 台账 read back with openpyxl: numbers and dates as such, fills by status, frozen
and filtered headings, A4 landscape, the same bytes each time."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from conftest import EXAMPLES, PLAN_FILE, TODAY
from minsheng_cli.outputs.ledger import Sources, build_ledger, ledger_title
from minsheng_cli.outputs.ledger_xlsx import render_xlsx
from minsheng_cli.outputs.lights import FILL
from minsheng_cli.engine.rules import LIGHT_LABELS
from minsheng_cli.model.plan import load_plan
from minsheng_cli.model.progress import load_progress
from minsheng_cli.engine.status import STATUS_LABELS, compute_status

AS_OF = dt.date(2025, 9, 30)


@pytest.fixture(scope="module")
def workbook_bytes() -> bytes:
    plan, _ = load_plan(PLAN_FILE)
    assert plan is not None
    progress, _ = load_progress(plan, [EXAMPLES], today=TODAY)
    report = compute_status(plan, progress, AS_OF)
    # Given as paths, the sources are shown by name only: the workbook leaves this machine.
    sheets = build_ledger(plan, progress, report, Sources(str(PLAN_FILE), str(EXAMPLES.resolve()), progress.reports))
    return render_xlsx(sheets, as_of=AS_OF, title=ledger_title(plan, report))


@pytest.fixture(scope="module")
def workbook(workbook_bytes: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes))


def rows(ws) -> list[dict]:
    """The data rows under the title row (1) and the heading row (2), by heading."""
    header = [c.value for c in ws[2]]
    return [dict(zip(header, (c for c in row))) for row in ws.iter_rows(min_row=3)]


def test_sheets_and_headings(workbook) -> None:
    # 13a is broken down by district (7 个县（市、区）各 1 所): its sheet comes before 说明.
    assert workbook.sheetnames == ["台账", "事项", "目标", "单位", "填报记录", "分县（市、区）情况", "说明"]
    assert [c.value for c in workbook["事项"][2]] == [
        "序号", "类别", "工作事项", "牵头单位", "责任人", "分管市领导", "完成时间", "延期至", "完成度", "序时进度", "状态", "亮灯", "标记",
        "完成日期", "逾期天数", "进展情况", "销号", "进展情况（单位填报）", "存在问题（单位填报）",
    ]
    assert [c.value for c in workbook["填报记录"][2]][-1] == "佐证材料"
    assert [c.value for c in workbook["目标"][2]][:4] == ["编号", "事项", "目标", "要求"]
    for ws in workbook:  # the title row over every sheet
        assert ws["A1"].value == "2025 年市十件民生实事工作台账（截至 9 月 30 日）"
        assert [str(r).split(":")[0] for r in ws.merged_cells.ranges] == ["A1"]


def test_item_rows_store_numbers_dates_and_percentages(workbook) -> None:
    items = rows(workbook["事项"])
    assert len(items) == 26
    one = items[0]
    assert one["序号"].value == 1
    assert one["完成时间"].value == dt.datetime(2025, 12, 10)
    assert one["完成时间"].number_format == "yyyy-mm-dd"
    # 0.8984 is stored rounded down to 0.1%, so Excel's rounding cannot overstate it.
    assert one["完成度"].value == 0.898
    assert one["完成度"].number_format == "0.0%"
    seven = items[6]
    assert (seven["状态"].value, seven["逾期天数"].value) == ("已逾期", 61)
    assert isinstance(seven["逾期天数"].value, int)
    assert one["逾期天数"].value is None


def test_status_cells_are_filled_with_their_light(workbook) -> None:
    lights = {label: key for key, label in LIGHT_LABELS.items()}
    seen = set()
    for row in rows(workbook["事项"]):
        cell = row["状态"]
        assert cell.value in STATUS_LABELS.values()  # the status word alone; the light has its column
        light = "grey" if cell.value == "未填报" else lights[row["亮灯"].value]
        assert cell.fill.fgColor.rgb == "00" + FILL[light]
        seen.add(light)
    assert seen == {"green", "yellow", "red", "grey", "blue"}


def test_an_extended_deadline_has_its_own_column(workbook) -> None:
    four = rows(workbook["事项"])[3]
    assert four["完成时间"].value == dt.datetime(2025, 12, 10)
    assert four["延期至"].value is None  # this workbook is built without the extensions file


def test_targets_readings_and_units(workbook) -> None:
    targets = {r["编号"].value: r for r in rows(workbook["目标"])}
    assert len(targets) == 74
    assert (targets["1a"]["要求"].value, targets["1a"]["目标值"].value, targets["1a"]["实际"].value) == ("不少于", 1500, 1250)
    assert targets["7a"]["要求"].value == "超过" and targets["7a"]["是否达成"].value == "否"
    assert targets["2b"]["实际"].value == "未完成"
    assert targets["1a"]["最近填报日期"].value == dt.datetime(2025, 9, 30)
    readings = rows(workbook["填报记录"])
    assert all(isinstance(r["日期"].value, dt.datetime) for r in readings)
    assert readings[0]["日期"].value <= readings[-1]["日期"].value
    units = {r["单位"].value: r for r in rows(workbook["单位"])}
    education = units["市教育局"]
    assert (education["责任人"].value, education["牵头事项"].value, education["已逾期"].value) == ("梁凤琼", "7、12、13、14", 1)


def test_frozen_filtered_printable(workbook) -> None:
    for ws in workbook:
        assert ws.freeze_panes == "A3"
        assert ws.auto_filter.ref == ws.dimensions.replace("A1:", "A2:")
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.print_title_rows == "$1:$2"
        assert ws.oddFooter.center.text == "第 &P 页，共 &N 页"
        # Every cell of the table is boxed.
        for row in ws.iter_rows(min_row=2):
            assert all(c.border.left.style == "thin" and c.border.bottom.style == "thin" for c in row)
    # A Chinese name of 6 characters needs 12 columns, plus a margin.
    assert workbook["事项"].column_dimensions["D"].width >= 14


def test_same_bytes_with_fixed_dates(workbook_bytes: bytes, workbook) -> None:
    assert workbook.properties.created == workbook.properties.modified == dt.datetime(2025, 9, 30)
    with zipfile.ZipFile(io.BytesIO(workbook_bytes)) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 9, 30, 0, 0, 0)}


def test_long_text_wraps_in_a_row_tall_enough(workbook) -> None:
    ws = workbook["事项"]
    assert ws["C3"].alignment.wrap_text and ws["D3"].alignment.wrap_text  # long unit names wrap too
    assert ws.column_dimensions["C"].width == 50  # capped: 48 plus a margin
    # Item 1's text takes 222 columns (a Chinese character is two): five lines of 47.
    assert ws.row_dimensions[3].height == 15 * 5
    # Every row is as tall as its longest wrapped cell needs, and no taller.
    from minsheng_cli.outputs.ledger_xlsx import lines_of

    wrapped = [c.column for c in ws[2] if ws.cell(3, c.column).alignment.wrap_text]
    for r in range(3, ws.max_row + 1):
        lines = max(lines_of(str(ws.cell(r, c).value or ""), int(ws.column_dimensions[ws.cell(r, c).column_letter].width) - 2) for c in wrapped)
        assert ws.row_dimensions[r].height == (15 * lines if lines > 1 else None)


def test_the_print_sheet_fits_a4_landscape_at_a_readable_size(workbook) -> None:
    from openpyxl.utils import get_column_letter

    ws = workbook["台账"]
    assert [c.value for c in ws[2]] == ["序号", "工作事项", "牵头单位", "责任人", "完成时间", "完成度", "序时进度", "状态", "进展情况"]
    assert all(c.font.size >= 9 for row in ws.iter_rows(min_row=3) for c in row)
    # A4 landscape less half-inch margins is 770 pt; a column unit is 5.25 pt in Excel (Calibri
    # 11) and up to 7 pt where Calibri is missing, so the columns fit unscaled either way.
    units = sum(ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1))
    assert units * 7 <= (297 / 25.4 - 1.0) * 72
    assert workbook.active.title == "台账"


def test_progress_comes_from_the_units_notes_and_no_path_is_shown(workbook) -> None:
    items = {r["序号"].value: r for r in rows(workbook["台账"])}
    # a unit's own 进展情况 (#21) where it wrote one; else the 说明 on the figures; else nothing
    assert items[7]["进展情况"].value == "9 月 30 日 市教育局：示例：专题教育和家长课堂累计开展 96 场，心理健康教师培训已于 7 月完成 1000 人次。"
    assert items[10]["进展情况"].value.startswith("9 月 30 日 市市场监管局：示例更正：")  # a 说明
    assert items[4]["进展情况"].value is None  # neither
    texts = [str(c.value) for ws in workbook for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(t.startswith("/") or ":\\" in t or str(EXAMPLES.resolve()) in t for t in texts)
    assert [t for t in texts if ".yaml" in t] == ["2025 年市十件民生实事（tasks_2025.yaml）"]  # the plan, by its name
    notes = {r["项目"].value: r["内容"].value for r in rows(workbook["说明"])}
    assert notes["进度报告"].startswith("progress_2025：")
    assert "文件" not in [c.value for c in workbook["填报记录"][2]]
