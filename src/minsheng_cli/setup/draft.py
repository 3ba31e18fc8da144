"""A plan drafted from a 分解表's rows: categories, items, the units' registry with persons,
deadlines and candidate targets, written as a plan file whose every guess carries a review
marker (`markers.marker`)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path


from minsheng_cli.model.markers import marker
from minsheng_cli.setup.draft_tables import Table
from minsheng_cli.setup.draft_targets import Candidate, Leftover, extract
from minsheng_cli.model.plan import LEAD_UNIT
from minsheng_cli.reading.yamlwrite import scalar

#: Header words of each column (compared with whitespace removed), as 分解表 name them.
COLUMNS = {
    "category": ("民生实事", "类别"),
    "number": ("序号",),
    "text": ("工作事项", "主要内容", "工作任务", "任务内容"),
    "leader": ("分管市领导", "分管领导", "分管"),
    "units": ("责任单位",),
    "persons": ("责任人",),
    "deadline": ("完成时间", "完成时限", "时限"),
}
_REQUIRED = ("number", "text", "units", "deadline")
_NUMBERING = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*")
_MONTH_DAY = re.compile(r"(?:([0-9]{4})\s*年\s*)?([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日?")
_MONTH_END = re.compile(r"(?:([0-9]{4})\s*年\s*)?([0-9]{1,2})\s*月\s*底")
_DISTRICT = re.compile(r"(?!市)(.{1,4}?[区县市])政府")
_GROUP = re.compile(r"各.*政府")


class DraftError(Exception):
    """The table has not the shape of a 分解表 (no header, a required column missing)."""


@dataclass
class Item:
    category: str
    number: int
    text: str
    leader: str
    units: list[str]
    persons: list[str]
    deadline: dt.date | None
    targets: list[Candidate]
    leftovers: list[Leftover]
    notes: list[str] = field(default_factory=list)


@dataclass
class Draft:
    year: int
    title: str
    source: str
    items: list[Item]
    units: dict[str, str]
    unit_notes: dict[str, str]
    districts: dict[str, str]
    all_districts: str | None


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = _squeeze(cell)
        for key, words in COLUMNS.items():
            if key not in found and any(w in name for w in words):
                found[key] = index
                break
    return found


def _split_cell(cell: str) -> list[str]:
    """Units or persons, one per line, or separated by 、，, outside parentheses."""
    names = []
    for line in cell.splitlines():
        depth, current = 0, ""
        for char in line:
            depth += char in "（(" 
            depth -= char in "）)"
            if char in "、，,；;" and depth == 0:
                names.append(current)
                current = ""
            else:
                current += char
        names.append(current)
    return [_squeeze(n) for n in names if _squeeze(n)]


def _deadline(cell: str, year: int) -> tuple[dt.date | None, str]:
    """The deadline and, where it was read with a guess or not at all, a note."""
    from minsheng_cli.reading import values

    text = cell.strip()
    if not text:
        return None, "没有完成时间"
    match = _MONTH_DAY.fullmatch(text)
    if match:
        try:
            return dt.date(int(match.group(1) or year), int(match.group(2)), int(match.group(3))), ""
        except ValueError:
            return None, f"完成时间“{text}”不是有效日期"
    match = _MONTH_END.fullmatch(text)
    if match:
        y, m = int(match.group(1) or year), int(match.group(2))
        if 1 <= m <= 12:
            day = dt.date(y, m, calendar.monthrange(y, m)[1])
            return day, f"完成时间“{text}”读作 {day}"
    try:
        return values.parse_date(text), ""
    except values.ValueProblem:
        return None, f"完成时间“{text}”无法识别，请写成 {year}-MM-DD"


def find_year(table: Table, path: Path) -> int | None:
    for text in (table.title, path.stem):
        match = re.search(r"(20[0-9]{2})\s*年?", text)
        if match:
            return int(match.group(1))
    return None


def draft_plan(table: Table, *, year: int, file_name: str) -> Draft:
    """The draft of the table's plan for `year`."""
    header_at = next((i for i, row in enumerate(table.rows) if {"number", "text"} <= _columns(row).keys()), None)
    if header_at is None:
        raise DraftError("找不到表头：需要“序号”“工作事项”等列名")
    header = table.rows[header_at]
    columns = _columns(header)
    missing = [COLUMNS[k][0] for k in _REQUIRED if k not in columns]
    if missing:
        raise DraftError(f"表头缺少列：{'、'.join(missing)}（现有：{'、'.join(_squeeze(c) for c in header if c)}）")

    def cell(row: list[str], key: str) -> str:
        index = columns.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    items: list[Item] = []
    category = ""
    for row in table.rows[header_at + 1:]:
        if _columns(row).keys() >= {"number", "text"} or not any(c.strip() for c in row):
            continue  # a header repeated at a page break, or an empty row
        category = _NUMBERING.sub("", _squeeze(cell(row, "category"))) or category
        number_text = _squeeze(cell(row, "number"))
        text = "".join(cell(row, "text").splitlines()).strip()
        if not number_text.isdigit():
            if text:
                raise DraftError(f"序号“{number_text}”不是数字（工作事项：{text[:20]}…）")
            continue
        units = _split_cell(cell(row, "units"))
        persons = _split_cell(cell(row, "persons"))
        deadline, deadline_note = _deadline(cell(row, "deadline"), year)
        if deadline is not None and deadline.year != year and not deadline_note:
            deadline_note = f"完成时间 {deadline} 不在 {year} 年内"
        found = extract(text)
        item = Item(category, int(number_text), text, _squeeze(cell(row, "leader")), units, persons, deadline, found.candidates, found.leftovers)
        item.notes += [deadline_note] if deadline_note else []
        _check_item(item, has_persons="persons" in columns, has_leader="leader" in columns)
        items.append(item)
    if not items:
        raise DraftError("表头下没有事项")
    registry, unit_notes = _registry(items)
    districts = {m.group(1): unit for unit in registry if (m := _DISTRICT.fullmatch(unit)) and not _GROUP.fullmatch(unit)}
    group = next((unit for unit in registry if _GROUP.fullmatch(unit)), None)
    title = re.sub(r"^附件\s*[0-9]*\s*", "", table.title)
    title = re.sub(r"任务分解表.*$|（.*$", "", title).strip() or f"{year} 年民生实事"
    return Draft(year, title, f"{file_name}（{table.source}）", items, registry, unit_notes, districts, group)


