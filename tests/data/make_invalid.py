"""(Re)write the test reports that cannot be typed or kept safely in an editor.

These are bytes rather than text: other encodings (GBK, GB18030, UTF-16, Latin-1), binary
data, a zero-byte file, a BOM, CRLF line ends, and text with invisible characters (control
characters, U+2028, zero-width and full-width spaces) that editors and tools tend to "fix".
Also one file generated for its size (deep nesting). The hand-written cases are ordinary files
next to these.

Run from anywhere:  python tests/data/make_invalid.py

Every file whose bytes can carry a readable first line says what it must produce there
(`# expect: <code> line <N>` or `# valid: ...`); the others (UTF-16, binary, empty) are listed
in invalid/EXPECTED. The 8 MiB size limit is tested with a file made at test time instead.
"""

from __future__ import annotations

import codecs
from pathlib import Path

HERE = Path(__file__).parent
INVALID = HERE / "invalid"
VALID = HERE / "valid"

REPORT = "unit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n  1a: 820\n  1b: {value: 38.5, note: 说明, source: 文号}\n"

#: Files in invalid/ that cannot say what they expect on their first line.
EXPECTED = {
    "encoding-utf16-le-bom.yaml": ("encoding-utf16", 1),
    "encoding-utf16-be-bom.yaml": ("encoding-utf16", 1),
    "encoding-utf16-le-no-bom.yaml": ("encoding-utf16", 1),
    "not-text-binary.yaml": ("not-text", 3),
    "empty-zero-bytes.yaml": ("empty-file", 1),
}


