"""The YAML loader reads exactly what was typed, refuses what it cannot read safely, and places
every problem at its line and column."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from minsheng_cli.reading import yamlsource
from minsheng_cli.reading.yamlsource import Suspect, parse_yaml


def data(text: str):
    doc, problems = parse_yaml(text.encode("utf-8"), "t.yaml")
    assert doc is not None, problems
    return doc.data


def problem(raw: bytes | str):
    doc, problems = parse_yaml(raw.encode("utf-8") if isinstance(raw, str) else raw, "t.yaml")
    assert doc is None and problems
    return problems[0]


def test_plain_values_are_read_exactly() -> None:
    d = data("a: 1500\nb: 38.5\nc: true\nd: 2025-06-30\ne:\nf: 市卫生健康局\ng: '010'\n1.10: x\n")
    assert d == {"a": 1500, "b": 38.5, "c": True, "d": dt.date(2025, 6, 30), "e": None, "f": "市卫生健康局", "g": "010", "1.10": "x"}


@pytest.mark.parametrize("text", ["yes", "No", "on", "OFF", "010", "0x1F", "12:30", "1_500", ".inf", ".NaN", "2025-06-31", "2025-06-30 12:00:00", "+15", "+1.5", ".5"])
def test_scalars_yaml_would_change_are_suspects(text: str) -> None:
    value = data(f"a: {text}\n")["a"]
    assert isinstance(value, Suspect) and value.text == text


def test_keys_stay_text() -> None:
    assert list(data("1.10: a\n1.1: b\nyes: c\n010: d\n")) == ["1.10", "1.1", "yes", "010"]


def test_quoted_text_is_text() -> None:
    assert data("a: 'yes'\nb: \"12:30\"\nc: |\n  多行\n") == {"a": "yes", "b": "12:30", "c": "多行\n"}


@pytest.mark.parametrize(
    ("text", "line", "column", "code"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate-key"),
        ("a:\n  b: 1\n  c:\n    d: 1\n    d: 2\n", 5, 5, "duplicate-key"),
        ("a: [1, 2\nb: 3\n", 2, 2, "yaml-syntax"),
        ("a:\n\tb: 1\n", 2, 1, "yaml-tab"),
        ("a: 1\n---\nb: 2\n", 2, 1, "yaml-multiple-documents"),
        ("a: &x 1\nb: *x\n", 1, 4, "yaml-anchor"),
        ("a: !!python/object:os.system ls\n", 1, 4, "yaml-tag"),
        ("a: !custom 1\n", 1, 4, "yaml-tag"),
        ("", 1, 1, "empty-file"),
        ("# 只有注释\n", 1, 1, "empty-file"),
        ("- a\n- b\n", 1, 1, "not-mapping"),
        ("就一句话\n", 1, 1, "not-mapping"),
        ("a: 1\nb: \x07\n", 2, 4, "control-character"),
        ("a: 市民政局\x1b\n", 1, 8, "control-character"),
        ("a: '一\u2028二'\nb: 1\n", 1, 6, "control-character"),
        ("unit: 市卫生\u200b健康局\n", 1, 10, "control-character"),
        ("a: {b: 1\n", 1, 4, "yaml-syntax"),
        ("a: 'open\n", 1, 4, "yaml-syntax"),
        ("a: " + "[" * 40 + "]" * 40 + "\n", 1, 35, "too-deep"),
        ("{a: 1}: 2\n", 1, 1, "yaml-complex-key"),
    ],
)
def test_problem_place(text: str, line: int, column: int, code: str) -> None:
    p = problem(text)
    assert (p.line, p.column, p.code) == (line, column, code)
    assert p.message and p.hint


@pytest.mark.parametrize(
    ("text", "line"),
    [("unit： 市卫生健康局\ndate: 2025-06-30\n", 1), ("date: 2025-06-30\nunit： 市卫生健康局\nvalues:\n  1a: 5\n", 2)],
)
def test_full_width_colon_is_named_at_its_line(text: str, line: int) -> None:
    p = problem(text)
    assert "全角冒号" in p.message and p.line == line


TYPING_MISTAKES = pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("unit:市卫生健康局\ndate: 2025-06-30\nvalues:\n  1a: 5\n", 1, 5, "缺少空格"),
        ("unit: 市卫生健康局\ndate:2025-09-30\nvalues:\n  1a: 5\n", 2, 5, "缺少空格"),
        ("unit: 市卫生健康局\ndate: 2025-09-30\nvalues:\n  1a:820\n  1b: 38.5\n", 4, 5, "缺少空格"),
        ("unit: 市卫生健康局\ndate: 2025-09-30\nvalues:\n  1a: {value: 820，note: 说明}\n", 4, 18, "全角逗号"),
        ("# 说明：本月数据\nunit: 市卫生健康局\ndate 2025-09-30\nvalues:\n  1a: 820\n", 3, 5, "缺少冒号"),
        ("unit: 市卫生健康局\ndate: 2025-09-30\nvalues:\n  1a: @820\n", 4, 7, "不能出现在值的开头"),
        # Look-alike spaces, on a middle line: the line typed wrong, and the character by name.
        ("unit: 市卫生健康局\ndate: 2025-09-30\nvalues:\n  1a: 5\n\u3000\u30001b: 6\n  1c: true\n", 5, 1, "全角空格"),
        ("unit: 市卫生健康局\ndate: 2025-09-30\nvalues:\n  1a: 5\n \u30001b: 6\n  1c: true\n", 5, 2, "全角空格"),
        ("unit: 市卫生健康局\ndate: 2025-09-30\nvalues:\n  1a:\u00a05\n  1b: 6\n", 4, 6, "U+00A0"),
        ("unit: 市卫生健康局\ndate: 2025-09-30\nvalues:\n  1a:\u20035\n  1b: 6\n", 4, 6, "U+2003"),
        ("unit: 市卫生健康局\ndate: 2025-09-30\nvalues:\n  1a\t5\n  1b: 6\n", 4, 5, "Tab"),
        # Text that starts with a YAML indicator.
        ("unit: 市卫生健康局\ndate: 2025-09-30\nnote: [补报] 说明\nvalues:\n  1a: 5\n", 3, 7, "当作列表"),
        ("unit: 市卫生健康局\ndate: 2025-09-30\nvalues:\n  1a: {value: 5, note: *重要*}\n", 4, 24, "当作别名"),
    ],
)


@TYPING_MISTAKES
def test_typing_mistakes_are_named_at_their_line(text: str, line: int, column: int, words: str) -> None:
    p = problem(text)
    assert (p.line, p.column) == (line, column) and words in p.message


@TYPING_MISTAKES
def test_in_a_large_file_the_block_around_the_mistake_gives_the_same_diagnosis(
    monkeypatch: pytest.MonkeyPatch, text: str, line: int, column: int, words: str
) -> None:
    # As if the file were large: guesses are tested on the block from the nearest top-level line.
    monkeypatch.setattr(yamlsource, "_SMALL_TEXT", 0)
    p = problem(text)
    assert (p.line, p.column) == (line, column) and words in p.message


def _parsed_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    sizes: list[int] = []
    real = yamlsource._fails_at
    monkeypatch.setattr(yamlsource, "_fails_at", lambda text: sizes.append(len(text)) or real(text))
    return sizes


@pytest.mark.parametrize("padding", ["  # 说明行，很长很长很长很长很长很长\n", "note: |\n" + "  说明文字很长很长很长很长很长很长\n"])
def test_a_late_mistake_in_a_large_file_is_not_parsed_again_whole(monkeypatch: pytest.MonkeyPatch, padding: str) -> None:
    sizes = _parsed_sizes(monkeypatch)
    head, line = "unit: 市卫生健康局\ndate: 2025-09-30\n", padding.splitlines(keepends=True)[-1]
    body = head + padding + line * (3 * 1024 * 1024 // len(line.encode()))
    text = body + "values:\n  1a: 820\n  1b：5\n"
    p = problem(text)
    assert p.line == text.count("\n") and "全角冒号" in p.message
    assert sizes and max(sizes) < 1000  # only the block of `values:` was parsed again


def test_a_late_error_that_no_guess_explains_costs_no_full_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes = _parsed_sizes(monkeypatch)
    pad = "  # 说明行，很长很长很长很长很长很长\n"
    text = "values:\n  1a: 820\n" + pad * (3 * 1024 * 1024 // len(pad.encode())) + "  1b\t5：x\n  1c\u00a0：[y] z\n  ]]]\n"
    p = problem(text)
    assert p.code == "yaml-syntax" and p.line == text.count("\n") - 1
    assert sizes == []  # no top-level line near the error: the parser's own words, no guessing


def test_a_file_with_far_more_entries_than_a_report_is_refused_before_composing(monkeypatch: pytest.MonkeyPatch) -> None:
    def compose(self):
        raise AssertionError("composed")

    monkeypatch.setattr(yamlsource._Loader, "get_single_node", compose)
    p = problem("unit: x\nvalues:\n" + "".join(f"  x{i}: 1\n" for i in range(yamlsource.MAX_STRUCTURE)))
    assert (p.code, p.line) == ("too-many-entries", 1)


def test_problems_beyond_the_cap_are_counted_not_listed() -> None:
    text = "values:\n" + "  1a: 1\n" * (yamlsource.MAX_PROBLEMS_PER_FILE + 51)
    doc, problems = parse_yaml(text.encode(), "t.yaml")
    assert doc is None and len(problems) == yamlsource.MAX_PROBLEMS_PER_FILE + 1
    assert problems[-1].code == "too-many-problems" and "还有 50 处" in problems[-1].message
    assert problems[-1].line == yamlsource.MAX_PROBLEMS_PER_FILE + 3  # the first not listed


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # A full-width comma inside a note is text, not a mistake: the indentation is.
        ("unit: 市卫生健康局\ndate: 2025-09-30\nvalues:\n  1a: {value: 820, note: 已完成，待验收}\n   1b: 38.5\n", 5),
        # `12:30` in a block of text is text.
        ("unit: 市卫生健康局\ndate: 2025-09-30\nnote: |\n  12:30 开会\nvalues:\n  1a: 820\n   1b: 5\n", 7),
    ],
)
def test_valid_lines_are_not_blamed_for_a_later_mistake(text: str, line: int) -> None:
    assert problem(text).line == line


def test_no_break_space_is_not_called_full_width() -> None:
    p = problem("unit: 市卫生健康局\ndate: 2025-09-30\nvalues:\n  1a:\u00a05\n  1b: 6\n")
    assert "全角" not in p.message and "不换行空格" in p.message


def test_escapes_cannot_smuggle_control_characters_into_keys() -> None:
    p = problem('unit: x\nvalues:\n  "1a\\e[31m": 5\n')
    assert (p.code, p.line) == ("control-character", 3) and "U+001B" in p.message


def test_escapes_cannot_smuggle_control_characters_into_text() -> None:
    p = problem('note: "ok\\e[2K\\rFAKE"\nunit: x\n')
    assert (p.code, p.line) == ("control-character", 1) and "U+001B" in p.message


def test_bytes_that_merely_start_with_nul_are_not_called_utf16() -> None:
    assert problem(b"\x00\x01\x02\x03 binary").code == "not-text"


def test_control_character_is_named_by_code_point() -> None:
    assert "U+001B" in problem("a: 市民政局\x1b\n").message


def test_huge_integer_is_not_converted() -> None:
    value = data("a: " + "9" * 5000 + "\n")["a"]
    assert isinstance(value, Suspect)


def test_crlf_line_endings_are_fine() -> None:
    doc, problems = parse_yaml("a: 1\r\nb: 2\r\nb: 3\r\n".encode(), "t.yaml")
    assert [(p.line, p.code) for p in problems] == [(3, "duplicate-key")]


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    p = problem("\n".join(lines) + "\n")
    assert p.code in ("yaml-anchor", "yaml-alias")


def test_utf8_bom_is_accepted() -> None:
    doc, problems = parse_yaml(codecs.BOM_UTF8 + "a: 市民政局\n".encode(), "t.yaml")
    assert problems == [] and doc.data == {"a": "市民政局"}


def test_gbk_file_says_how_to_convert() -> None:
    p = problem("unit: 市民政局\n".encode("gb18030"))
    assert p.code == "encoding-gbk" and "UTF-8" in p.hint
    assert (p.line, p.column) == (1, 7)


def test_gbk_error_points_at_the_first_bad_line() -> None:
    p = problem("date: 2025-06-30\nunit: 市民政局\n".encode("gb18030"))
    assert (p.code, p.line) == ("encoding-gbk", 2)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused(encoding: str) -> None:
    assert problem("a: 市民政局\n".encode(encoding)).code == "encoding-utf16"


def test_binary_is_refused() -> None:
    assert problem(bytes(range(256))).code in ("not-text", "encoding-utf16")


def test_oversized_file_is_refused() -> None:
    assert problem(b"a: 1\n" * (2 * 1024 * 1024)).code == "file-too-large"


def test_node_lookup_points_at_values_and_keys() -> None:
    doc, _ = parse_yaml("unit: x\nvalues:\n  1a: 5\n  1b: {value: 6}\n".encode(), "t.yaml")
    assert doc.node_at(("values", "1b", "value")).start_mark.line == 3
    assert doc.node_at(("values", "1a"), key=True).start_mark.column == 2
    assert doc.node_at(("values", "1a"), key=False).start_mark.column == 6
    assert doc.node_at(("values", "nope")).start_mark.line == 2  # the nearest existing node