def _check_item(item: Item, *, has_persons: bool, has_leader: bool) -> None:
    lead = LEAD_UNIT.search(item.text)
    if lead is None:
        item.notes.append("工作事项没有以“（牵头单位：X）”结尾，请补上牵头单位")
    elif lead.group(1) not in item.units:
        item.notes.append(f"牵头单位“{lead.group(1)}”不在责任单位中")
    elif item.units[0] != lead.group(1):
        item.units.remove(lead.group(1))
        item.units.insert(0, lead.group(1))
        item.notes.append(f"责任单位已调整为牵头单位“{lead.group(1)}”在前")
    if has_persons and len(item.persons) != len(item.units):
        item.notes.append(f"责任单位 {len(item.units)} 个、责任人 {len(item.persons)} 个，对不上，请逐一核对")
    if not has_leader or not item.leader:
        item.notes.append("没有分管市领导")
    if not item.units:
        item.notes.append("没有责任单位")


def _registry(items: list[Item]) -> tuple[dict[str, str], dict[str, str]]:
    """Each unit once with its person, and a note where the items disagree about the person."""
    registry: dict[str, str] = {}
    notes: dict[str, str] = {}
    for item in items:
        paired = len(item.persons) == len(item.units)
        for index, unit in enumerate(item.units):
            person = item.persons[index] if paired else ""
            if unit not in registry or (not registry[unit] and person):
                registry[unit] = person
            elif person and person != registry[unit]:
                notes[unit] = f"第 {item.number} 项写的责任人是“{person}”"
    for unit, person in registry.items():
        if not person:
            notes.setdefault(unit, "责任人没有读到，请填写")
    return registry, notes


# Writing the draft as a plan file ------------------------------------------------------------

_KIND_WORD = {"count": "累计数量", "rate": "比率", "standard": "标准", "reduction": "降幅", "milestone": "定性任务"}
_OP_WORD = {"at_least": "不少于", "more_than": "超过"}


def part_unit(target: Candidate, units: list[str]) -> str | None:
    """The unit a part names by its department (农业农村部门 → 市农业农村局), if exactly one of
    the item's units has that name."""
    if target.part_of is None or not target.department:
        return None
    found = [u for u in units if target.department in u]
    return found[0] if len(found) == 1 else None


