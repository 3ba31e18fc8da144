"""Forecasts at the recent pace, on hand-worked readings.

Target: 不少于 6,000 人次, deadline 2025-11-30 (item 3 of the warning plan).
"""

from __future__ import annotations

import datetime as dt
import json


from earlywarning import WARNING_PLAN, d, readings, report, warning_plan
from conftest import write
from minsheng_cli.engine.forecast import forecast_target
from minsheng_cli.model.plan import Target
from minsheng_cli.engine.rules import Settings
from minsheng_cli.engine.status import task_status

#: Nothing reported by 08-31 would also make these items 连续滞后; that is tested elsewhere.
NO_ESCALATION = Settings(escalation_months=12)

AT_LEAST = Target(name="培训", kind="count", at_least=6000, unit="人次")
MORE_THAN = Target(name="培训", kind="count", more_than=6000, unit="人次")
DEADLINE = d("2025-11-30")


def fc(target: Target, *rows: tuple[str, object], as_of: str = "2025-10-01", met: bool = False):
    history = readings(*((day, "3a", value) for day, value in rows)).of("3a")
    return forecast_target(target, history, as_of=d(as_of), deadline=DEADLINE, met=met)


def test_recent_pace_projects_to_the_deadline() -> None:
    # 600 in 30 days is 20 a day; 60 days to 11-30: 4,600 + 1,200 = 5,800, short of 6,000.
    f = fc(AT_LEAST, ("2025-03-31", 1000), ("2025-09-01", 4000), ("2025-10-01", 4600))
    assert (f.basis, f.since, f.pace, f.at_deadline, f.meets) == ("recent", d("2025-09-01"), 20.0, 5800, False)
    # 1,400 more at 20 a day: 70 days after 10-01.
    assert f.reach_on == d("2025-12-10")


def test_fewer_than_two_readings_in_90_days_use_the_whole_history() -> None:
    # 07-02 is 91 days before 10-01: out of the window. 1,800 in 91 days; 60 days more.
    f = fc(AT_LEAST, ("2025-07-02", 2800), ("2025-10-01", 4600))
    assert f.basis == "all" and f.since == d("2025-07-02")
    assert f.at_deadline == 4600 + int(1800 / 91 * 60)  # 5,786, rounded down
    # A reading exactly 90 days back is in the window.
    assert fc(AT_LEAST, ("2025-07-03", 2800), ("2025-10-01", 4600)).basis == "recent"


def test_meeting_the_target_gives_the_day_it_is_reached() -> None:
    # 1,000 in 30 days; 4,600 + 2,000 = 6,600 by 11-30; 1,400 more takes 42 days.
    f = fc(AT_LEAST, ("2025-09-01", 3600), ("2025-10-01", 4600))
    assert (f.at_deadline, f.meets, f.reach_on) == (6600, True, d("2025-11-12"))


def test_more_than_needs_strictly_more_at_the_deadline_too() -> None:
    # 4,800 + 20 × 60 = 6,000 exactly: 达到 6,000 is met, 超 6,000 is not.
    rows = (("2025-09-01", 4200), ("2025-10-01", 4800))
    assert fc(AT_LEAST, *rows).meets is True and fc(AT_LEAST, *rows).reach_on == DEADLINE
    strict = fc(MORE_THAN, *rows)
    assert (strict.at_deadline, strict.meets, strict.reach_on) == (6000, False, DEADLINE + dt.timedelta(days=1))


def test_a_single_reading_gives_no_forecast() -> None:
    assert fc(AT_LEAST, ("2025-10-01", 4600)) is None


def test_readings_after_the_as_of_date_are_ignored() -> None:
    assert fc(AT_LEAST, ("2025-09-01", 4000), ("2025-10-02", 9000)) is None
    f = fc(AT_LEAST, ("2025-09-01", 4000), ("2025-10-01", 4600), ("2025-10-15", 9000))
    assert f.last == d("2025-10-01") and f.at_deadline == 5800


def test_a_correction_that_lowers_the_count_replaces_the_overstated_figure() -> None:
    # 09-01 said 5,000, corrected to 4,600 on 10-01: the 5,000 was wrong, not a fall of 400.
    f = fc(AT_LEAST, ("2025-07-02", 2800), ("2025-09-01", 5000), ("2025-10-01", 4600))
    assert f.basis == "all" and f.since == d("2025-07-02") and f.at_deadline == 5786
    # With nothing but the correction there is no pace at all: it stays where it is.
    flat = fc(AT_LEAST, ("2025-09-01", 4600), ("2025-10-01", 4600))
    assert (flat.pace, flat.at_deadline, flat.meets, flat.reach_on) == (0.0, 4600, False, None)


