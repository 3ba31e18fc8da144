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
from dataclasses import dataclass, field
from pathlib import Path

from minsheng_cli.collect.candidate import check_report, readings_of
from minsheng_cli.collect.evidence_intake import intake, keep
from minsheng_cli.repository.locking import folder_lock
from minsheng_cli.collect.yamlform import entry_text, report_yaml
from minsheng_cli.repository.files import Outcome, write_file
from minsheng_cli.reading.text import display
from minsheng_cli.model.plan import Plan
from minsheng_cli.reading.problems import Problem
from minsheng_cli.model.progress import Reading

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
    #: Evidence files copied in, as the report names them.
    evidence: list[str] = field(default_factory=list)
    text: str = ""
    values: int = 0

    @property
    def failed(self) -> bool:
        return self.outcome in (None, Outcome.REFUSED)


def import_file(plan: Plan, path: Path, folder: Path, *, replace: bool = False, dry_run: bool = False, today: dt.date,
                evidence: list[Path] | tuple[Path, ...] = (), root: Path | None = None) -> Imported:
    """Import one received file into `folder`, with `evidence` files sent with it copied into
    the repository at `root`; nothing is written when anything has errors."""
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
        data, file_name, locate = converted.text.encode("utf-8"), "form.yaml", converted.locate
    else:
        try:
            data = path.read_bytes()
        except OSError as e:
            result.problems = [Problem(name, 0, 0, "unreadable", f"无法读取文件：{e.strerror or e}")]
            return result
        file_name, locate = path.name, None
    with folder_lock(folder):
        checked = check_report(plan, folder, data, name=name, file_name=file_name, today=today)
        result.problems = [locate(p, name) if locate and p.path == name else p for p in checked.problems]
        if not checked.ok:
            return result
        if not checked.readings or checked.target is None:
            result.problems.append(Problem(name, 0, 0, "nothing-filled", "没有填写任何数值", "请填写本次的数值后再发回；没有新数据的单位不必发回"))
            return result
        target = result.target = checked.target
        first = checked.readings[0]
        links, stored, refused = intake(root, checked, evidence, name, locate)
        if refused:
            result.problems += refused
            return result
        result.evidence = [s.file for s in stored]
        result.text = report_yaml(first.unit, first.date, checked.readings, list(plan.targets), checked.words, links)
        result.values = len(checked.readings)
        encoded = result.text.encode("utf-8")
        if target.exists() and target.read_bytes() != encoded:
            result.changes = changes(readings_of(plan, target, today=today), checked.readings)
        if dry_run or _would_write(target, encoded, replace=replace) is Outcome.REFUSED:
            result.outcome = _would_write(target, encoded, replace=replace)
        elif not (clash := keep(stored, name, replace=replace)):  # the files first: a report never names one not there
            result.outcome = write_file(target, encoded, replace=replace)
        else:
            result.problems += clash
    return result


def _would_write(path: Path, data: bytes, *, replace: bool) -> Outcome:
    if not path.exists():
        return Outcome.WRITTEN
    if path.read_bytes() == data:
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
