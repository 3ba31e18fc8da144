"""`minsheng record`: one or a few figures received by phone or WeChat, into a unit's report.

The report of that unit and date is created if needed, else edited in place, line by line,
so its comments and layout stay as they were: a target's line gets its new value (a trailing
comment is kept), and a target not yet in the file gets a line after the last entry. Only
files whose `values:` is a block mapping with one target per line are edited (what minsheng
writes, the form, the simple report format); anything else is refused rather than rewritten.
The edited text is parsed again, checked by the rules of `validate` and compared with what was
asked before anything is written, under the folder lock, atomically. An item's texts and
evidence files are set the same way (`recording_words`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, ScalarNode

from minsheng_cli.reading import values
from minsheng_cli.collect.candidate import check_report, readings_of
from minsheng_cli.collect.forms import format_number, report_stem
from minsheng_cli.collect.importing import changes
from minsheng_cli.collect import recording_words
from minsheng_cli.collect.evidence_intake import keep
from minsheng_cli.repository.locking import folder_lock
from minsheng_cli.collect.yamlform import SCHEMA_LINE
from minsheng_cli.reading.yamlwrite import scalar
from minsheng_cli.repository.files import CannotWrite, Outcome, existing_bytes, write_file
from minsheng_cli.reading.text import display
from minsheng_cli.model.narrative import FIELDS
from minsheng_cli.model.plan import Plan
from minsheng_cli.reading.problems import Problem
from minsheng_cli.reading.yamlsource import parse_yaml

_TRUE, _FALSE = ("true", "是", "已完成", "完成"), ("false", "否", "未完成")


class CannotEdit(Exception):
    """The report is not in a shape that can be edited line by line without risk."""


@dataclass
class Recorded:
    target: Path
    outcome: Outcome | None = None
    problems: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    #: The targets whose value already there would change (refused unless replacing).
    altered: list[str] = field(default_factory=list)


def value_text(plan: Plan, target_id: str, typed: str) -> str:
    """What to write for a value typed on the command line: the figure read exactly, or, when
    it cannot be read, the text as typed (quoted), so the report's checks say why."""
    ref = plan.targets.get(target_id)
    text = typed.strip()
    if ref is not None and ref.target.kind == "milestone":
        if text.lower() in _TRUE or text.lower() in _FALSE:
            return "true" if text.lower() in _TRUE else "false"
    elif ref is not None:
        try:
            return format_number(values.parse_number(text))
        except values.ValueProblem:
            pass
    return json.dumps(typed, ensure_ascii=False)


def entry(value: str, note: str | None, source: str | None) -> str:
    extra = [f"{key}: {scalar(text)}" for key, text in (("note", note), ("source", source)) if text]
    return "{" + ", ".join([f"value: {value}", *extra]) + "}" if extra else value


def new_report(unit: str, date: dt.date, entries: dict[str, str]) -> str:
    lines = [SCHEMA_LINE, "# 进度报告（minsheng record 写入）", f"unit: {scalar(unit)}", f"date: {date.isoformat()}", "values:"]
    lines += [f"  {tid}: {text}" for tid, text in entries.items()]
    return "\n".join(lines) + "\n"


def edit_values(text: str, entries: dict[str, str]) -> str:
    """`text` with each target's entry set to `entries[id]`, everything else kept as it was."""
    doc, problems = parse_yaml(text.encode("utf-8"), "")
    if doc is None:
        raise CannotEdit(f"现有报告无法读取（第 {problems[0].line} 行：{problems[0].message}），请先修正")
    pairs = doc.pairs_at(())
    if "values" not in pairs:
        raise CannotEdit("现有报告没有 values:")
    values_key, values_node = pairs["values"]
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if isinstance(values_node, MappingNode) and values_node.flow_style:
        raise CannotEdit("现有报告的 values 写成了 {…} 一行，不能逐行修改")
    if isinstance(values_node, ScalarNode) and values_node.value == "" and not values_node.style:
        existing, indent, after = {}, "  ", values_key.start_mark.line
    elif isinstance(values_node, MappingNode):
        existing = {k.value: (k, v) for k, v in values_node.value}
        if not existing:
            raise CannotEdit("现有报告的 values 为空映射")
        first = values_node.value[0][0]
        indent = " " * first.start_mark.column
        after = max(_last_line(v) for _, v in values_node.value)
    else:
        raise CannotEdit("现有报告的 values 不是逐行的“目标编号: 数值”")
    for tid, new in entries.items():
        if tid not in existing:
            continue
        key, value = existing[tid]
        row = key.start_mark.line
        if _last_line(value) != row:
            raise CannotEdit(f"`{tid}` 在现有报告里写成了多行，请手工修改")
        line = lines[row]
        colon = line.index(":", key.end_mark.column)
        empty = isinstance(value, ScalarNode) and value.value == "" and not value.style
        end = colon + 1 if empty else value.end_mark.column
        lines[row] = f"{line[:colon + 1]} {new}{line[end:]}"
    added = [f"{indent}{tid}: {new}{newline}" for tid, new in entries.items() if tid not in existing]
    if added:
        if lines and not lines[after].endswith(("\n", "\r")):
            lines[after] += newline
        lines[after + 1:after + 1] = added
    return "".join(lines)


def _last_line(node) -> int:
    """The last line a node's text is on (a block ends at the start of the next line)."""
    mark = node.end_mark
    return mark.line if mark.column > 0 or mark.line == node.start_mark.line else mark.line - 1


