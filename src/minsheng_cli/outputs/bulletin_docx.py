"""The bulletin as a Word document an office can edit and forward, in the usual 通报 layout.

A4 with the margins of GB/T 9704: a red 版头 when the office profile names the office, the title in
方正小标宋简体, headings in black 黑体, （一） leads in 楷体, body in 仿宋 三号; fonts are named,
not embedded, so Word or WPS uses the office's own. The body flows; only each 附件 starts a page.
Table rows never split across pages and heading rows repeat. Page numbers (— 1 —) come from a PAGE
field in the footer. Status cells are shaded with the 红黄绿 lights.

`add_masthead`, `add_title`, `add_body`, `add_signature`, `add_attachments` and `add_record` lay out
one part each, so another official document built as a `Layout` is set the same way.

Reproducible: the document's created and modified times and every zip entry's date are the
as-of date at midnight, and nothing random is written, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

from minsheng_cli.outputs.bulletin_layout import Grid, Layout, Masthead, Paragraph
from minsheng_cli.outputs.lights import FILL
from minsheng_cli.outputs.package import fixed_zip, stamp_of

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
LEAD_FONT = "楷体"  # 二级标题 （一）（二）
BODY_FONT = "仿宋"
BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
MASTHEAD_SIZE = 36
ATTACHMENT_TITLE_SIZE = 18  # 小二
RECORD_SIZE = 14  # 四号, 版记
#: Line pitch of the body, points: GB/T 9704's 22 lines on a 225 mm text block.
LINE_PITCH = 28.9
RED = "E60012"
TABLE_SIZE = 10.5  # 五号
SMALL_TABLE_SIZE = 9  # 小五, for wide tables
#: A table with more columns than this is set in the small size.
WIDE = 8
#: An 附件 with a table of this many columns or more is set on landscape pages.
LANDSCAPE_COLUMNS = 10
#: Cell margins, mm a side (Word's default is 1.9).
CELL_MARGIN = 1.0
#: Page (width, height) and margins (top, bottom, left, right) in mm: portrait as GB/T 9704;
#: a section with a wide table (the ranking, the trend) turns to landscape.
PORTRAIT = ((210, 297), (37, 35, 28, 26))
LANDSCAPE = ((297, 210), (28, 26, 30, 28))


def render_docx(layout: Layout, *, as_of: dt.date) -> bytes:
    """The document in the order of GB/T 9704: 版头, title, 主送, body, 附件说明, 落款, then each
    附件 on pages of its own (landscape for a wide table), then 版记."""
    from docx import Document

    doc = Document()
    section = doc.sections[0]
    _page(section, PORTRAIT)
    styles = _styles(doc)
    if layout.masthead is not None:
        add_masthead(doc, layout.masthead)
    add_title(doc, layout.title, layout.subtitle)
    if layout.send_to:
        _plain(doc, layout.send_to, indent=False)
    add_body(doc, layout.sections, styles, PORTRAIT)
    add_signature(doc, layout)
    add_attachments(doc, layout.attachments, styles)
    add_record(doc, layout.copy_to, layout.printed)
    _page_numbers(section.footer.paragraphs[0])
    stamp = stamp_of(as_of)
    props = doc.core_properties
    props.title = layout.title
    props.subject = layout.subtitle
    props.author = props.last_modified_by = layout.signer or "minsheng"
    props.comments = props.keywords = props.category = ""
    props.created = props.modified = stamp
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    return fixed_zip(buffer.getvalue(), stamp)


def _styles(doc) -> dict:
    """The document's styles: body 仿宋 三号, headings 黑体 三号 in black, two table sizes."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    normal = doc.styles["Normal"]
    _font(normal, BODY_FONT, BODY_SIZE)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(LINE_PITCH)
    heading = doc.styles["Heading 1"]
    _font(heading, HEADING_FONT, BODY_SIZE)
    heading.font.bold = False
    heading.font.color.rgb = RGBColor(0, 0, 0)  # an official document is black apart from the 版头
    heading.paragraph_format.space_before = Pt(0)
    heading.paragraph_format.space_after = Pt(0)
    heading.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
    heading.paragraph_format.keep_with_next = True
    styles = {"heading": heading}
    for name, size in (("表格文字", TABLE_SIZE), ("表格小字", SMALL_TABLE_SIZE)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _font(style, BODY_FONT, size)
        style.paragraph_format.first_line_indent = Pt(0)
        style.paragraph_format.line_spacing = 1.0
        styles[name] = style
    return styles


def add_masthead(doc, masthead: Masthead) -> None:
    """版头: the series' name in red 小标宋, the 期号, then the office and the date on one line
    over a red rule (GB/T 9704 红色分隔线)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Mm, Pt, RGBColor

    name = doc.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    name.paragraph_format.line_spacing = 1.0
    run = name.add_run(masthead.name)
    _run_font(run, TITLE_FONT, MASTHEAD_SIZE)
    run.font.color.rgb = RGBColor.from_string(RED)
    if masthead.issue:
        issue = doc.add_paragraph()
        issue.alignment = WD_ALIGN_PARAGRAPH.CENTER
        issue.add_run(masthead.issue)
    line = doc.add_paragraph()
    line.paragraph_format.tab_stops.add_tab_stop(Mm(PORTRAIT[0][0] - PORTRAIT[1][2] - PORTRAIT[1][3]), WD_TAB_ALIGNMENT.RIGHT)
    line.paragraph_format.space_after = Pt(BODY_SIZE)
    line.add_run(f"{masthead.office}\t{masthead.date}")
    _rule(line, "bottom", RED, 12)


def add_title(doc, title: str, subtitle: str) -> None:
    """The title in 方正小标宋 二号, centred, with its subtitle, and a blank line after."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.paragraph_format.line_spacing = Pt(TITLE_SIZE * 1.5)
    _run_font(head.add_run(title), TITLE_FONT, TITLE_SIZE)
    if subtitle:
        sub = doc.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run_font(sub.add_run(subtitle), LEAD_FONT, BODY_SIZE)
    doc.add_paragraph()


def add_body(doc, sections, styles: dict, page) -> None:
    """The body's sections one after another, without page breaks."""
    text_width = page[0][0] - page[1][2] - page[1][3]
    for part in sections:
        doc.add_paragraph(part.title, style=styles["heading"])
        for i, block in enumerate(part.blocks):
            add_block(doc, block, styles, text_width, mark=part.draft and i == 0)


def add_block(doc, block, styles: dict, text_width: float, *, mark: bool = False) -> None:
    """A paragraph (its lead in 楷体), or a table; charts are left to the table of the same figures."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    if isinstance(block, Paragraph):
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
        if block.lead:
            _run_font(p.add_run(block.lead), LEAD_FONT, BODY_SIZE)
        run = p.add_run(block.text)
        if mark:  # the draft's note: plainly to be rewritten, and deleted before issue
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    elif isinstance(block, Grid):
        small = len(block.columns) > WIDE
        size = SMALL_TABLE_SIZE if small else TABLE_SIZE
        _table(doc, block, styles["表格小字" if small else "表格文字"], column_widths(block, text_width, size))


def add_signature(doc, layout: Layout) -> None:
    """附件说明 (附件：1. …), then 落款: the office and the date, right-aligned four characters in."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    if layout.attachments:
        doc.add_paragraph()
        for i, attachment in enumerate(layout.attachments):
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Pt(5 * BODY_SIZE)
            p.paragraph_format.first_line_indent = Pt(-3 * BODY_SIZE)
            p.add_run(f"{'附件：' if i == 0 else '　　　'}{attachment.number}. {attachment.title}")
    doc.add_paragraph()
    for text in (layout.signer, layout.date):
        if text:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.right_indent = Pt(4 * BODY_SIZE)
            p.paragraph_format.keep_with_next = True
            p.add_run(text)


def add_attachments(doc, attachments, styles: dict) -> None:
    """Each 附件 from a new page: `附件 N` in 黑体, its title centred, its blocks; a table too wide
    for portrait turns its pages to landscape."""
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    page = PORTRAIT
    for attachment in attachments:
        wide = any(isinstance(b, Grid) and len(b.columns) >= LANDSCAPE_COLUMNS for b in attachment.blocks)
        wanted = LANDSCAPE if wide else PORTRAIT
        if wanted is not page:
            page = wanted
            _page(doc.add_section(WD_SECTION.NEW_PAGE), page)
            label = doc.add_paragraph()
        else:
            label = doc.add_paragraph()
            label.paragraph_format.page_break_before = True
        _run_font(label.add_run(f"附件 {attachment.number}"), HEADING_FONT, BODY_SIZE)
        head = doc.add_paragraph()
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        head.paragraph_format.space_before = Pt(BODY_SIZE / 2)
        head.paragraph_format.space_after = Pt(BODY_SIZE / 2)
        _run_font(head.add_run(attachment.title), TITLE_FONT, ATTACHMENT_TITLE_SIZE)
        width = page[0][0] - page[1][2] - page[1][3]
        for block in attachment.blocks:
            add_block(doc, block, styles, width)


def add_record(doc, copy_to: str, printed: str) -> None:
    """版记: 抄送 and 印发 between thin rules, in 仿宋 四号, at the document's end."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    lines = [text for text in (copy_to, printed) if text]
    if not lines:
        return
    doc.add_paragraph()
    for i, text in enumerate(lines):
        p = doc.add_paragraph()
        p.paragraph_format.keep_with_next = i < len(lines) - 1
        p.paragraph_format.left_indent = Pt(RECORD_SIZE)
        p.paragraph_format.right_indent = Pt(RECORD_SIZE)
        if text is printed:
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _run_font(p.add_run(text), BODY_FONT, RECORD_SIZE)
        if i == 0:
            _rule(p, "top", "000000", 8)
        _rule(p, "bottom", "000000", 8 if i == len(lines) - 1 else 4)


def _plain(doc, text: str, *, indent: bool = True) -> None:
    from docx.shared import Pt

    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE)
    p.add_run(text)


def _rule(paragraph, side: str, colour: str, eighths: int) -> None:
    """A line above or below a paragraph (`w:pBdr`), `eighths` of a point thick."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), colour)
    borders.append(line)


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
    for row in table.rows:  # a row never breaks across pages
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
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
        texts = [row[i].text for row in grid.rows]
        # A heading may wrap onto two lines: it asks for half its width (`序时/进度`).
        widest = max([-(-cell_len(column) // 4) * 2] + [cell_len(t) for t in texts])
        if i in grid.numeric or i in grid.fixed:
            floor = max([cell_len(word) for t in texts for word in t.split()] or [0])
            floors.append(max(floor, 4) * half + padding)  # "100%": a % is wide
            wants.append(max(widest, 4) * half + padding)
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
