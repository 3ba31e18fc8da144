"""Text that a spreadsheet would run as a formula stays text in every output an office suite
opens (the 台账, the form, CSV), and JSON stays exact (#18)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from conftest import csv_rows, write
from minsheng_cli.outputs.formulas import csv_field, runs_as_formula

LINK = '=HYPERLINK("http://example.com/x","点击查看")'
DDE = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("text", [LINK, DDE, "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"])
def test_a_formula_start_is_prefixed(text: str) -> None:
    assert runs_as_formula(text) and csv_field(text) == "'" + text


@pytest.mark.parametrize("text", ["江卫〔2025〕12号", "-5", "-1.5", "1,300", "", "＝1+1", "a=b"])
def test_everything_else_is_left_as_it_is(text: str) -> None:
    assert not runs_as_formula(text) and csv_field(text) == text


@pytest.fixture
def progress(tmp_path: Path) -> Path:
    folder = tmp_path / "progress"
    write(folder / "2025-10-31_市教育局.yaml", "unit: 市教育局\ndate: 2025-10-31\nvalues:\n"
          f"  7a: {{value: 1001, note: {json.dumps(LINK, ensure_ascii=False)}, source: {json.dumps(DDE)}}}\n")
    return folder


def test_record_accepts_the_text_and_csv_makes_it_inert(run, in_root, tmp_path: Path) -> None:
    folder = tmp_path / "progress"
    folder.mkdir()
    done = run("record", "7a=1001", f"--note=7a={LINK}", "--source=7a=@SUM(1)", "--unit", "市教育局", "--date", "2025-10-31", "--progress", str(folder))
    assert done.exit_code == 0, done.output
    rows = csv_rows(run("show", "7", "--format", "csv", "--progress", str(folder), "--as-of", "2025-11-01").stdout)
    cells = [cell for row in rows for cell in row]
    assert "'" + LINK in cells and "'@SUM(1)" in cells
    assert not any(cell.startswith(("=", "@", "+")) for cell in cells)


def test_every_csv_field_is_inert_plan_text_too(run, in_root, tmp_path: Path, progress: Path) -> None:
    from conftest import PLAN_FILE

    # A plan whose person in charge of 市卫生健康局 was pasted in as a formula.
    text = PLAN_FILE.read_text(encoding="utf-8").replace("  市卫生健康局: 刘学文\n", f"  市卫生健康局: {json.dumps(LINK, ensure_ascii=False)}\n", 1)
    plan = write(tmp_path / "data" / "tasks_2025.yaml", text)
    write(progress / "2025-10-31_市卫生健康局.yaml", f"unit: 市卫生健康局\ndate: 2025-10-31\nvalues:\n  1a: {{value: 820, note: {json.dumps(DDE)}}}\n")
    seen = []
    for command in (["show", "1"], ["show", "7"], ["status"], ["overdue"]):
        result = run(*command, "--format", "csv", "--plan", str(plan), "--progress", str(progress), "--as-of", "2025-11-01")
        fields = [cell for row in csv_rows(result.stdout) for cell in row]
        assert fields, (command, result.output)
        assert not any(runs_as_formula(cell) for cell in fields), command
        seen += fields
    result = run("plan", "--format", "csv", "--plan", str(plan))
    plan_fields = [cell for row in csv_rows(result.stdout) for cell in row]
    assert not any(runs_as_formula(cell) for cell in plan_fields)
    assert "'" + LINK in seen + plan_fields and "'" + DDE in seen


def test_json_keeps_the_text_exact(run, in_root, progress: Path) -> None:
    result = run("show", "7", "--format", "json", "--progress", str(progress), "--as-of", "2025-11-01")

    def strings(value):
        if isinstance(value, dict):
            return [s for v in value.values() for s in strings(v)]
        if isinstance(value, list):
            return [s for v in value for s in strings(v)]
        return [value] if isinstance(value, str) else []

    found = strings(json.loads(result.stdout))
    assert LINK in found and DDE in found
    assert not any(s.startswith("'=") for s in found)


def test_the_ledger_stores_a_note_as_text_not_a_formula(run, in_root, tmp_path: Path, progress: Path) -> None:
    out = tmp_path / "台账.xlsx"
    assert run("export", "-o", str(out), "--progress", str(progress), "--as-of", "2025-11-01").exit_code == 0
    workbook = openpyxl.load_workbook(out)
    texts = {c.value: c for ws in workbook for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert LINK in texts and DDE in texts
    assert all(c.data_type == "s" for c in texts.values()), "no cell is a formula"
    assert texts[LINK].quotePrefix and texts[DDE].quotePrefix
    assert not any(c.data_type == "f" for ws in workbook for row in ws.iter_rows() for c in row)


def test_the_bulletin_makes_no_link_from_a_note(run, in_root, tmp_path: Path, progress: Path) -> None:
    import zipfile

    html, docx = tmp_path / "b.html", tmp_path / "b.docx"
    for out in (html, docx):
        done = run("bulletin", "-o", str(out), "--progress", str(progress), "--as-of", "2025-11-01", "--since", "2025-09-30")
        assert done.exit_code == 0, done.output
    page = html.read_text(encoding="utf-8")
    assert "=HYPERLINK(&#34;http://example.com/x&#34;" in page or "=HYPERLINK(&quot;http://example.com/x&quot;" in page
    assert "<a " not in page
    body = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    assert "HYPERLINK(" in body  # the note's text, as text
    assert "w:hyperlink" not in body and "w:fldSimple" not in body and "w:instrText" not in body
