"""The status rules, pinned with small hand-made plans and readings."""

from __future__ import annotations

import datetime as dt

import pytest

from minsheng_cli.model.plan import Plan, plan_from_document
from minsheng_cli.model.progress import Progress, Reading
from minsheng_cli.engine.status import Settings, compute_status, expected_progress, is_met, ratio_of, task_status
from minsheng_cli.reading.yamlsource import parse_yaml

SMALL_PLAN = """
year: 2025
title: 测试计划
units: {甲局: 张三, 乙局: 李四}
categories:
  - number: 1
    title: 测试
    tasks:
      - number: 1
        text: 开展活动超 80 场次，服务不少于 100 人。（牵头单位：甲局）
        leader: 王五
        units: [甲局, 乙局]
        deadline: 2025-06-30
        targets:
          1a: {name: 服务, kind: count, at_least: 100, unit: 人}
          1b: {name: 活动, kind: count, more_than: 80, unit: 场次}
          1c: {name: 公示, kind: milestone}
      - number: 2
        text: 建设 10 个站点。（牵头单位：乙局）
        leader: 王五
        units: [乙局]
        deadline: 2025-12-10
        targets:
          2a: {name: 站点, kind: count, at_least: 10, unit: 个}
"""


@pytest.fixture(scope="module")
def small() -> Plan:
    doc, problems = parse_yaml(SMALL_PLAN.encode(), "small.yaml")
    assert doc is not None, problems
    plan, problems = plan_from_document(doc)
    assert plan is not None, problems
    return plan


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def progress(*readings: tuple[str, str, object] | tuple[str, str, object, str]) -> Progress:
    """Readings as (date, target, value[, unit]); the unit defaults to the lead 甲局 / 乙局."""
    history: dict[str, list[Reading]] = {}
    for r in readings:
        date, target, value = r[0], r[1], r[2]
        unit = r[3] if len(r) > 3 else ("甲局" if target.startswith("1") else "乙局")
        history.setdefault(target, []).append(Reading(d(date), target, unit, value))
    for items in history.values():
        items.sort(key=lambda r: (r.date, r.unit))
    return Progress(history)


def status_of(plan: Plan, number: int, prog: Progress, as_of: str, **settings):
    return task_status(plan, plan.task(number), prog, d(as_of), Settings(**settings))


ALL_MET = [("2025-06-30", "1a", 100), ("2025-06-30", "1b", 81), ("2025-06-30", "1c", True)]


def test_more_than_needs_strictly_more(small: Plan) -> None:
    target = small.targets["1b"].target
    assert not is_met(target, 80)
    assert is_met(target, 81)
    assert ratio_of(target, 80) == 0.99  # 80/80, but not met: never shown as 100%
    assert status_of(small, 1, progress(("2025-06-30", "1a", 100), ("2025-06-30", "1b", 80), ("2025-06-30", "1c", True)), "2025-07-01").status == "overdue"


def test_at_least_is_met_by_equal(small: Plan) -> None:
    assert is_met(small.targets["1a"].target, 100)
    assert not is_met(small.targets["1a"].target, 99.5)


def test_milestone_ratio_is_zero_or_one(small: Plan) -> None:
    target = small.targets["1c"].target
    assert (ratio_of(target, True), ratio_of(target, False), ratio_of(target, None)) == (1.0, 0.0, 0.0)


def test_ratio_is_capped_at_one(small: Plan) -> None:
    assert ratio_of(small.targets["1a"].target, 250) == 1.0
    assert ratio_of(small.targets["1a"].target, 25) == 0.25


def test_report_dated_on_the_deadline_is_done_on_time(small: Plan) -> None:
    s = status_of(small, 1, progress(*ALL_MET), "2025-09-30")
    assert (s.status, s.done_on, s.completion) == ("done", d("2025-06-30"), 1.0)


def test_done_after_the_deadline_is_done_late(small: Plan) -> None:
    readings = [("2025-07-01", t, v) for _, t, v in ALL_MET]
    s = status_of(small, 1, progress(*readings), "2025-09-30")
    assert (s.status, s.done_on) == ("done_late", d("2025-07-01"))


