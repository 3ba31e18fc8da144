"""The Excel layout of a unit's form, and reading a filled one back.

Writing: a 填报 sheet, one row per target (编号, 事项, 完成时间, 目标, 要求, 计量单位, 上次填报,
上次日期, 本次累计值, 说明, 依据), the unit, date and reply-by date in the header with open cells
for 填报人, 联系电话, 审核人（分管领导） and 报送日期, the value, 说明 and 依据 cells shaded to fill.
The sheet is protected without a password, its headings locked and its rows open, so units may
format, resize, sort, filter and delete rows; the value cells prompt for a figure, 是/否 cells
offer a list; beneath each item's targets a block of four tall rows for its 进展情况, 存在问题,
下步计划 and 需协调事项 (`第7项` in 编号, the label in 事项, the text in one wide cell C–G); and a
填报说明 sheet. The bytes are reproducible: the same form twice is the same file.

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
from typing import Any, Callable

from minsheng_cli.collect.forms import Form, format_number
from minsheng_cli.outputs.formulas import text_cell
from minsheng_cli.reading.problems import Problem, Severity
from minsheng_cli.reading.workbook import check_workbook
from minsheng_cli.model.narrative import FIELDS

SHEET = "填报"
GUIDE_SHEET = "填报说明"
HEADERS = ["编号", "事项", "完成时间", "目标", "要求", "计量单位", "上次填报", "上次日期", "本次累计值", "说明", "依据"]
UNIT_LABEL, DATE_LABEL = "填报单位", "截至日期"
#: What a returned 填报表 carries besides its figures: who filled it, how to reach them, who
#: approved it and when it was sent; each label's value is the cell to its right, and becomes
#: the report's key of the same meaning.
SUBMISSION = {"填报人": "reporter", "联系电话": "phone", "审核人（分管领导）": "reviewer", "报送日期": "submitted"}
#: Column widths: 133 units, which A4 landscape fitted to its width prints at 11 pt in Excel
#: and near 9 pt where a unit is wider (LibreOffice without Calibri); long text wraps instead.
_WIDTHS = [8, 16, 11, 18, 12, 8, 9, 11, 12, 16, 12]
_EDITABLE = ("本次累计值", "说明", "依据")
#: Points a line of wrapped text takes in a row (a CJK line of 11-point text).
LINE_POINTS = 16
_FIRST_ROW = 6
_YES, _NO = "是", "否"

GUIDE = [
    "怎样填写这份填报表",
    "1. 只在“填报”表的浅黄色格子里填写：本次累计值、说明、依据，以及每个事项下方的进展情况等文字格。其他格子已锁定，不需要改。",
    "2. 本次累计值：截至表头“截至日期”的累计完成数（不是本月新增数）。比率、标准、降幅填当前水平。",
    "3. 只填数字，不带单位：1500、38.5，也可写 3.13万；百分比 40% 填 40（单元格设成百分比格式也可以）。",
    "4. 定性任务（要求为“完成”）在下拉框中选“是”（已完成）或“否”（未完成）。",
    "5. 没有新数据的目标：“本次累计值”留空、在“说明”中写明（如“本月无新进展”），算已报送，不会覆盖以前填报的数；既不填数也不写说明的，不算填报。",
    "6. 累计值比上次少（更正数据）时，必须在“说明”中写明原因。",
    "7. 依据可写文号或链接。",
    "8. 可以用公式，但请在 Excel 或 WPS 中保存后再发回，以便保存计算结果。",
    "9. 不要改工作表名称、表头和编号；可以调列宽、改格式、排序或删去不填的行（按编号识别目标）。",
    "10. 请在表头填写填报人、联系电话、审核人（分管领导）和报送日期，按表头的日期前按原文件名保存为 .xlsx 发回。",
    "11. 每个事项的目标下方有四行文字格：进展情况（本期做了什么，填报了该项数值时必须写）、存在问题、下步计划、"
    "需协调事项（需要办公室或市领导出面协调的事）。每格写一两句话即可，最多 1000 字；格内换行按 Alt+Enter。",
    "12. 佐证材料（照片、验收单、名单、文件）随表发给办公室，由办公室导入时登记，不要粘贴在表格里。",
]
#: The rows of an item's text block: the label shown, and each row's height in points.
_BLOCK_HEIGHTS = {"progress": 75, "problems": 45, "next": 30, "help": 30}
_BLOCK_MARK = re.compile(r"第\s*([0-9]+)\s*项")


def guide_lines(form: Form) -> list[str]:
    """The 填报说明 sheet: the general guide, then who reports what for this unit."""
    return [*GUIDE, "", "本单位的填报分工（“要求”列【】中写明每个目标的分工）", form.rule] if form.rule else list(GUIDE)


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
    # Every text from the plan goes in through text_cell: a line starting with `=` stays text.
    text_cell(ws["A1"], f"{form.title} 进度填报表")
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    for row, label, value in ((2, UNIT_LABEL, form.unit), (3, DATE_LABEL, form.date.isoformat())):
        ws.cell(row, 1, label).font = Font(bold=True)
        text_cell(ws.cell(row, 2), value).number_format = "@"
    text_cell(ws.cell(2, 3), f"责任人：{form.person}")
    due = f"请于 {form.reply_by.month} 月 {form.reply_by.day} 日前报回。" if form.reply_by else ""
    ws.cell(4, 1, f"{due}只填浅黄色的格子；没有新数据的，数值留空、在“说明”写“本月无新进展”。“要求”列【】内是本单位的分工。详见“填报说明”表。")
    # 填报人 / 联系电话 / 审核人 / 报送日期: label, then an open cell to its right.
    for (label, _), (row, col) in zip(SUBMISSION.items(), ((2, 5), (2, 8), (3, 5), (3, 8))):
        ws.cell(row, col, label).font = Font(bold=True)
        ws.cell(row, col, label).alignment = Alignment(horizontal="right")
        blank = ws.cell(row, col + 1)
        blank.protection = Protection(locked=False)
        blank.fill = editable
        blank.border = box
        blank.number_format = "@"
    for col, heading in enumerate(HEADERS, 1):
        cell = ws.cell(_FIRST_ROW - 1, col, heading)
        cell.font = Font(bold=True)
        cell.border = box
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS[col - 1]
    # A prompt, not a type rule: Excel's decimal rule would stop 3.13万, which the import reads;
    # a figure the import cannot read is refused there, at its cell, with why.
    numbers = DataValidation(allow_blank=True, showInputMessage=True, promptTitle="本次累计值",
                             prompt="截至日期的累计值，只填数字，如 1500、38.5、3.13万；不带单位")
    milestones = DataValidation(type="list", formula1=f'"{_YES},{_NO}"', allow_blank=True, showErrorMessage=True,
                                errorTitle="请选择", error=f"定性任务只选“{_YES}”（已完成）或“{_NO}”（未完成）。")
    ws.add_data_validation(numbers)
    ws.add_data_validation(milestones)
    value_col = HEADERS.index("本次累计值") + 1
    row = _FIRST_ROW - 1
    for i, line in enumerate(form.lines):
        row += 1
        last: Any = None if line.last_value is None else (_YES if line.last_value is True else _NO if line.last_value is False else line.last_value)
        cells = [line.target_id, f"{line.task} {line.task_text}", line.deadline.isoformat() if line.deadline else "", line.name,
                 line.asks, line.unit, last, line.last_date.isoformat() if line.last_date else "", None, None, None]
        for col, value in enumerate(cells, 1):
            cell = text_cell(ws.cell(row, col), value)
            cell.alignment = wrap
            cell.border = box
            # The rows are open, so a clerk may sort them or delete one (Excel sorts and deletes
            # only unlocked cells); the headings above stay locked. The 编号 is the key read back.
            cell.protection = Protection(locked=False)
            if HEADERS[col - 1] in _EDITABLE:
                cell.fill = editable
        (milestones if line.milestone else numbers).add(ws.cell(row, value_col))
        # Tall enough for the longest text in print too: a CJK line of 11-point text takes about
        # 16 points (Latin fonts' 15 would clip the last line).
        ws.row_dimensions[row].height = LINE_POINTS * max(_lines_needed(str(v or ""), _WIDTHS[c]) for c, v in enumerate(cells)) + 2
        if i + 1 == len(form.lines) or form.lines[i + 1].task != line.task:
            row = _text_block(ws, row, line.task, wrap, box, editable)
    ws.freeze_panes = ws.cell(_FIRST_ROW, 1)
    ws.auto_filter.ref = f"A{_FIRST_ROW - 1}:{ws.cell(_FIRST_ROW - 1, len(HEADERS)).column_letter}{_FIRST_ROW - 1 + len(form.lines)}"
    # No password. Locked: the title and headings. Allowed: formatting cells, column widths and
    # row heights, sorting, filtering, deleting rows, what the guide tells units they may do.
    ws.protection.sheet = True
    for allowed in ("formatCells", "formatColumns", "formatRows", "sort", "autoFilter", "deleteRows"):
        setattr(ws.protection, allowed, False)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{_FIRST_ROW - 1}:{_FIRST_ROW - 1}"
    guide = wb.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 100
    for row, text in enumerate(guide_lines(form), 1):
        guide.cell(row, 1, text).alignment = Alignment(wrap_text=True)
    guide["A1"].font = Font(bold=True, size=14)
    wb.properties.title = f"{form.title} 进度填报表：{form.unit} {form.date}"
    wb.properties.creator = "minsheng"
    buffer = io.BytesIO()
    wb.save(buffer)
    return _reproducible(buffer.getvalue(), dt.datetime.combine(form.date, dt.time()))


# --- reading a filled form back -------------------------------------------------------------


#: Problems the report rules place at a target's key that are about its value: in a form they
#: belong at the 本次累计值 cell, where the clerk must change something.
_AT_VALUE = ("count-decreased", "duplicate-reading")
#: The report format's words for what a clerk does in the form's own columns.
_FORM_WORDS = (
    ("若是更正数据，请写成 {value: …, note: 更正原因}", "若是更正数据，请在“说明”列写明更正原因"),
    ("请在该值的 note 中说明", "请在“说明”列写明原因"),
    ("定性任务应写 true（已完成）或 false（未完成），不写数字或文字", "定性任务只选“是”（已完成）或“否”（未完成），不写数字或文字"),
    ("定性任务只写 true（已完成）或 false（未完成）", "定性任务只选“是”（已完成）或“否”（未完成）"),
)


def in_form_words(text: str) -> str:
    """A message or hint of the report rules, in the words of the Excel form."""
    for report_words, form_words in _FORM_WORDS:
        text = text.replace(report_words, form_words)
    return re.sub(r"例如 `\w+: (true|false)`", "在下拉框中选“是”或“否”", text)


@dataclass
class ConvertedForm:
    """A filled workbook as report text, with the cell each YAML line came from."""

    text: str
    cells: dict[int, str] = field(default_factory=dict)  # YAML line (1-based) -> "填报!H7"
    value_cells: dict[int, str] = field(default_factory=dict)  # a target's line -> its 本次累计值 cell

    def locate(self, problem: Problem, name: str) -> Problem:
        """The problem at the cell its line came from (`f.xlsx:填报!H7`), in the form's words."""
        cell = self.value_cells.get(problem.line) if problem.code in _AT_VALUE else None
        cell = cell or self.cells.get(problem.line)
        where = f"{name}:{SHEET}!{cell}" if cell else name
        return Problem(where, 0, 0, problem.code, in_form_words(problem.message), in_form_words(problem.hint), problem.severity, problem.related)


