"""A received workbook looked over before anything inflates or parses it.

An .xlsx is a zip of XML parts. Before openpyxl reads one, the zip's own directory is checked:
the declared sizes and the compression ratio (a 2 MB file that inflates past 1 GB is a zip
bomb, not a form), the sheets' rows and cells (a million formatted rows take a minute and
gigabytes to load), and XML declarations (`<!DOCTYPE`, `<!ENTITY`: the billion-laughs and
external-entity attacks; no spreadsheet program writes them). Python's zipfile stops each part
at its declared size, so the declared sizes bound what is inflated.

A password-protected workbook is not a zip at all: Excel and WPS save it as an OLE compound file
holding an `EncryptionInfo` and an `EncryptedPackage` stream. It is named as such, since "save
it again" keeps the password. An OLE file without them is an old-format workbook (.xls) renamed.

Nothing here imports openpyxl.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from minsheng_cli.reading.text import os_error_text

#: Inflated size of all parts of a form; a filled form of a hundred targets is under 100 KB.
MAX_INFLATED_BYTES = 20 * 1024 * 1024
#: Inflated size over compressed size of any one part; XML compresses 5–20 times, rarely 100.
MAX_RATIO = 200
#: Parts that small are not judged by their ratio (a few KB of repeated styles compress well).
_RATIO_FLOOR = 1024 * 1024
#: Rows a sheet of a form may have, counting formatted empty ones; a unit has tens of targets.
MAX_ROWS = 5000
#: Cells a sheet may hold, likewise.
MAX_CELLS = 100_000
#: Parts of a workbook in a zip; more is not a workbook.
MAX_PARTS = 1000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_XML_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"([0-9]+)\"")
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CELL_ROW = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"[A-Za-z]{1,3}([0-9]+)\"")
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Refusal:
    """Why a workbook is not read: a code, a message and a hint, in the user's words."""

    code: str
    message: str
    hint: str


def check_workbook(path: Path) -> Refusal | None:
    """Why `path` must not be opened as a workbook, or None when it may be."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
            if head == OLE_MAGIC:
                return _ole(f.read(4 * _MIB))
        with zipfile.ZipFile(path) as archive:
            return _zip(archive)
    except zipfile.BadZipFile:
        return Refusal("not-xlsx", "文件不是 Excel 工作簿（.xlsx）", "请用 Excel 或 WPS 另存为“Excel 工作簿（.xlsx）”；.xls、.et 格式不能读取")
    except OSError as e:
        return Refusal("unreadable", f"无法读取文件：{os_error_text(e)}", "")


def _ole(body: bytes) -> Refusal:
    # The directory of an OLE file names its streams in UTF-16; a workbook's directory is in
    # its first sectors, well within what is read.
    if _ENCRYPTION_INFO in body:
        return Refusal("encrypted", "该文件设有密码，请去掉密码后另存为 .xlsx",
                       "在 Excel（文件 → 信息 → 保护工作簿 → 用密码进行加密）或 WPS（文件 → 文档加密 → 密码加密）中清空密码后保存；直接另存会保留密码")
    return Refusal("not-xlsx", "文件是旧版 Excel（.xls）格式，只是文件名为 .xlsx", "请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再发送")


def _zip(archive: zipfile.ZipFile) -> Refusal | None:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        return _too_large(f"含有 {len(parts)} 个部件")
    total = sum(p.file_size for p in parts)
    if total > MAX_INFLATED_BYTES:
        return _too_large(f"解压后有 {total / _MIB:.0f} MB")
    for part in parts:
        if part.file_size > _RATIO_FLOOR and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            return _too_large(f"其中 {part.filename} 压缩了 {part.file_size // max(part.compress_size, 1)} 倍（{part.file_size / _MIB:.0f} MB）")
    bodies = {}
    for part in parts:
        if not part.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        body = bodies[part.filename] = archive.read(part)
        if _XML_DECLARATIONS.search(body):
            return Refusal("xml-entities", f"工作簿的 {part.filename} 含有 DOCTYPE 或 ENTITY 声明，Excel 和 WPS 不会这样保存",
                           "文件可能被改动过或来自不明程序；请用 Excel 或 WPS 重新填写并另存为 .xlsx")
    names = _sheet_names(bodies)
    for filename, body in bodies.items():
        if filename.startswith("xl/worksheets/") and filename.endswith(".xml"):
            refused = _sheet_size(names.get(filename, Path(filename).stem), body)
            if refused:
                return refused
    return None


def _sheet_names(bodies: dict[str, bytes]) -> dict[str, str]:
    """The name a clerk sees (填报) of each sheet's part (xl/worksheets/sheet1.xml), as far as
    the workbook's own index says; parsed only after declarations were refused."""
    from xml.etree.ElementTree import ParseError, fromstring

    relations = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    try:
        targets = {r.get("Id"): r.get("Target", "") for r in fromstring(bodies.get("xl/_rels/workbook.xml.rels", b"<x/>"))}
        sheets = fromstring(bodies.get("xl/workbook.xml", b"<x/>")).iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet")
        found = {}
        for sheet in sheets:
            target = targets.get(sheet.get(relations), "")
            found[target.lstrip("/") if target.startswith("/") else f"xl/{target}"] = sheet.get("name", "")
        return found
    except ParseError:
        return {}  # openpyxl will say what is wrong with it


def _sheet_size(name: str, body: bytes) -> Refusal | None:
    rows, cells = len(_ROW.findall(body)), len(_CELL.findall(body))
    last = max((int(m) for m in _ROW_NUMBER.findall(body)), default=0)
    last = max(last, max((int(m) for m in _CELL_ROW.findall(body)), default=0))
    if rows > MAX_ROWS or last > MAX_ROWS:
        return Refusal("too-many-rows", f"工作表“{name}”有 {max(rows, last)} 行，超过填报表的上限 {MAX_ROWS} 行",
                       "填报表每个目标一行；请只保留填报表的内容（删去多余的行，或把格式只设在用到的行上）后另存")
    if cells > MAX_CELLS:
        return Refusal("too-many-rows", f"工作表“{name}”有 {cells} 个单元格，超过填报表的上限 {MAX_CELLS} 个",
                       "请只保留填报表的内容后另存")
    return None


def _too_large(what: str) -> Refusal:
    return Refusal("file-too-large", f"工作簿{what}，超过填报表的上限（解压后 {MAX_INFLATED_BYTES // _MIB} MB）",
                   "填报表只有几十 KB；请确认发来的是填报表，删去图片和多余的工作表后另存为 .xlsx")
