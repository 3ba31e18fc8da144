"""The units' words, the evidence and the 销号 in `show`, `status` (JSON/CSV) and the 台账.

Each function adds its own lines, tables, fields or columns to a view or sheet built elsewhere,
so the layouts of those views stay theirs: one call where each is made.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from minsheng_cli.engine.signoffs import CLOSURE_LABELS, closure, closure_counts, closure_label
from minsheng_cli.engine.status import StatusReport, TaskStatus
from minsheng_cli.model.narrative import FIELDS, EvidenceLink, ItemWords
from minsheng_cli.model.progress import Progress
from minsheng_cli.outputs.views import Day, Status, Table, View

#: The 台账's columns for the units' words; named apart from the 说明-based 进展情况 of the
#: bulletin's and 台账's own layout, since these are the lead unit's own sentences.
LEDGER_WORD_COLUMNS = ("进展情况（单位填报）", "存在问题（单位填报）")
CLOSURE_COLUMN = "销号"
EVIDENCE_COLUMN = "佐证材料"


def words_of(progress: Progress, task: int, as_of: dt.date) -> list[ItemWords]:
    """What units wrote about item `task` up to `as_of`, oldest first."""
    return [w for w in progress.words.get(task, []) if w.date <= as_of]


def standing_words(progress: Progress, s: TaskStatus, as_of: dt.date) -> ItemWords | None:
    """The item's latest words: the lead unit's, else those of whichever unit wrote last."""
    words = words_of(progress, s.task.number, as_of)
    own = [w for w in words if w.unit == s.task.lead_unit]
    return (own or words or [None])[-1]


def evidence_for(progress: Progress, unit: str, date: dt.date, target: str | None) -> list[EvidenceLink]:
    """The evidence a report of `unit` on `date` names for `target`, and for the whole report."""
    return [e for e in progress.evidence if e.unit == unit and e.date == date and e.target in (target, None)]


def words_json(w: ItemWords) -> dict[str, Any]:
    return {"date": w.date.isoformat(), "unit": w.unit, **{key: w.text(key) for key in FIELDS}, "report": w.path}


# --- show ------------------------------------------------------------------------------------


def add_to_show(view: View, s: TaskStatus, progress: Progress, as_of: dt.date) -> View:
    """`show`'s 销号 line, each unit's 进展情况 history and each figure's evidence."""
    words = words_of(progress, s.task.number, as_of)
    if isinstance(view.data, dict):
        view.data["narrative"] = [words_json(w) for w in words]
    if s.signoff is not None:
        so = s.signoff
        files = "、".join(e.file for e in so.evidence) or "未列佐证材料"
        view.lines.append(f"销号：已销号（{so.date.isoformat()}，{so.by}，{so.document}；核验：{files}）")
    elif closure(s):
        view.lines.append(f"销号：{closure_label(s)}，办公室核验佐证材料后在 adjustments 文件的 signoffs: 中记录")
    table = Table("进展情况（各单位填报）", ["日期", "填报单位", *FIELDS.values()], wrap=True)
    for w in words:
        table.rows.append([Day(w.date), w.unit, *(w.text(key) or "" for key in FIELDS)])
    if not table.rows:
        table.rows.append(["—", "", "尚未填写", "", "", ""])
    view.tables.append(table)
    files = Table("佐证材料", ["编号", "日期", "填报单位", "文件", "SHA-256"], wrap=True)
    targets = set(s.task.targets)
    seen = set()
    for ts in s.targets:
        for r in ts.history:
            for e in evidence_for(progress, r.unit, r.date, ts.id):
                if e not in seen:  # a report's own evidence once, not once per target
                    seen.add(e)
                    files.rows.append([e.target or "整份报告", Day(r.date), r.unit, e.file, e.sha256[:16] + "…"])
    if isinstance(view.data, dict):
        view.data["evidence"] = [
            {"target": e.target, "date": e.date.isoformat(), "unit": e.unit, "file": e.file, "sha256": e.sha256}
            for e in progress.evidence if e.date <= as_of and (e.target in targets or (e.target is None and _reports_item(progress, e, targets)))
        ]
    if files.rows:
        view.tables.append(files)
    return view


def _reports_item(progress: Progress, e: EvidenceLink, targets: set[str]) -> bool:
    """Whether the report that names `e` for itself gave a figure for one of `targets`."""
    return any(r.path == e.path for tid in targets for r in progress.of(tid))


# --- status ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ClosedStatus(Status):
    """A finished item's status cell that says how it stands with the office, as a flag does
    (so a narrow table puts it on a line of its own): `蓝灯 已完成·待销号`, `蓝灯 已完成·已销号`."""

    closure: str = ""

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text}·{CLOSURE_LABELS[self.closure]}" if self.closure else text


