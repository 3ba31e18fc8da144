"""The Excel layout of a unit's form, and reading a filled one back.

Writing: a 填报 sheet, one row per target (编号, 事项, 目标, 要求, 计量单位, 上次填报, 上次日期,
本次累计值, 说明, 依据), the unit and date in the header, only the value, 说明 and 依据 cells
editable (sheet protection without a password), data validation on the value cells, beneath
each item's targets a block of four tall rows for its 进展情况, 存在问题, 下步计划 and 需协调事项
(`第7项` in 编号, the label in 事项, the text in one wide cell C–G), and a 填报说明 sheet. The bytes are reproducible: the same form twice is the same file.

Reading: the workbook is turned back into the plain report format, one value per YAML line,
with a map from each line to its cell. The report is then checked by the same rules as any
report, and each problem is moved to the cell it came from (`填报!H7`). What Excel and WPS do to
a form is read exactly or refused: text-typed numbers go through the report's own number
reading, a %-formatted cell is the percentage shown, a formula counts by its cached value, rows
may be re-sorted or blank, a date cell becomes its date. Nothing is guessed.

openpyxl is imported inside the functions, so commands that never touch Excel do not load it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from minsheng_cli.collect.forms import Form, format_number
from minsheng_cli.model.narrative import FIELDS
from minsheng_cli.reading.problems import Problem

SHEET = "填报"
GUIDE_SHEET = "填报说明"
HEADERS = ["编号", "事项", "目标", "要求", "计量单位", "上次填报", "上次日期", "本次累计值", "说明", "依据"]
UNIT_LABEL, DATE_LABEL = "填报单位", "截至日期"
_WIDTHS = [8, 30, 36, 18, 10, 10, 12, 14, 30, 30]
_EDITABLE = ("本次累计值", "说明", "依据")
_FIRST_ROW = 6
_YES, _NO = "是", "否"

GUIDE = [
    "怎样填写这份填报表",
    "1. 只在“填报”表的浅黄色格子里填写：本次累计值、说明、依据，以及每个事项下方的进展情况等文字格。其他格子已锁定，不需要改。",
    "2. 本次累计值：截至表头“截至日期”的累计完成数（不是本月新增数）。比率、标准、降幅填当前水平。",
    "3. 只填数字，不带单位：1500、38.5；百分比 40% 填 40（单元格设成百分比格式也可以）。",
    "4. 定性任务（要求为“完成”）在下拉框中选“是”（已完成）或“否”（未完成）。",
    "5. 没有新数据的目标留空，留空不算填报，也不会覆盖以前填报的数。",
    "6. 累计值比上次少（更正数据）时，必须在“说明”中写明原因。",
    "7. 依据可写文号或链接。",
    "8. 可以用公式，但请在 Excel 或 WPS 中保存后再发回，以便保存计算结果。",
    "9. 不要改工作表名称、表头和编号；填完后按原文件名保存为 .xlsx 发回。",
    "10. 每个事项的目标下方有四行文字格：进展情况（本期做了什么，填报了该项数值时必须写）、存在问题、下步计划、"
    "需协调事项（需要办公室或市领导出面协调的事）。每格写一两句话即可，最多 1000 字；格内换行按 Alt+Enter。",
    "11. 佐证材料（照片、验收单、名单、文件）随表发给办公室，由办公室导入时登记，不要粘贴在表格里。",
]
#: The rows of an item's text block: the label shown, and each row's height in points.
_BLOCK_HEIGHTS = {"progress": 75, "problems": 45, "next": 30, "help": 30}
_BLOCK_MARK = re.compile(r"第\s*([0-9]+)\s*项")


def _lines_needed(text: str, width: int) -> int:
    """Rows of text a wrapped cell needs; a Chinese character is about two columns wide.
    Excel and WPS do not grow a row for wrapped text the file did not size, so the form does."""
    columns = sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
    return max(1, -(-columns // max(1, width - 1)))


def _text_block(ws: Any, row: int, task: int, wrap: Any, box: Any, fill: Any) -> int:
    """The item's four text rows after `row`; the last row written."""
    from openpyxl.styles import Font, Protection

    for key, label in FIELDS.items():
        row += 1
        ws.cell(row, 1, f"第{task}项").alignment = wrap
        ws.cell(row, 2, label).font = Font(bold=True)
        for col in range(1, len(HEADERS) + 1):
            ws.cell(row, col).border = box
            ws.cell(row, col).alignment = wrap
        text = ws.cell(row, 3)
        text.protection = Protection(locked=False)
        text.fill = fill
        # C to G (about 86 characters wide); the value, 说明 and 依据 columns stay unmerged, so a
        # merged cell over them still means a figure typed over two targets.
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=HEADERS.index("本次累计值"))
        ws.row_dimensions[row].height = _BLOCK_HEIGHTS[key]
    return row


