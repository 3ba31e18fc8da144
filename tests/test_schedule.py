"""序时安排: interpolated expected progress, milestone due dates, and the checks of nodes.

Item 2 of the warning plan: 2025-01-01 .. 12-31, nodes 06-30: 30% and 09-30: 70%; its
milestone 2b (开工) is due 06-30. From 01-01 to 06-30 is 180 days, 06-30 to 09-30 and
09-30 to 12-31 are 92 days each.
"""

from __future__ import annotations

import json

import pytest

from earlywarning import WARNING_PLAN, d, plan_problems, readings, report, warning_plan
from conftest import write
from minsheng_cli.model.schedule import Node, expected_share
from minsheng_cli.engine.status import expected_progress, target_expected, task_status

NODES = (Node(d("2025-06-30"), 0.30), Node(d("2025-09-30"), 0.70))
START, END = d("2025-01-01"), d("2025-12-31")


@pytest.mark.parametrize(("day", "share"), [
    ("2025-01-01", 0.0),
    ("2025-04-01", 0.15),   # 90 of 180 days to the first node
    ("2025-06-30", 0.30),   # on a node: the node's share exactly
    ("2025-08-15", 0.50),   # 46 of 92 days between the nodes
    ("2025-09-30", 0.70),
    ("2025-11-15", 0.85),   # 46 of 92 days from the last node to the deadline
    ("2025-12-31", 1.0),
    ("2026-01-15", 1.0),
])
def test_interpolation_between_nodes(day: str, share: float) -> None:
    assert expected_share(START, END, d(day), NODES) == pytest.approx(share)


def test_a_milestone_is_due_on_its_date() -> None:
    due = (Node(d("2025-06-30"), 1.0),)
    assert expected_share(START, END, d("2025-06-29"), due, step=True) == 0.0
    assert expected_share(START, END, d("2025-06-30"), due, step=True) == 1.0


def test_the_item_expects_the_mean_of_its_targets() -> None:
    plan = warning_plan()
    task = plan.task(2)
    assert target_expected(plan, task, task.targets["2a"], d("2025-08-15")) == pytest.approx(0.50)  # the item's curve
    assert expected_progress(plan, task, d("2025-04-01")) == pytest.approx((0.15 + 0.0) / 2)
    assert expected_progress(plan, task, d("2025-06-30")) == pytest.approx((0.30 + 1.0) / 2)


def test_a_schedule_changes_the_status() -> None:
    plan = warning_plan()
    task = plan.task(2)
    # 04-01: 20 小区 and not started: completion 10%, 序时 7.5%: on track. A straight line
    # would have expected 90/364 = 24.7%, more than 10 points above 10%: 进度滞后.
    s = task_status(plan, task, readings(("2025-03-31", "2a", 20, "乙局"), ("2025-03-31", "2b", False, "乙局")), d("2025-04-01"))
    assert (s.status, s.expected) == ("on_track", pytest.approx(0.075))
    # 07-01: the start, due 06-30, is still not reported: the milestone pulls 序时 up.
    late_start = task_status(plan, task, readings(("2025-06-30", "2a", 31, "乙局"), ("2025-06-30", "2b", False, "乙局")), d("2025-07-01"))
    assert late_start.status == "behind" and late_start.expected > 0.65


def test_show_and_json_give_the_schedule_and_the_expected_value(run, tmp_path) -> None:
    write(tmp_path / "progress" / "r.yaml", report("2025-08-15", "乙局", **{"2a": 50, "2b": True}))
    args = ("--plan", str(WARNING_PLAN), "--progress", str(tmp_path / "progress"), "--as-of", "2025-08-15")
    show = run("show", "2", *args).output
    # The item expects 75% (the mean of 2a's 50% and 2b's 100%); 2a follows the item: 50 个.
    assert "序时安排（本项）：2025-06-30 30%，2025-09-30 70%；截至当日应完成 75%（2a 50 个）" in show
    assert "序时安排（2b）：2025-06-30 100%；截至当日应完成 100%" in show
    data = json.loads(run("show", "2", *args, "--format", "json").stdout)
    assert data["schedule"] == [{"date": "2025-06-30", "share": 30}, {"date": "2025-09-30", "share": 70}]
    assert (data["expected"], data["targets"][0]["expected"], data["targets"][1]["expected"]) == (0.75, 0.5, 1.0)
    assert (data["targets"][0]["expected_value"], data["targets"][1]["expected_value"]) == (50, None)
    assert data["targets"][1]["schedule"] == [{"date": "2025-06-30", "share": 100}]
    assert json.loads(run("status", *args, "--format", "json").stdout)["tasks"][1]["expected"] == 0.75


PLAN = WARNING_PLAN.read_text(encoding="utf-8")
ITEM_NODES = "          2025-06-30: 30%\n          2025-09-30: 70\n"


@pytest.mark.parametrize(("nodes", "code", "at"), [
    ("          2025-09-30: 70\n          2025-06-30: 30\n", "schedule-order", "2025-06-30: 30"),
    ("          2025-06-30: 70\n          2025-09-30: 30\n", "schedule-falling", "2025-09-30: 30"),
    ("          2025-06-30: 30\n          2026-01-31: 70\n", "schedule-outside", "2026-01-31"),
    ("          2025-06-30: 30\n          2025-12-31: 90\n", "schedule-short", "2025-12-31"),
    ("          2025-06-30: 130%\n", "out-of-range", "130%"),
    ("          2025-06-30: 三成\n", "not-a-number", "三成"),
    ("          2025-06-31: 30\n", "bad-date", "2025-06-31"),
])
def test_bad_nodes_are_named_at_their_line(nodes: str, code: str, at: str) -> None:
    text = PLAN.replace(ITEM_NODES, nodes)
    plan, problems = plan_problems(text)
    assert plan is None
    assert any(p.code == code and at in text.splitlines()[p.line - 1] for p in problems), problems


def test_a_milestone_schedule_is_one_date_at_100() -> None:
    text = PLAN.replace("schedule: {2025-06-30: 100}", "schedule: {2025-06-30: 50}")
    plan, problems = plan_problems(text)
    assert plan is None
    [problem] = problems
    assert problem.code == "bad-schedule" and "2b:" in text.splitlines()[problem.line - 1]


def test_equal_shares_on_later_nodes_are_allowed() -> None:
    plan, problems = plan_problems(PLAN.replace(ITEM_NODES, "          2025-06-30: 30\n          2025-09-30: 30\n"))
    assert plan is not None, problems
