"""The bulletin as a Word document an office can edit and forward, in the usual 通报 layout.

A4 with the margins of GB/T 9704, the title in 方正小标宋简体, section headings in 黑体, body in
仿宋 三号; fonts are named, not embedded, so Word or WPS uses the office's own. Page numbers
(— 1 —) come from a PAGE field in the footer. The trend is a native table (its figures are the
ones the HTML charts draw). Status cells are shaded with the 红黄绿 lights.

Reproducible: the document's created and modified times and every zip entry's date are the
as-of date at midnight, and nothing random is written, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

from minsheng_cli.outputs.bulletin_layout import Grid, Layout, Paragraph
from minsheng_cli.outputs.lights import FILL, INK
from minsheng_cli.outputs.package import fixed_zip, stamp_of

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋"
BODY_SIZE = 16  # 三号
TABLE_SIZE = 10.5  # 五号
SMALL_TABLE_SIZE = 9  # 小五, for wide tables
#: A table with more columns than this is set in the small size.
WIDE = 8
#: A section with a table of this many columns or more is set on landscape pages.
LANDSCAPE_COLUMNS = 7
#: Cell margins, mm a side (Word's default is 1.9).
CELL_MARGIN = 1.0
#: Page (width, height) and margins (top, bottom, left, right) in mm: portrait as GB/T 9704;
#: a section with a wide table (the ranking, the trend) turns to landscape.
PORTRAIT = ((210, 297), (37, 35, 28, 26))
LANDSCAPE = ((297, 210), (28, 26, 30, 28))


def render_docx(layout: Layout, *, as_of: dt.date) -> bytes:
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    section = doc.sections[0]
    _page(section, PORTRAIT)

    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT, BODY_SIZE)
    normal.paragraph_format.space_after = Pt(0)
    heading = doc.styles["Heading 1"]
    _font(heading, HEADING_FONT, BODY_SIZE)
    heading.font.bold = False
    heading.font.color.rgb = None
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(6)
    table_styles = {}
    for name, size in (("表格文字", TABLE_SIZE), ("表格小字", SMALL_TABLE_SIZE)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _font(style, BODY_FONT, size)
        style.paragraph_format.first_line_indent = Pt(0)
        style.paragraph_format.line_spacing = 1.0
        table_styles[name] = style

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run_font(title.add_run(layout.title), TITLE_FONT, 22)  # 二号
    subtitle = doc.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.add_run(layout.subtitle)

    page = PORTRAIT
    for part in layout.sections:
        wide = any(isinstance(b, Grid) and len(b.columns) >= LANDSCAPE_COLUMNS for b in part.blocks)
        if (LANDSCAPE if wide else PORTRAIT) is not page:
            page = LANDSCAPE if wide else PORTRAIT
            _page(doc.add_section(WD_SECTION.NEW_PAGE), page)
        text_width = page[0][0] - page[1][2] - page[1][3]
        doc.add_paragraph(part.title, style=heading)
        for block in part.blocks:
            if isinstance(block, Paragraph):
                p = doc.add_paragraph()
                p.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
                if block.lead:
                    lead = p.add_run(block.lead)
                    _run_font(lead, HEADING_FONT, BODY_SIZE)
                    if block.light:
                        from docx.shared import RGBColor

                        lead.font.color.rgb = RGBColor.from_string(INK[block.light])
                p.add_run(block.text)
            elif isinstance(block, Grid):
                small = len(block.columns) > WIDE
                size = SMALL_TABLE_SIZE if small else TABLE_SIZE
                _table(doc, block, table_styles["表格小字" if small else "表格文字"], column_widths(block, text_width, size))
            # Charts: the trend table before them carries the same figures.

    _page_numbers(section.footer.paragraphs[0])
    stamp = stamp_of(as_of)
    props = doc.core_properties
    props.title = layout.title
    props.subject = layout.subtitle
    props.author = props.last_modified_by = "minsheng"
    props.comments = props.keywords = props.category = ""
    props.created = props.modified = stamp
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return fixed_zip(buffer.getvalue(), stamp)


def _page(section, page) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    (width, height), (top, bottom, left, right) = page
    section.orientation = WD_ORIENT.LANDSCAPE if width > height else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
    section.left_margin, section.right_margin = Mm(left), Mm(right)


def _table(doc, grid: Grid, style, widths: list[float]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from docx.shared import Mm

    table = doc.add_table(rows=1 + len(grid.rows), cols=len(grid.columns))
    table.style = doc.styles["Table Grid"]
    # Widths by content: left to Word, every column gets the same and long text stands on end.
    table.autofit = False
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(CELL_MARGIN / 25.4 * 1440)))  # twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    for column, width in zip(table.columns, widths):
        column.width = Mm(width)  # the grid, which LibreOffice and WPS follow
        for cell in column.cells:  # each cell, which Word follows
            cell.width = Mm(width)
    header = table.rows[0]
    # Repeat the heading row on every page the table runs over.
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(repeat)
    for i, column in enumerate(grid.columns):
        p = header.cells[i].paragraphs[0]
        p.style = style
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run_font(p.add_run(column), HEADING_FONT, None)
        _shade(header.cells[i], "EEEEEE")
    for row, cells in zip(table.rows[1:], grid.rows):
        for i, cell in enumerate(cells):
            p = row.cells[i].paragraphs[0]
            p.style = style
            if i in grid.numeric:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.add_run(cell.text)
            if cell.light:
                _shade(row.cells[i], FILL[cell.light])


def column_widths(grid: Grid, total: float, size: float) -> list[float]:
    """Column widths (mm, one decimal) for text of `size` points that share `total`.

    Each column has a floor: its longest word for figures and dates (so `2025-09-30` and
    `251,000` never break), two Chinese characters for text. What is left goes to each column
    in proportion to what its widest cell still wants (text capped at 40 half-width columns,
    so long text wraps rather than squeezing the rest). Widths count a Chinese character as two.
    """
    from rich.cells import cell_len

    half = size * 0.3528 * 0.64  # mm for a half-width digit, as wide as in the widest common fonts
    padding = 2 * CELL_MARGIN + 0.4
    floors, wants = [], []
    for i, column in enumerate(grid.columns):
        texts = [column] + [row[i].text for row in grid.rows]
        widest = max(cell_len(t) for t in texts)
        if i in grid.numeric or i in grid.fixed:
            floor = max(cell_len(word) for t in texts for word in t.split() or [""])
            floors.append(max(floor, 5) * half + padding)  # "100%": a % is wide
            wants.append(max(widest, 5) * half + padding)
        else:
            floors.append(4 * half + padding)
            wants.append(max(min(widest, 40), 4) * half + padding)
    if sum(wants) <= total:  # room for everything: text columns take the rest
        text = [i for i in range(len(wants)) if i not in grid.numeric and i not in grid.fixed] or list(range(len(wants)))
        extra = (total - sum(wants)) / len(text)
        widths = [w + (extra if i in text else 0) for i, w in enumerate(wants)]
    else:
        spare = max(total - sum(floors), 0.0)
        need = sum(w - f for w, f in zip(wants, floors)) or 1.0
        widths = [f + spare * (w - f) / need for w, f in zip(wants, floors)]
    return [round(w, 1) for w in widths]


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _font(style, name: str, size: float | None) -> None:
    """Name a font for Latin and Chinese text alike; a theme font would override the name."""
    from docx.shared import Pt

    style.font.name = name
    if size is not None:
        style.font.size = Pt(size)
    _east_asian(style.element.get_or_add_rPr(), name)


def _run_font(run, name: str, size: float | None) -> None:
    from docx.shared import Pt

    run.font.name = name
    if size is not None:
        run.font.size = Pt(size)
    _east_asian(run._r.get_or_add_rPr(), name)


def _east_asian(rpr, name: str) -> None:
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _page_numbers(paragraph) -> None:
    """`— N —` centred in the footer, N a PAGE field Word and WPS fill in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif text == " PAGE ":
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            run.text = text
    paragraph.add_run(" —")
    for run in paragraph.runs:
        _run_font(run, "宋体", 14)  # 四号, as page numbers in official documents
