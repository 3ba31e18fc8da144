"""`minsheng import`: filled forms (xlsx) and YAML reports into the folder of reports.

Each file is turned into report text, checked by the rules of `minsheng validate` together with
the reports already there, and written as `DATE_UNIT.yaml` in the normal report format. The
same report twice is a no-op; a different report for a unit and date that already has one is
refused unless replacing is asked for, and the result says what changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from minsheng_cli.collect.candidate import check_report, readings_of
from minsheng_cli.repository.locking import folder_lock
from minsheng_cli.collect.yamlform import entry_text, report_yaml
from minsheng_cli.repository.files import CannotWrite, Outcome, existing_bytes, write_file
from minsheng_cli.reading.text import display, os_error_text
from minsheng_cli.model.plan import Plan
from minsheng_cli.reading.problems import Problem
from minsheng_cli.model.progress import Reading, original_name

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
#: Spreadsheet formats that openpyxl cannot read: refused with how to convert them.
OLD_EXCEL_SUFFIXES = (".xls", ".et", ".ods")


@dataclass
class Imported:
    """What became of one file given to `import`."""

    source: str
    target: Path | None = None
    outcome: Outcome | None = None
    problems: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    text: str = ""
    values: int = 0

    @property
    def failed(self) -> bool:
        return self.outcome in (None, Outcome.REFUSED)


def import_file(plan: Plan, path: Path, folder: Path, *, replace: bool = False, dry_run: bool = False, today: dt.date) -> Imported:
    """Import one received file into `folder`; nothing is written when it has errors."""
    name = display(path)
    result = Imported(name)
    if path.suffix.lower() in OLD_EXCEL_SUFFIXES:
        result.problems = [Problem(name, 0, 0, "not-xlsx", f"不能读取 {path.suffix} 格式的表格", "请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再导入")]
        return result
    if path.suffix.lower() in EXCEL_SUFFIXES:
        from minsheng_cli.collect.xlsxform import read_form_xlsx

        milestones = {tid for tid, ref in plan.targets.items() if ref.target.kind == "milestone"}
        converted, result.problems = read_form_xlsx(path, name, milestones)
        if converted is None:
            return result
        data, locate = converted.text.encode("utf-8"), converted.locate
        # Checked as the report it names: a form named DATE_UNIT.xlsx must say that unit and
        # date inside, as a YAML report must.
        file_name = f"{Path(original_name(path.name) or path.name).stem}.yaml"
    else:
        try:
            data = path.read_bytes()
        except OSError as e:
            result.problems = [Problem(name, 0, 0, "unreadable", f"无法读取文件：{os_error_text(e)}")]
            return result
        # A copy's name (`… - 副本.yaml`, `…(1).yaml`) is checked as the name it was made from.
        file_name, locate = original_name(path.name) or path.name, None
    try:
        with folder_lock(folder):
            _import_checked(plan, result, data, file_name, locate, folder, replace=replace, dry_run=dry_run, today=today)
    except CannotWrite as e:
        result.outcome = None
        where = display(Path(e.filename)) if e.filename else display(folder)
        result.problems.append(Problem(name, 0, 0, "cannot-write", f"无法写入 {where}：{e.strerror}", "原有的文件都未改动；请检查磁盘空间、写入权限，或该位置是否被文件夹或链接占用"))
    return result


def _import_checked(plan: Plan, result: Imported, data: bytes, file_name: str, locate: Callable[[Problem, str], Problem] | None,
                    folder: Path, *, replace: bool, dry_run: bool, today: dt.date) -> None:
    """Check the report `data` with the folder's reports and write it, under the folder's lock."""
    name = result.source
    checked = check_report(plan, folder, data, name=name, file_name=file_name, today=today)
    result.problems += [locate(p, name) if locate and p.path == name else p for p in checked.problems]
    if any(p.is_error for p in result.problems):
        return
    if not checked.readings or checked.target is None:
        result.problems.append(Problem(name, 0, 0, "nothing-filled", "没有填写任何数值", "请填写本次的数值后再发回；没有新数据的单位不必发回"))
        return
    target = result.target = checked.target
    first = checked.readings[0]
    result.text = report_yaml(first.unit, first.date, checked.readings, list(plan.targets))
    result.values = len(checked.readings)
    encoded = result.text.encode("utf-8")
    existing = existing_bytes(target)
    if existing is not None and existing != encoded:
        result.changes = changes(readings_of(plan, target, today=today), checked.readings)
    if dry_run:
        result.outcome = _would_write(existing, encoded, replace=replace)
    else:
        result.outcome = write_file(target, encoded, replace=replace)


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
