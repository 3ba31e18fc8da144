"""Tables in the shapes other offices publish, written for these tests (no published document is
copied): a county's annex with a two-row header, a responsibility table, a monthly progress
table and a progress notice. Each shape is one grid with its merged ranges, written as xlsx,
docx or csv (UTF-8, or GBK as Excel on Chinese Windows saves it) by the functions below.

`EXPECTED` holds what a person reading each table finds in it: the items with their lead unit,
units, persons, leader, deadline and numeric targets, for the tests to compare drafts with.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

#: A merged range: first row, first column, last row, last column (0-based, inclusive).
Merge = tuple[int, int, int, int]


@dataclass
class Shape:
    name: str
    grid: list[list[str]]
    merges: list[Merge] = field(default_factory=list)
    #: Rows at the top that a Word document has as paragraphs above its table.
    title_rows: int = 0
    #: Paragraphs a Word document has below its table.
    after: list[str] = field(default_factory=list)


def _wide(rows: list[list[str]], width: int) -> list[list[str]]:
    return [row + [""] * (width - len(row)) for row in rows]


COUNTY = Shape(
    "county_annex",
    _wide([
        ["附件2"],
        ["2026年示例县民生实事项目任务分解表"],
        ["填表说明：完成时限按月填写，配合单位按主次排列。"],
        ["序号", "项目名称", "主要内容", "牵头县领导", "责任单位", "", "完成时限"],
        ["", "", "", "", "牵头单位", "配合单位", ""],
        ["一、就业创业"],
        ["1", "稳定就业", "城镇新增就业不少于 3200 人，城镇登记失业率控制在3.5%以内。", "吕  乐", "县人社局", "县财政局、县总工会", "12月底前"],
        ["2", "零工驿站", "新建零工驿站 6 个", "吕  乐", "县人社局", "各镇人民政府", "9月投入使用"],
        ["二、养老服务"],
        ["3", "社区助餐", "新建社区长者食堂 12 个", "王 芳", "县民政局", "县财政局\n县市场监管局", "6月底前完成"],
        ["", "", "为不少于 800 名高龄老人提供助餐补贴", "", "", "县财政局", "第三季度"],
        ["", "", "培训助餐从业人员 300 人次", "", "", "县市场监管局", "年底前"],
        ["4", "适老化改造", "完成困难老年人家庭适老化改造 500 户，其中特困老人家庭 120 户。", "王 芳", "县民政局", "县住建局、县残联", "5月底前启动，11月底前完成"],
        ["三、城乡建设"],
        ["5", "老旧小区改造", "改造老旧小区 15 个、惠及居民 4200 户，小区雨污分流改造率达到 100%。", "陈  明", "县住建局", "县城管局、县供电公司", "2026年10月"],
        ["6", "安全生产", "生产安全事故起数不超过 8 起，较大事故低于 1 起。", "陈  明", "县应急管理局", "各镇人民政府", "年底前"],
        ["注：完成时限为最迟完成时间。"],
    ], 7),
    # Title rows and category rows across the table; 序号…完成时限 over both header rows;
    # 责任单位 over 牵头单位 | 配合单位; item 3 over three rows (序号, 项目名称, 领导, 牵头单位).
    [(0, 0, 0, 6), (1, 0, 1, 6), (2, 0, 2, 6), (3, 0, 4, 0), (3, 1, 4, 1), (3, 2, 4, 2), (3, 3, 4, 3), (3, 4, 3, 5),
     (3, 6, 4, 6), (5, 0, 5, 6), (8, 0, 8, 6), (9, 0, 11, 0), (9, 1, 11, 1), (9, 3, 11, 3), (9, 4, 11, 4),
     (13, 0, 13, 6), (16, 0, 16, 6)],
    title_rows=3,
)

RESPONSIBILITY = Shape(
    "responsibility",
    [
        ["2026年示例市民生实事责任分解表"],
        ["序号", "民生实事", "目标任务", "牵头市领导", "责任单位", "责任人", "时间节点"],
        ["1", "教育", "新增公办学位 2000 个，新建改扩建中小学校 3 所。", "张  伟", "市教育局、市发展改革局、市住房城乡建设局", "李红、赵强、孙丽", "5月底前开工，12月底前建成"],
        ["2", "教育", "为 1.2 万名中小学生开展免费视力筛查。", "张  伟", "市教育局、市卫生健康局", "李红、周敏", "10月底前"],
        ["3", "医疗", "急诊平均等待时间低于 30 分钟，基层就诊率达到 65%以上。", "刘 洋", "市卫生健康局", "周敏", "年底前"],
        ["4", "环境", "城市空气质量优良天数比例不低于 92%，重污染天数比例下降到 1%以下。", "刘 洋", "市生态环境局\n各县（市、区）政府", "何军\n各县（市、区）长", "12月31日"],
        ["5", "民生保障", "城乡低保标准提高至每人每月 1000 元，发放临时救助 5000 人次。", "吴  静", "市民政局", "郑华", "第四季度"],
    ],
    [(2, 1, 3, 1)],
    title_rows=1,
)

PROGRESS = Shape(
    "monthly_progress",
    [
        ["2026年示例区民生实事项目推进情况表（截至6月底）", "", "", "", "", "", "", "", "", ""],
        ["序号", "实事项目", "年度目标任务", "牵头单位", "协办单位", "责任人", "完成时间", "进展情况", "形象进度（%）", "备注"],
        ["1", "托育服务", "新增普惠性托育位 600 个", "区卫生健康局", "区教育局", "林  华", "12月底前", "已新增 320 个，正在验收", "53", ""],
        ["2", "公交优化", "新开通公交线路 4 条，更新新能源公交车 50 辆", "区交通运输局", "区财政局、区公交公司", "黄  河", "9月投入使用", "2 条线路已开通", "40", "车辆已招标"],
        ["3", "食品安全", "完成食品抽检 2400 批次，问题食品处置率达到 100%", "区市场监管局", "", "钱  进", "2026年11月", "完成 1300 批次", "54", ""],
        ["4", "就业援助", "城镇调查失业率控制在 5.5% 以内", "区人社局", "各街道办事处", "孙  立", "年底前", "4.9%", "—", ""],
    ],
    [(0, 0, 0, 9)],
    title_rows=1,
)

NOTICE = Shape(
    "progress_notice",
    [
        ["关于2026年示例镇民生实事项目进展情况的公示"],
        ["现将本镇2026年民生实事项目进展情况公示如下："],
        ["序号", "民生实事项目", "责任单位", "进展情况"],
        ["1", "建设村级养老服务站 5 个", "镇民政办、镇财政所", "已建成 3 个"],
        ["2", "改造农村公路 12 公里", "镇交通办", "完成路基 8 公里"],
        ["3", "农村生活污水治理覆盖率达到 80%", "镇环保办、镇农业农村办", "完成 65%"],
    ],
    title_rows=2,
    after=["公示期：2026年7月1日至7月7日。"],
)

SHAPES = {s.name: s for s in (COUNTY, RESPONSIBILITY, PROGRESS, NOTICE)}

D = dt.date
#: What each table says, item by item: (lead, units, persons by unit, leader, deadline,
#: numeric targets as (kind, comparison, value, unit, part_of index)).
EXPECTED = {
    "county_annex": [
        ("县人社局", ["县人社局", "县财政局", "县总工会"], {}, "吕乐", D(2026, 12, 31),
         [("count", "at_least", 3200, "人", None), ("rate", "at_most", 3.5, "%", None)]),
        ("县人社局", ["县人社局", "各镇人民政府"], {}, "吕乐", D(2026, 9, 30), [("count", "at_least", 6, "个", None)]),
        ("县民政局", ["县民政局", "县财政局", "县市场监管局"], {}, "王芳", D(2026, 12, 31),
         [("count", "at_least", 12, "个", None), ("count", "at_least", 800, "名", None), ("count", "at_least", 300, "人次", None)]),
        ("县民政局", ["县民政局", "县住建局", "县残联"], {}, "王芳", D(2026, 11, 30),
         [("count", "at_least", 500, "户", None), ("count", "at_least", 120, "户", 0)]),
        ("县住建局", ["县住建局", "县城管局", "县供电公司"], {}, "陈明", D(2026, 10, 31),
         [("count", "at_least", 15, "个", None), ("count", "at_least", 4200, "户", None), ("rate", "at_least", 100, "%", None)]),
        ("县应急管理局", ["县应急管理局", "各镇人民政府"], {}, "陈明", D(2026, 12, 31),
         [("count", "at_most", 8, "起", None), ("count", "less_than", 1, "起", None)]),
    ],
    "responsibility": [
        ("市教育局", ["市教育局", "市发展改革局", "市住房城乡建设局"], {"市教育局": "李红", "市发展改革局": "赵强", "市住房城乡建设局": "孙丽"}, "张伟", D(2026, 12, 31),
         [("count", "at_least", 2000, "个", None), ("count", "at_least", 3, "所", None)]),
        ("市教育局", ["市教育局", "市卫生健康局"], {"市教育局": "李红", "市卫生健康局": "周敏"}, "张伟", D(2026, 10, 31), [("count", "at_least", 12000, "名", None)]),
        ("市卫生健康局", ["市卫生健康局"], {"市卫生健康局": "周敏"}, "刘洋", D(2026, 12, 31),
         [("standard", "less_than", 30, "分钟", None), ("rate", "at_least", 65, "%", None)]),
        ("市生态环境局", ["市生态环境局", "各县（市、区）政府"], {"市生态环境局": "何军", "各县（市、区）政府": "各县（市、区）长"}, "刘洋", D(2026, 12, 31),
         [("rate", "at_least", 92, "%", None), ("rate", "at_most", 1, "%", None)]),
        ("市民政局", ["市民政局"], {"市民政局": "郑华"}, "吴静", D(2026, 12, 31),
         [("standard", "at_least", 1000, "元/人/月", None), ("count", "at_least", 5000, "人次", None)]),
    ],
    "monthly_progress": [
        ("区卫生健康局", ["区卫生健康局", "区教育局"], {"区卫生健康局": "林华"}, "", D(2026, 12, 31), [("count", "at_least", 600, "个", None)]),
        ("区交通运输局", ["区交通运输局", "区财政局", "区公交公司"], {"区交通运输局": "黄河"}, "", D(2026, 9, 30),
         [("count", "at_least", 4, "条", None), ("count", "at_least", 50, "辆", None)]),
        ("区市场监管局", ["区市场监管局"], {"区市场监管局": "钱进"}, "", D(2026, 11, 30),
         [("count", "at_least", 2400, "批次", None), ("rate", "at_least", 100, "%", None)]),
        ("区人社局", ["区人社局", "各街道办事处"], {"区人社局": "孙立"}, "", D(2026, 12, 31), [("rate", "at_most", 5.5, "%", None)]),
    ],
    "progress_notice": [
        ("镇民政办", ["镇民政办", "镇财政所"], {}, "", D(2026, 12, 31), [("count", "at_least", 5, "个", None)]),
        ("镇交通办", ["镇交通办"], {}, "", D(2026, 12, 31), [("count", "at_least", 12, "公里", None)]),
        ("镇环保办", ["镇环保办", "镇农业农村办"], {}, "", D(2026, 12, 31), [("rate", "at_least", 80, "%", None)]),
    ],
}
#: Which fields of EXPECTED the table itself gives; the rest are guesses the draft must mark.
GIVEN = {
    "county_annex": {"lead", "units", "leader"},
    "responsibility": {"units", "persons", "leader"},
    "monthly_progress": {"lead", "units", "persons"},
    "progress_notice": {"units"},
}


def _top_left(shape: Shape) -> list[list[str]]:
    """The grid as a file stores it: a merged range's value in its first cell only."""
    grid = [list(row) for row in shape.grid]
    for r0, c0, r1, c1 in shape.merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    grid[r][c] = ""
    return grid


