"""The bulletin in words and in its three formats: the same sentences everywhere, notes as
text, one self-contained HTML file, a Word file read back with python-docx, same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest

from minsheng_cli.engine.bulletin import Bulletin
from minsheng_cli.outputs.bulletin_docx import render_docx
from minsheng_cli.outputs.bulletin_html import render_html
from minsheng_cli.model.office import IssueRule, Office
from minsheng_cli.outputs.bulletin_layout import Grid, Layout, Masthead, layout_bulletin
from minsheng_cli.outputs.bulletin_markdown import render_markdown
from test_bulletin import examples, scenario  # noqa: F401  (fixtures)

NOTE = "<script>alert(1)</script> {{ 7*7 }} {% raw %}"
OVERVIEW = (
    "截至 7 月 31 日，4 项民生实事中，已完成 1 项，进度滞后 1 项，已逾期 1 项，未填报 1 项；各项平均完成度 59%。"
    # Item 2 overdue and item 3 with nothing reported (0% against 58% 序时) are red, item 1
    # (40% against 58%, 18 points behind) yellow, item 4 done blue.
    "亮灯情况：红灯 2 项、黄灯 1 项、蓝灯 1 项。"
)
OVERDUE_WORDS = "培训 100 人次（目标超过 100 人次）。完成度 99%，6 月 30 日到期，已逾期 31 天。乙局牵头（李四），分管市领导王五。"
#: Item 3 has no report at all and a red light: named among the laggards (#20).
SILENT_WORDS = "第 3 项“完成公示”（丙局牵头）。序时进度已达 57%，已亮红灯。"
OFFICE = Office(name="某市人民政府督查室", masthead="民生实事督办通报", send_to=["各县（市、区）人民政府", "市直有关单位"],
                copy_to=["市委办公室"], issue=IssueRule(first=dt.date(2025, 1, 31)), phone="0000-1234567", reply_days=5)


@pytest.fixture(scope="module")
def layout(scenario: Bulletin) -> Layout:  # noqa: F811
    return layout_bulletin(scenario, OFFICE)


def texts(layout: Layout) -> list[str]:
    """Every paragraph of the layout, lead and text joined."""
    return [b.lead + b.text for s in layout.sections for b in s.blocks if hasattr(b, "lead")]


def test_layout_is_an_official_document(layout: Layout) -> None:
    assert layout.masthead == Masthead("民生实事督办通报", "第 7 期", "某市人民政府督查室", "2025 年 7 月 31 日")
    assert layout.title == "关于测试民生实事进展情况的通报"
    assert layout.subtitle == "（截至 2025 年 7 月 31 日）"
    assert layout.send_to == "各县（市、区）人民政府，市直有关单位："
    assert [s.title for s in layout.sections] == ["一、总体情况", "二、本期变化", "三、进度滞后和逾期事项", "四、未按期报送进度的单位", "五、下步工作要求"]
    assert [s.draft for s in layout.sections] == [False, False, False, False, True]
    assert (layout.signer, layout.date) == ("某市人民政府督查室", "2025 年 7 月 31 日")
    assert [a.title for a in layout.attachments] == ["本期新报送数据", "进度滞后事项未达要求的目标", "未按期报送进度的单位及应报事项", "牵头单位排名", "各项完成度走势"]
    assert [a.number for a in layout.attachments] == [1, 2, 3, 4, 5]
    assert layout.copy_to == "抄送：市委办公室。"
    assert layout.printed == "某市人民政府督查室　　2025 年 7 月 31 日印发"


def test_layout_states_the_facts_in_words(layout: Layout) -> None:
    paragraphs = texts(layout)
    assert OVERVIEW in paragraphs
    assert "（一）第 2 项“培训超 100 人次”（已逾期 31 天）。" + OVERDUE_WORDS in paragraphs
    assert "（三）至今未报送进度的 1 项：" + SILENT_WORDS in paragraphs
    assert "新完成 1 项：第 4 项“开展活动不少于 40 场”（按期完成）。" in paragraphs
    assert "新增进度滞后 1 项：第 1 项“建设 10 个站点”（此前为按进度推进）。" in paragraphs
    # 1a was reported again unchanged (4): counted, but not listed as news.
    assert "本期（7 月 1 日至 7 月 31 日）各单位报送新数据 2 项，其中较上期有变化的 1 项、与上期相同的 1 项（变化情况见附件 1）。" in paragraphs
    assert any(p.startswith("本期应报送进度的 3 个单位中，2 个单位未按期报送（其中 1 个至今从未报送；名单及应报事项见附件 3）：乙局、丙局。") for p in paragraphs)
    # The next steps are drafted from the facts, with the reply-by date of the profile.
    assert "（一）对已逾期的第 2 项，请乙局书面说明原因，提出整改措施和完成时限，于 8 月 5 日前报某市人民政府督查室。" in paragraphs
    assert "（四）请未按期报送进度的 2 个单位于 8 月 5 日前补报截至 7 月 31 日的进展情况。" in paragraphs
    behind = next(b for b in layout.sections[2].blocks if isinstance(b, Grid))
    # One behind item, so one 序时进度 (57%): said in the sentence above, not in a column.
    assert behind.columns == ("序号", "工作事项", "完成度", "落后（百分点）", "牵头单位", "分管市领导")
    assert [c.text for c in behind.rows[0]] == ["1", "建设 10 个站点", "40%", "17", "甲局", "王五"]
    assert any(p.startswith("（二）进度滞后 1 项，序时进度均为 57%，按落后序时进度的多少排列如下") for p in paragraphs)


def test_words_for_leaders_not_for_the_tool(layout: Layout) -> None:
    everything = render_markdown(layout)
    for word in ("minsheng", "容差", "逾期滞后未报", "口径", "截至10", "至10"):
        assert word not in everything, word


def test_status_shares_add_up_to_the_total(layout: Layout) -> None:
    from minsheng_cli.outputs.bulletin_layout import SHARES_RULE, shares

    counts = next(b for b in layout.sections[0].blocks if isinstance(b, Grid))
    assert counts.columns[-1] == "合计"
    assert [c.text for c in counts.rows[1]] == ["占比", "25%", "0%", "25%", "25%", "25%", "0%", "100%"]
    assert SHARES_RULE in texts(layout)
    # 4 + 0 + 1 + 3 + 5 + 13 of 26 rounded down is 98%; the two points left go to the largest remainders.
    assert shares([4, 0, 1, 3, 5, 13]) == [15, 0, 4, 12, 19, 50]
    assert sum(shares([1, 1, 1])) == 100 and shares([0, 0]) == [0, 0]


def test_without_an_office_there_is_no_masthead_and_no_issue_line(scenario: Bulletin) -> None:  # noqa: F811
    plain = layout_bulletin(scenario)
    assert plain.masthead is None and plain.signer == "" and plain.printed == "" and plain.copy_to == ""
    assert plain.send_to == "各有关单位："
    assert plain.date == "2025 年 7 月 31 日"


def test_markdown_has_every_part_and_the_note_verbatim(layout: Layout) -> None:
    md = render_markdown(layout)
    assert md.startswith("**民生实事督办通报**\n\n第 7 期\n")
    for sentence in (OVERVIEW, OVERDUE_WORDS, SILENT_WORDS):
        assert sentence in md
    assert NOTE in md
    assert "| 1 | 甲局 | 1、4 | 1 | 0 | 1 | 70% | 已报送 |" in md
    at = 0
    for part in ("# 关于测试", "各县（市、区）人民政府，市直有关单位：", "## 五、下步工作要求", "附件：1. 本期新报送数据",
                 "某市人民政府督查室　2025 年 7 月 31 日", "## 附件 1　本期新报送数据", "抄送：市委办公室。"):
        at = md.index(part, at)  # each part after the one before


def test_markdown_escapes_what_would_break_a_table() -> None:
    from minsheng_cli.outputs.bulletin_layout import Cell, Grid, Section
    from minsheng_cli.outputs.bulletin_markdown import render_markdown as md

    grid = Grid(("说明",), ((Cell("甲|乙\n丙"),),))
    assert "| 甲\\|乙 丙 |" in md(Layout("标题", "副标题", [Section("一", [grid])]))


def test_html_escapes_a_note_and_runs_no_template_in_it(layout: Layout) -> None:
    html = render_html(layout)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% raw %}" in html
    assert "<script" not in html


def test_html_is_self_contained(layout: Layout) -> None:
    html = render_html(layout)
    for outside in ("http://", "https://", "<link", "src=", "@import", "url(", "<script", "<img"):
        assert outside not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "@page { size: A4;" in html
    assert "break-before: page" in html
    assert html.count("<svg") == 4  # one chart per item
    assert html.count("<section") == 5 + 5  # the body's five parts, five 附件
    assert '@bottom-center { content: "— " counter(page) " —"' in html  # page numbers in print
    assert ".attachment { break-before: page; }" in html  # only 附件 start a page
    assert "section + section" not in html
    assert html.count('<section class="attachment wide">') == 1  # the trend (10 columns) prints landscape
    assert "@page wide { size: A4 landscape;" in html


def test_html_says_the_same_sentences_and_colours_statuses(layout: Layout) -> None:
    html = render_html(layout)
    for sentence in (OVERVIEW, OVERDUE_WORDS, SILENT_WORDS):
        assert sentence in html
    # The counts row is shaded by each status's light; done is blue (#16: it was green).
    assert '<td data-label="已逾期" class="num light-red">1</td>' in html
    assert '<td data-label="进度滞后" class="num light-yellow">1</td>' in html
    assert '<td data-label="未填报" class="num light-grey">1</td>' in html
    assert '<td data-label="已完成" class="num light-blue">1</td>' in html
    assert '<td data-label="逾期完成" class="num light-blue">0</td>' in html


def test_html_is_the_same_bytes_each_time(layout: Layout, scenario: Bulletin) -> None:  # noqa: F811
    assert render_html(layout) == render_html(layout_bulletin(scenario, OFFICE))


def test_html_on_a_phone_turns_rows_into_cards(layout: Layout) -> None:
    """Below 640 px a row is a card and every cell says its column: nothing scrolls sideways."""
    from html.parser import HTMLParser

    html = render_html(layout)
    assert "@media screen and (max-width: 640px)" in html
    assert 'td[data-label]:not([data-label=""])::before { content: attr(data-label) "："' in html

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tables: list[list[str]] = []
            self.labels: list[str | None] = []

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if tag == "table":
                self.tables.append([])
            elif tag == "th":
                self.tables[-1].append("th")
            elif tag == "td":
                self.labels.append(dict(attrs).get("data-label"))

    parser = Cells()
    parser.feed(html)
    assert len(parser.tables) == 7 and None not in parser.labels
    assert "牵头单位" in parser.labels and "落后（百分点）" in parser.labels


def docx_of(layout: Layout) -> bytes:
    return render_docx(layout, as_of=dt.date(2025, 7, 31))


def test_docx_reads_back_with_the_same_sentences(layout: Layout) -> None:
    import docx

    document = docx.Document(io.BytesIO(docx_of(layout)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[:4] == ["民生实事督办通报", "第 7 期", "某市人民政府督查室\t2025 年 7 月 31 日", "关于测试民生实事进展情况的通报"]
    assert "各县（市、区）人民政府，市直有关单位：" in paragraphs
    assert "一、总体情况" in paragraphs
    for sentence in (OVERVIEW, OVERDUE_WORDS, SILENT_WORDS):
        assert any(sentence in p for p in paragraphs), sentence
    # 附件说明, 落款, the 附件 labels and the 版记, in that order after the body.
    at = paragraphs.index("五、下步工作要求")
    for part in ("附件：1. 本期新报送数据", "　　　5. 各项完成度走势", "某市人民政府督查室", "2025 年 7 月 31 日", "附件 1", "本期新报送数据",
                 "附件 5", "抄送：市委办公室。", "某市人民政府督查室　　2025 年 7 月 31 日印发"):
        at = paragraphs.index(part, at + 1)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert NOTE in cells
    ranking = next(t for t in document.tables if t.rows[0].cells[0].text == "名次")
    assert [row.cells[1].text for row in ranking.rows[1:]] == ["甲局", "丙局", "乙局"]


def test_docx_is_black_apart_from_the_masthead_and_rows_never_split(layout: Layout) -> None:
    import docx

    data = docx_of(layout)
    document = docx.Document(io.BytesIO(data))
    red = [run.text for p in document.paragraphs for run in p.runs if run.font.color is not None and run.font.color.rgb is not None
           and str(run.font.color.rgb) != "000000"]
    assert red == ["民生实事督办通报"]
    assert str(document.styles["Heading 1"].font.color.rgb) == "000000"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
    rows = body.count("<w:tr>") + body.count("<w:tr ")
    assert rows and body.count("<w:cantSplit/>") == rows
    assert 'w:color="E60012"' in body  # the masthead's red rule
    # The body flows: the only page breaks are before the 附件 (a landscape one by a new section).
    breaks = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    assert breaks == ["附件 1", "附件 2", "附件 3", "附件 4"]
    assert '<w:highlight w:val="yellow"/>' in body  # the drafted requirements' note


def test_docx_layout_a4_fonts_page_numbers(layout: Layout) -> None:
    import docx

    data = docx_of(layout)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.styles["Normal"].font.name == "仿宋"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode()
        footer = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
        styles = z.read("word/styles.xml").decode()
        settings = z.read("word/settings.xml").decode()
    assert 'w:eastAsia="仿宋"' in styles and 'w:eastAsia="黑体"' in styles
    assert 'w:eastAsia="方正小标宋简体"' in body
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer
    assert "<w:tblHeader" in body  # heading rows repeat across pages
    assert 'w:fill="FFC7CE"' in body  # the red light on 已逾期
    assert "embedTrueTypeFonts" not in settings and not any("fonts/" in n for n in z.namelist())


def test_docx_is_the_same_bytes_with_fixed_dates(layout: Layout) -> None:
    import docx

    first, second = docx_of(layout), docx_of(layout)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 7, 31, 0, 0, 0)}
    props = docx.Document(io.BytesIO(first)).core_properties
    assert props.created == props.modified == dt.datetime(2025, 7, 31, tzinfo=dt.timezone.utc)
    assert props.author == "某市人民政府督查室"


def test_illustrative_bulletin_names_the_overdue_item_in_every_format(examples: Bulletin) -> None:  # noqa: F811
    import docx

    layout = layout_bulletin(examples)
    words = "心理健康教师培训 1,000 人次（目标超过 1,000 人次）"
    opening = "截至 9 月 30 日，26 项民生实事中，已完成 4 项，按进度推进 13 项，进度滞后 5 项，已逾期 1 项，未填报 3 项"
    word = "\n".join(p.text for p in docx.Document(io.BytesIO(render_docx(layout, as_of=examples.as_of))).paragraphs)
    for text in (render_markdown(layout), render_html(layout), word):
        assert words in text
        assert opening in text
        assert re.search(r"第 7 项“维护青少年心理健康”（已逾期 61 天）", text)
        assert "第 15、22、24 项（市公安局、市总工会、市交通运输局牵头）" in text and "均已亮红灯" in text


def test_docx_column_widths_keep_dates_whole_and_fill_the_line() -> None:
    from minsheng_cli.outputs.bulletin_docx import column_widths
    from minsheng_cli.outputs.bulletin_layout import Cell, Grid

    grid = Grid(("目标", "日期"), ((Cell("很长的目标名称" * 10), Cell("2025-09-30")),), fixed=frozenset({1}))
    wide, narrow = column_widths(grid, 150, 10.5), column_widths(grid, 60, 10.5)
    assert sum(wide) == pytest.approx(150, abs=0.2)
    assert sum(narrow) == pytest.approx(60, abs=0.2)
    # Squeezed, the text gives way and the date keeps the width of its ten characters.
    assert narrow[1] >= 10 * 10.5 * 0.3528 * 0.6
    assert narrow[0] < wide[0]


def test_docx_wide_tables_turn_the_page(layout: Layout) -> None:
    import docx

    sections = docx.Document(io.BytesIO(docx_of(layout))).sections
    shapes = [(round(s.page_width.mm), round(s.page_height.mm)) for s in sections]
    # The body and the narrow 附件 portrait; the trend (12 columns) landscape, at the end.
    assert shapes == [(210, 297), (297, 210)]


def test_chart_expected_line_follows_the_schedule() -> None:
    """The HTML chart draws the engine's 序时进度 (#16): with the warning plan's schedule of item
    2 (30% by 6-30, 70% by 9-30, and 2b due 6-30) the line bends, it is not straight to 12-31."""
    from earlywarning import WARNING_PLAN
    from minsheng_cli.engine.bulletin import build_bulletin
    from minsheng_cli.model.plan import load_plan
    from minsheng_cli.model.progress import Progress
    from minsheng_cli.outputs.bulletin_html import trend_chart

    plan, _ = load_plan(WARNING_PLAN)
    b = build_bulletin(plan, Progress({}), as_of=dt.date(2025, 7, 31), since=dt.date(2025, 6, 30))
    trend = next(t for t in b.trends if t.task.number == 2)
    line = dict(trend.expected)
    # item 2: the mean of 2a (item schedule: 30% on 6-30) and 2b (a milestone due 6-30: 100%)
    assert line[dt.date(2025, 6, 30)] == pytest.approx((0.30 + 1.0) / 2)
    assert line[dt.date(2025, 9, 30)] == pytest.approx((0.70 + 1.0) / 2)
    svg = trend_chart(trend)
    dashed = next(part for part in svg.split("<polyline")[1:] if "stroke-dasharray" in part)
    coordinates = dashed.split('points="')[1].split('"')[0].split()
    assert len(coordinates) == len(trend.expected) > 2
