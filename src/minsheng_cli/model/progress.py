"""Progress reports: what a unit has achieved by a date, checked against the plan.

A report is one small YAML file::

    unit: 市卫生健康局
    date: 2025-09-30
    values:
      1a: 820                      # 累计完成：截至 date 的累计值
      2b: true                     # 定性任务：true 已完成 / false 未完成
      1b: {value: 38.5, note: 口径调整, source: 江卫〔2025〕12号}
      1c: {note: 本月无新进展}      # 没有新数据：数值留空、写明说明，也算已报送
    narrative:                     # 每项的进展情况、存在问题、下步计划、需协调事项
      1: {progress: …, problems: …, next: …, help: …}
    evidence:                      # 佐证材料：仓库内的文件及其 SHA-256
      - {file: data/evidence/2025-09-30_市卫生健康局/验收单.pdf, sha256: …}

A value left blank with a note (说明) is a report of "no new figure": it is kept as a reading
whose value is None, so the unit counts as having reported (`last_reports`, the 催报 list) while
no figure changes (the city figure, forecasts and checks of a series skip it). A blank value
without a note is simply not reported this time.

The texts and evidence are read by `model/narrative.py`.

`load_progress` reads every report under a folder (or the files given) and returns the
readings, each a value for one target on one date from one unit, with the problems found.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import operator
import os
import re
import stat
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, NamedTuple

from pydantic import BeforeValidator, Field, PlainValidator, ValidationError, WithJsonSchema
from pydantic_core import PydanticCustomError
from yaml.nodes import MappingNode, ScalarNode

from minsheng_cli.reading import values
from minsheng_cli.reading.fields import Date, Model, Text
from minsheng_cli.reading.modelerrors import problems_from_validation, suggest
from minsheng_cli.model.narrative import DEFAULT_PROGRESS_TEXT, EvidenceLink, EvidenceRef, ItemWords, Narrative, read_evidence, read_narrative
from minsheng_cli.model.plan import Plan, Target
from minsheng_cli.reading.text import display, printable
from minsheng_cli.reading.problems import Problem, Severity
from minsheng_cli.reading.yamlsource import MAX_PROBLEMS_PER_FILE, Document, Suspect, load_yaml, too_many_problems

REPORT_SUFFIXES = (".yaml", ".yml")
_HIDDEN_TXT = (".yaml.txt", ".yml.txt")
#: Units of counts that may well have a fractional part; counts of anything else are whole.
CONTINUOUS_UNITS = {"公里", "千米", "米", "吨", "元", "万元", "亿元", "平方米", "亩", "公顷"}
#: `1.500` for a count of people: a European thousands separator, or one and a half?
_DOT_THOUSANDS = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")


def _scalar_only(value: Any) -> Any:
    if isinstance(value, dict | list):
        raise PydanticCustomError("wrong_type", "应为数字或 true/false，不能是映射或列表", {"hint": "写成 `1a: 820` 或 `1a: {value: 820, note: …}`"})
    return value


#: A reported value as typed; it is read against its target's kind once the plan is known.
RawValue = Annotated[
    Any,
    PlainValidator(_scalar_only),
    WithJsonSchema({"type": ["number", "boolean", "string"], "description": "累计完成值（数字），定性任务写 true/false"}),
]


class Entry(Model):
    """A reported value with an optional note (说明), source (依据：文号、链接) and evidence (佐证材料);
    a value left out or blank with a note says "no new figure"."""

    value: RawValue = None
    note: Text | None = None
    source: Text | None = None
    evidence: list[EvidenceRef] | None = None


def _entry(value: Any) -> Any:
    return value if isinstance(value, dict) else {"value": value}


class Report(Model):
    """One unit's cumulative figures as of one date, with who filled and approved it."""

    unit: Text
    date: Date
    values: Annotated[
        dict[str, Annotated[Entry, BeforeValidator(_entry, json_schema_input_type=Entry | float | bool | str | None)]],
        Field(min_length=1),
    ]
    note: Text | None = None
    #: 填报人, 联系电话, 审核人（分管领导）, 报送日期: what a returned 填报表 carries.
    reporter: Text | None = None
    phone: Text | None = None
    reviewer: Text | None = None
    submitted: Date | None = None
    #: 进展情况 etc. by item number (see `model/narrative.py`).
    narrative: dict[str, Narrative] | None = None
    evidence: list[EvidenceRef] | None = None


