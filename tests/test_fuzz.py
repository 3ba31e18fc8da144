"""Property tests: whatever bytes a report holds, reading it returns problems, never raises.

The contract of `yamlsource.parse_yaml` is "every way the bytes can be wrong becomes a problem,
never an exception"; `progress.read_report` turns a parsed document into readings and problems.
Here both get random bytes, random YAML-ish text, reports assembled from the tokens people
actually type, and valid reports with characters inserted, deleted and replaced.

The crashes this once found (ids with digits `int()` cannot read such as ①, integers of
thousands of digits, deep nesting) are fixed and pinned by files in tests/data/invalid/.

Examples per test: 200, or MINSHENG_FUZZ_EXAMPLES for a longer hunt.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minsheng_cli.reading import values
from minsheng_cli.model.plan import load_plan
from minsheng_cli.reading.problems import Problem
from minsheng_cli.model.progress import Reading, read_report
from minsheng_cli.reading.yamlsource import Document, parse_yaml

ROOT = Path(__file__).resolve().parents[1]
PLAN, _plan_problems = load_plan(ROOT / "data" / "tasks_2025.yaml")
assert PLAN is not None, _plan_problems
TODAY = dt.date(2026, 1, 1)
NAME = "fuzz.yaml"

FUZZ = settings(
    max_examples=int(os.environ.get("MINSHENG_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _check_problems(problems: object) -> None:
    assert isinstance(problems, list)
    for p in problems:
        assert isinstance(p, Problem)
        assert p.path == NAME
        assert isinstance(p.line, int) and p.line >= 1, p
        assert isinstance(p.column, int) and p.column >= 1, p
        assert p.code and p.message, p


def _read(raw: bytes) -> Document | None:
    """parse_yaml's contract: a document and no problems, or None and at least one problem."""
    doc, problems = parse_yaml(raw, NAME)
    _check_problems(problems)
    if doc is None:
        assert problems, "no document and no problem"
    else:
        assert problems == []
        assert isinstance(doc.data, dict)
    return doc


def _read_report(raw: bytes) -> None:
    """The full report path: parse, then check the report against the plan."""
    doc = _read(raw)
    if doc is None:
        return
    readings, problems = read_report(PLAN, doc, today=TODAY)
    _check_problems(problems)
    for r in readings:
        assert isinstance(r, Reading) and r.target in PLAN.targets
        assert r.line >= 1 and r.column >= 1


# --- random bytes ------------------------------------------------------------------------------

_encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "latin-1"])


@st.composite
def _encoded_text(draw) -> bytes:
    text = draw(st.text(alphabet=st.characters(), max_size=200))
    return text.encode(draw(_encodings), errors="replace")


@FUZZ
@given(st.one_of(st.binary(max_size=400), _encoded_text()))
def test_random_bytes_never_raise(raw: bytes) -> None:
    _read_report(raw)


# --- random YAML-ish text ------------------------------------------------------------------------

_YAMLISH = st.sampled_from(
    list(":-?,[]{}#&*!|>'\"%@`~ \n\t\r")
    + list("0123456789.+_eE")
    + list("abcxyz")
    + list("市卫生健康局万人")
    + list("：，。　１５０")  # full-width colon, comma, full stop, space and digits
    + ["\ufeff", "\u2028", "\x85", "\x07", "\x1b", "\x00", "\u200b", "\ud7ff", "\U0001f600"]
)


@FUZZ
@given(st.lists(_YAMLISH, max_size=300).map("".join))
def test_random_yamlish_text_never_raises(text: str) -> None:
    _read_report(text.encode("utf-8", errors="surrogatepass"))


# --- reports assembled from what people type -----------------------------------------------------

_UNITS = ["市卫生健康局", "市民政局", "市市场监管局", "市卫生健康", "市卫生健康局　", "'市民政局'", "123", "", "yes"]
_DATES = ["2025-06-30", "2025-6-30", "2025/6/30", "2025.6.30", "2025年6月30日", "6月30日", "2025-06-31",
          "2099-01-01", "2024-12-31", "2025-12-31", "下周", "20250630", "2025-06-30 10:00", "'2025-06-30'", ""]
_TARGETS = ["1a", "1b", "1c", "2a", "2b", "2c", "7a", "9a", "9c", "10b", "26a", "1z", "1.10", "1", "１a",
            "27a", "1A", "<<", "~", "''", "[1a]", "? 1a"]
_SCALARS = ["820", "38.5", "0", "140", "１５００", "1,500", "1，500", "1,50", "3.13万", "3.13万批次", "1500人",
            "40%", "-5", "'-5'", ".nan", "-.inf", "NaN", "010", "12:30", "1_500", "0x1F", "1e3", "1.5e+3",
            "yes", "no", "on", "off", "true", "False", "~", "null", "", "''", '""', "'yes'", '"1,500"',
            "[820]", "{value: 820}", "{value: 1,500, note: x}", "{vaule: 1}", "{value: 1, value: 2}",
            "&a 820", "*a", "!foo 1", "!!str 1", "!!python/object:os.system {}", "2025-06-30", "已完成",
            "说明：冒号", "820 # 注释", "|\n    多行", ">-\n    折叠"]
