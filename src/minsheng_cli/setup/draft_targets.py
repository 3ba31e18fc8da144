"""Candidate targets in an item's text: each number with its unit and comparison word.

What is read, clause by clause (a clause ends at ，。；):
- a number with 万/千 after it is scaled exactly (3.13 万 is 31300, in decimal);
- its unit is the known measure word after it (人次, 批次, 个, %, …), with any 每X before the
  number joined to it (每人每月 950 元 is 950 元/人/月); a number with no such unit is no target;
- 超/超过 just before it make `more_than`; 不少于/至少/不低于/达到/以上, or no word, `at_least`;
- 不超过/不高于/控制在/降至/下降到 before it, or 以内/以下 after it, make `at_most` (an upper
  bound, met at or below the value: 以内 and 以下 include the number, as in law); 低于/少于/不足
  make `less_than`;
- % is a rate, or a reduction after 下降/降低/减少 (下降 5%: the fall must be at least 5); a
  level to fall to (下降到 5% 以下, 降至 5%) is a rate with an upper bound; a clause about a 标准 or 限额, or 由/从 X
  提高至 Y, makes a standard (X is Y's baseline);
- a number after 其中 or （含 is part_of the target before it;
- a number after 已建成/已有 is an existing quantity, a range (3-5) or a code (12345-5) no target.

Everything found is a candidate for a person to confirm; what was left out is listed with why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

#: Measure words that make a count, longest first so 人次 wins over 人.
UNITS = sorted(
    ["人次", "场次", "批次", "公里", "千米", "平方米", "名", "人", "户", "个", "家", "所", "处", "座", "场", "期", "天",
     "项", "条", "间", "套", "张", "台", "辆", "支", "件", "吨", "亩", "元", "米", "批", "宗", "份", "床", "班", "%",
     "个百分点", "起", "例", "小时", "分钟"],
    key=len, reverse=True,
)
_SCALE = {"万": Decimal(10000), "千": Decimal(1000), "亿": Decimal(100000000)}
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_CLAUSE = re.compile(r"[^，。；]+[，。；]?")
_PER = re.compile(r"((?:每[^每，、。；\s0-9（）]{1,2})+)\s*$")
_MORE = ("超过", "超")
_AT_LEAST = ("不少于", "至少", "不低于", "达到", "达")
_AT_MOST = ("不超过", "不高于", "不大于", "最多", "控制在", "降至", "降到", "下降到", "下降至", "降低到", "降低至", "减少到", "减少至", "压减到", "压减至", "压降至")
_LESS = ("低于", "少于", "不足", "小于")
#: Comparison words before a number, longest first so 不少于 is not read as 少于, nor 不超过 as 超过.
_BEFORE = sorted([(w, "more_than") for w in _MORE] + [(w, "at_least") for w in _AT_LEAST]
                 + [(w, "at_most") for w in _AT_MOST] + [(w, "less_than") for w in _LESS], key=lambda p: -len(p[0]))
#: Words after a number's unit, and the comparison each makes.
_AFTER = {"以上": "at_least", "以内": "at_most", "以下": "at_most"}
_EXISTING = ("已建成", "已有", "现有")


@dataclass
class Candidate:
    """A target found in the text, with the words that made it (for the reviewer)."""

    name: str
    kind: str
    op: str  # "at_least" | "more_than" | "at_most" | "less_than"
    value: int | float
    unit: str
    evidence: str
    word: str  # the comparison word, or "" when there was none
    baseline: int | float | None = None
    part_of: int | None = None  # index of the candidate this is part of
    #: The department a part names (`含农业农村部门 0.9 万批次` → 农业农村), to find its unit by.
    department: str | None = None


@dataclass
class Leftover:
    """A number in the text that became no target, and why."""

    text: str
    reason: str


@dataclass
class Extraction:
    candidates: list[Candidate] = field(default_factory=list)
    leftovers: list[Leftover] = field(default_factory=list)


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _unit_at(text: str) -> tuple[str, int] | None:
    """The measure word at the start of `text` and its length (元/人月 read as 元/人/月)."""
    text = text.replace("％", "%")
    for unit in UNITS:
        if text.startswith(unit):
            if unit == "元":
                per = re.match(r"元/([^\s，。、；）0-9]+)", text)
                if per:
                    return "元/" + "/".join(per.group(1)) if len(per.group(1)) == 2 else "元/" + per.group(1), per.end()
            return unit, len(unit)
    return None


def extract(text: str) -> Extraction:
    """Candidate targets and left-over numbers of one item's text, in the text's order."""
    body = re.sub(r"（牵头单位：[^（）]+）$", "", text)
    out = Extraction()
    for clause_match in _CLAUSE.finditer(body):
        _read_clause(clause_match.group(0), out)
    return out


def _read_clause(clause: str, out: Extraction) -> None:
    consumed = 0
    previous: Candidate | None = None
    pending_baseline: tuple[Decimal, str, list[str], int] | None = None
    for match in _NUMBER.finditer(clause):
        start, end = match.span()
        if start < consumed:
            continue
        prefix = clause[consumed:start]
        if re.match(r"\s*-\s*[0-9]", clause[end:]) or re.search(r"[0-9]\s*-\s*$", clause[:start]):
            rest = re.match(r"\s*-\s*[0-9]+\S?", clause[end:])
            consumed = end + (rest.end() if rest else 0)
            out.leftovers.append(Leftover(clause[start:consumed].strip(), "范围或编号，不是可累计的数"))
            continue
        value = Decimal(match.group(0))
        after = clause[end:].lstrip()
        position = len(clause) - len(after)
        if after[:1] in _SCALE:
            value *= _SCALE[after[0]]
            after, position = after[1:], position + 1
        found = _unit_at(after)
        if found is None:
            word = re.match(r"[^\s，。、；0-9]{0,2}", after).group(0)
            out.leftovers.append(Leftover(f"{match.group(0)} {word}".strip(), "后面不是计量单位"))
            consumed = end
            continue
        unit, length = found
        consumed = position + length
        after_word = next((w for w in _AFTER if clause[consumed:].lstrip().startswith(w)), "")
        if after_word:
            consumed = consumed + len(clause[consumed:]) - len(clause[consumed:].lstrip()) + len(after_word)
        if any(w in clause[:start] for w in _EXISTING) and not re.search(r"新增|新建|升级|拓展", prefix):
            out.leftovers.append(Leftover(clause[start:consumed], "已有的数量，不是要完成的目标"))
            continue
        per = _PER.search(prefix)
        quals = re.findall(r"每([^每]+)", per.group(1)) if per else []
        if not quals and previous is not None and prefix.strip() == "、":
            quals = previous.unit.split("/")[1:] if "/" in previous.unit and unit == previous.unit.split("/")[0] else []
        stripped = prefix.rstrip()
        if per:
            stripped = stripped[: len(stripped) - len(per.group(1).strip())].rstrip()
        # The quoted evidence starts at the comparison word, the 每…, or the number itself.
        evidence_at = start - len(prefix) + per.start() if per else start
        raised_from = re.search(r"(?:由|从)(?:原来)?\s*$", stripped)
        if raised_from:
            pending_baseline = (value, unit, quals, start - len(prefix) + raised_from.start())
            continue
        before_word, before_op = next(((w, o) for w, o in _BEFORE if stripped.endswith(w)), ("", ""))
        shown = before_word or next((w for w in ("下降", "降低", "减少") if stripped.endswith(w)), "")
        if shown and not per:
            evidence_at = start - len(prefix) + len(stripped) - len(shown)
        op = _AFTER[after_word] if after_word else before_op or "at_least"
        word = f"{before_word}…{after_word}" if before_word and after_word else before_word or after_word
        baseline = None
        if pending_baseline is not None and re.search(r"提高(?:至|到)\s*$", stripped) and pending_baseline[1] == unit:
            baseline = _plain(pending_baseline[0])
            quals = quals or pending_baseline[2]
            evidence_at = pending_baseline[3]
            pending_baseline = None
        full_unit = "/".join([unit, *quals]) if quals and unit != "%" else unit
        kind = _kind(clause, prefix, full_unit, baseline is not None, upper=op in ("at_most", "less_than"))
        candidate = Candidate(
            name=_name(clause), kind=kind, op=op, value=_plain(value), unit=full_unit,
            evidence=clause[evidence_at:consumed].strip(), word=word, baseline=baseline,
        )
        if re.search(r"其中|（含[^）]*$", clause[:start]) and out.candidates:
            whole = next((i for i in range(len(out.candidates) - 1, -1, -1) if out.candidates[i].part_of is None and out.candidates[i].unit == full_unit), None)
            candidate.part_of = whole
            named = re.search(r"(?:其中|（含)\s*([^\s（），。；0-9]+?)部门", clause[:start])
            candidate.department = named.group(1) if named else None
        out.candidates.append(candidate)
        previous = candidate
    if pending_baseline is not None:
        value, unit, _, _ = pending_baseline
        out.leftovers.append(Leftover(f"{_plain(value)} {unit}", "“由/从”后的原有水平，没有找到“提高至”的新标准"))


def _kind(clause: str, prefix: str, unit: str, has_baseline: bool, *, upper: bool = False) -> str:
    if unit in ("%", "个百分点"):
        # 下降 5% is how much it falls; 下降到 5% 以下 is the level it must stay under.
        return "reduction" if re.search(r"下降|降低|减少", clause) and not upper else "rate"
    if has_baseline or re.search(r"标准|限额", clause) or unit in ("小时", "分钟"):
        return "standard"
    if "/" in unit:
        return "rate"
    return "count"


def _name(clause: str) -> str:
    """The clause the number stands in, for the reviewer to shorten into the target's name."""
    return clause.rstrip("，。；").strip()