def test_done_on_is_the_first_report_that_made_it_done(small: Plan) -> None:
    s = status_of(small, 1, progress(("2025-03-01", "1a", 120), ("2025-04-01", "1b", 90), ("2025-05-01", "1c", True), ("2025-06-01", "1a", 130)), "2025-09-30")
    assert s.done_on == d("2025-05-01")


def test_value_dated_after_as_of_is_ignored(small: Plan) -> None:
    prog = progress(("2025-03-01", "2a", 3), ("2025-10-01", "2a", 10))
    s = status_of(small, 2, prog, "2025-09-30")
    assert s.targets[0].actual == 3
    assert s.targets[0].as_of == d("2025-03-01")
    assert s.status == "behind"
    assert status_of(small, 2, prog, "2025-10-01").status == "done"


def test_correction_that_lowers_a_count_is_the_actual_value(small: Plan) -> None:
    s = status_of(small, 2, progress(("2025-03-01", "2a", 8), ("2025-04-01", "2a", 6)), "2025-04-30")
    assert s.targets[0].actual == 6
    assert s.completion == pytest.approx(0.6)


def test_overdue_when_past_deadline_and_not_done(small: Plan) -> None:
    s = status_of(small, 1, progress(("2025-06-30", "1a", 100)), "2025-08-30")
    assert (s.status, s.days_overdue) == ("overdue", 61)


def test_empty_progress_not_reported_before_deadline_overdue_after(small: Plan) -> None:
    report = compute_status(small, Progress(), d("2025-09-30"))
    assert [(s.task.number, s.status) for s in report.tasks] == [(1, "overdue"), (2, "not_reported")]
    assert report.summary["overdue"] == 1 and report.summary["not_reported"] == 1


def test_expected_progress_is_elapsed_share_capped_at_one(small: Plan) -> None:
    task = small.task(2)  # 2025-01-01 .. 2025-12-10: 343 days
    assert expected_progress(small, task, d("2025-01-01")) == 0.0
    assert expected_progress(small, task, d("2025-07-02")) == pytest.approx(182 / 343)
    assert expected_progress(small, task, d("2026-03-01")) == 1.0


def test_behind_when_completion_below_expected_by_more_than_tolerance(small: Plan) -> None:
    # As of 2025-07-02 the expected progress of item 2 is 182/343 = 53.1%.
    assert status_of(small, 2, progress(("2025-07-01", "2a", 4)), "2025-07-02").status == "behind"  # 40%
    assert status_of(small, 2, progress(("2025-07-01", "2a", 5)), "2025-07-02").status == "on_track"  # 50%
    assert status_of(small, 2, progress(("2025-07-01", "2a", 5)), "2025-07-02", tolerance=0.0).status == "behind"


def test_due_soon_and_stale_flags(small: Plan) -> None:
    s = status_of(small, 2, progress(("2025-08-01", "2a", 9)), "2025-11-20")
    assert set(s.flags) == {"due_soon", "stale"}
    fresh = status_of(small, 2, progress(("2025-11-01", "2a", 9)), "2025-11-20")
    # Nothing was reported at the end of September and October: 连续滞后 as well.
    assert fresh.flags == ("due_soon", "persistently_behind")
    assert status_of(small, 2, progress(("2025-11-01", "2a", 9)), "2025-11-20", due_soon_days=5, escalation_months=12).flags == ()
    assert status_of(small, 2, progress(("2025-11-01", "2a", 10)), "2025-11-20").flags == ()
    assert status_of(small, 2, progress(("2025-03-01", "2a", 10)), "2025-11-20").flags == ()  # done: not stale


def test_lead_units_figure_wins_on_the_same_date(small: Plan) -> None:
    prog = progress(("2025-05-01", "1a", 40, "乙局"), ("2025-05-01", "1a", 60, "甲局"))
    assert status_of(small, 1, prog, "2025-05-02").targets[0].actual == 60


def test_item_completion_is_the_mean_of_target_ratios(small: Plan) -> None:
    s = status_of(small, 1, progress(("2025-03-01", "1a", 50), ("2025-03-01", "1b", 40)), "2025-03-02")
    assert s.completion == pytest.approx((0.5 + 0.5 + 0.0) / 3)


