"""What each command shows, as data: numbers and percentages as users read them."""

from __future__ import annotations

import pytest

from conftest import csv_rows
from minsheng_cli.outputs.views import number, percent


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1500, "1,500"), (38.5, "38.5"), (1234567.5, "1,234,567.5"), (0.000001, "0.000001"), (True, "已完成"), (False, "未完成"), (None, "—")],
)
def test_numbers_are_never_in_scientific_notation(value, shown: str) -> None:
    assert number(value) == shown


@pytest.mark.parametrize(("ratio", "shown"), [(0.0, "0%"), (0.898, "89%"), (0.99, "99%"), (0.996, "99%"), (1.0, "100%"), (0.29, "29%")])
def test_percentages_round_down(ratio: float, shown: str) -> None:
    assert percent(ratio) == shown


def test_requirements_read_as_written(plan) -> None:
    from minsheng_cli.outputs.views import target_requirement

    assert target_requirement(plan.targets["1b"].target) == "超过 40%"
    assert target_requirement(plan.targets["9a"].target) == "不少于 31,300 批次"
    assert target_requirement(plan.targets["2b"].target) == "定性任务"


def test_csv_figures_have_no_thousands_separators(run) -> None:

    from conftest import EXAMPLES

    out = run("show", "7", "--format", "csv", "--progress", str(EXAMPLES), "--as-of", "2025-09-30").stdout
    rows = csv_rows(out)
    seven_a = rows[rows.index(["编号", "目标", "要求", "实际", "完成率", "达成"]) + 1]
    assert seven_a[:4] == ["7a", "心理健康教师培训", "超过 1,000 人次", "1000"]  # a figure, not text


def test_status_json_is_compact_off_a_terminal_one_item_a_line_and_indented_on_one() -> None:
    import io
    import json

    from minsheng_cli.outputs.terminal import render_json
    from minsheng_cli.outputs.views import Stream, View

    view = View({"as_of": "2025-09-30", "tasks": Stream(lambda: ({"no": n, "flags": []} for n in (1, 2)))})
    piped = io.StringIO()
    render_json(view, piped)
    assert json.loads(piped.getvalue()) == {"as_of": "2025-09-30", "tasks": [{"no": 1, "flags": []}, {"no": 2, "flags": []}]}
    assert piped.getvalue().splitlines()[1:3] == ['{"no": 1, "flags": []},', '{"no": 2, "flags": []}']

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown = Terminal()
    render_json(view, shown)
    assert json.loads(shown.getvalue()) == json.loads(piped.getvalue())
    assert '\n  "as_of": "2025-09-30"' in shown.getvalue() and '\n      "no": 1' in shown.getvalue()


def test_csv_by_unit_has_the_unit_and_its_person_in_columns_of_their_own(run, in_root) -> None:
    """#20: 分组 read 「市卫生健康局（刘学文）」, two facts in one cell."""
    args = ("--by", "unit", "--format", "csv", "--progress", "examples/progress_2025", "--as-of", "2025-10-31")
    status = csv_rows(run("status", *args).stdout)
    assert status[0][:3] == ["单位", "单位责任人", "序号"]
    assert status[1][:3] == ["市卫生健康局", "刘学文", "1"]
    assert not any("（" in row[0] for row in status[1:])
    overdue = csv_rows(run("overdue", *args).stdout)
    assert overdue[0][:2] == ["单位", "单位责任人"]
    assert [row[:3] for row in overdue[1:]] == [["市教育局", "梁凤琼", "7"], ["市卫生健康局", "刘学文", "7"]]
    # Other groupings keep their one 分组 column.
    assert csv_rows(run("status", *args[2:], "--by", "leader").stdout)[0][0] == "分组"