def invalid_files() -> dict[str, bytes]:
    files: dict[str, bytes] = {}

    # Saved by Windows Notepad / WPS as "ANSI" on a Chinese system. The comment line is ASCII,
    # so it reads the same in every encoding; the first non-UTF-8 byte is on line 2.
    files["encoding-gbk.yaml"] = ("# expect: encoding-gbk line 2\n" + REPORT).encode("gbk")
    # GB18030 proper: a name with 䶮 (U+4DAE), which GBK cannot encode.
    gb18030 = "# expect: encoding-gbk line 2\nnote: 联系人：刘䶮\n" + REPORT
    files["encoding-gb18030.yaml"] = gb18030.encode("gb18030")
    # Latin-1 (not Chinese): no CJK when read as GB18030, so the plain `encoding` problem.
    files["encoding-latin1.yaml"] = (
        "# expect: encoding line 3\nunit: 市卫生健康局\n".encode()
        + "note: café\n".encode("latin-1")
        + "date: 2025-06-30\nvalues:\n  1a: 820\n".encode()
    )

    utf16 = "# UTF-16\n" + REPORT
    files["encoding-utf16-le-bom.yaml"] = codecs.BOM_UTF16_LE + utf16.encode("utf-16-le")
    files["encoding-utf16-be-bom.yaml"] = codecs.BOM_UTF16_BE + utf16.encode("utf-16-be")
    files["encoding-utf16-le-no-bom.yaml"] = utf16.encode("utf-16-le")

    # The start of a PNG file: NUL bytes on line 3 (the header contains \r\n and \n).
    files["not-text-binary.yaml"] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06"
    files["empty-zero-bytes.yaml"] = b""

    # Control characters, as pasted from a web page or a spreadsheet.
    files["control-character-ascii.yaml"] = (
        "# expect: control-character line 2\nnote: abc\x1bdef\n" + REPORT
    ).encode()
    files["control-character-code-point.yaml"] = (
        "# expect: control-character line 2 mentions U+001B\nnote: abc\x1bdef\n" + REPORT
    ).encode()
    files["control-character-after-chinese.yaml"] = (
        "# expect: control-character line 5\nunit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n"
        "  1a: {value: 820, note: 说明\x07}\n"
    ).encode()

    # U+2028 LINE SEPARATOR inside quoted text: valid YAML, but YAML counts it as a line break
    # and editors do not, so every line below it is one off.
    files["unicode-line-separator.yaml"] = (
        "# expect: control-character line 4 mentions U+2028\nunit: 市卫生健康局\ndate: 2025-06-30\n"
        "note: \"第一段\u2028第二段\"\nvalues:\n  1z: 820\n"
    ).encode()
    # Invisible characters in a unit's name.
    files["unknown-unit-ideographic-space.yaml"] = (
        "# expect: unknown-unit line 2\nunit: 市卫生健康局\u3000\ndate: 2025-06-30\nvalues:\n  1a: 820\n"
    ).encode()
    # Bidirectional isolates (U+2066–2069) and an override (U+202E) reorder a note's words in
    # every place it is shown, while the file looks right in most editors.
    files["bidi-isolate-in-note.yaml"] = (
        "# expect: control-character line 5 mentions U+2067\nunit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n"
        "  1a: {value: 820, note: \"已完成 \u2067820 人\u2069 培训\"}\n"
    ).encode()
    files["bidi-first-strong-isolate.yaml"] = (
        "# expect: control-character line 5 mentions U+2068\nunit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n"
        "  1a: {value: 820, source: \u2068江卫〔2025〕12号\u2069}\n"
    ).encode()
    files["bidi-override-in-note.yaml"] = (
        "# expect: control-character line 5 mentions U+202E\nunit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n"
        "  1a: {value: 820, note: \"\u202e人 008 训培\"}\n"
    ).encode()
    files["unknown-unit-zero-width-space.yaml"] = (
        "# expect: control-character line 2 mentions U+200B\nunit: 市卫生\u200b健康局\ndate: 2025-06-30\nvalues:\n  1a: 820\n"
    ).encode()

    # Characters that look like a space where YAML wants one: the problem names the line typed
    # wrong and the character, not the line where the parser gave up.
    head = "unit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n"
    files["whitespace-ideographic-indent.yaml"] = (
        "# expect: yaml-syntax line 6 mentions 行首缩进里有全角空格\n" + head + "  1a: 820\n\u3000\u30001b: 38.5\n  1c: true\n"
    ).encode()
    files["whitespace-no-break-after-colon.yaml"] = (  # as WeChat pastes it
        "# expect: yaml-syntax line 5 mentions U+00A0\n" + head + "  1a:\u00a0820\n  1b: 38.5\n"
    ).encode()
    files["whitespace-no-break-after-colon-top-level.yaml"] = (
        "# expect: yaml-syntax line 2 mentions U+00A0\nunit:\u00a0市卫生健康局\ndate: 2025-06-30\nvalues:\n  1a: 820\n"
    ).encode()
    files["whitespace-no-break-after-colon-in-flow.yaml"] = (
        "# expect: unknown-field line 5 mentions U+00A0\n" + head + "  1a: {value:\u00a0820}\n"
    ).encode()
    files["whitespace-tab-for-colon.yaml"] = (  # an Excel row pasted as is
        "# expect: yaml-syntax line 5 mentions Tab\n" + head + "  1a\t820\n  1b: 38.5\n"
    ).encode()
    files["unknown-unit-no-break-space.yaml"] = (
        "# expect: unknown-unit line 2 mentions 多了不换行空格 U+00A0\nunit: 市卫生健康局\u00a0\ndate: 2025-06-30\nvalues:\n  1a: 820\n"
    ).encode()

    # Nesting deeper than Python's recursion allows but within libyaml's limit (1000).
    depth = 600
    files["deep-nesting.yaml"] = (
        "# expect: too-deep line 5\nunit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n"
        f"  1a: {'[' * depth}820{']' * depth}\n"
    ).encode()
    # An integer longer than Python converts from text (4300 digits).
    files["number-too-many-digits.yaml"] = (
        "# expect: not-a-number line 5\nunit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n"
        f"  1a: {'1' * 5000}\n"
    ).encode()
    return files


def valid_files() -> dict[str, bytes]:
    return {
        # Notepad's "UTF-8 with BOM"; the first line's comment follows the BOM.
        "utf8-bom.yaml": codecs.BOM_UTF8 + ("# valid: UTF-8 with a BOM\n" + REPORT).encode(),
        "utf8-bom-crlf.yaml": codecs.BOM_UTF8
        + ("# valid: UTF-8 with a BOM and CRLF line ends\n" + REPORT).replace("\n", "\r\n").encode(),
        "crlf.yaml": ("# valid: CRLF line ends\n" + REPORT).replace("\n", "\r\n").encode(),
        # YAML allows a tab after the colon: what a spreadsheet's cell pasted after `1a:` gives.
        "tab-after-colon.yaml": "# valid: a tab after the colon reads 1a=820\nunit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n  1a:\t820\n".encode(),
    }


def main() -> None:
    INVALID.mkdir(exist_ok=True)
    VALID.mkdir(exist_ok=True)
    for name, data in invalid_files().items():
        (INVALID / name).write_bytes(data)
    for name, data in valid_files().items():
        (VALID / name).write_bytes(data)
    lines = ["# Expectations of invalid/ files that cannot carry a `# expect:` first line.",
             "# filename code line"]
    lines += [f"{name} {code} {line}" for name, (code, line) in sorted(EXPECTED.items())]
    (INVALID / "EXPECTED").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
