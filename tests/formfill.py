"""Filling a generated Excel form as a clerk's Excel or WPS would leave it, for the tests."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any


def fill(path: Path, cells: dict[str, Any], *, out: Path | None = None, cached: dict[str, str] | None = None,
         formats: dict[str, str] | None = None, edit: Any = None) -> Path:
    """Set `cells` of the 填报 sheet; `cached` gives formula cells the result Excel saves with
    them (openpyxl itself saves none); `edit(ws)` changes the sheet in other ways."""
    import openpyxl

    out = out or path
    wb = openpyxl.load_workbook(path)
    ws = wb["填报"]
    for ref, value in cells.items():
        ws[ref] = value
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    if edit is not None:
        edit(ws)
    wb.save(out)
    if cached:
        with zipfile.ZipFile(out) as z:
            parts = {i.filename: z.read(i.filename) for i in z.infolist()}
        sheet = parts["xl/worksheets/sheet1.xml"].decode("utf-8")
        for ref, value in cached.items():
            # openpyxl writes an empty <v/> (its own writer) or <v></v> (with lxml installed).
            sheet, n = re.subn(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)(?:<v\s*/>|<v></v>)', rf"\g<1>\g<2><v>{value}</v>", sheet)
            assert n == 1, f"no formula at {ref}"
        parts["xl/worksheets/sheet1.xml"] = sheet.encode("utf-8")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, body in parts.items():
                z.writestr(name, body)
    return out


def row_of(path: Path, target_id: str) -> int:
    """The sheet row of a target on a form."""
    import openpyxl

    ws = openpyxl.load_workbook(path)["填报"]
    return next(c.row for c in ws["A"] if c.value == target_id)
