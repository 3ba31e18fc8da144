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
from minsheng_cli.outputs.bulletin_layout import Layout, layout_bulletin
from minsheng_cli.outputs.bulletin_markdown import render_markdown
from test_bulletin import examples, scenario  # noqa: F401  (fixtures)

NOTE = "<script>alert(1)</script> {{ 7*7 }} {% raw %}"
OVERVIEW = (
    "截至 7 月 31 日，4 项民生实事中已完成 1 项、逾期完成 0 项，按进度推进 0 项，进度滞后 1 项，已逾期 1 项，未填报 1 项；"
    "总体完成率 59%（各项完成度的平均值）。"
    # Item 2 overdue and item 3 with nothing reported (0% against 58% 序时) are red, item 1
    # (40% against 58%, 18 points behind) yellow, item 4 done blue.
    "亮灯情况：红灯 2 项、黄灯 1 项、绿灯 0 项、蓝灯 1 项。"
)
OVERDUE_WORDS = (
    "培训：实际 100 人次，目标超过 100 人次，完成 99%。事项完成度 99%，序时进度 100%，完成时间 6 月 30 日，已逾期 31 天。"
    "牵头单位：乙局（责任人：李四）；分管市领导：王五。"
)
BEHIND_WORDS = (
    "站点：实际 4 个，目标不少于 10 个，完成 40%。事项完成度 40%，序时进度 57%，落后 17 个百分点，完成时间 12 月 31 日。"
    "牵头单位：甲局（责任人：张三）；分管市领导：王五。"
)


@pytest.fixture(scope="module")
def layout(scenario: Bulletin) -> Layout:  # noqa: F811
    return layout_bulletin(scenario)


def texts(layout: Layout) -> list[str]:
    """Every paragraph of the layout, lead and text joined."""
    return [b.lead + b.text for s in layout.sections for b in s.blocks if hasattr(b, "lead")]


def test_layout_states_the_facts_in_words(layout: Layout) -> None:
    assert layout.title == "测试民生实事进展情况通报"
    assert layout.subtitle == "（截至 2025 年 7 月 31 日）"
    assert [s.title for s in layout.sections] == ["一、总体情况", "二、本期变化", "三、进度滞后和逾期事项", "四、未按期填报的单位", "五、单位排名", "六、各项进度走势"]
    paragraphs = texts(layout)
    assert OVERVIEW in paragraphs
    assert "（一）第 2 项“培训超 100 人次”【已逾期 31 天】" + OVERDUE_WORDS in paragraphs
    assert "（二）第 1 项“建设 10 个站点”【进度滞后】" + BEHIND_WORDS in paragraphs
    assert "新增进度滞后 1 项：第 1 项“建设 10 个站点”（此前为按进度推进）。" in paragraphs
    assert any(p.startswith("本期有 2 个单位未报送进度：乙局、丙局。") for p in paragraphs)


def test_markdown_has_every_sentence_and_the_note_verbatim(layout: Layout) -> None:
    md = render_markdown(layout)
    assert md.startswith("# 测试民生实事进展情况通报\n")
    for sentence in (OVERVIEW, OVERDUE_WORDS, BEHIND_WORDS):
        assert sentence in md
    assert NOTE in md
    assert "| 1 | 甲局 | 张三 | 1、4 | 1 | 0 | 1 | 70% | 已报送 | 2025-07-31 |" in md


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
    assert html.count("<section>") == 6


def test_html_says_the_same_sentences_and_colours_statuses(layout: Layout) -> None:
    html = render_html(layout)
    for sentence in (OVERVIEW, OVERDUE_WORDS, BEHIND_WORDS):
        assert sentence in html
    assert '<td class=" light-red">已逾期</td>' in html
    assert '<td class=" light-yellow">进度滞后</td>' in html
    assert '<td class=" light-grey">未填报</td>' in html
    # Done is the blue light (蓝灯) here as in every other output (#16: it was green).
    assert '<td class=" light-blue">已完成</td>' in html
    assert '<td class=" light-blue">逾期完成</td>' in html


def test_html_is_the_same_bytes_each_time(layout: Layout, scenario: Bulletin) -> None:  # noqa: F811
    assert render_html(layout) == render_html(layout_bulletin(scenario))


def docx_of(layout: Layout) -> bytes:
    return render_docx(layout, as_of=dt.date(2025, 7, 31))


def test_docx_reads_back_with_the_same_sentences(layout: Layout) -> None:
    import docx

    document = docx.Document(io.BytesIO(docx_of(layout)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "测试民生实事进展情况通报"
    assert "一、总体情况" in paragraphs
    for sentence in (OVERVIEW, OVERDUE_WORDS, BEHIND_WORDS):
        assert any(sentence in p for p in paragraphs), sentence
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert NOTE in cells
    ranking = next(t for t in document.tables if t.rows[0].cells[0].text == "名次")
    assert [row.cells[1].text for row in ranking.rows[1:]] == ["甲局", "丙局", "乙局"]


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
    assert props.author == "minsheng"


def test_illustrative_bulletin_names_the_overdue_item_in_every_format(examples: Bulletin) -> None:  # noqa: F811
    import docx

    layout = layout_bulletin(examples)
    words = "心理健康教师培训：实际 1,000 人次，目标超过 1,000 人次，完成 99%"
    opening = "截至 9 月 30 日，26 项民生实事中已完成 4 项、逾期完成 0 项，按进度推进 13 项，进度滞后 5 项，已逾期 1 项，未填报 3 项"
    word = "\n".join(p.text for p in docx.Document(io.BytesIO(render_docx(layout, as_of=examples.as_of))).paragraphs)
    for text in (render_markdown(layout), render_html(layout), word):
        assert words in text
        assert opening in text
        assert re.search(r"第 7 项“维护青少年心理健康”【已逾期 61 天】", text)


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
    # 一 portrait; 二 (7 columns of new figures) landscape; 三, 四 portrait; 五, 六 landscape.
    assert shapes == [(210, 297), (297, 210), (210, 297), (297, 210)]


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
