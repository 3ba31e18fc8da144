"""`minsheng import`: filled forms (xlsx) and YAML reports into the folder of reports.

Each file is turned into report text, checked by the rules of `minsheng validate` together with
the reports already there, and written as `DATE_UNIT.yaml` in the normal report format. The
same report twice is a no-op; a different report for a unit and date that already has one is
refused unless replacing is asked for, and the result says what changes.

Evidence sent with a form (`--evidence`) is checked (type, size), copied into
`data/evidence/DATE_UNIT/` and recorded in the report with its SHA-256; evidence a YAML report
already names must be in the repository and match its hash. Nothing is written unless all is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from minsheng_cli.collect.candidate import check_report, readings_of
from minsheng_cli.collect.evidence_intake import intake, keep
from minsheng_cli.repository.locking import folder_lock
from minsheng_cli.collect.yamlform import entry_text, report_yaml
from minsheng_cli.repository.files import CannotWrite, Outcome, existing_bytes, write_file
from minsheng_cli.reading.text import display, os_error_text
from minsheng_cli.model.plan import Plan
from minsheng_cli.reading.problems import Problem
from minsheng_cli.model.progress import SUBMISSION_KEYS, Reading, original_name
from minsheng_cli.reading import values
from minsheng_cli.reading.yamlsource import parse_yaml

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
REPORT_SUFFIXES = (".yaml", ".yml")
#: Spreadsheet formats that openpyxl cannot read: refused with how to convert them.
OLD_EXCEL_SUFFIXES = (".xls", ".et", ".ods")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".heic", ".tif", ".tiff")
#: What a file's first bytes say it is, whatever its name says.
_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old-excel"),  # OLE2: .xls / .et / .doc
    (b"%PDF", "pdf"),
    (b"\x89PNG", "image"), (b"\xff\xd8\xff", "image"), (b"GIF8", "image"), (b"BM", "image"),
)
_SAVE_AS = "请在 Excel 或 WPS 中打开，“另存为”Excel 工作簿（.xlsx）后再导入"
_SEND_FORM = "请该单位发回填报表（.xlsx）"


@dataclass(frozen=True)
class Unread:
    """A received file `import` does not read, and why, in a clerk's words."""

    path: Path
    reason: str