def write_xlsx(shape: Shape, path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "分解表"
    for row in _top_left(shape):
        sheet.append([value or None for value in row])
    for r0, c0, r1, c1 in shape.merges:
        sheet.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    book.save(path)
    return path


def write_csv(shape: Shape, path: Path, encoding: str = "utf-8-sig") -> Path:
    out = io.StringIO()
    csv.writer(out).writerows(_top_left(shape))
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def write_docx(shape: Shape, path: Path) -> Path:
    """Title rows as paragraphs above the table, the rest as a Word table with its merges."""
    from docx import Document

    document = Document()
    for row in shape.grid[: shape.title_rows]:
        document.add_paragraph(next(c for c in row if c))
    grid = _top_left(shape)[shape.title_rows:]
    width = max(len(row) for row in grid)
    table = document.add_table(rows=len(grid), cols=width)
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    for r0, c0, r1, c1 in shape.merges:
        if r0 >= shape.title_rows:
            t = shape.title_rows
            table.cell(r0 - t, c0).merge(table.cell(r1 - t, c1))
    for text in shape.after:
        document.add_paragraph(text)
    document.core_properties.author = "minsheng tests"
    document.core_properties.created = document.core_properties.modified = dt.datetime(2026, 1, 1)
    document.save(str(path))
    return path


#: Each file a test drafts: shape name, format, writer.
FILES = [
    ("county_annex", "xlsx"), ("county_annex", "docx"), ("county_annex", "csv-utf8"), ("county_annex", "csv-gbk"),
    ("responsibility", "docx"), ("responsibility", "xlsx"), ("responsibility", "csv-gbk"),
    ("monthly_progress", "csv-gbk"), ("monthly_progress", "xlsx"), ("monthly_progress", "docx"),
    ("progress_notice", "docx"), ("progress_notice", "csv-utf8"),
]


def write(name: str, fmt: str, folder: Path) -> Path:
    shape = SHAPES[name]
    if fmt == "xlsx":
        return write_xlsx(shape, folder / f"{name}.xlsx")
    if fmt == "docx":
        return write_docx(shape, folder / f"{name}.docx")
    encoding = "gb18030" if fmt == "csv-gbk" else "utf-8-sig"
    return write_csv(shape, folder / f"{name}_{fmt}.csv", encoding)
