"""A plan drafted from a 分解表's rows: categories, items, the units' registry with persons,
deadlines and candidate targets, written as a plan file whose every guess carries a review
marker (`markers.marker`) and whose every other cell of the source is kept as a `# 原文：`
comment beside its item. The columns and rows are read by `draft_columns`, the deadlines by
`draft_deadlines`, the targets by `draft_targets`."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path


from minsheng_cli.model.markers import marker
from minsheng_cli.model.plan import LEAD_UNIT
from minsheng_cli.reading.yamlwrite import scalar
from minsheng_cli.setup.draft_columns import Columns, RawItem, TableProblem, find_header, lay_out, squeeze
from minsheng_cli.setup.draft_deadlines import read_deadline
from minsheng_cli.setup.draft_tables import Table
from minsheng_cli.setup.draft_targets import Candidate, Leftover, extract

_DISTRICT = re.compile(r"(?!市)(.{1,4}?[区县市])政府")
_GROUP = re.compile(r"各.*政府")


class DraftError(Exception):
    """The table is not a table of items: every structural problem found in it."""

    def __init__(self, problems: list[TableProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass
class Milestone:
    """A qualitative target the draft proposes: a sub-task, a node of the deadline, or the item."""

    name: str
    why: str
    due: dt.date | None = None


@dataclass
class Item:
    category: str
    number: int
    text: str
    leader: str
    units: list[str]
    #: Each unit's person as the table pairs them ("" where it does not).
    persons: list[str]
    deadline: dt.date | None
    targets: list[Candidate]
    leftovers: list[Leftover]
    notes: list[str] = field(default_factory=list)
    #: Notes about one field, written as a marker on that field's line (so that `validate`
    #: says it once there, not once for the marker and once for the empty value).
    field_notes: dict[str, list[str]] = field(default_factory=dict)
    #: The lead unit, written as `lead:` where the text does not end with （牵头单位：X）.
    lead: str | None = None
    milestones: list[Milestone] = field(default_factory=list)
    #: Cells kept as `# 原文：` comments: heading and text.
    originals: list[str] = field(default_factory=list)
    #: The deadline as the table wrote it, where it was read with a guess.
    deadline_words: str = ""
    rows: int = 1

    def note(self, key: str, text: str) -> None:
        self.field_notes.setdefault(key, []).append(text)

    def all_notes(self) -> list[str]:
        return self.notes + [n for notes in self.field_notes.values() for n in notes]


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
    #: Text above and below the table (title, 填表说明, 注：…), and the header, as comments.
    preface: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    #: Headings of the expected columns the table has not.
    missing: list[str] = field(default_factory=list)
    progress_column: str | None = None

    @property
    def kept(self) -> int:
        """How many texts of the source are kept as `# 原文：` comments: above and below the
        table, and beside the items (the header, written as it is, not counted)."""
        return len(self.preface) + sum(len(item.originals) for item in self.items)


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
    return [squeeze(n) for n in names if squeeze(n)]


def _distinct(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        if value and value not in out:
            out.append(value)
    return out


def _one_line(text: str) -> str:
    """A cell's text with the line breaks of its layout joined."""
    return "".join(line.strip() for line in text.splitlines()).strip()


def find_year(table: Table, path: Path) -> int | None:
    """The year in the text above the table (a Word document's paragraphs, title rows), else in
    the file's name."""
    at = find_header(table.rows) or 0
    above = " ".join([table.title, *(" ".join(row) for row in table.rows[:at]), path.stem])
    match = re.search(r"(20[0-9]{2})\s*年?", above)
    return int(match.group(1)) if match else None


