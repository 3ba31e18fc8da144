"""Reading a user's YAML file safely and exactly, keeping every node's place for messages.

The file is decoded strictly (UTF-8, with or without BOM), composed into nodes by libyaml's C
parser where it is installed, and turned into plain Python values by a small walker of our own
instead of PyYAML's constructor, because the constructor silently changes what people typed:
`010` becomes 8, `12:30` becomes 750, `yes` becomes True, and a repeated key overwrites the
first. The walker keeps keys as the exact text typed, refuses repeated keys, and hands every
plain scalar whose YAML 1.1 reading differs from its text to the schema as a `Suspect`, which
no field accepts without saying why.

Nodes carry their line and column from the parser anyway; they are kept, and a problem's place is
found by walking the nodes along the problem's path only when there is a problem.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from minsheng_cli.reading.text import display as show_path
from minsheng_cli.reading.text import os_error_text
from minsheng_cli.reading.problems import Problem, Severity

try:  # libyaml's C parser is several times faster; PyYAML falls back to pure Python without it.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_RESOLVER = yaml.resolver.Resolver()
_PLAIN_TAG = "tag:yaml.org,2002:plain"


class _Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    """The safe loader, composing only: scalars are left untyped (`_PLAIN_TAG`) so the walker
    types the plain ones it needs, and never the keys, which it takes as the text typed."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN_TAG if implicit[0] else _STR
        return _RESOLVER.resolve(kind, value, implicit)

#: A real report is a few kilobytes; far larger input is a mistake or an attack, not data.
MAX_FILE_BYTES = 8 * 1024 * 1024

_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT, _TIMESTAMP = (
    _TAG + t for t in ("str", "null", "bool", "int", "float", "timestamp")
)
_DECIMAL_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)\.[0-9]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BOOL_WORDS = {"true": True, "false": False}

#: What YAML 1.1 makes of a plain scalar of each tag, in words users read.
YAML_READING = {_BOOL: "布尔值", _INT: "整数", _FLOAT: "小数", _TIMESTAMP: "日期时间", _NULL: "空值"}


@dataclass(frozen=True)
class Suspect:
    """A plain scalar that YAML 1.1 reads as something other than what was typed.

    Examples: `yes` (a boolean), `010` (octal 8), `12:30` (base 60: 750), `.inf`,
    `2025-06-31` (no such date). The exact text is kept so a message can quote it.
    """

    text: str
    tag: str

    @property
    def reading(self) -> str:
        return YAML_READING.get(self.tag, self.tag.removeprefix(_TAG))