def add_to_status(view: View, report: StatusReport) -> View:
    """The 销号 counts line, each finished item's status cell saying 待销号 or 已销号, and a 销号
    column in the CSV sheet (JSON has it per item)."""
    by_text = {str(s.task.number): s for s in report.tasks}
    for table in view.tables:
        for row in table.rows:
            s = by_text.get(str(row[0])) if row else None
            c = closure(s) if s is not None else None
            if c:
                row[:] = [ClosedStatus(cell.key, cell.flags, cell.light, c) if type(cell) is Status else cell for cell in row]
    counts = closure_counts(report)
    if any(counts.values()):
        view.lines.append(f"销号：已销号 {counts['signed_off']} 项，已完成待销号 {counts['awaiting_signoff']} 项")
    if view.sheet is not None:
        by_number = {s.task.number: s for s in report.tasks}
        at = view.sheet.columns.index("序号")
        view.sheet.columns.append(CLOSURE_COLUMN)
        for row in view.sheet.rows:
            s = by_number.get(row[at])  # type: ignore[arg-type]
            c = closure(s) if s is not None else None
            row.append(CLOSURE_LABELS[c] if c else None)
    return view


# --- the 台账 --------------------------------------------------------------------------------


#: The 台账's sheet for print (`ledger.PRINT_SHEET`), found by its name.
PRINT_SHEET = "台账"


def add_to_ledger(sheets: list, report: StatusReport, progress: Progress) -> list:
    """The 事项 sheet's 销号 and words columns (latest per item), the printed 台账's 进展情况 in the
    units' own words where they wrote some, the 填报记录 sheet's 佐证材料 column, and the 说明
    sheet's 销号 counts. `sheets` are `ledger.LedgerSheet`s."""
    by_name = {sheet.name: sheet for sheet in sheets}
    items = by_name.get("事项")
    if items is not None:
        by_number = {s.task.number: s for s in report.tasks}
        at = items.columns.index("序号")
        items.columns += [CLOSURE_COLUMN, *LEDGER_WORD_COLUMNS]
        items.wrap = items.wrap | set(LEDGER_WORD_COLUMNS)
        for row in items.rows:
            s = by_number[row[at]]
            w = standing_words(progress, s, report.as_of)
            c = closure(s)
            row += [CLOSURE_LABELS[c] if c else None, _said(w, "progress"), _said(w, "problems")]
    printed = by_name.get(PRINT_SHEET)
    if printed is not None:  # the paper 台账: a unit's own 进展情况, where one was written, over its 说明
        by_number = {s.task.number: s for s in report.tasks}
        at, said = printed.columns.index("序号"), printed.columns.index("进展情况")
        for row in printed.rows:
            w = standing_words(progress, by_number[row[at]], report.as_of)
            text = w.text("progress") if w is not None else None
            # as the 说明 are written there: `9 月 30 日 市教育局：…`
            row[said] = f"{w.date.month} 月 {w.date.day} 日 {w.unit}：{text}" if w is not None and text else row[said]
    readings = by_name.get("填报记录")
    if readings is not None:
        cols = {c: i for i, c in enumerate(readings.columns)}
        readings.columns.append(EVIDENCE_COLUMN)
        readings.wrap = readings.wrap | {EVIDENCE_COLUMN}
        for row in readings.rows:
            day, unit, target = row[cols["日期"]], row[cols["填报单位"]], row[cols["编号"]]
            links = evidence_for(progress, unit, day.date, target)
            row.append("\n".join(f"{e.file}（sha256 {e.sha256[:12]}…）" for e in links) or None)
    notes = by_name.get("说明")
    if notes is not None:
        counts = closure_counts(report)
        notes.rows.append(["销号", f"已销号 {counts['signed_off']} 项，已完成待销号 {counts['awaiting_signoff']} 项；"
                                   "销号由办公室核验佐证材料后记录，且当日各目标均已达标"])
        notes.rows.append(["进展情况（单位填报）", "各项牵头单位最近一次填写的进展情况与存在问题（牵头单位未写时取最近填写的单位），并注明日期"])
        notes.rows.append([EVIDENCE_COLUMN, "报告所附的佐证材料（仓库内的路径与 SHA-256）；minsheng validate 核对文件未被替换"])
    return sheets


def _said(w: ItemWords | None, key: str) -> str | None:
    text = w.text(key) if w is not None else None
    return f"{text}（{w.unit}，{w.date.isoformat()}）" if text and w is not None else None