def draft_plan(table: Table, *, year: int, file_name: str) -> Draft:
    """The draft of the table's plan for `year`; DraftError with every structural problem when
    the table is not one of items."""
    layout = lay_out(table.rows)
    if isinstance(layout, TableProblem):
        raise DraftError([layout])
    if layout.problems:
        raise DraftError(layout.problems)
    columns = layout.columns
    items = [_item(raw, columns, year) for raw in layout.items]
    _renumber(items)
    registry, unit_notes = _registry(items)
    districts = {m.group(1): unit for unit in registry if (m := _DISTRICT.fullmatch(unit)) and not _GROUP.fullmatch(unit)}
    # A group (各县（市、区）政府) stands for the districts found; with none found it is a unit
    # like any other, which reports for itself.
    group = next((unit for unit in registry if _GROUP.fullmatch(unit)), None) if districts else None
    preface = [line for text in (table.title, *layout.preface) for line in text.splitlines() if line.strip()] + layout.notes
    return Draft(
        year, _title(preface, year), f"{file_name}（{table.source}）", items, registry, unit_notes, districts, group,
        preface=preface, header=[squeeze(h) for h in columns.headings if squeeze(h)], missing=columns.missing(),
        progress_column=squeeze(columns.headings[columns.index["progress"]]) if "progress" in columns.index else None,
    )


def _title(preface: list[str], year: int) -> str:
    line = next((p for p in preface if re.search(r"20[0-9]{2}|民生实事", p) and not p.startswith(("注", "说明", "填表"))), "")
    title = re.sub(r"^附件\s*[0-9]*\s*|^关于", "", line)
    title = re.sub(r"(项目)?(进展|推进|完成)情况.*$", "", title)
    title = re.sub(r"(任务)?(分解|责任|进度|进展|推进)\S*表.*$|（.*$", "", title).strip()
    return title or f"{year} 年民生实事"


def _renumber(items: list[Item]) -> None:
    """Items numbered within their category (1, 2, 1, 2) or with gaps get the plan's numbering,
    1 to N through the year, each change marked."""
    if [i.number for i in items] == list(range(1, len(items) + 1)):
        return
    for position, item in enumerate(items, start=1):
        if item.number != position:
            item.notes.insert(0, f"表中序号为 {item.number}，按全表顺序改为 {position}")
            item.number = position


def _column(raw: RawItem, key: str) -> list[str]:
    return [cells.get(key, "") for cells in raw.cells]


def _item(raw: RawItem, columns: Columns, year: int) -> Item:
    index = columns.index
    texts = _distinct([_one_line(t) for t in _column(raw, "text")])
    text = ""
    for part in texts:
        text += part if not text or text.endswith(("。", "；", ";")) else "；" + part
    found = [extract(part) for part in texts]
    item = Item(raw.category, raw.number or 0, text, "", [], [], None,
                [c for f in found for c in f.candidates], [x for f in found for x in f.leftovers], rows=len(raw.rows))
    if len(raw.rows) > 1:
        item.notes.append(f"本项在表中占 {len(raw.rows)} 行（第 {raw.rows[0] + 1}–{raw.rows[-1] + 1} 行），已合并为一项；各行内容都在下面，请核对")
    if len(texts) > 1:
        for number, (part, f) in enumerate(zip(texts, found), start=1):
            if not f.candidates:
                item.milestones.append(Milestone(_clause(part), f"第 {number} 个子任务没有带计量单位的数字，暂作一个定性任务"))
    if "text" not in index or not text:
        item.note("text", "没有工作事项原文，请照表填写")
    _leader(item, raw, "leader" in index)
    _units(item, raw, index)
    _deadline(item, raw, year, "deadline" in index)
    heading = {key: squeeze(columns.headings[i]) for key, i in index.items()}
    if item.deadline_words:
        item.originals.append(f"{heading['deadline']}：{item.deadline_words}")
    names = _distinct([_one_line(n) for n in _column(raw, "name")]) if "name" in index else []
    item.originals += [f"{heading['name']}：{n}" for n in names]
    if "progress" in index:
        item.originals += [f"{heading['progress']}：{_one_line(v)}" for v in _distinct(_column(raw, "progress"))]
    for others in raw.others:
        for i, value in others.items():
            name = squeeze(columns.headings[i]) if i < len(columns.headings) else f"第 {i + 1} 列（表头以外）"
            line = f"{name or f'第 {i + 1} 列'}：{_one_line(value)}"
            if line not in item.originals:
                item.originals.append(line)
    if not item.targets and not item.milestones:
        name = names[0] if names else _clause(text) or "（定性任务）"
        item.milestones.append(Milestone(name, "原文没有带计量单位的数字，暂作一个定性任务"))
    return item


