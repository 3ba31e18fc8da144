"""`minsheng validate` on a corpus of bad (and surprising but good) progress reports.

Every file in tests/data/invalid/ is one mistake. Its first line says what the real command
must report for it::

    # expect: <code> line <N> [with --strict] [mentions <text>]

`with --strict`: the problem is a warning, so the run fails only with --strict.
`mentions <text>`: the problem's line of output must also contain <text> (a hint we promise).
Files that cannot carry such a line (UTF-16, binary, empty) are listed in invalid/EXPECTED.

Every file in tests/data/valid/ starts with `# valid: <what is accepted>` (after the BOM, for the
BOM files) and must pass cleanly; `reads <id>=<number>` or `reads date=<YYYY-MM-DD>` in that line also checks what is read.

Where the tool is wrong today the case is marked xfail (strict) in KNOWN_BUGS, with what
happens and what should; fixing the tool turns it into an XPASS failure, so remove the entry.
Binary and invisible-character files are written by tests/data/make_invalid.py.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.reading.problems import Problem, Severity
from minsheng_cli.outputs.problem_formats import report_github
from minsheng_cli.reading.yamlsource import MAX_FILE_BYTES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
INVALID = DATA / "invalid"
VALID = DATA / "valid"

_EXPECT = re.compile(
    r"# expect: (?P<code>[a-z0-9-]+) line (?P<line>[0-9]+)(?: with (?P<flag>--strict))?(?: mentions (?P<text>.+))?"
)
_VALID = re.compile(r"# valid: (?P<what>.+)")
_READS = re.compile(r"reads (?P<id>[0-9]+[a-z]+|date)=(?P<value>[0-9.-]+)")

#: Cases where the tool is wrong today: file name -> (what happens; what should happen).
KNOWN_BUGS: dict[str, str] = {}


def _expected_table() -> dict[str, tuple[str, int]]:
    table = {}
    for raw in (INVALID / "EXPECTED").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            name, code, line = raw.split()
            table[name] = (code, int(line))
    return table


def _first_line_utf8(path: Path) -> str:
    return path.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")


def _invalid_cases() -> list:
    table = _expected_table()
    cases = []
    for path in sorted(INVALID.iterdir()):
        if path.name == "EXPECTED":
            continue
        if path.name in table:
            code, line = table[path.name]
            expect = {"code": code, "line": line, "flag": None, "text": None}
        else:
            match = _EXPECT.fullmatch(_first_line_utf8(path))
            assert match, f"{path.name}: first line must be `# expect: <code> line <N>` or listed in EXPECTED"
            expect = {**match.groupdict(), "line": int(match["line"])}
        marks = [pytest.mark.xfail(reason=KNOWN_BUGS[path.name], strict=True)] if path.name in KNOWN_BUGS else []
        cases.append(pytest.param(path, expect, id=path.name, marks=marks))
    return cases


def _valid_cases() -> list:
    return [pytest.param(p, id=p.name) for p in sorted(VALID.iterdir())]


@pytest.fixture
def validate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Run the real `minsheng validate` from the repository root, with no report history."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    empty = tmp_path / "progress"
    empty.mkdir()

    def invoke(*args: str):
        return CliRunner().invoke(app, ["validate", "--progress", str(empty), *args])

    return invoke


def _assert_no_crash(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def _display(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_corpus_is_complete() -> None:
    """Every EXPECTED entry names a file, KNOWN_BUGS names only corpus files, no file is both."""
    table = _expected_table()
    names = {p.name for p in INVALID.iterdir()}
    assert set(table) <= names
    assert set(KNOWN_BUGS) <= names
    for name in table:
        assert not (INVALID / name).read_bytes().startswith(b"# expect:"), name
    assert len(names) > 60 and len(list(VALID.iterdir())) > 10


@pytest.mark.parametrize(("path", "expect"), _invalid_cases())
def test_invalid_file_is_rejected(validate, path: Path, expect: dict) -> None:
    strict = ["--strict"] if expect["flag"] else []
    result = validate(*strict, str(path))
    _assert_no_crash(result)
    assert result.exit_code == 1, result.output
    prefix = f"{_display(path)}:{expect['line']}:"
    tag = f"[{expect['code']}]"
    assert prefix in result.output and tag in result.output, result.output
    # Both on the same line of output: this problem, at this place.
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(prefix) and ln.endswith(tag)]
    assert lines, f"no `{prefix} … {tag}` line in:\n{result.output}"
    if expect["text"]:
        assert any(expect["text"] in ln for ln in lines), f"{expect['text']!r} not in {lines}"


def test_warning_alone_does_not_fail_without_strict(validate) -> None:
    path = INVALID / "rate-over-100-noted.yaml"
    result = validate(str(path))
    _assert_no_crash(result)
    assert result.exit_code == 0, result.output
    assert f"{_display(path)}:5:" in result.stdout and "警告" in result.stdout and "[rate-over-100]" in result.stdout


def test_billion_laughs_is_refused_before_expanding(validate) -> None:
    """The design refuses anchors and aliases before composing, so the file never expands."""
    path = INVALID / "billion-laughs.yaml"
    result = validate(str(path))
    _assert_no_crash(result)
    assert result.exit_code == 1
    assert "[yaml-anchor]" in result.stdout and "[yaml-alias]" in result.stdout
    # One alias problem is enough: the scan stops at the first, whatever the file holds.
    assert result.stdout.count("[yaml-alias]") == 1


def test_file_over_size_limit(validate, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    line = b"# " + b"x" * 1021 + b"\n"  # 1 KiB of comment per line: valid YAML, just too much
    head = "unit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n  1a: 820\n".encode()
    with open(path, "wb") as f:
        f.write(head)
        for _ in range(9 * 1024):
            f.write(line)
    assert path.stat().st_size > MAX_FILE_BYTES
    result = validate(str(path))
    _assert_no_crash(result)
    assert result.exit_code == 1
    assert ":1:1:" in result.stdout and "[file-too-large]" in result.stdout and "8 MiB" in result.stdout


def test_file_at_size_limit_is_read(validate, tmp_path: Path) -> None:
    """Exactly 8 MiB is allowed: the limit refuses only what is larger."""
    path = tmp_path / "big.yaml"
    body = "unit: 市卫生健康局\ndate: 2025-06-30\nvalues:\n  1a: 820\n".encode()
    padding = MAX_FILE_BYTES - len(body)
    path.write_bytes(body + b"#" * (padding - 1) + b"\n")
    assert path.stat().st_size == MAX_FILE_BYTES
    result = validate(str(path))
    _assert_no_crash(result)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("path", _valid_cases())
def test_valid_file_is_accepted(validate, path: Path) -> None:
    match = _VALID.fullmatch(_first_line_utf8(path))
    assert match, f"{path.name}: first line must be `# valid: <what is accepted>`"
    result = validate(str(path))
    _assert_no_crash(result)
    assert result.exit_code == 0, result.output
    assert result.stdout == "", result.stdout  # not even a warning
    for expected in _READS.finditer(match["what"]):
        readings = _readings(path)
        if expected["id"] == "date":
            assert {r.date for r in readings} == {dt.date.fromisoformat(expected["value"])}
        else:
            (reading,) = [r for r in readings if r.target == expected["id"]]
            assert reading.value == float(expected["value"])


def _readings(path: Path) -> list:
    from minsheng_cli.model.plan import load_plan
    from minsheng_cli.model.progress import read_report
    from minsheng_cli.reading.yamlsource import load_yaml

    plan, _ = load_plan(ROOT / "data" / "tasks_2025.yaml")
    doc, problems = load_yaml(path)
    assert plan is not None and doc is not None, problems
    readings, problems = read_report(plan, doc, today=dt.date(2026, 1, 1))
    assert not problems
    return readings


# --- output formats --------------------------------------------------------------------------


def test_json_format(validate) -> None:
    path = INVALID / "number-unit-glued-person.yaml"
    result = validate("--format", "json", str(path))
    _assert_no_crash(result)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False
    (problem,) = data["problems"]
    assert problem["file"] == _display(path)
    assert (problem["line"], problem["column"]) == (5, 7)
    assert problem["severity"] == "error"
    assert problem["code"] == "unit-in-value"
    assert "人" in problem["message"] and problem["hint"]
    assert set(problem) >= {"file", "line", "column", "severity", "code", "message"}


def test_json_format_warning_only_is_ok(validate) -> None:
    result = validate("--format", "json", str(INVALID / "rate-over-100-noted.yaml"))
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["ok"] is True
    assert [p["severity"] for p in data["problems"]] == ["warning"]


def test_json_format_valid(validate) -> None:
    result = validate("--format", "json", str(VALID / "example-report.yaml"))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"ok": True, "problems": []}


def test_github_format(validate) -> None:
    path = INVALID / "number-unit-glued-person.yaml"
    result = validate("--format", "github", str(path))
    _assert_no_crash(result)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines and all(ln.startswith("::error file=") for ln in lines), lines
    assert lines[0].startswith(f"::error file={_display(path)},line=5,col=7,title=unit-in-value::")


def test_github_format_is_default_in_github_actions(validate, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = validate(str(INVALID / "rate-over-100-noted.yaml"))
    assert result.stdout.startswith("::warning file=")


def test_github_escaping() -> None:
    problem = Problem(
        path="C:\\报告,2025\\a%b.yaml", line=3, column=4, code="x-y",
        message="完成率 100%: 超过\n第二行\r", hint="a,b:c", severity=Severity.ERROR,
    )
    out = io.StringIO()
    report_github([problem], out)
    (line,) = out.getvalue().splitlines()
    assert line == (
        "::error file=C%3A\\报告%2C2025\\a%25b.yaml,line=3,col=4,title=x-y"
        "::完成率 100%25: 超过%0A第二行%0D（a,b:c）"
    )


def test_github_escaping_warning_and_title() -> None:
    problem = Problem("a.yaml", 1, 1, "co:de,x", "m", severity=Severity.WARNING)
    out = io.StringIO()
    report_github([problem], out)
    assert out.getvalue() == "::warning file=a.yaml,line=1,col=1,title=co%3Ade%2Cx::m\n"


# --- file names a terminal or a JSON reader must not get raw -----------------------------------


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    """Reports whose names hold GBK bytes (a Windows zip unpacked on Linux) and an escape
    sequence that would turn a terminal red; each has an unknown target so its name is printed."""
    folder = tmp_path / "progress"
    folder.mkdir()
    body = "unit: 市卫生健康局\ndate: {}\nvalues:\n  1a: 820\n  9z: 1\n"
    gbk = os.fsencode(folder) + b"/" + "卫生报告".encode("gbk") + b".yaml"
    with open(gbk, "w", encoding="utf-8") as f:
        f.write(body.format("2025-06-30"))
    (folder / "a\x1b[31mred.yaml").write_text(body.format("2025-07-31"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("env", [{"LC_ALL": "C", "PYTHONUTF8": "0"}, {"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "gbk"}])
def test_file_names_that_are_not_utf8_or_hold_escapes_are_shown_escaped(odd_names: Path, env: dict) -> None:
    plan = str(ROOT / "data" / "tasks_2025.yaml")
    for fmt in ("text", "json"):
        result = subprocess.run(
            [sys.executable, "-m", "minsheng_cli", "validate", "--plan", plan, "--progress", str(odd_names), "--format", fmt],
            capture_output=True, env={**os.environ, "NO_COLOR": "1", **env}, cwd=odd_names.parent, timeout=60,
        )
        assert result.returncode == 1 and b"Traceback" not in result.stderr, result.stderr
        out = result.stdout.decode("utf-8")  # always UTF-8, whatever the locale
        assert "\x1b" not in out
        # 卫生报告 in GBK as `ls -b` shows it, and the escape sequence written out.
        names = {"progress/\\xce\\xc0\\xc9\\xfa\\xb1\\xa8\\xb8\\xe6.yaml", "progress/a\\x1b[31mred.yaml"}
        if fmt == "json":
            assert {p["file"] for p in json.loads(out)["problems"]} == names
        else:
            assert {line.split(":")[0] for line in out.splitlines()} == names


@pytest.mark.parametrize("note", ["' '", "'\u3000\u3000'"])
def test_a_note_of_spaces_does_not_explain_a_lower_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, note: str) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    folder = tmp_path / "progress"
    folder.mkdir()
    report = "unit: 市卫生健康局\ndate: {}\nvalues:\n  1a: {}\n"
    (folder / "06.yaml").write_text(report.format("2025-06-30", 820), encoding="utf-8")
    (folder / "07.yaml").write_text(report.format("2025-07-31", f"{{value: 800, note: {note}}}"), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--plan", str(ROOT / "data" / "tasks_2025.yaml"), "--progress", str(folder)])
    _assert_no_crash(result)
    assert result.exit_code == 1 and "progress/07.yaml:4:3:" in result.stdout and "[count-decreased]" in result.stdout