class _Refused(Exception):
    def __init__(self, cell: str, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.cell, self.code, self.message, self.hint = cell, code, message, hint


def _cell_problem(name: str, cell: str, code: str, message: str, hint: str) -> Problem:
    return Problem(f"{name}:{SHEET}!{cell}" if cell else name, 0, 0, code, message, hint)


#: What the unit last reported, by target, for a unit and date: what the form was sent with.
LastValues = Callable[[str, str], dict[str, Any]]


def read_form_xlsx(path: Path, name: str, milestones: set[str], last: LastValues | None = None) -> tuple[ConvertedForm | None, list[Problem]]:
    """A filled workbook as report text; `milestones` are the ids whose 是/否 mean true/false.
    With `last`, a 上次填报 cell that no longer shows what the unit last reported is named.
    With the text come the problems of the form as a form (a header changed from what it was
    made for); without it, those that stopped its reading."""
    from xml.etree.ElementTree import ParseError

    import openpyxl

    refused = check_workbook(path)  # sizes, rows, XML declarations, a password: before inflating
    if refused is not None:
        return None, [Problem(name, 0, 0, refused.code, refused.message, refused.hint)]
    try:
        values_wb = openpyxl.load_workbook(path, data_only=True)
        formulas_wb = openpyxl.load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, ParseError, TypeError, AttributeError,
            openpyxl.utils.exceptions.InvalidFileException) as e:
        # A part openpyxl cannot make sense of (defusedxml's refusals are ValueErrors too).
        return None, [Problem(name, 0, 0, "not-xlsx", f"无法作为 Excel 工作簿读取（{type(e).__name__}）", "请用 Excel 或 WPS 另存为“Excel 工作簿（.xlsx）”；.xls、.et 格式不能读取")]
    if SHEET not in values_wb.sheetnames:
        return None, [Problem(name, 0, 0, "not-a-form", f"工作簿里没有“{SHEET}”工作表", "请使用 minsheng form 生成的填报表，不要改工作表名称")]
    problems: list[Problem] = []
    try:
        converted = _convert(values_wb[SHEET], formulas_wb[SHEET], milestones, problems, name, last)
    except _Refused as r:
        return None, [_cell_problem(name, r.cell, r.code, r.message, r.hint)]
    # Checked beside the report's own rules (the converted form is returned with them), so
    # the clerk hears of every problem at once.
    return (None if any(p.is_error for p in problems) else converted), problems + _made_for_another(values_wb, values_wb[SHEET], name)


