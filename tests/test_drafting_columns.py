"""The columns of a 分解表 by their headings, and its rows grouped into items."""

from __future__ import annotations

import pytest

from minsheng_cli.setup.draft_columns import TableProblem, find_header, lay_out


@pytest.mark.parametrize(("heading", "family"), [
    ("工作事项", "text"), ("目标任务", "text"), ("项目内容", "text"), ("主要内容", "text"), ("年度目标任务", "text"),
    ("分管市领导", "leader"), ("牵头市领导", "leader"), ("牵头领导", "leader"), ("区政府分管领导", "leader"), ("市领导", "leader"),
    ("责任单位", "units"), ("牵头单位", "lead"), ("配合单位", "co_units"), ("协办单位", "co_units"),
    ("责任人", "persons"), ("项目责任人", "persons"), ("主要责任人", "persons"),
    ("完成时间", "deadline"), ("完成时限", "deadline"), ("时间节点", "deadline"), ("进度安排", "deadline"),
    ("进展情况", "progress"), ("形象进度（%）", "progress"), ("实际完成情况", "progress"),
    ("序 号", "number"), ("分管\n市领导", "leader"),
])
def test_heading_families(heading: str, family: str) -> None:
    first = "备注" if family == "number" else "序号"
    layout = lay_out([[first, heading, "工作事项"] if family != "text" else [first, heading], ["1", "1", "y"]])
    assert not isinstance(layout, TableProblem)
    assert layout.columns.index[family] == 1


def test_min_sheng_shi_shi_and_xiang_mu_ming_cheng_are_the_text_only_when_alone() -> None:
    alone = lay_out([["序号", "民生实事", "责任单位"], ["1", "建设 5 个站点", "甲局"]])
    beside = lay_out([["民生实事", "序号", "工作事项"], ["一、养老", "1", "建设 5 个站点"]])
    named = lay_out([["序号", "项目名称", "主要内容"], ["1", "助餐", "建设 5 个站点"]])
    assert alone.columns.index["text"] == 1 and beside.columns.index["category"] == 0
    assert named.columns.index == {"number": 0, "name": 1, "text": 2}


def test_a_two_row_header_reads_lead_and_co_units_under_a_merged_heading() -> None:
    rows = [["序号", "工作事项", "责任单位", ""], ["", "", "牵头单位", "配合单位"], ["1", "建设 5 个站点", "甲局", "乙局"]]
    layout = lay_out(rows)
    assert layout.columns.header_rows == (0, 1)
    assert (layout.columns.index["lead"], layout.columns.index["co_units"]) == (2, 3)
    assert [i.rows for i in layout.items] == [[2]]


def test_title_rows_and_a_filling_note_precede_the_header() -> None:
    rows = [["附件2", ""], ["2026年民生实事任务分解表", ""], ["填表说明：按月填写。", ""], ["序号", "工作事项"], ["1", "x"]]
    assert find_header(rows) == 3
    assert lay_out(rows).preface == ["附件2", "2026年民生实事任务分解表", "填表说明：按月填写。"]


def test_category_rows_notes_continuations_and_repeated_headers() -> None:
    rows = [
        ["序号", "工作事项", "完成时间"],
        ["一、养老", "一、养老", "一、养老"],  # a category row merged across (xlsx fills every cell)
        ["1", "建设 5 个站点", "6月底"],
        ["", "培训 100 人次", "9月底"],  # one more row of item 1 (a CSV leaves a merged 序号 empty)
        ["序号", "工作事项", "完成时间"],  # the header again at a page break
        ["", "", "年底前"],  # a deadline on a row of its own, still item 1's
        ["（二）医疗", "", ""],
        ["2", "新增 3 个诊室", "6月底"],
        ["2", "新增 2 名医生", "9月底"],  # a merged 序号 repeated in each row
        ["合计", "", ""],
        ["注：以上为计划数。", "", ""],
    ]
    layout = lay_out(rows)
    assert not layout.problems
    assert [(i.number, i.category, i.rows) for i in layout.items] == [(1, "养老", [2, 3, 5]), (2, "医疗", [7, 8])]
    assert layout.notes == ["合计", "注：以上为计划数。"]


def test_no_header_is_one_problem_and_no_items_another() -> None:
    assert isinstance(lay_out([["名称", "内容"], ["a", "b"]]), TableProblem)
    layout = lay_out([["序号", "工作事项", "责任单位"]])
    assert [(p.row, p.message) for p in layout.problems] == [(1, "表头下没有事项")]


def test_a_heading_merged_over_two_columns_reads_both() -> None:
    """责任单位 over two columns with no sub-headings (xlsx repeats the merged heading in each)."""
    rows = [["序号", "工作事项", "责任单位", "责任单位"], ["1", "建设 5 个站点", "甲局", "乙局、丙局"]]
    layout = lay_out(rows)
    assert layout.columns.also == {"units": [3]}
    assert layout.items[0].cells[0]["units"] == "甲局\n乙局、丙局"


def test_a_row_without_number_under_a_new_category_is_a_problem() -> None:
    rows = [["序号", "工作事项"], ["一、养老", ""], ["1", "建设 5 个站点"], ["二、医疗", ""], ["", "新增 3 个诊室"]]
    layout = lay_out(rows)
    assert [(p.row, p.message) for p in layout.problems] == [(5, "这一行在类别“医疗”之下，却没有序号")]


def test_a_second_table_with_other_columns_is_named_not_misread() -> None:
    rows = [["序号", "工作事项", "完成时间"], ["1", "建设 5 个站点", "6月底"], ["序号", "完成时间", "工作事项"], ["2", "9月底", "新增 3 个诊室"]]
    assert [(p.row, p.message) for p in lay_out(rows).problems] == [(3, "这一行是另一张表的表头，列与第一张表不同")]
    same = rows[:2] + [["序号", "工作事项", "完成时间"], ["2", "新增 3 个诊室", "9月底"]]
    assert not lay_out(same).problems and len(lay_out(same).items) == 2


def test_a_two_row_header_repeated_at_a_page_break_is_skipped() -> None:
    head = [["序号", "工作事项", "责任单位", ""], ["", "", "牵头单位", "配合单位"]]
    rows = head + [["1", "建设 5 个站点", "甲局", "乙局"]] + head + [["2", "新增 3 个诊室", "丙局", ""]]
    layout = lay_out(rows)
    assert not layout.problems
    assert [i.rows for i in layout.items] == [[2], [5]]