_TEXTS = ["说明", "yes", "no", "2025-06-30", "820", "'引号'", "", "~", "江卫〔2025〕12号", "http://x.cn/a,b"]
_ENTRY_KEYS = ["value", "note", "source", "vaule", "notes"]
_SEPARATORS = [": "] * 40 + [":", "： ", " : ", ":\t"]


@st.composite
def _assembled_report(draw) -> str:
    sep = lambda: draw(st.sampled_from(_SEPARATORS))  # noqa: E731
    lines = [f"unit{sep()}{draw(st.sampled_from(_UNITS))}", f"date{sep()}{draw(st.sampled_from(_DATES))}"]
    if draw(st.booleans()):
        lines.append(f"note{sep()}{draw(st.sampled_from(_TEXTS))}")
    lines.append("values:")
    for target in draw(st.lists(st.sampled_from(_TARGETS), min_size=1, max_size=6, unique=True)):
        form = draw(st.sampled_from(["bare", "bare", "block", "flow"]))
        if form == "bare":
            lines.append(f"  {target}{sep()}{draw(st.sampled_from(_SCALARS))}")
        else:
            keys = draw(st.lists(st.sampled_from(_ENTRY_KEYS), max_size=2))
            if draw(st.integers(0, 3)):  # mostly with its value first
                keys.insert(0, "value")
            pairs = [(k, draw(st.sampled_from(_SCALARS if k in ("value", "vaule") else _TEXTS))) for k in keys]
            if form == "block":
                lines.append(f"  {target}:")
                lines += [f"    {k}{sep()}{v}" for k, v in pairs]
            else:
                lines.append(f"  {target}: {{{', '.join(f'{k}: {v}' for k, v in pairs)}}}")
    if draw(st.integers(0, 4)) == 0:  # now and then, lines out of order or one missing
        lines = draw(st.permutations(lines))[: draw(st.integers(1, len(lines)))]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "\n", "", "\n---\n", "\n..."]))


@FUZZ
@given(_assembled_report(), st.sampled_from(["", "\ufeff", "---\n", "# 注释\n"]), st.booleans())
def test_assembled_reports_never_raise(text: str, prefix: str, crlf: bool) -> None:
    text = prefix + text
    _read_report((text.replace("\n", "\r\n") if crlf else text).encode())


# --- mutated valid reports -----------------------------------------------------------------------

_GOOD_START = "unit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n"
_VALID_REPORTS = [
    _GOOD_START + "  1a: 820\n  1b: {value: 38.5, note: 说明, source: 文号}\n",
    _GOOD_START + "  1a:\n    value: 1,500\n    note: '口径调整'\n  1c: 60\n  7a: １２００\n  26a: 3.13万\nnote: 第二季度\n",
    "unit: 市民政局\ndate: 2025年6月30日\nvalues:\n  2a: 1200\n  2b: true\n  2c: {value: 50}\n",
    "unit: 市市场监管局\ndate: 2025/9/30\nvalues:\n  9a: 3.13万\n  9b: 9000\n  9c: 6.5\n  10b: false\n",
]
_MUTATION_CHARS = st.one_of(
    st.sampled_from(list(":-{}[],#&*!'\"\t\n\r ：，　") + ["\u2028", "\x00", "\x1b", "\ufeff"]),
    st.characters(),
)


@st.composite
def _mutated_report(draw) -> str:
    text = draw(st.sampled_from(_VALID_REPORTS))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["insert", "delete", "replace"] * 3 + ["duplicate-line"]))
        pos = draw(st.integers(0, len(text)))
        if op == "insert":
            text = text[:pos] + draw(_MUTATION_CHARS) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 5)):]
        elif op == "replace":
            text = text[:pos] + draw(_MUTATION_CHARS) + text[pos + 1:]
        else:
            start = text.rfind("\n", 0, pos) + 1
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end + 1
            text = text[:end] + text[start:end] + text[end:]
    return text


def test_the_unmutated_reports_are_valid() -> None:
    for text in _VALID_REPORTS:
        doc = _read(text.encode())
        assert doc is not None
        readings, problems = read_report(PLAN, doc, today=TODAY)
        assert problems == [] and readings


@FUZZ
@given(_mutated_report())
def test_mutated_reports_never_raise(text: str) -> None:
    _read_report(text.encode("utf-8", errors="surrogatepass"))


# --- the value readers on their own ---------------------------------------------------------------


@FUZZ
@given(st.one_of(
    st.text(alphabet=st.characters(), max_size=40),
    st.from_regex(r"[-+]?[0-9０-９]{1,6}([.,，][0-9]{1,4})?\s*(万|人|%|e3)?", fullmatch=True),
    st.from_regex(r"[0-9]{4}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}\s*日?", fullmatch=True),
    st.integers(), st.floats(), st.booleans(), st.none(),
))
def test_value_readers_raise_only_value_problems(value: object) -> None:
    for reader in (values.parse_number, values.parse_date):
        try:
            result = reader(value)
        except values.ValueProblem as p:
            assert p.code and p.message
        else:
            if reader is values.parse_number:
                assert not isinstance(result, bool) and result >= 0
            else:
                assert isinstance(result, dt.date)