@dataclass
class Document:
    """A parsed YAML file: its plain data and its nodes, for finding a problem's place."""

    path: str
    data: Any
    root: Node
    _index: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False)

    def _pairs(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        pairs = self._index.get(id(node))
        if pairs is None:
            pairs = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
            self._index[id(node)] = pairs
        return pairs

    def pairs_at(self, loc: tuple[Any, ...]) -> dict[str, tuple[Node, Node]]:
        """The key and value nodes of the mapping at `loc`, by key."""
        node = self.node_at(loc)
        return self._pairs(node) if isinstance(node, MappingNode) else {}

    def node_at(self, loc: tuple[Any, ...], *, key: bool = False) -> Node:
        """The deepest node along `loc` (mapping keys and list indexes); with `key`, the last
        step's key node rather than its value."""
        node = self.root
        for i, step in enumerate(loc):
            if isinstance(node, MappingNode):
                pair = self._pairs(node).get(str(step))
                if pair is None:
                    break
                node = pair[0] if key and i == len(loc) - 1 else pair[1]
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
            else:
                break
        return node

    def problem(
        self,
        loc: tuple[Any, ...],
        code: str,
        message: str,
        hint: str = "",
        *,
        key: bool = False,
        severity: Severity = Severity.ERROR,
    ) -> Problem:
        mark = self.node_at(loc, key=key).start_mark
        return Problem(self.path, mark.line + 1, mark.column + 1, code, message, hint, severity)


def load_yaml(path: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file; return the document, or None and the problems."""
    name = display or show_path(path)
    try:
        with open(path, "rb") as f:
            # read(n) allocates n bytes first: 8 MiB for every small report. Ask for the size.
            size = os.fstat(f.fileno()).st_size
            raw = f.read(MAX_FILE_BYTES + 1 if size > MAX_FILE_BYTES or size == 0 else size + 1)
    except OSError as e:
        return None, [Problem(name, 1, 1, "unreadable", f"无法读取文件：{os_error_text(e)}")]
    return parse_yaml(raw, name)


def parse_yaml(raw: bytes, name: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML bytes; every way they can be wrong becomes a problem, never an exception."""
    text, problems = _decode(raw, name)
    if text is None:
        return None, problems
    problems = _scan_characters(text, name) or _scan_size(text, name) or _scan_events(text, name)
    if problems:
        return None, problems
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        return None, [_syntax_problem(e, text, name)]
    except RecursionError:  # only PyYAML's pure-Python composer recurses; libyaml stops at 1000
        return None, [Problem(name, 1, 1, "too-deep", f"嵌套超过 {MAX_DEPTH} 层", "进度报告只需三层：values → 目标编号 → value")]
    except yaml.YAMLError as e:
        return None, [_reader_problem(e, name)]
    finally:
        loader.dispose()
    if root is None:
        return None, [Problem(name, 1, 1, "empty-file", "文件是空的", "请按模板填写内容")]
    if not isinstance(root, MappingNode):
        mark = root.start_mark
        return None, [
            Problem(
                name, mark.line + 1, mark.column + 1, "not-mapping",
                "文件顶层应是“键: 值”的映射", "每行写成 `键: 值`，冒号用英文半角“:”并在其后加空格",
            )
        ]
    walker = _Walker(name)
    data = walker.mapping(root)
    if walker.problems:
        return None, walker.all_problems()
    return Document(name, data, root), []


# --- decoding -----------------------------------------------------------------------------


def _place(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


def _printable_ascii(byte: int) -> bool:
    return 0x20 <= byte < 0x7F or byte in (0x09, 0x0A, 0x0D)


def _utf16_without_bom(raw: bytes) -> bool:
    """UTF-16 text starting with ASCII (`unit: …`) has a NUL beside each of its first characters."""
    head = raw[:4]
    return len(head) == 4 and any(
        all(head[i] == 0 if i % 2 == nul_at else _printable_ascii(head[i]) for i in range(4)) for nul_at in (0, 1)
    )


def _decode(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    def bad(code: str, message: str, hint: str, offset: int = 0) -> tuple[None, list[Problem]]:
        line, column = _place(raw, offset)
        return None, [Problem(name, line, column, code, message, hint)]

    if len(raw) > MAX_FILE_BYTES:
        return bad(
            "file-too-large", f"文件超过 {MAX_FILE_BYTES // (1024 * 1024)} MiB，不像是进度报告或计划",
            "请检查是否选错了文件；一份报告只需几 KB",
        )
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(raw):
        return bad(
            "encoding-utf16", "文件是 UTF-16 编码，本工具只读 UTF-8",
            "用记事本“另存为”，编码选“UTF-8”；或 iconv -f UTF-16 -t UTF-8",
        )
    nul = raw.find(b"\0")
    if nul >= 0:
        return bad("not-text", "文件含有 NUL 字节，不是文本文件", "请确认选的是 YAML 文本文件", nul)
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as e:
        offset = e.start
    try:
        legacy = raw.decode("gb18030")
    except UnicodeDecodeError:
        legacy = ""
    if re.search(r"[\u4e00-\u9fff]", legacy):
        return bad(
            "encoding-gbk", "文件不是 UTF-8 编码，看起来是 GBK/GB18030（Windows 中文“ANSI”）",
            "用记事本打开，“另存为”时编码选“UTF-8”，覆盖原文件",
            offset,
        )
    return bad("encoding", "文件不是有效的 UTF-8 文本", "请以 UTF-8 编码保存", offset)


# --- characters: what YAML cannot read, or readers cannot see ------------------------------

#: Characters YAML refuses (C0/C1 controls, surrogates), and those it accepts but people cannot
#: see: line and paragraph separators (libyaml counts them as line breaks, editors do not, so
#: every later line number would be off), zero-width characters and direction marks (a unit
#: name with one inside looks right and matches nothing), and the bidirectional embeddings,
#: overrides and isolates U+202A–202E and U+2066–2069, which reorder the words of a note
#: wherever it is shown.
_UNREADABLE = re.compile(
    "[^\x09\x0A\x0D\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]"
    "|[\u2028\u2029\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]"
)
_CARRIAGE_RETURN = re.compile("\r")
#: Characters that look like a space but are not one to YAML: it wants U+0020 for indentation
#: and after a colon. WeChat and web pages paste U+00A0, Chinese input methods type U+3000.
LOOKALIKE_SPACES = "\u00a0\u3000\u1680\u2000-\u200a\u202f\u205f"
_SPACE_NAMES = {
    "\u3000": "全角空格", "\u00a0": "不换行空格 U+00A0（常见于从微信、网页复制的内容）", "\t": "Tab",
}


def space_name(char: str) -> str:
    """What a user should be told a space-like character is."""
    return _SPACE_NAMES.get(char) or f"特殊空格 U+{ord(char):04X}"
_CHAR_NAMES = {
    "\u2028": "行分隔符", "\u2029": "段落分隔符", "\u200b": "零宽空格", "\u200c": "零宽非连接符",
    "\u200d": "零宽连接符", "\ufeff": "零宽不换行空格（BOM）", "\u00ad": "软连字符", "\x85": "下一行符",
    **{ch: "文字方向控制符" for ch in "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"},
}


def _scan_characters(text: str, name: str) -> list[Problem]:
    match = _UNREADABLE.search(text)
    if match is None:
        return []
    char, offset = match.group(), match.start()
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    what = _CHAR_NAMES.get(char, "控制字符")
    return [Problem(name, line, column, "control-character", f"文件含有看不见的{what} U+{ord(char):04X}",
                    "请删去该字符（常见于从网页、Word 或表格复制的内容）")]


# --- size: what would take too long to compose ----------------------------------------------

#: Every node of a YAML document but the first starts at one of these marks (a key's colon, a
#: list's dash, a bracket, a comma in brackets), so their count bounds the number of nodes. A
#: report needs one or a few per target; the 2025 plan has about a thousand.
_STRUCTURE_MARKS = ":-[{,?"
#: Far more marks than any plan or report needs (a generated plan of 1250 targets has 15k):
#: composing this many takes under a second, and a hostile file at the size limit holds millions.
MAX_STRUCTURE = 50_000
#: Problems listed for one file; beyond this the file is wrong anyway, and listing (and, for
#: the did-you-mean hints, computing) each of thousands of them would take minutes.
MAX_PROBLEMS_PER_FILE = 200


def _scan_size(text: str, name: str) -> list[Problem]:
    """Refuse a file with far more structure than a plan or report has, before composing it."""
    if len(text) < MAX_STRUCTURE:
        return []
    marks = sum(text.count(mark) for mark in _STRUCTURE_MARKS)
    if marks <= MAX_STRUCTURE:
        return []
    return [Problem(name, 1, 1, "too-many-entries", f"文件含有 {marks} 个冒号、短横、括号或逗号，条目远多于一份报告或计划所需",
                    "请检查是否选错了文件；一份报告通常只有几十行")]


def too_many_problems(name: str, line: int, column: int, left: int, *, unchecked: bool = False) -> Problem:
    """The problem that stands for those of a file not listed (or, `unchecked`, for the values
    not checked once that many were found), at the first of them."""
    rest = f"其后 {left} 个值未逐一检查" if unchecked else f"后面还有 {left} 处未列出"
    return Problem(name, line, column, "too-many-problems", f"问题太多，只列出前 {MAX_PROBLEMS_PER_FILE} 处；{rest}",
                   "请先改正上面列出的问题，再检查一次")


# --- events: what must never reach the composer --------------------------------------------


def _scan_events(text: str, name: str) -> list[Problem]:
    """Refuse anchors, aliases and tags before composing.

    Aliases would let a tiny file expand into a huge one ("billion laughs"), and tags ask for
    objects or conversions no report needs. They need `&`, `*` or `!`; files without those
    characters skip this pass entirely.
    """
    if "&" not in text and "*" not in text and "!" not in text:
        return []
    problems: list[Problem] = []
    loader = _Loader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            mark = event.start_mark
            where = (name, mark.line + 1, mark.column + 1)
            if isinstance(event, yaml.AliasEvent):
                problems.append(Problem(*where, "yaml-alias", f"不允许使用别名 *{event.anchor}", f"请把内容直接写出来；若这是以 * 开头的文本，请给整个值加引号：'*{event.anchor}'"))
                break  # one is enough; a hostile file may have millions
            if getattr(event, "anchor", None):
                problems.append(Problem(*where, "yaml-anchor", f"不允许使用锚点 &{event.anchor}", "请删去 &… 并把内容直接写出来"))
            if getattr(event, "tag", None) and event.tag != "!":
                problems.append(Problem(*where, "yaml-tag", f"不允许使用 YAML 标签 {event.tag}", "请删去以 ! 开头的标签；文本可加引号"))
            if len(problems) >= 20:
                break
    except yaml.MarkedYAMLError as e:
        return [_syntax_problem(e, text, name)]
    except yaml.YAMLError as e:
        return [_reader_problem(e, name)]
    finally:
        loader.dispose()
    return problems


# --- syntax errors -------------------------------------------------------------------------

_SYNTAX_MESSAGES = [
    ("another document", "yaml-multiple-documents", "一个文件只能有一个 YAML 文档",
     "删去 `---` 之后的第二部分，或把它存为另一份报告"),
    ("\t", "yaml-tab", "不能用 Tab 缩进",
     "YAML 只认空格缩进：把 Tab 换成空格（编辑器里可设“用空格代替 Tab”）"),
    ("mapping values are not allowed", "yaml-syntax", "此处不能出现“: ”",
     "若值里本身含有冒号，请给整个值加引号；若缩进有误，请对齐同级的键"),
    ("could not find expected ':'", "yaml-syntax", "缺少键后面的冒号“:”",
     "每行写成 `键: 值`，冒号用英文半角“:”并在其后加空格"),
    ("found duplicate anchor", "yaml-anchor", "不允许使用锚点", "请删去 &…"),
    ("end of stream", "yaml-syntax", "文件在引号或括号闭合之前就结束了", "检查是否漏了右引号、] 或 }"),
    ("expected ',' or '}'", "yaml-syntax", "花括号 {…} 没有正确闭合", "检查是否漏了 }；{…} 里的文本含逗号时请加引号"),
    ("expected ',' or ']'", "yaml-syntax", "方括号 […] 没有正确闭合", "检查是否漏了 ]；[…] 里的文本含逗号时请加引号"),
    ("did not find expected key", "yaml-syntax", "缩进没有对齐",
     "同一层的键要左对齐；values 下的每一行缩进相同（如两个空格）"),
    ("did not find expected", "yaml-syntax", "缩进或括号不对", "同一层的键要左对齐；检查括号和引号是否成对"),
    ("cannot start any token", "yaml-syntax", "这里的字符不能出现在值的开头（如 @ ` % |）",
     "给整个值加引号，如 '@820'；数值只写数字"),
]

#: What YAML makes of a plain value that starts with these characters.
_INDICATORS = {"[": "列表", "{": "映射", "*": "别名", "&": "锚点", "!": "标签", "|": "多行文本块", ">": "折叠文本块", "@": "保留字符", "`": "保留字符", "%": "指令"}
#: A key, then a value starting with an indicator that is followed by more text on the line: in a
#: block (`note: [补报] 说明`) or inside {…} (`{value: 820, note: *重要*}`).
_TEXT_AFTER_KEY = r"((?:^\s*(?:- )?|[{,]\s*)[A-Za-z_][A-Za-z0-9_]*: +)[\[{*&!|>@`%][^,}\n]*[^\s,}]"

#: Lines a person meant as `key: value`, seen through the mistakes the parser trips over later:
#: (pattern, message, hint, repair). The match's group 1 ends where the mistake is; the message
#: may be made from the match; `repair` rewrites the line as it was meant (or gives the ways it
#: may have been meant), to confirm the diagnosis before it is given. The patterns are compiled
#: on first use: most runs meet no syntax error.
_LINE_MISTAKES = [
    (f"^([ ]*)[{LOOKALIKE_SPACES}\t]", lambda m: f"行首缩进里有{space_name(m.string[m.end(1)])}",
     "缩进只能用半角空格：删去它，再用半角空格与同级的键对齐",
     lambda line: _respace(line, leading=True)),
    (f"^(\\s*(?:- )?[^\\s:#{{}}\\[\\]'\"]+:)[{LOOKALIKE_SPACES}]",
     lambda m: f"冒号“:”后面是{space_name(m.string[m.end(1)])}，不是半角空格",
     "冒号后只能用半角空格：删去它，重新输入一个空格", lambda line: _respace(line, leading=False)),
    (r"^(\s*(?:- )?[^\s:#{}\[\]'\"]+)：", "这里用了中文全角冒号“：”", "YAML 要求英文半角冒号“:”，并在其后加一个空格",
     lambda line: line.replace("：", ": ", 1)),
    (r"^(\s*(?:- )?[^\s:#{}\[\]'\"]+)\t+[^\s:]", "键和值之间是 Tab，缺少冒号“:”（从 Excel 复制的一行？）",
     "写成 `键: 值`，如 `1a: 820`：冒号用英文半角“:”，其后加一个空格",
     lambda line: re.sub(r"^(\s*(?:- )?[^\s:#{}\[\]'\"]+)\t+", r"\1: ", line, count=1)),
    (r"^(\s*(?:- )?[A-Za-z0-9_]+):[^\s/]", "冒号“:”后面缺少空格", "写成 `键: 值`，冒号后加一个空格，如 `1a: 820`",
     lambda line: re.sub(r"^(\s*(?:- )?[A-Za-z0-9_]+):", r"\1: ", line, count=1)),
    (r"(\{[^{}]*?)，\s*[A-Za-z_][A-Za-z0-9_]*\s*:", "花括号 {…} 里用了中文全角逗号“，”", "{…} 里各项之间用英文半角逗号“,”分隔",
     lambda line: re.sub(r"，(\s*[A-Za-z_][A-Za-z0-9_]*\s*:)", r", \1", line)),
    (_TEXT_AFTER_KEY, lambda m: f"值以“{m.string[m.end(1)]}”开头，YAML 把它当作{_INDICATORS[m.string[m.end(1)]]}",
     lambda m: f"若这是文本，请给整个值加引号：{_quote_text(m.group().strip(' {,'))}", lambda line: _quote_text(line)),
    (r"^(\s*[A-Za-z0-9_]+) +[^:\s][^:]*$", "这一行缺少冒号“:”", "写成 `键: 值`，如 `date: 2025-09-30`",
     lambda line: re.sub(r"^(\s*[A-Za-z0-9_]+) +", r"\1: ", line, count=1)),
]


def _respace(line: str, *, leading: bool) -> list[str]:
    """`line` with its look-alike spaces made plain: in the indentation (each one space wide, or
    two, as a full-width space looks), or the first one after a colon."""
    if not leading:
        return [re.sub(f":[{LOOKALIKE_SPACES}]", ": ", line, count=1)]
    indent = re.match(f"[ {LOOKALIKE_SPACES}\t]*", line).group()  # type: ignore[union-attr]
    return [re.sub(f"[{LOOKALIKE_SPACES}\t]", width, indent) + line[len(indent):] for width in (" ", "  ")]


def _quote_text(line: str) -> str:
    """`line` with the value that `_TEXT_AFTER_KEY` finds put in single quotes."""
    def quote(m: re.Match[str]) -> str:
        value = m.group()[len(m.group(1)):]
        return m.group(1) + "'" + value.replace("'", "''") + "'"
    return re.sub(_TEXT_AFTER_KEY, quote, line, count=1)


def _fails_at(text: str) -> int | None:
    """The 0-based line where parsing `text` fails (past its end when it ends too soon), or None."""
    loader = _Loader(text)
    try:
        loader.get_single_node()
        return None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        return mark.line if mark is not None else -1
    except yaml.YAMLError:
        return -1
    finally:
        loader.dispose()


#: How far above an error a diagnosis looks for the start of the block it is in, and the size of
#: text parsed whole again without looking: beyond these a late error in a huge file would be
#: parsed once per guess, and gets the parser's own words instead.
_CONTEXT_LINES = 500
_SMALL_TEXT = 1024 * 1024


def _context_start(lines: list[str], text_size: int, first: int) -> int | None:
    """The line from which the text up to an error can be parsed again on its own to test a guess
    about line `first` or below: the start for a small text, else the nearest top-level line."""
    if text_size <= _SMALL_TEXT:
        return 0
    for i in range(first, max(first - _CONTEXT_LINES, -1), -1):
        if lines[i][:1] not in ("", " ", "\t", "#", "-", "]", "}", "'", '"'):
            return i
    return None


def _line_mistake(lines: list[str], text_size: int, error_line: int, failed_at: int) -> tuple[int, int, str, str] | None:
    """The line (up to two above the error) that a known typing mistake explains, confirmed by
    repairing it and parsing again: (line, column, message, hint), 0-based. `error_line` is
    where the error is shown, `failed_at` where the parser stopped.

    In a large file only the block around the error is parsed again, from the nearest top-level
    line, once it is seen to fail where the whole file does: a late error costs small parses,
    not full ones.
    """
    last = min(error_line, len(lines) - 1)
    first = max(error_line - 2, 0)
    start = _context_start(lines, text_size, first)
    if start is None:
        return None
    window = lines[start : error_line + 2] if start > 0 else lines

    def parses_past(candidate: list[str]) -> bool:
        failed = _fails_at("\n".join(candidate) + "\n")
        return failed is None or failed > error_line - start

    if start > 0 and _fails_at("\n".join(window) + "\n") != failed_at - start:
        return None  # the block alone does not fail as the file does: a guess cannot be tested
    for back in range(last, first - 1, -1):
        content = _COMMENT.split(lines[back], maxsplit=1)[0]
        for pattern, message, hint, repair in _LINE_MISTAKES:
            match = re.search(pattern, content)
            if match is None:
                continue
            repairs = repair(lines[back])
            at = back - start
            for fixed in [repairs] if isinstance(repairs, str) else repairs:
                if parses_past([*window[:at], fixed, *window[at + 1 :]]):
                    return back, match.end(1), *(text(match) if callable(text) else text for text in (message, hint))
    return None


_COMMENT = re.compile(r"(?:^|\s)#")


def _syntax_problem(e: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    mark = e.problem_mark or e.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    failed_at = line
    detail = e.problem or str(e)
    code, message, hint = "yaml-syntax", f"YAML 语法错误：{detail}", "请检查缩进与冒号；含特殊字符的文本请加引号"
    lines = text.splitlines()
    at = lines[line][column : column + 1] if 0 <= line < len(lines) else ""
    # libyaml and PyYAML word their errors differently; match what both say, and the character.
    clues = f"{e.context or ''} {detail} {at}"
    for needle, c, m, h in _SYNTAX_MESSAGES:
        if needle in clues:
            code, message, hint = c, m, h
            break
    if at and re.match(f"[{LOOKALIKE_SPACES}]", at):
        message, hint = f"这里有{space_name(at)}", "缩进和分隔只能用半角空格"
    if line >= len(lines) and e.context_mark is not None:
        # The file ended inside something left open: point at where it opens.
        line, column = e.context_mark.line, e.context_mark.column
    if code not in ("yaml-tab", "yaml-multiple-documents"):
        # A full-width colon, or no space after a colon, makes a key line plain text, and a
        # full-width comma runs two entries of {…} together; the parser notices a line or two
        # later. Look back for the line the person got wrong.
        found = _line_mistake(lines, len(text), line, failed_at)
        if found is not None:
            line, column, message, hint = found
    return Problem(name, line + 1, column + 1, code, message, hint)


def _reader_problem(e: yaml.YAMLError, name: str) -> Problem:
    # Characters are checked before parsing; this is the parser's own word for anything left.
    return Problem(name, 1, 1, "yaml-syntax", f"YAML 读取错误：{e}", "请以 UTF-8 纯文本保存")


# --- walking nodes into plain values -------------------------------------------------------


#: Reports nest three levels, the plan six; far deeper nesting is a mistake or an attack.
MAX_DEPTH = 32


class _Walker:
    """Turns composed nodes into dicts, lists and exact scalars, collecting problems."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.unlisted = 0
        self.first_unlisted = (1, 1)
        self.depth = 0

    def _problem(self, node: Node, code: str, message: str, hint: str = "") -> None:
        mark = node.start_mark
        if len(self.problems) < MAX_PROBLEMS_PER_FILE:
            self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, code, message, hint))
            return
        if not self.unlisted:
            self.first_unlisted = (mark.line + 1, mark.column + 1)
        self.unlisted += 1

    def all_problems(self) -> list[Problem]:
        if not self.unlisted:
            return self.problems
        return [*self.problems, too_many_problems(self.name, *self.first_unlisted, self.unlisted)]

    def _escapes(self, node: ScalarNode) -> None:
        if node.style == '"':
            # Escapes in double quotes (\e, \x1b) make characters the file itself does not
            # hold; a key or a note must not carry terminal control codes into a message or a
            # leader's table.
            hidden = _UNREADABLE.search(node.value) or _CARRIAGE_RETURN.search(node.value)
            if hidden:
                self._problem(node, "control-character", f"引号里的转义写出了看不见的字符 U+{ord(hidden.group()):04X}", "删去该转义（如 \\e、\\x1b）")

    def value(self, node: Node) -> Any:
        if isinstance(node, ScalarNode):
            self._escapes(node)
            return scalar(node)
        if self.depth >= MAX_DEPTH:
            if not self.problems:
                self._problem(node, "too-deep", f"嵌套超过 {MAX_DEPTH} 层", "进度报告只需三层：values → 目标编号 → value")
            return None
        if isinstance(node, MappingNode):
            return self.mapping(node)
        self.depth += 1
        try:
            return [self.value(item) for item in node.value]
        finally:
            self.depth -= 1

    def mapping(self, node: MappingNode) -> dict[str, Any]:
        self.depth += 1
        try:
            return self._mapping(node)
        finally:
            self.depth -= 1

    def _mapping(self, node: MappingNode) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, "yaml-complex-key", "键必须是简单的文本", "请检查是否多写了 `?`、`[` 或 `{`")
                continue
            self._escapes(key_node)
            key = key_node.value
            if key in result:
                self._problem(key_node, "duplicate-key", f"键 `{key}` 重复出现", "同一层里每个键只能写一次，请删去或合并重复的一行")
                continue
            result[key] = self.value(value_node)
        return result


def scalar(node: ScalarNode) -> Any:
    """The exact value of a scalar: quoted and block scalars are text; a plain scalar is text,
    a decimal number, true/false, a valid ISO date, empty (None), or a `Suspect`."""
    text = node.value
    if node.style or node.tag != _PLAIN_TAG:
        return text
    # Fast paths first: most values are plain decimal numbers, and YAML 1.1 only types a
    # plain scalar whose first character has an implicit resolver.
    if _DECIMAL_INT.fullmatch(text):
        # No figure needs 20 digits; `+5` is a change, not a level (see values.parse_number).
        return int(text) if len(text) <= 20 and text[0] != "+" else Suspect(text, _INT)
    if _DECIMAL_FLOAT.fullmatch(text):
        return float(text) if text[0] != "+" else Suspect(text, _FLOAT)
    if text and text[0] not in _RESOLVER.yaml_implicit_resolvers:
        return text
    tag = _RESOLVER.resolve(ScalarNode, text, (True, False))
    if tag == _STR:
        return text
    if tag == _NULL:
        return None
    if tag == _BOOL:
        word = _BOOL_WORDS.get(text.lower())
        return word if word is not None else Suspect(text, tag)
    if tag == _TIMESTAMP and _ISO_DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    return Suspect(text, tag)