def _target_line(tid: str, target: Candidate, ids: list[str], units: list[str] = ()) -> str:
    fields = [f"name: {scalar(target.name)}", f"kind: {target.kind}", f"{target.op}: {scalar(target.value)}", f"unit: {scalar(target.unit)}"]
    if target.baseline is not None:
        fields.append(f"baseline: {scalar(target.baseline)}")
    if target.part_of is not None:
        fields.append(f"part_of: {ids[target.part_of]}")
    reporter = part_unit(target, list(units))
    if reporter is not None:
        fields.append(f"reported_by: {scalar(reporter)}")
    word = f"“{target.word}”" if target.word else "没有比较词"
    amount = f"{target.value}{target.unit}" if target.unit == "%" else f"{target.value} {target.unit}"
    why = f"{word}，读作{_OP_WORD[target.op]} {amount}（{_KIND_WORD[target.kind]}）"
    if target.baseline is not None:
        why += f"，原有水平 {target.baseline}"
    if target.part_of is not None:
        why += f"，是 {ids[target.part_of]} 的一部分"
    if reporter is not None:
        why += f"，由{target.department}部门即 {reporter} 填报"
    return f"{tid}: {{{', '.join(fields)}}}  {marker(f'原文“{target.evidence}”：{why}')}"


def render(draft: Draft) -> str:
    """The draft as a plan file in the plan format, with its review markers."""
    leftovers = [(item.number, left) for item in draft.items for left in item.leftovers]
    out = [
        f"# {draft.title}（草稿）",
        f"# 由 minsheng plan draft 从 {draft.source} 生成。",
        "# 这是草稿：标有“待核对”的每一处都要对照分解表原文确认或改正，然后删去这个标记。",
        "# 还有标记时 minsheng validate 不通过，其他命令也不使用这份计划。",
        "# 目标只从带计量单位的数字中提取：定性任务（kind: milestone）须人工补上，名称（name）须人工改短。",
        "# 写法见 minsheng 的 README“The plan file”。",
    ]
    if leftovers:
        out.append("#")
        out.append("# " + marker(f"原文中下列 {len(leftovers)} 个数字没有转为目标，逐一决定：补为目标、写进定性任务，或不管").removeprefix("# "))
        out += [f"#   第 {number} 项：{left.text}（{left.reason}）" for number, left in leftovers]
    out += [f"year: {draft.year}", f"title: {scalar(draft.title)}", "", "units:"]
    for unit, person in draft.units.items():
        line = f"  {scalar(unit)}: {scalar(person)}"
        out.append(line + (f"  {marker(draft.unit_notes[unit])}" if unit in draft.unit_notes else ""))
    if draft.districts or draft.all_districts:
        out.append("")
        out.append(marker(f"县级行政区是从责任单位中的“X区/县/市政府”识别的（{len(draft.districts)} 个），请核对是否齐全"))
        out.append("districts:" if draft.districts else "districts: {}")
        out += [f"  {scalar(name)}: {scalar(unit)}" for name, unit in draft.districts.items()]
        if draft.all_districts:
            out.append(f"all_districts: {scalar(draft.all_districts)}")
    out += ["", "categories:"]
    categories: list[tuple[str, list[Item]]] = []
    for item in draft.items:
        if not categories or categories[-1][0] != item.category:
            categories.append((item.category, []))
        categories[-1][1].append(item)
    for number, (title, items) in enumerate(categories, start=1):
        out += [f"  - number: {number}", f"    title: {scalar(title or '（类别名称）')}", "    tasks:"]
        if not title:
            out.append("      " + marker("表中没有类别（民生实事）一列，请填写类别名称"))
        for item in items:
            out += _render_item(item)
    return "\n".join(out) + "\n"


def _render_item(item: Item) -> list[str]:
    out = [f"      - number: {item.number}"]
    out += [f"        {marker(note)}" for note in item.notes]
    out += [
        f"        text: {scalar(item.text)}",
        f"        leader: {scalar(item.leader)}",
        f"        units: [{', '.join(scalar(u) for u in item.units)}]",
        f"        deadline: {item.deadline if item.deadline else 'null'}",
        "        targets:",
    ]
    ids = [f"{item.number}{chr(ord('a') + i)}" for i in range(len(item.targets))]
    for tid, target in zip(ids, item.targets):
        out.append(f"          {_target_line(tid, target, ids, item.units)}")
    if not item.targets:
        name = re.split(r"[，。；]", LEAD_UNIT.sub("", item.text), maxsplit=1)[0] or "（定性任务）"
        out.append(f"          {item.number}a: {{name: {scalar(name)}, kind: milestone}}  {marker('原文没有带计量单位的数字，暂作一个定性任务')}")
    return out