#: The report's submission keys (填报人, 联系电话, 审核人, 报送日期; not 销号, which is the office's sign-off), in the order a report writes them.
SUBMISSION_KEYS = ("reporter", "phone", "reviewer", "submitted")


class Reading(NamedTuple):
    """A value reported for one target: the cumulative figure, a rate's level, or a milestone;
    None for a report of "no new figure" (its note says why).

    A named tuple: a large data set has one per value, and tuples are the cheapest to build.
    """

    date: dt.date
    target: str
    unit: str
    value: int | float | bool | None
    note: str | None = None
    source: str | None = None
    path: str = ""
    line: int = 0
    column: int = 0


@dataclass
class Progress:
    """Every reading of a plan's targets, by target id, oldest first."""

    readings: dict[str, list[Reading]] = field(default_factory=dict)
    reports: int = 0
    #: What the units wrote per item (进展情况, 存在问题…), by item number, oldest first.
    words: dict[int, list[ItemWords]] = field(default_factory=dict)
    #: Every evidence file the accepted reports name.
    evidence: list[EvidenceLink] = field(default_factory=list)

    def of(self, target: str) -> list[Reading]:
        return self.readings.get(target, [])

    def last_reports(self, as_of: dt.date) -> dict[str, dt.date]:
        """Each unit's latest report date on or before `as_of`."""
        latest: dict[str, dt.date] = {}
        for readings in self.readings.values():
            for r in readings:
                if r.date <= as_of and r.date > latest.get(r.unit, dt.date.min):
                    latest[r.unit] = r.date
        return latest


def _is_report_name(name: str) -> bool:
    name = name.lower()
    return not name.startswith(".") and name.endswith(REPORT_SUFFIXES + _HIDDEN_TXT)


def report_files(paths: Iterable[Path]) -> list[Path]:
    """The report files among `paths`: files as given, folders searched for *.yaml and *.yml
    (any case), and for *.yaml.txt, which Notepad writes when Windows hides extensions.

    A file named twice (or reached through a link) is read once. Files are told apart by device
    and inode, which listing a folder gives for free, rather than by resolving every path (a
    system call per folder on the way, per file).
    """
    found: dict[tuple[int, int], Path] = {}
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            found[(-1, len(found))] = path  # kept, so reading it names the problem
            continue
        if stat.S_ISDIR(info.st_mode):
            for key, file in sorted(_files_under(path, info.st_dev), key=lambda pair: pair[1]):
                found.setdefault(key, file)
        else:
            found.setdefault((info.st_dev, info.st_ino), path)
    return list(found.values())