_MADE_FOR = re.compile(r"进度填报表：(.+) ([0-9]{4}-[0-9]{2}-[0-9]{2})$")


def _made_for_another(wb: Any, ws: Any, name: str) -> list[Problem]:
    """Errors where the header says another unit or date than the form was made for: `form`
    writes both into the workbook's title, which Excel and WPS keep and a clerk does not see,
    so one unit's form edited to another's name does not count for the other."""
    made = _MADE_FOR.search(wb.properties.title or "")
    if made is None:
        return []  # not made by minsheng, or the title was changed: the file name still checks
    unit, date = made.groups()
    problems = []
    for row in ws.iter_rows(max_row=20, max_col=2):
        label, cell = (str(row[0].value or "").strip(), row[1]) if len(row) > 1 else ("", None)
        typed = str(cell.value.date() if isinstance(cell.value, dt.datetime) else cell.value or "").strip() if cell is not None else ""
        if label == UNIT_LABEL and typed != unit:
            problems.append(_cell_problem(name, cell.coordinate, "form-of-another-unit", f"这份填报表是为 {unit} 生成的，表头却写成了 {typed}", f"请让 {typed} 用 minsheng form 为本单位生成的填报表填写"))
        if label == DATE_LABEL and _same_date(typed) not in (date, None):
            problems.append(_cell_problem(name, cell.coordinate, "form-of-another-date", f"这份填报表是截至 {date} 的，表头却改成了 {typed}", "请用本期的填报表填写（minsheng form --date 本期截至日期）"))
    return problems