def _clause(text: str) -> str:
    return re.split(r"[，。；]", LEAD_UNIT.sub("", text), maxsplit=1)[0]


def _leader(item: Item, raw: RawItem, has_column: bool) -> None:
    leaders = _distinct(["、".join(_split_cell(cell)) for cell in _column(raw, "leader")])
    if not has_column:
        item.note("leader", "表中没有分管领导一列，请填写 leader")
        return
    if not leaders:
        item.note("leader", "没有分管领导，请填写 leader")
        return
    item.leader = leaders[0]
    for other in leaders[1:]:
        item.note("leader", f"本项另有分管领导“{other}”（子任务的领导），leader 只写了“{leaders[0]}”")


_LABEL = re.compile(r"^(牵头单位|牵头部门|牵头|责任单位|主责单位|配合单位|配合部门|协办单位|协办|配合)[:：]")
_LEAD_MARK = re.compile(r"[（(]牵头[）)]$")


def _labelled(cells: list[str]) -> tuple[list[str], list[str]]:
    """Units of a 责任单位 cell, and those it labels as the lead: 牵头单位：X；配合单位：Y (the label
    carries on to the names after it in the same cell), or X（牵头）."""
    units: list[str] = []
    leads: list[str] = []
    for cell in cells:
        label = ""
        for name in _split_cell(cell):
            if match := _LABEL.match(name):
                label, name = match.group(1), name[match.end():]
            if _LEAD_MARK.search(name):
                name = _LEAD_MARK.sub("", name)
                leads.append(name)
            elif label.startswith(("牵头", "主责")):
                leads.append(name)
            if name:
                units.append(name)
    return _distinct(units), _distinct(leads)


def _units(item: Item, raw: RawItem, index: dict[str, int]) -> None:
    listed, labelled = _labelled(_column(raw, "units"))
    leads = _distinct([u for cell in _column(raw, "lead") for u in _split_cell(cell)] + labelled)
    helpers = _distinct([u for cell in _column(raw, "co_units") for u in _split_cell(cell)])
    units = _distinct(leads + listed + helpers)
    stated = LEAD_UNIT.search(item.text)
    lead: str | None = None
    if leads:
        lead = leads[0]
        if len(leads) > 1:
            item.note("units", f"牵头单位一列有 {len(leads)} 个单位（{'、'.join(leads)}），第一个读作牵头单位")
        if stated and stated.group(1) != lead:
            item.note("units", f"原文的牵头单位“{stated.group(1)}”与牵头单位一列的“{lead}”不同")
            lead = stated.group(1)
    elif stated:
        lead = stated.group(1)
        if lead not in units:
            item.note("units", f"牵头单位“{lead}”不在责任单位中，已补在第一位")
        elif units[0] != lead:
            item.note("units", f"责任单位已调整为牵头单位“{lead}”在前")
    elif units:
        lead = units[0]
        item.note("lead", f"表中没有牵头单位，按责任单位的第一个“{lead}”读作牵头单位")
    persons = _persons(item, raw, "persons" in index, units, leads)
    if lead is not None:
        paired = dict(zip(units, persons))
        units = [lead] + [u for u in units if u != lead]
        persons = [paired.get(u, "") for u in units]
    if not units:
        why = "表中没有责任单位一列" if not index.keys() & {"units", "lead", "co_units"} else "没有责任单位"
        item.note("units", f"{why}，请填写 units（牵头单位在前），并在 lead 写明牵头单位")
    item.units, item.persons = units, persons
    item.lead = lead if lead is not None and not stated else None