def test_no_forecast_for_a_met_target_a_past_deadline_or_what_is_not_a_count() -> None:
    rows = (("2025-09-01", 4000), ("2025-10-01", 4600))
    assert fc(AT_LEAST, *rows, met=True) is None
    assert fc(AT_LEAST, *rows, as_of="2025-12-01") is None
    assert fc(Target(name="率", kind="rate", at_least=90, unit="%"), *rows) is None
    assert fc(Target(name="公示", kind="milestone"), ("2025-09-01", False), ("2025-10-01", False)) is None


def test_at_risk_flag_on_the_item(run, tmp_path) -> None:
    plan = warning_plan()
    task = plan.task(3)
    behind_pace = readings(("2025-09-01", "3a", 4000), ("2025-10-01", "3a", 4600))
    s = task_status(plan, task, behind_pace, d("2025-10-01"), NO_ESCALATION)
    # 4,600 of 6,000 is 76%, 序时 274/333 = 82%: on track today, yet the pace misses.
    assert (s.status, s.flags) == ("on_track", ("at_risk",))
    fast = readings(("2025-09-01", "3a", 3600), ("2025-10-01", "3a", 4600))
    assert task_status(plan, task, fast, d("2025-10-01"), NO_ESCALATION).flags == ()
    # Past the deadline the status says 已逾期; no forecast, no 预计逾期.
    late = task_status(plan, task, behind_pace, d("2025-12-01"), NO_ESCALATION)
    assert late.status == "overdue" and "at_risk" not in late.flags


def test_at_risk_in_show_json_and_overdue(run, tmp_path) -> None:
    folder = tmp_path / "progress"
    write(folder / "a.yaml", report("2025-09-01", "甲局", **{"3a": 4000}))
    write(folder / "b.yaml", report("2025-10-01", "甲局", **{"3a": 4600}))
    args = ("--plan", str(WARNING_PLAN), "--progress", str(folder), "--as-of", "2025-10-01")
    show = run("show", "3", *args).output
    assert "3a 按近 90 天进度，到期预计 5,800，目标 不少于 6,000 人次（按此进度 2025-12-10 达到）" in show
    data = json.loads(run("show", "3", *args, "--format", "json").stdout)
    assert "at_risk" in data["flags"]
    assert data["targets"][0]["forecast"] == {
        "basis": "recent", "since": "2025-09-01", "last": "2025-10-01", "pace_per_day": 20.0,
        "at_deadline": 5800, "meets": False, "reach_on": "2025-12-10",
    }
    # Item 1 (nothing reported, past 04-11) is overdue; item 3 is listed for its pace.
    listed = run("overdue", "--include-behind", *args).output
    assert "逾期、滞后或预计逾期事项 2 项" in listed and "按进度推进·预计逾期" in listed
    assert "按进度推进" not in run("overdue", *args).output


def test_a_continuous_count_is_projected_to_the_hundredth_rounded_down() -> None:
    km = Target(name="管网", kind="count", at_least=100, unit="公里")
    # 10.5 km in 30 days, 60 days left: 40.5 + 21 = 61.5.
    f = fc(km, ("2025-09-01", 30.0), ("2025-10-01", 40.5))
    assert f.at_deadline == 61.5 and f.meets is False
    # 1/3 km a day, 59 days left: 40 + 19.666… is 59.66, not 59.67.
    g = fc(km, ("2025-09-02", 30.0), ("2025-10-02", 40.0), as_of="2025-10-02")
    assert g.at_deadline == 59.66


def test_show_of_one_target_gives_its_forecast_only_and_the_flag_filters(run, in_root) -> None:
    args = ("--progress", "examples/progress_2025", "--as-of", "2025-09-30")
    out = run("show", "9a", *args).stdout
    assert "9a 按近 90 天进度，到期预计 25,006" in out and "9b 按" not in out
    listed = json.loads(run("status", "--status", "预计逾期", "--format", "json", *args).stdout)
    assert [t["no"] for t in listed["tasks"]] == [2, 3, 9, 10, 26]


def test_no_forecast_for_an_upper_bound_even_on_a_count() -> None:
    ceiling = Target(name="事故", kind="count", at_most=6000, unit="起")
    assert fc(ceiling, ("2025-09-01", 4000), ("2025-10-01", 7000)) is None