def _reproducible(data: bytes, stamp: dt.datetime) -> bytes:
    """The same workbook bytes for the same form: fixed zip times and document times, so
    writing an unchanged form again is recognised as unchanged."""
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", lambda m: m.group(1) + when.encode(), body)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6]), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def form_xlsx(form: Form) -> bytes:
    """The form as an .xlsx workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    wrap = Alignment(wrap_text=True, vertical="top")
    editable = PatternFill("solid", fgColor="FFF2CC")
    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws["A1"] = f"{form.title} 进度填报表"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    for row, label, value in ((2, UNIT_LABEL, form.unit), (3, DATE_LABEL, form.date.isoformat())):
        ws.cell(row, 1, label).font = Font(bold=True)
        ws.cell(row, 2, value).number_format = "@"
    ws.cell(2, 3, f"责任人：{form.person}")
    ws.cell(3, 3, "只填浅黄色的格子；没有新数据的留空。详见“填报说明”表。")
    for col, heading in enumerate(HEADERS, 1):
        cell = ws.cell(_FIRST_ROW - 1, col, heading)
        cell.font = Font(bold=True)
        cell.border = box
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS[col - 1]
    numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True, showErrorMessage=True,
                             errorTitle="数值不对", error="请只填 0 或正数，不带单位；百分比 40% 填 40。", showInputMessage=True, promptTitle="本次累计值", prompt="截至日期的累计值，只填数字")
    milestones = DataValidation(type="list", formula1=f'"{_YES},{_NO}"', allow_blank=True, showErrorMessage=True,
                                errorTitle="请选择", error=f"定性任务只选“{_YES}”（已完成）或“{_NO}”（未完成）。")
    ws.add_data_validation(numbers)
    ws.add_data_validation(milestones)
    value_col = HEADERS.index("本次累计值") + 1
    row = _FIRST_ROW - 1
    for i, line in enumerate(form.lines):
        row += 1
        last: Any = None if line.last_value is None else (_YES if line.last_value is True else _NO if line.last_value is False else line.last_value)
        cells = [line.target_id, f"{line.task} {line.task_text}", line.name, line.requirement, line.unit, last,
                 line.last_date.isoformat() if line.last_date else "", None, None, None]
        for col, value in enumerate(cells, 1):
            cell = ws.cell(row, col, value)
            cell.alignment = wrap
            cell.border = box
            if HEADERS[col - 1] in _EDITABLE:
                cell.protection = Protection(locked=False)
                cell.fill = editable
        (milestones if line.milestone else numbers).add(ws.cell(row, value_col))
        ws.row_dimensions[row].height = 15 * max(_lines_needed(str(v or ""), _WIDTHS[c]) for c, v in enumerate(cells))
        if i + 1 == len(form.lines) or form.lines[i + 1].task != line.task:
            row = _text_block(ws, row, line.task, wrap, box, editable)
    ws.freeze_panes = ws.cell(_FIRST_ROW, 1)
    ws.protection.sheet = True  # no password: clerks fill the open cells, nothing else moves
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{_FIRST_ROW - 1}:{_FIRST_ROW - 1}"
    guide = wb.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 100
    for row, text in enumerate(GUIDE, 1):
        guide.cell(row, 1, text).alignment = Alignment(wrap_text=True)
    guide["A1"].font = Font(bold=True, size=14)
    wb.properties.title = f"{form.title} 进度填报表：{form.unit} {form.date}"
    wb.properties.creator = "minsheng"
    buffer = io.BytesIO()
    wb.save(buffer)
    return _reproducible(buffer.getvalue(), dt.datetime.combine(form.date, dt.time()))


# --- reading a filled form back -------------------------------------------------------------


@dataclass
class ConvertedForm:
    """A filled workbook as report text, with the cell each YAML line came from."""

    text: str
    cells: dict[int, str] = field(default_factory=dict)  # YAML line (1-based) -> "填报!H7"

    def locate(self, problem: Problem, name: str) -> Problem:
        """The problem at the cell its line came from (`f.xlsx:填报!H7`)."""
        cell = self.cells.get(problem.line)
        where = f"{name}:{SHEET}!{cell}" if cell else name
        return Problem(where, 0, 0, problem.code, problem.message, problem.hint, problem.severity, problem.related)


class _Refused(Exception):
    def __init__(self, cell: str, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.cell, self.code, self.message, self.hint = cell, code, message, hint


def _cell_problem(name: str, cell: str, code: str, message: str, hint: str) -> Problem:
    return Problem(f"{name}:{SHEET}!{cell}" if cell else name, 0, 0, code, message, hint)


def read_form_xlsx(path: Path, name: str, milestones: set[str]) -> tuple[ConvertedForm | None, list[Problem]]:
    """A filled workbook as report text; `milestones` are the ids whose 是/否 mean true/false."""
    import openpyxl

    try:
        values_wb = openpyxl.load_workbook(path, data_only=True)
        formulas_wb = openpyxl.load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, openpyxl.utils.exceptions.InvalidFileException) as e:
        return None, [Problem(name, 0, 0, "not-xlsx", f"无法作为 Excel 工作簿读取（{type(e).__name__}）", "请用 Excel 或 WPS 另存为“Excel 工作簿（.xlsx）”；.xls、.et 格式不能读取")]
    if SHEET not in values_wb.sheetnames:
        return None, [Problem(name, 0, 0, "not-a-form", f"工作簿里没有“{SHEET}”工作表", "请使用 minsheng form 生成的填报表，不要改工作表名称")]
    problems: list[Problem] = []
    try:
        converted = _convert(values_wb[SHEET], formulas_wb[SHEET], milestones, problems, name)
    except _Refused as r:
        return None, [_cell_problem(name, r.cell, r.code, r.message, r.hint)]
    return (None if problems else converted), problems


def _convert(ws: Any, formulas: Any, milestones: set[str], problems: list[Problem], name: str) -> ConvertedForm:
    labels: dict[str, Any] = {}
    header_row, columns = None, {}
    for row in ws.iter_rows():
        texts = {c.column: str(c.value).strip() for c in row if isinstance(c.value, str)}
        first = texts.get(1)
        if header_row is None and first in (UNIT_LABEL, DATE_LABEL) and len(row) > 1:
            labels[first] = row[1]
        if header_row is None and "编号" in texts.values() and "本次累计值" in texts.values():
            header_row = row[0].row
            columns = {text: col for col, text in texts.items() if text in HEADERS}
    if header_row is None or UNIT_LABEL not in labels or DATE_LABEL not in labels:
        raise _Refused("", "not-a-form", f"“{SHEET}”表缺少表头（{UNIT_LABEL}、{DATE_LABEL}、编号、本次累计值）", "请使用 minsheng form 生成的填报表，不要删改表头")
    out = ConvertedForm("")
    lines: list[str] = []

    def add(text: str, cell: str) -> None:
        lines.append(text)
        out.cells[len(lines)] = cell

    unit_cell, date_cell = labels[UNIT_LABEL], labels[DATE_LABEL]
    add(f"unit: {_text_scalar(unit_cell)}", unit_cell.coordinate)
    add(f"date: {_date_scalar(date_cell)}", date_cell.coordinate)
    lines.append("values:")
    id_col = columns["编号"]
    texts: dict[int, dict[str, tuple[str, str]]] = {}  # item -> key -> (text, cell)
    labels_of = {label: key for key, label in FIELDS.items()}
    wanted = [(key, columns.get(heading)) for key, heading in (("value", "本次累计值"), ("note", "说明"), ("source", "依据"))]
    for row in ws.iter_rows(min_row=header_row + 1):
        by_col = {c.column: c for c in row}
        id_cell = by_col.get(id_col)
        block = _BLOCK_MARK.fullmatch(str(id_cell.value).strip()) if id_cell is not None and isinstance(id_cell.value, str) else None
        label = by_col.get(id_col + 1)
        if block is not None and label is not None and str(label.value or "").strip() in labels_of:
            # A cell of only spaces is passed on, so the report's check says so at the cell.
            written = [c for c in row if c.column > id_col + 1 and c.value is not None and c.value != ""]
            if written:
                text = "\n".join(str(c.value).strip("\n") if isinstance(c.value, str) else _plain(c.value) for c in written)
                texts.setdefault(int(block.group(1)), {})[labels_of[str(label.value).strip()]] = (text, written[0].coordinate)
            continue
        cells = {key: by_col.get(col) for key, col in wanted if col is not None}
        filled = {key: c for key, c in cells.items() if c is not None and (not _blank(c.value) or formulas[c.coordinate].data_type == "f")}
        if id_cell is None or _blank(id_cell.value):
            if filled:
                cell = next(iter(filled.values()))
                problems.append(_cell_problem(name, cell.coordinate, "no-target-id", "这一行填了内容，却没有目标编号", "请在“编号”列写上目标编号，或删去这一行"))
            continue
        if not filled:
            continue  # not reported this time
        target_id = str(id_cell.value).strip()
        add(f"  {json.dumps(target_id, ensure_ascii=False)}:", id_cell.coordinate)
        for key, cell in filled.items():
            try:
                scalar = _value_scalar(cell, formulas[cell.coordinate], target_id in milestones) if key == "value" else _text_scalar(cell)
            except _Refused as r:
                problems.append(_cell_problem(name, r.cell, r.code, r.message, r.hint))
                continue
            add(f"    {key}: {scalar}", cell.coordinate)
        if "value" not in filled:
            add("    value:", cells["value"].coordinate if cells.get("value") is not None else id_cell.coordinate)
    if len(lines) == 3 and not problems and not texts:
        raise _Refused("", "nothing-filled", "没有填写任何数值", "请在“本次累计值”列填写后再发回；没有新数据的单位不必发回")
    if texts:
        lines.append("narrative:")
        for task in sorted(texts):
            lines.append(f"  {task}:")
            for key, (text, cell) in texts[task].items():
                add(f"    {key}: {json.dumps(text, ensure_ascii=False)}", cell)
    out.text = "\n".join(lines) + "\n"
    return out


def _plain(value: Any) -> str:
    """A number or date typed into a text cell, as text."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return format_number(value) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number_text(value: int | float, percent: bool) -> str:
    if percent:  # 40% is stored as 0.4 and shown as 40%: the figure meant is the one shown
        shown = Decimal(repr(value) if isinstance(value, float) else value) * 100
        return format_number(int(shown) if shown == shown.to_integral_value() else float(shown))
    return format_number(value)