def test_the_lead_units_figure_stands_even_when_another_unit_reports_later(small: Plan) -> None:
    # 乙局 reports its own, smaller figure after the lead's city-wide one: the lead's stands.
    prog = progress(("2025-05-01", "1a", 60, "甲局"), ("2025-05-20", "1a", 10, "乙局"))
    assert status_of(small, 1, prog, "2025-06-01").targets[0].actual == 60


def test_without_a_lead_figure_a_co_units_own_figure_is_only_a_share(small: Plan) -> None:
    # 乙局 has no part and no quota of 1a: its figure is its own, never the city's.
    prog = progress(("2025-05-01", "1a", 10, "乙局"), ("2025-05-20", "1a", 20, "乙局"))
    t = status_of(small, 1, prog, "2025-06-01").targets[0]
    assert (t.actual, t.source, [(s.unit, s.value, s.ratio) for s in t.shares]) == (None, "none", [("乙局", 20, None)])


def test_a_correction_that_undoes_done_starts_the_wait_again(small: Plan) -> None:
    # Met, corrected below target, met again: done_on is when it was met for good.
    prog = progress(("2025-03-01", "2a", 10), ("2025-04-01", "2a", 8), ("2025-07-01", "2a", 10))
    s = status_of(small, 2, prog, "2025-09-30")
    assert (s.status, s.done_on) == ("done", d("2025-07-01"))
    s = status_of(small, 1, progress(*ALL_MET, ("2025-07-05", "1a", 90), ("2025-07-15", "1a", 100)), "2025-09-30")
    assert (s.status, s.done_on) == ("done_late", d("2025-07-15"))


def test_a_named_co_unit_stands_before_a_district_government() -> None:
    from conftest import PLAN_FILE
    from minsheng_cli.model.plan import load_plan

    plan, _ = load_plan(PLAN_FILE)
    # 9b (其中农业农村部门) is reported by 市农业农村局; a district's own later figure does not replace it.
    prog = progress(("2025-06-30", "9b", 9500, "市农业农村局"), ("2025-07-31", "9b", 800, "台山市政府"))
    assert status_of(plan, 9, prog, "2025-08-01").targets[1].actual == 9500


def test_overdue_without_any_report_is_flagged(small: Plan) -> None:
    s = status_of(small, 1, Progress(), "2025-07-01")
    # Nothing at the end of May and June either: 连续滞后.
    assert (s.status, s.flags) == ("overdue", ("unreported", "persistently_behind"))
    assert status_of(small, 1, progress(("2025-06-01", "1a", 5)), "2025-07-01").flags == ("persistently_behind",)


# 连续滞后 (persistently_behind), on item 1 of the warning plan: 100 days to 2025-04-11, so
# 序时 is 30% at 01-31 and 58% at 02-28, and each 站点 is one point.
from earlywarning import readings as warning_readings, warning_plan  # noqa: E402
from minsheng_cli.engine.cityfigure import city_figure, standing  # noqa: E402
from minsheng_cli.engine.status import month_ends  # noqa: E402


def test_month_ends_before_the_as_of_date() -> None:
    start = d("2025-01-01")
    assert month_ends(start, d("2025-03-15"), 2) == [d("2025-01-31"), d("2025-02-28")]
    assert month_ends(start, d("2025-03-31"), 2) == [d("2025-02-28"), d("2025-03-31")]  # the as-of day itself
    assert month_ends(start, d("2025-02-10"), 2) == [d("2025-01-31")]  # too early in the year for two


@pytest.mark.parametrize(("rows", "as_of", "flagged"), [
    ([("2025-01-30", 19), ("2025-02-27", 47)], "2025-03-10", True),    # 11 points behind twice
    ([("2025-01-30", 20), ("2025-02-27", 47)], "2025-03-10", False),   # exactly 10 at 01-31: not behind
    ([("2025-01-30", 19), ("2025-03-01", 58)], "2025-03-05", True),    # the 03-01 figure came after 02-28
    ([("2025-01-30", 19), ("2025-02-27", 47)], "2025-02-20", False),   # only one month-end so far
    ([("2025-01-30", 19), ("2025-03-01", 100)], "2025-03-05", False),  # done now: no flag
])
def test_persistently_behind_from_month_end_statuses(rows, as_of: str, flagged: bool) -> None:
    plan = warning_plan()
    s = task_status(plan, plan.task(1), warning_readings(*((day, "1a", v) for day, v in rows)), d(as_of))
    assert ("persistently_behind" in s.flags) is flagged