def record_values(
    plan: Plan, folder: Path, unit: str, date: dt.date, typed: dict[str, str], *,
    notes: dict[str, str] | None = None, sources: dict[str, str] | None = None, today: dt.date, replace: bool = False,
    words: dict[int, dict[str, str]] | None = None, evidence: list[Path] | tuple[Path, ...] = (), root: Path | None = None,
) -> Recorded:
    """Set `typed` values (id → text) in the report of `unit` on `date` in `folder`, with
    `words` (item → {progress: …}) in its narrative and `evidence` files copied into the
    repository at `root` and added to its evidence. As with `import`, a value already there is
    changed only when `replace`; a new one is just added."""
    notes, sources, words = notes or {}, sources or {}, words or {}
    target = folder / f"{report_stem(unit, date)}.yaml"
    result = Recorded(target)
    name = display(target)
    entries = {tid: entry(value_text(plan, tid, text), notes.get(tid), sources.get(tid)) for tid, text in typed.items()}
    try:
        with folder_lock(folder):
            _record(plan, result, folder, unit, date, entries, today=today, replace=replace, words=words, evidence=evidence, root=root)
    except CannotWrite as e:
        result.outcome = None
        result.problems = [Problem(name, 0, 0, "cannot-write", f"无法写入 {name}：{e.strerror}", "原有的文件未改动；请检查磁盘空间、写入权限，或该位置是否被文件夹或链接占用")]
    return result


def _record(plan: Plan, result: Recorded, folder: Path, unit: str, date: dt.date, entries: dict[str, str], *, today: dt.date, replace: bool,
            words: dict[int, dict[str, str]], evidence: list[Path] | tuple[Path, ...], root: Path | None) -> None:
    """Edit or create the report, check it and write it, under the folder's lock."""
    target, name = result.target, display(result.target)
    old = existing_bytes(target)
    stored = []
    if evidence:
        from minsheng_cli.repository.evidence import prepare

        assert root is not None, "evidence needs the repository's root"
        stored, result.problems = prepare(root, evidence, target.stem)
        if result.problems:
            return
    if old is None and not entries:
        result.problems = [Problem(name, 1, 1, "nothing-filled", f"{unit} 在 {date} 还没有报告，新报告至少要有一个数值", "写上 目标编号=数值，如 7a=1001")]
        return
    try:
        if old is None:
            text = new_report(unit, date, entries)
            bom = b""
        else:
            bom = codecs.BOM_UTF8 if old.startswith(codecs.BOM_UTF8) else b""
            text = edit_values(old[len(bom):].decode("utf-8"), entries)
        text = recording_words.edit_words(text, words)
        text = recording_words.edit_evidence(text, [(s.file, s.sha256) for s in stored])
    except (CannotEdit, recording_words.CannotEdit, UnicodeDecodeError) as e:
        reason = str(e) if not isinstance(e, UnicodeDecodeError) else "不是 UTF-8 编码"
        result.problems = [Problem(name, 1, 1, "cannot-edit", f"不能自动修改这份报告：{reason}", "请手工编辑该文件，或用 minsheng import 导入新的报告")]
        return
    data = bom + text.encode("utf-8")
    checked = check_report(plan, folder, data, name=name, file_name=target.name, today=today)
    result.problems = checked.problems
    if not checked.ok:
        return
    before = readings_of(plan, target, today=today) if old is not None else []
    result.changes = changes(before, checked.readings)
    said = {(w.task, key): w.text(key) for w in checked.words for key in FIELDS}
    asked = all(said.get((task, key)) == text.strip() for task, texts in words.items() for key, text in texts.items())
    kept = {e.file for e in checked.evidence if e.target is None}
    if not _as_asked(before, checked.readings, entries) or not asked or not all(s.file in kept for s in stored):
        result.problems = [Problem(name, 1, 1, "cannot-edit", "逐行修改的结果与要求不符，未写入", "请手工编辑该文件")]
        return
    result.altered = _altered(before, checked.readings)
    if result.altered and not replace:
        result.outcome = Outcome.REFUSED
        return
    if not entries:  # only texts or files: no figure changed, so none is said to be
        result.changes = []
    result.changes += [f"第 {task} 项{FIELDS[key]}：{text.strip()}" for task, texts in sorted(words.items()) for key, text in texts.items()]
    result.changes += [f"佐证材料：{s.file}" for s in stored]
    result.problems = keep(stored, name)  # the files first: a report never names one not there
    if result.problems:
        return
    result.outcome = write_file(target, data, replace=True)


def _altered(before: list, after: list) -> list[str]:
    """The targets that had a value (or note, or source) before and have another now."""
    from minsheng_cli.collect.yamlform import entry_text

    old = {r.target: entry_text(r.value, r.note, r.source) for r in before}
    return [r.target for r in after if r.target in old and old[r.target] != entry_text(r.value, r.note, r.source)]


def _as_asked(before: list, after: list, entries: dict[str, str]) -> bool:
    """The edited file says exactly what was asked, and nothing else changed; a line edit that
    went wrong stops here, before anything is written."""
    from minsheng_cli.collect.yamlform import entry_text

    old = {r.target: entry_text(r.value, r.note, r.source) for r in before}
    new = {r.target: entry_text(r.value, r.note, r.source) for r in after}
    return new == {**old, **{tid: _canonical(text) for tid, text in entries.items()}}


def _canonical(text: str) -> str:
    from minsheng_cli.collect.yamlform import entry_text

    doc, _ = parse_yaml(f"v: {text}\n".encode("utf-8"), "")
    data = doc.data["v"] if doc is not None else None
    data = data if isinstance(data, dict) else {"value": data}
    value = data.get("value")
    value = value if isinstance(value, bool | int | float) else values.parse_number(value)
    return entry_text(value, data.get("note"), data.get("source"))
