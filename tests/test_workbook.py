"""Looking a received workbook over before openpyxl inflates or parses it: the limits, a
password, XML declarations, and what `import` says about each (no traceback, nothing written)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT
from minsheng_cli.collect.forms import build_form
from minsheng_cli.collect.xlsxform import form_xlsx, read_form_xlsx
from minsheng_cli.model.plan import Plan
from minsheng_cli.model.progress import Progress
from minsheng_cli.reading.workbook import MAX_INFLATED_BYTES, MAX_ROWS, OLE_MAGIC, check_workbook

PASSWORD_PROTECTED = ROOT / "tests" / "data" / "forms" / "password-protected.xlsx"
SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture
def form_bytes(plan: Plan) -> bytes:
    return form_xlsx(build_form(plan, Progress(), "市教育局", dt.date(2025, 10, 31)))


def rezip(data: bytes, changes: dict[str, bytes], path: Path) -> Path:
    """The workbook `data` with some parts replaced or added, written to `path`."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    parts.update(changes)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return path


def code_of(path: Path) -> str | None:
    refused = check_workbook(path)
    return refused.code if refused else None


def test_a_form_minsheng_wrote_passes(form_bytes: bytes, tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    path.write_bytes(form_bytes)
    assert check_workbook(path) is None
    assert check_workbook(ROOT / "tests" / "data" / "forms" / "libreoffice-saved.xlsx") is None


def test_a_password_protected_workbook_is_named_as_such() -> None:
    refused = check_workbook(PASSWORD_PROTECTED)
    assert refused is not None and refused.code == "encrypted"
    assert refused.message == "该文件设有密码，请去掉密码后另存为 .xlsx"
    assert "另存会保留密码" in refused.hint


def test_an_old_xls_renamed_to_xlsx_is_named(tmp_path: Path) -> None:
    # The first sector of an OLE compound file (what .xls is) with no encryption streams.
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(OLE_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(1000))
    refused = check_workbook(path)
    assert refused is not None and refused.code == "not-xlsx" and ".xls" in refused.message


def test_a_zip_bomb_is_refused_from_its_directory_before_inflating(form_bytes: bytes, tmp_path: Path) -> None:
    # 64 MB of one repeated row compresses to well under 1 MB: refused by the declared size.
    row = b'<row r="7"><c r="I7" t="inlineStr"><is><t>aaaaaaaa</t></is></c></row>'
    bomb = rezip(form_bytes, {"xl/media/padding.xml": row * (64 * 1024 * 1024 // len(row))}, tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 2 * 1024 * 1024
    refused = check_workbook(bomb)
    assert refused is not None and refused.code == "file-too-large"
    assert f"{MAX_INFLATED_BYTES // (1024 * 1024)} MB" in refused.message


def test_a_part_that_inflates_too_many_times_is_refused(form_bytes: bytes, tmp_path: Path) -> None:
    # Under the total limit, but 4 MB of zeros from a few KB is no spreadsheet's XML.
    path = rezip(form_bytes, {"xl/media/image1.xml": bytes(4 * 1024 * 1024)}, tmp_path / "ratio.xlsx")
    refused = check_workbook(path)
    assert refused is not None and refused.code == "file-too-large" and "倍" in refused.message


def test_a_sheet_with_too_many_rows_is_refused(form_bytes: bytes, tmp_path: Path) -> None:
    # What a clerk's "format the whole column" leaves: a row element for every formatted row.
    with zipfile.ZipFile(io.BytesIO(form_bytes)) as z:
        sheet = z.read(SHEET)
    rows = b"".join(b'<row r="%d" s="1" customFormat="1"/>' % r for r in range(100, 100 + MAX_ROWS + 1))
    path = rezip(form_bytes, {SHEET: sheet.replace(b"</sheetData>", rows + b"</sheetData>")}, tmp_path / "rows.xlsx")
    assert code_of(path) == "too-many-rows"


def test_one_cell_far_down_is_refused_too(form_bytes: bytes, tmp_path: Path) -> None:
    # Reading walks every row down to the last cell: one cell at row 1,048,576 would make a million.
    with zipfile.ZipFile(io.BytesIO(form_bytes)) as z:
        sheet = z.read(SHEET)
    far = b'<row r="1048576"><c r="H1048576"><v>1</v></c></row>'
    path = rezip(form_bytes, {SHEET: sheet.replace(b"</sheetData>", far + b"</sheetData>")}, tmp_path / "far.xlsx")
    refused = check_workbook(path)
    assert refused is not None and refused.code == "too-many-rows" and "1048576" in refused.message


LAUGHS = b'<!DOCTYPE worksheet [<!ENTITY lol "lol">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)) + b"]>"
XXE = b'<!DOCTYPE worksheet [<!ENTITY lol9 SYSTEM "file:///etc/passwd">]>'


def with_entities(form_bytes: bytes, declarations: bytes, path: Path) -> Path:
    """The form with entity declarations in its sheet and one used in 说明 (I6), as a hostile
    sender would write it: the sheet is the part every reader parses."""
    with zipfile.ZipFile(io.BytesIO(form_bytes)) as z:
        sheet = z.read(SHEET)
    prolog, sep, body = sheet.partition(b"?>") if sheet.startswith(b"<?xml") else (b"", b"", sheet)
    used = b'<row r="40"><c r="I40" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>'
    return rezip(form_bytes, {SHEET: prolog + sep + declarations + body.replace(b"</sheetData>", used)}, path)


@pytest.mark.parametrize("declarations", [LAUGHS, XXE], ids=["billion-laughs", "external-entity"])
def test_xml_entity_declarations_are_refused(form_bytes: bytes, tmp_path: Path, declarations: bytes) -> None:
    path = with_entities(form_bytes, declarations, tmp_path / "entities.xlsx")
    assert code_of(path) == "xml-entities"
    converted, problems = read_form_xlsx(path, path.name, set())
    assert converted is None and [p.code for p in problems] == ["xml-entities"]


def test_openpyxl_itself_refuses_entities_with_defusedxml() -> None:
    # The second line of defence, should a declaration ever get past the check above.
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML


def test_something_that_is_no_zip_is_named(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    assert code_of(path) == "not-xlsx"


def _padded_sheet(form_bytes: bytes, size: int) -> bytes:
    with zipfile.ZipFile(io.BytesIO(form_bytes)) as z:
        sheet = z.read(SHEET)
    return sheet.replace(b"</sheetData>", b" " * size + b"</sheetData>")


IMPORT_CASES = {
    "password": (lambda form, tmp: PASSWORD_PROTECTED, "该文件设有密码，请去掉密码后另存为 .xlsx"),
    # 64 MB of spaces inside the sheet, which every reader must inflate.
    "bomb": (lambda form, tmp: rezip(form, {SHEET: _padded_sheet(form, 64 * 1024 * 1024)}, tmp / "bomb.xlsx"), "超过填报表的上限"),
    "entities": (lambda form, tmp: with_entities(form, LAUGHS, tmp / "lol.xlsx"), "DOCTYPE 或 ENTITY"),
}


@pytest.mark.parametrize("case", IMPORT_CASES)
def test_import_says_why_and_goes_on_with_the_batch(run, in_root, form_bytes: bytes, tmp_path: Path, case: str) -> None:
    from formfill import fill

    make, message = IMPORT_CASES[case]
    hostile = make(form_bytes, tmp_path)
    good = tmp_path / "good.xlsx"
    good.write_bytes(form_bytes)
    fill(good, {"I6": 1300})
    progress = tmp_path / "progress"
    progress.mkdir()
    result = run("import", str(hostile), str(good), "--progress", str(progress))
    assert result.exit_code == 1
    assert message in result.stdout and "Traceback" not in result.output
    assert "成功 1 份，未导入 1 份" in result.stderr
    assert [p.name for p in progress.iterdir()] == ["2025-10-31_市教育局.yaml"]


def test_a_refused_sheet_is_named_as_the_clerk_sees_it(form_bytes: bytes, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(form_bytes)) as z:
        sheet = z.read(SHEET)
    rows = b"".join(b'<row r="%d"/>' % r for r in range(100, 100 + MAX_ROWS + 1))
    path = rezip(form_bytes, {SHEET: sheet.replace(b"</sheetData>", rows + b"</sheetData>")}, tmp_path / "rows.xlsx")
    refused = check_workbook(path)
    assert refused is not None and refused.message.startswith("工作表“填报”有 ")