def _files_under(folder: Path, device: int) -> Iterator[tuple[tuple[int, int], Path]]:
    """(device and inode, path) of each report file below `folder`; as Path.rglob, linked
    folders are not entered."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_under(folder / entry.name, entry.stat(follow_symlinks=False).st_dev)
            elif not _is_report_name(entry.name):
                continue
            elif entry.is_symlink():
                try:
                    info = entry.stat()
                except OSError:
                    # A link in a loop or to nothing: kept, so reading it names the problem
                    # rather than one stray link stopping every command.
                    yield (-1, hash(entry.path)), folder / entry.name
                    continue
                if stat.S_ISREG(info.st_mode):
                    yield (info.st_dev, info.st_ino), folder / entry.name
            elif entry.is_file(follow_symlinks=False):
                yield (device, entry.inode()), folder / entry.name


def load_progress(
    plan: Plan, paths: Iterable[Path], *, today: dt.date | None = None
) -> tuple[Progress, list[Problem]]:
    """Read and check every report under `paths` against `plan`.

    Readings of reports with errors are left out of the progress, so a wrong file never reaches
    a status table; the problems say why.
    """
    today = today or values.today()
    problems: list[Problem] = []
    accepted: list[Reading] = []
    said: list[tuple[list[ItemWords], list[EvidenceLink]]] = []
    count = 0
    files = report_files(paths)
    copies = copies_of_reports(files)
    with _collector_paused():
        for path in files:
            if path in copies:
                # A second file of the same report: its readings would repeat (or contradict)
                # the original's. It is named as the copy it is, and left out.
                problems.append(Problem(display(path), 1, 1, "copy-of-report", f"这是 {printable(copies[path].name)} 的副本（复制或重新下载时文件名加了“{printable(path.name[len(copies[path].stem):len(path.name) - len(path.suffix)].strip())}”），没有计入",
                                        "请删去副本；内容如有更正，请改在原文件中"))
                continue
            if path.name.lower().endswith(_HIDDEN_TXT):
                problems.append(Problem(display(path), 1, 1, "misnamed-report", "文件名以 .txt 结尾，没有作为报告读取", f"请改名为 {printable(path.name[:-4])}（Windows 资源管理器隐藏了扩展名时，记事本会多加 .txt）"))
                continue
            doc, file_problems = load_yaml(path)
            readings: list[Reading] = []
            words: tuple[list[ItemWords], list[EvidenceLink]] = ([], [])
            if doc is not None:
                readings, *words, file_problems = read_report_words(plan, doc, today=today)
                file_problems += name_problems(path, doc)
            problems.extend(file_problems)
            if not any(p.is_error for p in file_problems):
                accepted.extend(readings)
                said.append(words)
                count += 1
        history_problems = _history_problems(plan, accepted)
    # A report that repeats or contradicts an earlier one is as wrong as any other: left out.
    wrong = {p.path for p in history_problems if p.is_error}
    if wrong:
        count -= len({r.path for r in accepted if r.path in wrong})
        accepted = [r for r in accepted if r.path not in wrong]
    problems.extend(history_problems)
    by_task: dict[int, list[ItemWords]] = defaultdict(list)
    for words, _ in said:
        for w in words:
            if w.path not in wrong:
                by_task[w.task].append(w)
    for history in by_task.values():
        history.sort(key=_HISTORY_ORDER)
    links = [link for _, found in said for link in found if link.path not in wrong]
    return Progress(_by_target(accepted), count, dict(by_task), links), sorted(problems)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while reports are read.

    Readings accumulate, and each collection walks all of them again: at 100k values that cost
    a third of the run. Nothing built here forms reference cycles, so reference counting frees
    every file's nodes as soon as the next is read; the collector runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_report(plan: Plan, doc: Document, *, today: dt.date) -> tuple[list[Reading], list[Problem]]:
    """The readings of one parsed report, and its problems."""
    readings, _, _, problems = read_report_words(plan, doc, today=today)
    return readings, problems


def read_report_words(plan: Plan, doc: Document, *, today: dt.date) -> tuple[list[Reading], list[ItemWords], list[EvidenceLink], list[Problem]]:
    """The readings of one parsed report, what it says per item and the evidence it names, and
    its problems."""
    report, problems = _validate(doc)
    if report is None:
        return [], [], [], problems
    unit_known = report.unit in plan.units and report.unit != plan.all_districts
    if plan.all_districts is not None and _same_name(report.unit, plan.all_districts):
        problems.append(doc.problem(("unit",), "group-not-a-unit", f"`{report.unit}` 是 {len(plan.districts)} 个县级政府的统称，不能作为填报单位", f"请以本级政府的名义填报，如 `{next(iter(plan.districts.values()), '')}`"))
    elif not unit_known:
        reporting = [u for u in plan.units if u != plan.all_districts]
        problems.append(doc.problem(("unit",), "unknown-unit", f"单位 `{report.unit}` 不在计划的责任单位中", suggest(report.unit, reporting) or "请照计划中的单位全称填写"))
    if report.date.year != plan.year:
        problems.append(doc.problem(("date",), "date-outside-year", f"报告日期 {report.date} 不在计划年度 {plan.year} 内", f"写成 {plan.year}-MM-DD"))
    elif report.date > today:
        problems.append(doc.problem(("date",), "date-in-future", f"报告日期 {report.date} 晚于今天 {today}", "报告只能写已经发生的进度"))
    may_report = plan.tasks_reported_by(report.unit) if unit_known else None
    nodes = doc.pairs_at(("values",))
    targets = plan.targets
    readings = []
    reportable = None
    unlisted = 0
    for target_id, entry in report.values.items():
        loc = ("values", target_id)
        if len(problems) >= MAX_PROBLEMS_PER_FILE:
            # The file is wrong anyway; the rest of its values are not checked one by one.
            unlisted += 1
            if unlisted == 1:
                first = doc.problem(loc, "", "", key=True)
            continue
        ref = targets.get(target_id)
        if ref is None:
            if reportable is None:
                reportable = [t for t, r in targets.items() if may_report is None or r.task.number in may_report]
            hint = _ids_of_same_item(plan, target_id, may_report) or suggest(target_id, reportable)
            problems.append(doc.problem(loc, "unknown-target", f"计划中没有目标编号 `{target_id}`", hint or "目标编号见 `minsheng show 项序号`", key=True))
            continue
        if may_report is not None and ref.task.number not in may_report:
            problems.append(doc.problem(loc, "unit-not-responsible", f"`{report.unit}` 不是第 {ref.task.number} 项的责任单位，不能填报 `{target_id}`", "请确认目标编号，或由本项的责任单位填报", key=True))
            continue
        key_node, value_node = nodes[target_id]
        if entry.value is None and isinstance(value_node, ScalarNode) and not value_node.value:
            continue  # a blank line of a form (`7a:`): not reported this time
        if ref.target.is_city_only and report.unit != ref.task.lead_unit:
            # Kept as the unit's own figure, never the city's: said, so nobody thinks it counts.
            problems.append(doc.problem(loc, "city-only-target", f"`{target_id}`（{ref.target.name}）是全市统一的指标，只由牵头单位 {ref.task.lead_unit} 填报；{report.unit} 所报只作本单位记录，不作全市数", "删去这一行，由牵头单位填报", key=True, severity=Severity.WARNING))
        mark = key_node.start_mark
        if entry.value is None and _explains(entry.note):
            # `7a: {note: 本月无新进展}`: reported, with no new figure.
            readings.append(Reading(
                date=report.date, target=sys.intern(target_id), unit=report.unit, value=None, note=entry.note,
                source=entry.source, path=doc.path, line=mark.line + 1, column=mark.column + 1,
            ))
            continue
        # A value written as {value: …} is pointed at itself, a bare value at its line.
        value_loc = loc + ("value",) if isinstance(value_node, MappingNode) else loc
        try:
            value = _read_value(entry.value, ref.target.kind)
        except values.ValueProblem as p:
            hint = p.hint + ("；本期没有新数据的，留空数值并在 note 中写明，如 `{note: 本月无新进展}`" if p.code == "empty-value" else "")
            problems.append(doc.problem(value_loc, p.code, f"{target_id}（{ref.target.name}）：{p.message}", hint))
            continue
        readings.append(Reading(
            date=report.date, target=sys.intern(target_id), unit=report.unit, value=value, note=entry.note,
            source=entry.source, path=doc.path, line=mark.line + 1, column=mark.column + 1,
        ))
        target = ref.target
        if type(value) is not bool and ((target.kind == "count" and type(value) is float) or (target.unit == "%" and (value > 100 or 0 < value < 1))):
            problems.extend(_doubtful(doc, value_loc, target_id, target, value, explained=_explains(entry.note)))
    if unlisted and not any(p.code == "too-many-problems" for p in problems):
        problems.append(too_many_problems(doc.path, first.line, first.column, unlisted, unchecked=True))
    words, links = _words(plan, doc, report, readings, may_report, problems)
    return readings, words, links, problems


def _words(plan: Plan, doc: Document, report: Report, readings: list[Reading], may_report: frozenset[int] | None,
           problems: list[Problem]) -> tuple[list[ItemWords], list[EvidenceLink]]:
    """The report's texts per item and its evidence (see `model/narrative.py`); problems are added."""
    reported: dict[int, str] = {}
    for r in readings:
        reported.setdefault(plan.targets[r.target].task.number, r.target)
    rule = plan.rules.progress_text if plan.rules is not None and plan.rules.progress_text else DEFAULT_PROGRESS_TEXT
    words, found = read_narrative(doc, report.narrative, report.unit, report.date, items={t.number for t in plan.tasks},
                                  may_report=may_report, progress_text=rule, reported=reported)
    problems += found
    links, found = read_evidence(doc, ("evidence",), report.evidence, report.unit, report.date, None)
    problems += found
    for target_id, entry in report.values.items():
        if entry.evidence:
            more, found = read_evidence(doc, ("values", target_id, "evidence"), entry.evidence, report.unit, report.date, target_id)
            links += more
            problems += found
    return words, links