def _convert(ws: Any, formulas: Any, milestones: set[str], problems: list[Problem], name: str, last: LastValues | None = None) -> ConvertedForm:
    labels: dict[str, Any] = {}
    submission: dict[str, Any] = {}
    header_row, columns = None, {}
    for row in ws.iter_rows():
        texts = {c.column: str(c.value).strip() for c in row if isinstance(c.value, str)}
        first = texts.get(1)
        if header_row is None and first in (UNIT_LABEL, DATE_LABEL) and len(row) > 1:
            labels[first] = row[1]
        if header_row is None:
            for i, cell in enumerate(row[:-1]):
                if isinstance(cell.value, str) and cell.value.strip() in SUBMISSION:
                    submission[cell.value.strip()] = row[i + 1]
        if header_row is None and "编号" in texts.values() and "本次累计值" in texts.values():
            header_row = row[0].row
            columns = {text: col for col, text in texts.items() if text in HEADERS}
    if header_row is None or UNIT_LABEL not in labels or DATE_LABEL not in labels:
        raise _Refused("", "not-a-form", f"“{SHEET}”表缺少表头（{UNIT_LABEL}、{DATE_LABEL}、编号、本次累计值）", "请使用 minsheng form 生成的填报表，不要删改表头")
    _refuse_merged_values(ws, header_row, [columns.get(h) for h in _EDITABLE])
    out = ConvertedForm("")
    lines: list[str] = []

    def add(text: str, cell: str) -> None:
        lines.append(text)
        out.cells[len(lines)] = cell

    unit_cell, date_cell = labels[UNIT_LABEL], labels[DATE_LABEL]
    add(f"unit: {_text_scalar(unit_cell)}", unit_cell.coordinate)
    add(f"date: {_date_scalar(date_cell)}", date_cell.coordinate)
    for label, cell in submission.items():
        if not _blank(cell.value):
            add(f"{SUBMISSION[label]}: {_date_scalar(cell) if SUBMISSION[label] == 'submitted' else _text_scalar(cell)}", cell.coordinate)
    lines.append("values:")
    id_col = columns["编号"]
    sent = last(str(unit_cell.value or "").strip(), _date_text(date_cell.value)) if last is not None and "上次填报" in columns else None
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
        target_id = str(id_cell.value).strip()
        if sent is not None:
            changed = _changed_last(by_col.get(columns["上次填报"]), sent.get(target_id), target_id in milestones)
            if changed is not None:
                problems.append(_last_problem(name, changed, sent.get(target_id), blank="value" not in filled, value_cell=cells.get("value")))
        if not filled:
            continue  # not reported this time
        add(f"  {json.dumps(target_id, ensure_ascii=False)}:", id_cell.coordinate)
        if cells.get("value") is not None:
            out.value_cells[len(lines)] = cells["value"].coordinate
        for key, cell in filled.items():
            try:
                scalar = _value_scalar(cell, formulas[cell.coordinate], target_id in milestones) if key == "value" else _text_scalar(cell)
            except _Refused as r:
                problems.append(_cell_problem(name, r.cell, r.code, r.message, r.hint))
                continue
            add(f"    {key}: {scalar}", cell.coordinate)
        if "value" not in filled:
            add("    value:", cells["value"].coordinate if cells.get("value") is not None else id_cell.coordinate)
    if lines[-1] == "values:" and not any(p.is_error for p in problems) and not texts:
        raise _Refused("", "nothing-filled", "没有填写任何数值", "请在“本次累计值”列填写后再发回；本期没有新数据的，在“说明”中写明（如“本月无新进展”）后发回")
    if texts:
        lines.append("narrative:")
        for task in sorted(texts):
            lines.append(f"  {task}:")
            for key, (text, cell) in texts[task].items():
                add(f"    {key}: {json.dumps(text, ensure_ascii=False)}", cell)
    out.text = "\n".join(lines) + "\n"
    return out