def test_persistently_behind_counts_red_and_the_rules_month_count() -> None:
    plan = warning_plan()
    rows = warning_readings(("2025-01-30", "1a", 20), ("2025-02-27", "1a", 40))
    # With a tolerance of 50 points nothing is 进度滞后, but 1/3 of 序时 missing at 01-31 and
    # 18/58 at 02-28 are red when red is more than 30% of 序时.
    red = Settings(tolerance=0.5, yellow=0.0, red=0.3, light_by="share")
    assert "persistently_behind" in task_status(plan, plan.task(1), rows, d("2025-03-10"), red).flags
    assert "persistently_behind" not in task_status(plan, plan.task(1), rows, d("2025-03-10"), Settings(tolerance=0.5)).flags
    three = Settings(escalation_months=3)
    assert "persistently_behind" not in task_status(plan, plan.task(1), rows, d("2025-03-10"), three).flags


def test_standing_readings_at_many_days_in_one_pass_agree_with_one_at_a_time(small: Plan) -> None:
    prog = progress(("2025-01-05", "2a", 1, "乙局"), ("2025-02-01", "2a", 3, "甲局"), ("2025-03-01", "2a", 2, "乙局"), ("2025-05-01", "2a", 4, "甲局"))
    task = small.task(2)
    days = [d("2025-01-01"), d("2025-01-31"), d("2025-02-28"), d("2025-03-31"), d("2025-06-30")]
    assert standing(task, "2a", prog.of("2a"), days) == [city_figure(task, "2a", prog.of("2a"), day)[0] for day in days]


UPPER_PLAN = """
year: 2025
title: 上限目标
units: {甲局: 张三}
categories:
  - number: 1
    title: 就业
    tasks:
      - number: 1
        text: 城镇登记失业率控制在3%以内，等候时间低于 30 分钟。（牵头单位：甲局）
        leader: 王五
        units: [甲局]
        deadline: 2025-12-31
        targets:
          1a: {name: 城镇登记失业率, kind: rate, at_most: 3, unit: "%"}
          1b: {name: 等候时间, kind: standard, less_than: 30, unit: 分钟}
"""


@pytest.fixture(scope="module")
def upper() -> Plan:
    doc, problems = parse_yaml(UPPER_PLAN.encode(), "upper.yaml")
    assert doc is not None, problems
    plan, problems = plan_from_document(doc)
    assert plan is not None, problems
    return plan


def test_at_most_is_met_at_or_below_and_less_than_strictly_below(upper: Plan) -> None:
    at_most, less_than = upper.targets["1a"].target, upper.targets["1b"].target
    assert (at_most.op, less_than.op, at_most.upper_bound) == ("<=", "<", True)
    assert [is_met(at_most, v) for v in (2.5, 3, 3.01)] == [True, True, False]
    assert [is_met(less_than, v) for v in (29, 30, 31)] == [True, False, False]


def test_an_upper_bound_above_its_value_counts_how_near_the_ceiling_it_is(upper: Plan) -> None:
    at_most, less_than = upper.targets["1a"].target, upper.targets["1b"].target
    assert ratio_of(at_most, 4) == 0.75  # 3 / 4
    assert ratio_of(at_most, 3) == ratio_of(at_most, 0) == 1.0
    assert ratio_of(less_than, 30) == 0.99  # on the line, not below it: not met, never 100%
    assert ratio_of(less_than, 60) == 0.5


def test_an_item_of_upper_bounds_is_done_when_both_are_under_and_behind_when_over(upper: Plan) -> None:
    done = status_of(upper, 1, progress(("2025-06-30", "1a", 2.8), ("2025-06-30", "1b", 25)), "2025-07-01")
    assert (done.status, done.light, done.completion) == ("done", "blue", 1.0)
    over = status_of(upper, 1, progress(("2025-06-30", "1a", 6), ("2025-06-30", "1b", 60)), "2025-12-01")
    assert (over.status, over.light, over.completion) == ("behind", "red", 0.5)
    assert all(t.forecast is None for t in over.targets)