_REPORT_NAME = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})_(.+)\.ya?ml", re.IGNORECASE)
#: What Windows (` - 副本`, ` - 副本 (2)`, ` - Copy`), WeChat and browsers (`(1)`, ` (2)`,
#: `（1）`) add to a file's name when it is copied or downloaded again.
_COPY_MARKS = re.compile(r"(?:\s*-\s*(?:副本|Copy)(?:\s*[(（][0-9]{1,3}[)）])?|\s*[(（][0-9]{1,3}[)）])+$", re.IGNORECASE)


def original_name(name: str) -> str | None:
    """The name a copy's file name was made from (`X - 副本.yaml` → `X.yaml`), or None when
    `name` carries no copy mark."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    bare = _COPY_MARKS.sub("", stem)
    if bare == stem or not bare:
        return None
    return f"{bare}.{suffix}" if dot else bare


def report_name(name: str) -> tuple[str, str] | None:
    """The date and unit a report's file name gives (`2025-09-30_市民政局.yaml`), if it has that
    form; a copy's name (`… - 副本.yaml`, `…(1).yaml`) gives those of the report it copies."""
    match = _REPORT_NAME.fullmatch(original_name(name) or name)
    return (match.group(1), match.group(2)) if match else None


def copies_of_reports(paths: list[Path]) -> dict[Path, Path]:
    """Each file among `paths` whose name is a copy's name of another file among them in the
    same folder (`2025-09-30_市卫生健康局 - 副本.yaml` beside `2025-09-30_市卫生健康局.yaml`),
    with the file it copies."""
    by_place = {(str(p.parent), p.name.lower()): p for p in paths}
    copies = {}
    for path in paths:
        original = original_name(path.name)
        found = by_place.get((str(path.parent), original.lower())) if original else None
        if found is not None:
            copies[path] = found
    return copies