def _date_text(value: Any) -> str:
    return value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat() if isinstance(value, dt.date) else str(value or "").strip()


def _changed_last(cell: Any, expected: Any, milestone: bool) -> Any:
    """The cell if its 上次填报 no longer shows `expected` (None: nothing reported before)."""
    if cell is None:
        return None
    shown = cell.value
    if _blank(shown):
        return None  # emptied, not typed over; or a form made before a later report came in
    if expected is None:
        return cell
    if isinstance(expected, bool) or milestone:
        return None if str(shown).strip() == (_YES if expected else _NO) else cell
    if isinstance(shown, str):
        from minsheng_cli.reading import values

        try:
            shown = values.parse_number(shown)
        except values.ValueProblem:
            return cell
    return None if isinstance(shown, int | float) and not isinstance(shown, bool) and shown == expected else cell


def _last_problem(name: str, cell: Any, expected: Any, *, blank: bool, value_cell: Any) -> Problem:
    """A 上次填报 typed over. With the 本次累计值 cell empty the figure was most likely typed in the
    wrong column: an error, so nothing is written; otherwise a warning, since the value stands."""
    was = "本单位此前没有填报这个目标" if expected is None else f"本单位上次报的是 {_YES if expected is True else _NO if expected is False else format_number(expected)}"
    where = f"（{value_cell.coordinate}）" if value_cell is not None else ""
    hint = f"“上次填报”只供参考，请改回原样；本次的数请填在“本次累计值”列{where}"
    severity = Severity.ERROR if blank else Severity.WARNING
    return Problem(f"{name}:{SHEET}!{cell.coordinate}", 0, 0, "last-value-changed", f"“上次填报”被改动：表里是 {cell.value}，{was}", hint, severity)