def _value_scalar(cell: Any, formula_cell: Any, milestone: bool) -> str:
    value = cell.value
    if formula_cell.data_type == "f" and value is None:
        raise _Refused(cell.coordinate, "formula-no-value", f"公式 {formula_cell.value} 没有保存计算结果", "请在 Excel 或 WPS 中打开后保存一次再发回，或把公式改成数值")
    if isinstance(value, str) and value.startswith("#"):
        raise _Refused(cell.coordinate, "formula-error", f"单元格显示错误值 {value}", "请改正公式，或直接填数值")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        raise _Refused(cell.coordinate, "date-in-value-cell", f"数值被 Excel 当成了日期或时间（{value}）", "请把单元格格式设为“常规”或“数值”，再重新输入数字")
    if isinstance(value, int | float):
        return _number_text(value, "%" in (cell.number_format or ""))
    text = str(value)
    if milestone and text.strip() in (_YES, _NO):
        return "true" if text.strip() == _YES else "false"
    return json.dumps(text, ensure_ascii=False)


def _text_scalar(cell: Any) -> str:
    value = cell.value
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date | dt.datetime):
        return json.dumps(value.isoformat(), ensure_ascii=False)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return json.dumps(format_number(value))
    return json.dumps("" if value is None else str(value), ensure_ascii=False)


def _date_scalar(cell: Any) -> str:
    value = cell.value
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        raise _Refused(cell.coordinate, "bad-date", f"截至日期带有时间（{value}）", "只写日期，如 2025-10-31")
    return _text_scalar(cell)