def name_problems(path: Path, doc: Document) -> list[Problem]:
    """Errors where a file named DATE_UNIT.yaml says another unit or date inside: the name is
    what the office sees, so a form filled for one unit must not count for another."""
    named = report_name(path.name)
    data = doc.data if isinstance(doc.data, dict) else {}
    if named is None:
        return []
    problems = []
    name_date, name_unit = named
    if isinstance(data.get("unit"), str) and data["unit"] != name_unit:
        problems.append(doc.problem(("unit",), "name-disagrees", f"文件名写的单位是 `{name_unit}`，文件里却是 `{data['unit']}`", "请核对填报单位，并让文件名与之一致（日期_单位.yaml）"))
    with contextlib.suppress(values.ValueProblem):
        inside = values.parse_date(data.get("date"))
        if inside.isoformat() != name_date:
            problems.append(doc.problem(("date",), "name-disagrees", f"文件名写的日期是 {name_date}，文件里却是 {inside}", "请核对截至日期，并让文件名与之一致（日期_单位.yaml）"))
    return problems


def _doubtful(doc: Document, loc: tuple, target_id: str, target: Target, value: int | float, *, explained: bool) -> Iterator[Problem]:
    """Values that are readable but probably not what was meant: errors, so a likely wrong
    figure never reaches a leader's table, unless the value's note explains it (then a warning)."""
    typed = doc.node_at(loc)
    label = f"{target_id}（{target.name}）"
    severity = Severity.WARNING if explained else Severity.ERROR
    confirm = "；如数值确实无误，请在该值的 note 中说明" if not explained else ""
    if target.kind == "count" and isinstance(typed, ScalarNode) and _DOT_THOUSANDS.fullmatch(typed.value):
        whole = typed.value.replace(".", "")
        yield doc.problem(loc, "decimal-count", f"{label}读作 {value}", f"如果是指 {whole}，请写 {whole}（千分位不用小数点）{confirm}", severity=severity)
    elif target.kind == "count" and type(value) is float and target.unit not in CONTINUOUS_UNITS and not value.is_integer():
        yield doc.problem(loc, "decimal-count", f"{label}是按“{target.unit}”计的个数，却有小数 {value}", f"请核对；个数应为整数{confirm}", severity=severity)
    if target.unit == "%" and value > 100:
        yield doc.problem(loc, "rate-over-100", f"{label}的比率 {value}% 超过 100%", f"请核对；百分比只写数字，如 40% 写 40{confirm}", severity=severity)
    # Under a ceiling (不超过 10%) a small figure is the aim, not a fraction typed for a percent.
    elif target.unit == "%" and 0 < value < 1 and (target.value or 0) >= 10 and not target.upper_bound:
        yield doc.problem(loc, "rate-as-fraction", f"{label}读作 {value}%，不到 1%", f"如果是指 {value * 100:g}%，请写 {value * 100:g}{confirm}", severity=severity)


def _same_name(typed: str, name: str | None) -> bool:
    """Whether `typed` is `name`, give or take half- and full-width forms (`各县(市、区)政府`).
    A plan without districts has no group name (`name` None)."""
    return name is not None and (typed == name or unicodedata.normalize("NFKC", typed) == unicodedata.normalize("NFKC", name))