def _same_date(typed: str) -> str | None:
    """`typed` as YYYY-MM-DD when it reads as a date (`2025/10/31`, `2025年10月31日`); None
    when it does not, which the report's own check of the date then says."""
    from minsheng_cli.reading import values

    try:
        return values.parse_date(typed).isoformat()
    except values.ValueProblem:
        return None


def _refuse_merged_values(ws: Any, header_row: int, columns: list[int | None]) -> None:
    """Merged cells over the value, 说明 or 依据 cells are refused: a figure typed over two
    targets' cells would be read as the first target's alone."""
    wanted = {c for c in columns if c is not None}
    for merged in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        if merged.max_row > header_row and any(merged.min_col <= c <= merged.max_col for c in wanted):
            raise _Refused(merged.coord, "merged-cells", f"单元格 {merged.coord} 被合并了，合并后的内容只能算给其中第一个目标",
                           "请取消合并（开始 → 合并后居中 → 取消合并单元格），每个目标在自己的格子里填写")


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
        percent = "%" in (cell.number_format or "")
        if formula_cell.data_type == "f" and isinstance(value, float):
            value = _without_float_noise(value, formula_cell.value, cell.coordinate, percent)
        return _number_text(value, percent)
    text = str(value)
    if milestone and text.strip() in (_YES, _NO):
        return "true" if text.strip() == _YES else "false"
    return json.dumps(text, ensure_ascii=False)


#: A formula's result within this much (relative) of a figure with few decimals is that figure:
#: binary floating point leaves `=7700/1.1` at 6999.999999999999, 1e-16 off.
NOISE = 1e-10
#: Decimals a figure may have; beyond these a formula's result is not a figure someone reports.
MAX_DECIMALS = 6


def _without_float_noise(value: float, formula: Any, cell: str, percent: bool) -> int | float:
    """A formula's result rounded to the fewest decimals that are within NOISE of it, or
    refused when no such figure exists (`=1/3`): rounding that would change the figure is not
    the office's to make."""
    if value.is_integer():
        return value
    for decimals in range(MAX_DECIMALS + (2 if percent else 0) + 1):  # 40% is 0.4
        rounded = round(value, decimals)
        if abs(rounded - value) <= NOISE * max(abs(value), 1.0):
            return int(rounded) if decimals == 0 else rounded
    raise _Refused(cell, "formula-not-exact", f"公式 {formula} 的结果 {value!r} 不是一个确定的数（小数超过 {MAX_DECIMALS} 位）",
                   "请用 ROUND 取到需要的位数，如 =ROUND(A1/B1*100, 1)，或直接填写数值")


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