def _persons(item: Item, raw: RawItem, has_column: bool, units: list[str], leads: list[str]) -> list[str]:
    """Each unit's person in the table's order of units ("" where the table does not pair them)."""
    persons = [p for cell in _column(raw, "persons") for p in _split_cell(cell)]
    paired = [""] * len(units)
    if not has_column:
        return paired  # each unit's line says its person was not read
    if len(persons) == len(units):
        return persons
    if persons and leads and len(_distinct(persons)) == len(leads):
        # 牵头单位 | 配合单位 | 责任人: the person is the lead's.
        paired[: len(leads)] = _distinct(persons)
        item.note("units", f"责任人 {len(leads)} 个，读作牵头单位的责任人；其他单位的责任人请补上")
    elif persons:
        item.note("units", f"责任单位 {len(units)} 个、责任人 {len(persons)} 个（{'、'.join(persons)}），对不上，请逐一核对")
    return paired


def _deadline(item: Item, raw: RawItem, year: int, has_column: bool) -> None:
    cells = _distinct([c.strip() for c in _column(raw, "deadline")])
    dated = []
    for cell in cells:
        found, unread = read_deadline(cell, year)
        dated += found
        item.field_notes.setdefault("deadline", []).extend([f"完成时间“{u}”无法识别或不是有效日期" for u in unread])
    completions = [d for d in dated if not d.node]
    for node in (d for d in dated if d.node):
        item.milestones.append(Milestone(_one_line(node.words), f"完成时间中的节点“{_one_line(node.words)}”，作为定性任务，{node.date} 前应完成", node.date))
    if completions:
        item.deadline = max(d.date for d in completions)
        if not (len(completions) == 1 and completions[0].exact):
            item.deadline_words = "；".join(_one_line(c) for c in cells)
            words = "、".join(f"“{_one_line(d.words)}”" for d in completions)
            item.note("deadline", f"完成时间{words}读作 {item.deadline}" + ("（取最晚的一个）" if len(completions) > 1 else ""))
    else:
        item.deadline = dt.date(year, 12, 31)
        item.deadline_words = "；".join(_one_line(c) for c in cells)
        why = "表中没有完成时间一列" if not has_column else f"完成时间“{item.deadline_words}”没有写完成日期" if cells else "没有完成时间"
        item.note("deadline", f"{why}，暂定 {item.deadline}，请照实填写")
    if item.deadline.year != year:
        item.note("deadline", f"完成时间 {item.deadline} 不在 {year} 年内")


def _registry(items: list[Item]) -> tuple[dict[str, str], dict[str, str]]:
    """Each unit once with its person, and a note where the items disagree about the person."""
    registry: dict[str, str] = {}
    notes: dict[str, str] = {}
    for item in items:
        for unit, person in zip(item.units, item.persons):
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
_OP_WORD = {"at_least": "不少于", "more_than": "超过", "at_most": "不超过", "less_than": "低于"}


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


def _milestone_line(tid: str, milestone: Milestone) -> str:
    fields = [f"name: {scalar(milestone.name)}", "kind: milestone"]
    if milestone.due is not None:
        fields.append(f"schedule: {{{milestone.due}: 100}}")
    return f"{tid}: {{{', '.join(fields)}}}  {marker(milestone.why)}"


def _comment(text: str) -> str:
    """A `# 原文：` comment of a cell, on one line."""
    return "# 原文：" + " / ".join(line.strip() for line in text.splitlines() if line.strip())