def received(paths: list[Path]) -> tuple[list[Path], list[Unread]]:
    """The files to import from what was given (a folder stands for every file in it, in name
    order), and the ones not read with the reason. Nothing given is left out unnamed."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.iterdir(), key=lambda p: p.name) if path.is_dir() else [path]
    readable, unread = [], []
    for path in files:
        reason = unread_reason(path)
        if reason is None:
            readable.append(path)
        else:
            unread.append(Unread(path, reason))
    return readable, unread


def unread_reason(path: Path) -> str | None:
    """Why `import` will not read this file, or None for a form (.xlsx) or a report (.yaml)."""
    if path.is_dir():
        return "是文件夹，其中的文件没有读取（要导入它们，请写这个文件夹的路径）"
    suffix = path.suffix.lower()
    if path.name.startswith("~$"):
        return "Excel 或 WPS 打开表格时留下的临时文件，不是填报表（关闭表格后即消失，可删去）"
    kind = _sniff(path)
    if kind == "old-excel" and suffix in EXCEL_SUFFIXES:
        from minsheng_cli.reading.workbook import check_workbook

        refused = check_workbook(path)
        if refused is not None and refused.code == "encrypted":
            return None  # a password-protected .xlsx is an OLE file too: reading it says so
    if kind == "old-excel" or suffix in OLD_EXCEL_SUFFIXES:
        named = f"这是 {suffix} 格式" if suffix in OLD_EXCEL_SUFFIXES else f"这是旧版 .xls 格式（虽然名为 {suffix or '无扩展名'}）"
        return f"{named}的表格，不能读取：{_SAVE_AS}"
    if kind == "pdf" or suffix == ".pdf":
        return f"这是 PDF，不是填报表：{_SEND_FORM}；PDF 里的数也可以用 minsheng record 录入"
    if kind == "image" or suffix in IMAGE_SUFFIXES:
        return f"这是图片，不是填报表：{_SEND_FORM}；照片或截图里的数也可以用 minsheng record 录入"
    if suffix == ".csv":
        return f"CSV 文件不是填报表：{_SEND_FORM}，或用 minsheng record 录入其中的数"
    if suffix in EXCEL_SUFFIXES or suffix in REPORT_SUFFIXES:
        return None
    return "不认识的文件：只导入填报表（.xlsx）和进度报告（.yaml）"


def _sniff(path: Path) -> str | None:
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError:
        return None  # the import itself says it cannot be read
    return next((kind for magic, kind in _MAGIC if head.startswith(magic)), None)


@dataclass
class Imported:
    """What became of one file given to `import`."""

    source: str
    target: Path | None = None
    outcome: Outcome | None = None
    problems: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    #: Evidence files copied in, as the report names them.
    evidence: list[str] = field(default_factory=list)
    text: str = ""
    values: int = 0
    #: The period end the report is for (its 截至日期), once read.
    date: dt.date | None = None

    @property
    def failed(self) -> bool:
        return self.outcome in (None, Outcome.REFUSED)


def import_file(plan: Plan, path: Path, folder: Path, *, replace: bool = False, dry_run: bool = False, today: dt.date,
                period: dt.date | None = None, evidence: list[Path] | tuple[Path, ...] = (), root: Path | None = None) -> Imported:
    """Import one received file into `folder`, with `evidence` files sent with it copied into
    the repository at `root`; nothing is written when anything has errors, or when `period` is
    given and the report is for another date."""
    name = display(path)
    result = Imported(name)
    if path.suffix.lower() in OLD_EXCEL_SUFFIXES:
        result.problems = [Problem(name, 0, 0, "not-xlsx", f"不能读取 {path.suffix} 格式的表格", "请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再导入")]
        return result
    if path.suffix.lower() in EXCEL_SUFFIXES:
        from minsheng_cli.collect.xlsxform import read_form_xlsx

        milestones = {tid for tid, ref in plan.targets.items() if ref.target.kind == "milestone"}
        converted, form_problems = read_form_xlsx(path, name, milestones, last=lambda unit, date: sent_values(plan, folder, unit, date, today=today))
        result.problems = form_problems
        if converted is None:
            return result
        data, locate = converted.text.encode("utf-8"), converted.locate
        # Checked as the report it names: a form named DATE_UNIT.xlsx must say that unit and
        # date inside, as a YAML report must.
        file_name = f"{Path(original_name(path.name) or path.name).stem}.yaml"
    else:
        form_problems = []
        try:
            data = path.read_bytes()
        except OSError as e:
            result.problems = [Problem(name, 0, 0, "unreadable", f"无法读取文件：{os_error_text(e)}")]
            return result
        # A copy's name (`… - 副本.yaml`, `…(1).yaml`) is checked as the name it was made from.
        file_name, locate = original_name(path.name) or path.name, None
    try:
        with folder_lock(folder):
            _import_checked(plan, result, data, file_name, locate, folder, replace=replace, dry_run=dry_run, today=today, period=period,
                            evidence=evidence, root=root)
    except CannotWrite as e:
        result.outcome = None
        where = display(Path(e.filename)) if e.filename else display(folder)
        result.problems.append(Problem(name, 0, 0, "cannot-write", f"无法写入 {where}：{e.strerror}", "原有的文件都未改动；请检查磁盘空间、写入权限，或该位置是否被文件夹或链接占用"))
    return result


def _import_checked(plan: Plan, result: Imported, data: bytes, file_name: str, locate: Callable[[Problem, str], Problem] | None,
                    folder: Path, *, replace: bool, dry_run: bool, today: dt.date,
                    period: dt.date | None, evidence: list[Path] | tuple[Path, ...] = (), root: Path | None = None) -> None:
    """Check the report `data` with the folder's reports and write it, under the folder's lock."""
    name = result.source
    checked = check_report(plan, folder, data, name=name, file_name=file_name, today=today)
    result.problems += [locate(p, name) if locate and p.path == name else p for p in checked.problems]
    if any(p.is_error for p in result.problems):
        return
    if not checked.readings or checked.target is None:
        result.problems.append(Problem(name, 0, 0, "nothing-filled", "没有填写任何数值", "请填写本次的数值后再发回；本期没有新数据的，在说明（note）中写明（如“本月无新进展”）后发回"))
        return
    first = checked.readings[0]
    result.date = first.date
    if period is not None and first.date != period:
        # Line 2 of a converted form is its 截至日期 cell.
        wrong = Problem(name, 2 if locate else 0, 0, "other-period", f"这份表的截至日期是 {first.date}，不是本期的 {period}",
                        "确是补报那一期的表：不加 --date 单独导入它；否则请该单位用本期的填报表重新填写")
        result.problems.append(locate(wrong, name) if locate else wrong)
        return
    target = result.target = checked.target
    links, stored, refused = intake(root, checked, evidence, name, locate)
    if refused:
        result.problems += refused
        return
    result.evidence = [s.file for s in stored]
    result.text = report_yaml(first.unit, first.date, checked.readings, list(plan.targets), submission_of(data), checked.words, links)
    result.values = len(checked.readings)
    encoded = result.text.encode("utf-8")
    existing = existing_bytes(target)
    if existing is not None and existing != encoded:
        result.changes = changes(readings_of(plan, target, today=today), checked.readings)
    if dry_run or _would_write(existing, encoded, replace=replace) is Outcome.REFUSED:
        result.outcome = _would_write(existing, encoded, replace=replace)
    elif not (clash := keep(stored, name, replace=replace)):  # the files first: a report never names one not there
        result.outcome = write_file(target, encoded, replace=replace)
    else:
        result.problems += clash


def sent_values(plan: Plan, folder: Path, unit: str, date: str, *, today: dt.date) -> dict[str, object] | None:
    """What the form of `unit` for `date` showed as 上次填报 when `form` made it, by target, from
    the reports in `folder`; None when the unit or date does not read (the report rules say why)."""
    from minsheng_cli.collect.forms import build_form
    from minsheng_cli.model.progress import load_progress, report_files
    from minsheng_cli.reading import values

    try:
        day = values.parse_date(date)
    except values.ValueProblem:
        return None
    if unit not in plan.units:
        return None
    progress = load_progress(plan, report_files([folder]) if folder.is_dir() else [], today=today)[0]
    return {line.target_id: line.last_value for line in build_form(plan, progress, unit, day).lines}


def submission_of(data: bytes) -> dict[str, str | dt.date]:
    """The submission details of a checked report (填报人, 联系电话, 审核人, 报送日期), as the report will
    keep them: text as typed, the date as a date."""
    doc, _ = parse_yaml(data, "")
    fields = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    kept = {}
    for key in SUBMISSION_KEYS:
        value = fields.get(key)
        if value is None or value == "":
            continue
        kept[key] = values.parse_date(value) if key == "submitted" else str(value)
    return kept


def _would_write(existing: bytes | None, data: bytes, *, replace: bool) -> Outcome:
    if existing is None:
        return Outcome.WRITTEN
    if existing == data:
        return Outcome.UNCHANGED
    return Outcome.REPLACED if replace else Outcome.REFUSED


def changes(old: list[Reading], new: list[Reading]) -> list[str]:
    """What replacing a report changes, one line per target: `7a：1000 → 1001`."""
    before = {r.target: entry_text(r.value, r.note, r.source) for r in old}
    after = {r.target: entry_text(r.value, r.note, r.source) for r in new}
    lines = []
    for tid in [*after, *(t for t in before if t not in after)]:
        if tid not in before:
            lines.append(f"{tid}：新增 {after[tid]}")
        elif tid not in after:
            lines.append(f"{tid}：删去（原为 {before[tid]}）")
        elif before[tid] != after[tid]:
            lines.append(f"{tid}：{before[tid]} → {after[tid]}")
    return lines or ["数值相同，只是写法不同"]
