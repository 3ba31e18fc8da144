"""The words behind the figures: a report's 进展情况, 存在问题, 下步计划 and 需协调事项 per item,
and the 佐证材料 (evidence files) it names with their SHA-256.

In a report::

    narrative:
      7:
        progress: 已完成培训 1001 人次，覆盖全部中小学。      # 进展情况
        problems: 部分学校场地不足。                          # 存在问题
        next: 10 月完成复训。                                 # 下步计划
        help: 请市财政局尽快拨付第二批资金。                  # 需协调事项
    evidence:                                                 # 整份报告的佐证材料
      - {file: data/evidence/2025-09-30_市教育局/签到表.pdf, sha256: 3f…（64 位）}
    values:
      7a: {value: 1001, evidence: [{file: …, sha256: …}]}   # 某个数值的佐证材料

Texts are checked here (blank, too long, control characters) and so is the form of each
evidence entry (a path inside the repository, a 64-digit hash); whether the file is there and
unchanged is the repository's business (`repository/evidence.py`), as this stage reads no files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Annotated, Any, NamedTuple

from pydantic import WithJsonSchema

from minsheng_cli.reading.fields import Model
from minsheng_cli.reading.problems import Problem
from minsheng_cli.reading.yamlsource import Document

#: The four texts of an item, in the order forms and tables show them, with their Chinese names.
FIELDS = {"progress": "进展情况", "problems": "存在问题", "next": "下步计划", "help": "需协调事项"}
#: A text longer than this is not a paragraph for a bulletin but a pasted document.
MAX_TEXT = 1000
#: Control characters a text may not hold: all C0/C1 except tab and line breaks, and the
#: invisible direction overrides that make a sentence read differently from how it is stored.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_HASH = re.compile(r"[0-9a-f]{64}")
#: `progress_text:` in the plan's rules: whether 进展情况 must come with an item's figures.
#: required: in every report; narrated (the default): in every report that has a `narrative:`
#: (a unit writing texts writes them for every item it reports), so the reports written before
#: texts existed stay valid; optional: never.
PROGRESS_TEXT_RULES = ("required", "narrated", "optional")
DEFAULT_PROGRESS_TEXT = "narrated"


def _text(label: str) -> Any:
    # Any: the checks of `check_text` say what is wrong in the user's words; editors get the schema.
    return Annotated[Any, WithJsonSchema({"type": ["string", "null"], "maxLength": MAX_TEXT, "description": label})]


class Narrative(Model):
    """The four texts of one item in one report; each may be left out."""

    progress: _text("进展情况：本期做了什么") = None
    problems: _text("存在问题") = None
    next: _text("下步计划") = None
    help: _text("需协调事项：需要办公室或市领导协调的") = None


class EvidenceRef(Model):
    """One 佐证材料: a file in the repository (path from its root) and its SHA-256."""

    file: Annotated[Any, WithJsonSchema({"type": "string", "description": "仓库内的相对路径，如 data/evidence/2025-09-30_市教育局/签到表.pdf"})]
    sha256: Annotated[Any, WithJsonSchema({"type": "string", "pattern": "^[0-9a-f]{64}$", "description": "文件的 SHA-256（64 位十六进制）"})]


class ItemWords(NamedTuple):
    """What a unit wrote about one item in one report."""

    task: int
    unit: str
    date: dt.date
    progress: str | None
    problems: str | None
    next: str | None
    help: str | None
    path: str = ""
    line: int = 0
    column: int = 0

    def text(self, key: str) -> str | None:
        return getattr(self, key)


class EvidenceLink(NamedTuple):
    """One evidence file named by a report: for the whole report (`target` None) or a value."""

    file: str
    sha256: str
    unit: str
    date: dt.date
    target: str | None
    path: str = ""
    line: int = 0
    column: int = 0


def check_text(doc: Document, loc: tuple, label: str, value: Any) -> tuple[str | None, list[Problem]]:
    """A text as written, or None with the problems that refuse it."""
    if value is None:
        return None, []
    if not isinstance(value, str):
        return None, [doc.problem(loc, "narrative-not-text", f"{label}应为文字", "整段文字写在冒号后，含冒号等符号时加引号")]
    if not value.strip():
        return None, [doc.problem(loc, "narrative-blank", f"{label}是空的（只有空格）", "写上内容，或删去这一行")]
    bad = _CONTROL.search(value)
    if bad:
        return None, [doc.problem(loc, "narrative-control", f"{label}含有不可见的控制字符 \\u{ord(bad.group()):04x}", "请删去该字符后重新输入（常见于从网页或聊天软件粘贴的文字）")]
    if len(value) > MAX_TEXT:
        return None, [doc.problem(loc, "narrative-too-long", f"{label}有 {len(value)} 个字，超过 {MAX_TEXT} 字", "请精简为几句话；详细材料作为佐证材料附上")]
    return value.strip(), []


def check_file_name(file: Any) -> str | None:
    """Why `file` cannot name an evidence file in the repository, or None when it can: a
    relative path with `/`, no `..`, no drive or leading slash."""
    if not isinstance(file, str) or not file.strip():
        return "应为仓库内的相对路径，如 data/evidence/2025-09-30_市教育局/签到表.pdf"
    if "\\" in file or file.startswith("/") or re.match(r"[A-Za-z]:", file) or "://" in file:
        return f"`{file}` 不是仓库内的相对路径（用 / 分隔，不写盘符或网址）"
    if any(part in ("", ".", "..") for part in file.split("/")) or _CONTROL.search(file):
        return f"`{file}` 含有 ..、空段或控制字符，不能指向仓库内的文件"
    return None


def read_evidence(doc: Document, loc: tuple, raw: Any, unit: str, date: dt.date, target: str | None) -> tuple[list[EvidenceLink], list[Problem]]:
    """The evidence list at `loc` (already shaped as a list of {file, sha256})."""
    links, problems = [], []
    for i, ref in enumerate(raw or ()):
        place = loc + (i,)
        reason = check_file_name(ref.file)
        if reason is not None:
            problems.append(doc.problem(place + ("file",), "evidence-path", f"佐证材料路径：{reason}", "用 minsheng import --evidence 导入的文件会自动记录路径和哈希"))
            continue
        if not isinstance(ref.sha256, str) or not _HASH.fullmatch(ref.sha256):
            problems.append(doc.problem(place + ("sha256",), "evidence-hash", f"佐证材料 {ref.file} 的 sha256 应为 64 位小写十六进制数字", "用 sha256sum 计算，或用 minsheng import --evidence 导入"))
            continue
        mark = doc.node_at(place).start_mark
        links.append(EvidenceLink(ref.file, ref.sha256, unit, date, target, doc.path, mark.line + 1, mark.column + 1))
    return links, problems


def read_narrative(
    doc: Document, raw: dict[str, Narrative] | None, unit: str, date: dt.date, *, items: set[int], may_report: frozenset[int] | None,
    progress_text: str = DEFAULT_PROGRESS_TEXT, reported: dict[int, str] | None = None,
) -> tuple[list[ItemWords], list[Problem]]:
    """The texts of each item of a report, checked; `items` are the plan's item numbers,
    `reported` the items the report gives figures for, each with its first target id
    (进展情况 is asked of them, at that value's line)."""
    words, problems = [], []
    refused: set[int] = set()  # items whose texts have problems already said
    for key, entry in (raw or {}).items():
        loc = ("narrative", key)
        number = int(key) if re.fullmatch(r"[0-9]{1,4}", key) else None
        if number is None or number not in items:
            problems.append(doc.problem(loc, "unknown-task", f"narrative 下的 `{key}` 不是计划中的事项序号", f"写事项序号，如 7:（1 至 {max(items, default=0)}）", key=True))
            continue
        if may_report is not None and number not in may_report:
            problems.append(doc.problem(loc, "unit-not-responsible", f"`{unit}` 不是第 {number} 项的责任单位，不能填写它的进展情况", "请确认事项序号", key=True))
            continue
        texts = {}
        for field, label in FIELDS.items():
            text, found = check_text(doc, loc + (field,), f"第 {number} 项的{label}", getattr(entry, field))
            texts[field] = text
            problems += found
            if found and field == "progress":
                refused.add(number)
        if all(t is None for t in texts.values()):
            continue  # a blank block of a form (`progress:` left empty): nothing said this time
        mark = doc.node_at(loc, key=True).start_mark
        words.append(ItemWords(number, unit, date, **texts, path=doc.path, line=mark.line + 1, column=mark.column + 1))
    if progress_text == "required" or (progress_text == "narrated" and words):
        written = {w.task for w in words if w.progress}
        for number, tid in sorted((reported or {}).items()):
            if number in written or number in refused:
                continue
            problems.append(doc.problem(("values", tid), "progress-text-missing", f"填报了第 {number} 项的数值，却没有写进展情况", f"在 narrative: 下写 {number}: {{progress: 本期做了什么}}", key=True))
    return words, problems


def latest_words(words: list[ItemWords], unit: str | None, as_of: dt.date) -> ItemWords | None:
    """The newest texts on or before `as_of`, of `unit` when given."""
    found = [w for w in words if w.date <= as_of and (unit is None or w.unit == unit)]
    return max(found, key=lambda w: (w.date, w.path)) if found else None


def open_requests(words_by_task: dict[int, list[ItemWords]], as_of: dt.date) -> Iterator[ItemWords]:
    """Each unit's standing 需协调事项 per item on `as_of`: its latest texts of the item ask for
    help (a later report without `help` means the request is settled)."""
    for task in sorted(words_by_task):
        latest: dict[str, ItemWords] = {}
        for w in words_by_task[task]:
            if w.date <= as_of and (w.unit not in latest or w.date >= latest[w.unit].date):
                latest[w.unit] = w
        for unit in sorted(latest, key=lambda u: latest[u].date):
            if latest[unit].help:
                yield latest[unit]
