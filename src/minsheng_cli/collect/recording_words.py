"""`minsheng record` for the words and the evidence: an item's 进展情况, 存在问题, 下步计划 or
需协调事项 set in a report's `narrative:`, and evidence files added to its `evidence:`, line by
line as `recording` does for values, so the file's comments and layout stay as they were.

Only block mappings with one text per line (what minsheng writes, the form) are edited; any
other shape is refused (`CannotEdit`) rather than rewritten.
"""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from minsheng_cli.reading.yamlsource import parse_yaml
from minsheng_cli.reading.yamlwrite import scalar


class CannotEdit(Exception):
    """The report is not in a shape that can be edited line by line without risk."""


def _last_line(node: Node) -> int:
    """The last line a node's text is on (a block ends at the start of the next line)."""
    mark = node.end_mark
    return mark.line if mark.column > 0 or mark.line == node.start_mark.line else mark.line - 1


def _root(text: str) -> MappingNode:
    doc, problems = parse_yaml(text.encode("utf-8"), "")
    if doc is None or not isinstance(doc.root, MappingNode):
        line = problems[0].line if problems else 1
        raise CannotEdit(f"现有报告无法读取（第 {line} 行），请先修正")
    return doc.root


def _pairs(node: MappingNode) -> dict[str, tuple[Node, Node]]:
    return {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}


def _insert(lines: list[str], after: int, new: list[str], newline: str) -> None:
    if 0 <= after < len(lines) and not lines[after].endswith(("\n", "\r")):
        lines[after] += newline
    lines[after + 1:after + 1] = [line + newline for line in new]


def _end(lines: list[str], newline: str) -> int:
    """The index after which to append at the end of the file (a final line gets its newline)."""
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    return len(lines) - 1


def edit_words(text: str, words: dict[int, dict[str, str]]) -> str:
    """`text` with each item's texts (`{7: {"progress": …}}`) set in its `narrative:`."""
    if not words:
        return text
    root = _root(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    top = _pairs(root)
    if "narrative" not in top or (isinstance(top["narrative"][1], ScalarNode) and top["narrative"][1].value == ""):
        block = ["narrative:"] + [line for task, texts in sorted(words.items()) for line in _item_lines(task, texts, "  ")]
        if "narrative" in top:  # `narrative:` with nothing under it: the block replaces that line
            row = top["narrative"][0].start_mark.line
            lines[row:row + 1] = [line + newline for line in block]
        else:
            _insert(lines, _end(lines, newline), block, newline)
        return "".join(lines)
    node = top["narrative"][1]
    if not isinstance(node, MappingNode) or node.flow_style or not node.value:
        raise CannotEdit("现有报告的 narrative 不是逐行的“事项序号: 文字”")
    items = _pairs(node)
    indent = " " * node.value[0][0].start_mark.column
    # From the bottom up, so the line numbers of what is above stay right.
    edits: list[tuple[int, list[str] | None, int | None, str]] = []
    for task, texts in sorted(words.items()):
        pair = items.get(str(task))
        if pair is None:
            edits.append((_last_line(node), _item_lines(task, texts, indent), None, ""))
            continue
        key, value = pair
        if isinstance(value, ScalarNode) and value.value == "" and not value.style:
            edits.append((key.start_mark.line, [f"{indent}{task}:"] + _field_lines(texts, indent + "  "), key.start_mark.line, ""))
            continue
        if not isinstance(value, MappingNode) or value.flow_style:
            raise CannotEdit(f"第 {task} 项的进展情况写成了一行 {{…}}，请手工修改")
        fields = _pairs(value)
        inner = " " * value.value[0][0].start_mark.column if value.value else indent + "  "
        for field, said in texts.items():
            if field in fields:
                fkey, fvalue = fields[field]
                row = fkey.start_mark.line
                if _last_line(fvalue) != row:
                    raise CannotEdit(f"第 {task} 项的 {field} 写成了多行，请手工修改")
                edits.append((row, [f"{inner}{field}: {scalar(said)}"], row, ""))
            else:
                edits.append((_last_line(value), [f"{inner}{field}: {scalar(said)}"], None, ""))
    for after, new, replaced, _ in sorted(edits, key=lambda e: e[0], reverse=True):
        if replaced is not None:
            comment = _comment(lines[replaced])
            lines[replaced:replaced + 1] = [new[0] + comment + newline] + [line + newline for line in new[1:]]
        else:
            _insert(lines, after, new, newline)
    return "".join(lines)


def _comment(line: str) -> str:
    """A trailing `  # …` of a line whose value is plain (kept when the value is replaced)."""
    body = line.rstrip("\r\n")
    at = body.find(" #")
    return body[at:] if at >= 0 and '"' not in body[at:] and "'" not in body[at:] else ""


def _item_lines(task: int, texts: dict[str, str], indent: str) -> list[str]:
    return [f"{indent}{task}:"] + _field_lines(texts, indent + "  ")


def _field_lines(texts: dict[str, str], indent: str) -> list[str]:
    return [f"{indent}{field}: {scalar(said)}" for field, said in texts.items()]


def edit_evidence(text: str, entries: list[tuple[str, str]]) -> str:
    """`text` with (file, sha256) entries added to its report-wide `evidence:` (those already
    there are not repeated)."""
    if not entries:
        return text
    root = _root(text)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    top = _pairs(root)
    new = [f"  - {{file: {scalar(file)}, sha256: {sha}}}" for file, sha in entries]
    if "evidence" not in top:
        _insert(lines, _end(lines, newline), ["evidence:", *new], newline)
        return "".join(lines)
    node = top["evidence"][1]
    if not isinstance(node, SequenceNode) or node.flow_style or not node.value:
        raise CannotEdit("现有报告的 evidence 不是逐行的列表")
    have = {_file_of(item) for item in node.value}
    indent = " " * node.value[0].start_mark.column
    new = [f"{indent}- {{file: {scalar(file)}, sha256: {sha}}}" for file, sha in entries if file not in have]
    _insert(lines, _last_line(node), new, newline)
    return "".join(lines)


def _file_of(item: Node) -> str | None:
    if isinstance(item, MappingNode):
        for k, v in item.value:
            if isinstance(k, ScalarNode) and k.value == "file" and isinstance(v, ScalarNode):
                return v.value
    return None