def render(draft: Draft) -> str:
    """The draft as a plan file in the plan format, with its review markers."""
    leftovers = [(item.number, left) for item in draft.items for left in item.leftovers]
    out = [
        f"# {draft.title}（草稿）",
        f"# 由 minsheng plan draft 从 {draft.source} 生成。",
        "# 这是草稿：标有“待核对”的每一处都要对照分解表原文确认或改正，然后删去这个标记。",
        "# 还有标记时 minsheng validate 不通过，其他命令也不使用这份计划。",
        "# 目标只从带计量单位的数字中提取：定性任务（kind: milestone）须人工补上，名称（name）须人工改短。",
        "# 以“# 原文：”开头的注释是表中没有写进字段的内容（原样保留），核对后可留可删。",
        "# 写法见 minsheng 的 README“The plan file”。",
    ]
    if draft.preface:
        out += ["#"] + [_comment(line) for line in draft.preface]
    if draft.header:
        out.append("# 原文表头：" + " | ".join(draft.header))
    if draft.missing:
        out.append(marker(f"表中没有这些列：{'、'.join(draft.missing)}；相应字段已标“待核对”，请照原件补上"))
    if draft.progress_column:
        out.append(f"# 表中的“{draft.progress_column}”是进展，不是目标：保留为各项的“# 原文：”注释，进度请用 minsheng 的填报表收集")
    if leftovers:
        out.append("#")
        out.append("# " + marker(f"原文中下列 {len(leftovers)} 个数字没有转为目标，逐一决定：补为目标、写进定性任务，或不管").removeprefix("# "))
        out += [f"#   第 {number} 项：{left.text}（{left.reason}）" for number, left in leftovers]
    out += [f"year: {draft.year}", f"title: {scalar(draft.title)}", ""]
    out.append("units:" if draft.units else "units: {}  " + marker("表中没有责任单位，请登记每个单位及其责任人，如 `市甲局: 张三`"))
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
            out.append("      " + marker("表中没有类别（民生实事），请填写类别名称，或按类别分开各项"))
        for item in items:
            out += _render_item(item)
    return "\n".join(out) + "\n"


def _render_item(item: Item) -> list[str]:
    def line(key: str, value: str) -> str:
        notes = item.field_notes.get(key)
        return f"        {key}: {value}" + (f"  {marker('；'.join(notes))}" if notes else "")

    out = [f"      - number: {item.number}"]
    out += [f"        {marker(note)}" for note in item.notes]
    out += [f"        {_comment(text)}" for text in item.originals]
    out.append(line("text", scalar(item.text or "（工作事项）")))
    if item.lead is not None:
        out.append(line("lead", scalar(item.lead)))
    out += [
        line("leader", scalar(item.leader)),
        line("units", f"[{', '.join(scalar(u) for u in item.units)}]"),
        line("deadline", str(item.deadline) if item.deadline else "null"),
        "        targets:",
    ]
    count = len(item.targets) + len(item.milestones)
    ids = [f"{item.number}{_letters(i)}" for i in range(count)]
    for tid, target in zip(ids, item.targets):
        out.append(f"          {_target_line(tid, target, ids, item.units)}")
    for tid, milestone in zip(ids[len(item.targets):], item.milestones):
        out.append(f"          {_milestone_line(tid, milestone)}")
    return out


def _letters(index: int) -> str:
    """a … z, then aa, ab …: target ids stay letters after the item's number."""
    return chr(ord("a") + index) if index < 26 else _letters(index // 26 - 1) + chr(ord("a") + index % 26)


def summary(draft: Draft) -> str:
    """The line a person reads after drafting: what was found, what is missing, what was kept."""
    targets = sum(len(item.targets) for item in draft.items)
    milestones = sum(len(item.milestones) for item in draft.items)
    leftovers = sum(len(item.leftovers) for item in draft.items)
    merged = sum(item.rows > 1 for item in draft.items)
    parts = [
        f"草稿：{len({i.category for i in draft.items})} 件 {len(draft.items)} 项，{len(draft.units)} 个责任单位，"
        f"{targets} 个候选目标、{milestones} 个候选定性任务，{leftovers} 个数字未转为目标"
    ]
    if merged:
        parts.append(f"{merged} 项跨多行，已各合并为一项")
    if draft.missing:
        parts.append(f"表中没有的列：{'、'.join(draft.missing)}（相应字段已标“待核对”）")
    if draft.progress_column:
        parts.append(f"“{draft.progress_column}”是进展，未作为目标")
    parts.append(f"{draft.kept} 处原文保留为“# 原文：”注释")
    return "；".join(parts) + "；逐一核对标有“待核对”之处并删去标记后，运行 minsheng validate"
