"""The xlsx 台账 read back with openpyxl: numbers and dates as such, fills by status, frozen
and filtered headings, A4 landscape, the same bytes each time."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from conftest import EXAMPLES, PLAN_FILE, TODAY
from minsheng_cli.outputs.ledger import Sources, build_ledger
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
    sheets = build_ledger(plan, progress, report, Sources("tasks_2025.yaml", "examples/progress_2025", progress.reports))
    return render_xlsx(sheets, as_of=AS_OF, title="台账")


@pytest.fixture(scope="module")
def workbook(workbook_bytes: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook_bytes))


def rows(ws) -> list[dict]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, (c for c in row))) for row in ws.iter_rows(min_row=2)]


def test_sheets_and_headings(workbook) -> None:
    assert workbook.sheetnames == ["事项", "目标", "单位", "填报记录", "说明"]
    assert [c.value for c in workbook["事项"][1]] == [
        "序号", "类别", "工作事项", "牵头单位", "责任人", "分管市领导", "完成时间", "延期至", "完成度", "序时进度", "状态", "亮灯", "标记",
        "完成日期", "逾期天数", "销号", "进展情况（单位填报）", "存在问题（单位填报）",
    ]
    assert [c.value for c in workbook["填报记录"][1]][-1] == "佐证材料"
    assert [c.value for c in workbook["目标"][1]][:4] == ["编号", "事项", "目标", "要求"]


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
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == ws.dimensions
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.print_title_rows == "$1:$1"
    # A Chinese name of 6 characters needs 12 columns, plus a margin.
    assert workbook["事项"].column_dimensions["D"].width >= 14


def test_same_bytes_with_fixed_dates(workbook_bytes: bytes, workbook) -> None:
    assert workbook.properties.created == workbook.properties.modified == dt.datetime(2025, 9, 30)
    with zipfile.ZipFile(io.BytesIO(workbook_bytes)) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 9, 30, 0, 0, 0)}


def test_long_text_wraps_in_a_row_tall_enough(workbook) -> None:
    ws = workbook["事项"]
    assert ws["C2"].alignment.wrap_text
    assert ws.column_dimensions["C"].width == 50  # capped: 48 plus a margin
    # Item 1's text takes 222 columns (a Chinese character is two): five lines of 48.
    assert ws.row_dimensions[2].height == 15 * 5