def _explains(note: str | None) -> bool:
    """Whether a note says anything: one made only of spaces (ASCII or full-width) does not."""
    return bool(note and note.strip())


def _ids_of_same_item(plan: Plan, target_id: str, may_report: frozenset[int] | None) -> str:
    """The ids of the item `target_id` starts with, when the unit may report for it."""
    digits = re.match(r"[0-9]+", target_id)
    task = plan.task(int(digits.group())) if digits else None
    if task is None or (may_report is not None and task.number not in may_report):
        return ""
    return f"第 {task.number} 项的目标编号：{'、'.join(task.targets)}"


def _validate(doc: Document) -> tuple[Report | None, list[Problem]]:
    """The report's shape, checked; parts with errors are set aside and the rest checked again,
    so one bad entry does not hide the problems of the others."""
    try:
        return Report.model_validate(doc.data), []
    except ValidationError as e:
        problems = problems_from_validation(doc, e, Report)
        data = dict(doc.data)
        entries = dict(data["values"]) if isinstance(data.get("values"), dict) else None
        for error in e.errors():
            loc = error["loc"]
            if len(loc) >= 2 and loc[0] == "values" and entries is not None:
                entries.pop(loc[1], None)
            elif loc and loc[0] in ("narrative", "evidence"):
                data.pop(loc[0], None)
            elif len(loc) == 1 and loc[0] not in ("unit", "date", "values"):
                data.pop(loc[0], None)
        if entries is not None:
            data["values"] = entries
        try:
            return Report.model_validate(data), problems
        except ValidationError:
            return None, problems


def _read_value(raw: Any, kind: str) -> int | float | bool:
    if type(raw) is int and kind != "milestone" and 0 <= raw <= values.MAX_FIGURE:
        return raw  # the common case, already exact
    if kind == "milestone":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, Suspect) and raw.reading.startswith("布尔"):
            raise values.ValueProblem("ambiguous-bool", f"`{raw.text}` 含义不明确", "定性任务只写 true（已完成）或 false（未完成）")
        raise values.ValueProblem("milestone-not-bool", "定性任务应写 true（已完成）或 false（未完成），不写数字或文字", "例如 `2b: true`")
    return values.parse_number(raw)


_HISTORY_ORDER = operator.attrgetter("date", "unit", "path")


def _by_target(readings: list[Reading]) -> dict[str, list[Reading]]:
    """Readings by target, oldest first."""
    by_target: dict[str, list[Reading]] = defaultdict(list)
    for reading in readings:
        by_target[reading.target].append(reading)
    for history in by_target.values():
        history.sort(key=_HISTORY_ORDER)
    return dict(by_target)


def _history_problems(plan: Plan, readings: list[Reading]) -> list[Problem]:
    """What only a history shows, in each unit's own series of a target: the same unit
    reporting it twice on one date, and a cumulative count going down without a note."""
    problems = []
    for target_id, history in _by_target(readings).items():
        cumulative = plan.targets[target_id].target.kind == "count"
        last: dict[str, Reading] = {}
        for reading in history:
            previous = last.get(reading.unit)
            if reading.value is None:  # no new figure: nothing to compare
                if previous is not None and previous.date == reading.date:
                    problems.append(Problem(reading.path, reading.line, reading.column, "duplicate-reading", f"{reading.unit} 在 {reading.date} 已填报过 `{target_id}`（{previous.path}:{previous.line}）", "同一单位同一日期只填报一次；请合并或删去重复的报告", related=previous.path))
                continue
            where = (reading.path, reading.line, reading.column)
            if previous is not None and previous.date == reading.date:
                problems.append(Problem(*where, "duplicate-reading", f"{reading.unit} 在 {reading.date} 已填报过 `{target_id}`（{previous.path}:{previous.line}）", "同一单位同一日期只填报一次；请合并或删去重复的报告", related=previous.path))
            elif previous is not None and cumulative and reading.value < previous.value and not _explains(reading.note):
                problems.append(Problem(*where, "count-decreased", f"`{target_id}` 的累计值 {reading.value} 比本单位 {previous.date} 报告的 {previous.value} 少（{previous.path}:{previous.line}）", "累计值只增不减；若是更正数据，请写成 {value: …, note: 更正原因}", related=previous.path))
            else:
                # A reading found wrong is left out, so the next is compared with the last good one.
                last[reading.unit] = reading
    return problems
