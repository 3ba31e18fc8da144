"""Lights (亮灯): the mapping from status and the bands below 序时进度, on hand-worked items.

Item 1 of the warning plan runs 100 days (2025-01-01 .. 04-11) towards 100 站点, so on
2025-03-02 (day 60) 序时进度 is exactly 60% and each 站点 is one point.
"""

from __future__ import annotations

import json

import pytest

from earlywarning import WARNING_PLAN, d, readings, report, warning_plan
from conftest import csv_rows, write
from minsheng_cli.outputs.terminal import _rich_cell
from minsheng_cli.engine.rules import Settings, light_of
from minsheng_cli.engine.status import task_status
from minsheng_cli.outputs.views import Status

POINTS = Settings()  # yellow more than 10 points below, red more than 30
SHARE = Settings(yellow=0.0, red=0.5, light_by="share")  # Sanya: any shortfall yellow, over half red


@pytest.mark.parametrize(("completion", "light"), [
    (0.60, "green"),   # on 序时
    (0.70, "green"),   # above it
    (0.50, "green"),   # exactly 10 points below: the edge takes the milder light
    (0.49, "yellow"),  # 11 points below
    (0.30, "yellow"),  # exactly 30 points below
    (0.29, "red"),     # 31 points below
])
def test_point_bands(completion: float, light: str) -> None:
    assert light_of("on_track", completion, 0.60, POINTS) == light


@pytest.mark.parametrize(("completion", "light"), [
    (0.80, "green"),   # on 序时 80%
    (0.79, "yellow"),  # 1/80 of 序时 missing
    (0.40, "yellow"),  # exactly half of 序时 missing
    (0.39, "red"),     # more than half
])
def test_share_bands(completion: float, light: str) -> None:
    assert light_of("behind", completion, 0.80, SHARE) == light


def test_done_is_blue_and_overdue_red_whatever_the_figures() -> None:
    assert light_of("done", 1.0, 1.0, POINTS) == "blue"
    assert light_of("done_late", 1.0, 1.0, POINTS) == "blue"
    assert light_of("overdue", 0.99, 1.0, POINTS) == "red"
    # Nothing reported is judged like a completion of 0: in the first days of the year green.
    assert light_of("not_reported", 0.0, 0.05, POINTS) == "green"
    assert light_of("not_reported", 0.0, 0.60, POINTS) == "red"


def test_share_bands_on_the_first_day_do_not_divide_by_zero() -> None:
    assert light_of("on_track", 0.0, 0.0, SHARE) == "green"


@pytest.mark.parametrize(("built", "status", "light"), [
    (50, "on_track", "green"),  # exactly the tolerance below: neither 进度滞后 nor yellow
    (49, "behind", "yellow"),
    (30, "behind", "yellow"),
    (29, "behind", "red"),
])
def test_the_engine_gives_status_and_light_together(built: int, status: str, light: str) -> None:
    plan = warning_plan()
    s = task_status(plan, plan.task(1), readings(("2025-03-01", "1a", built)), d("2025-03-02"))
    assert s.expected == pytest.approx(0.60)
    assert (s.status, s.light) == (status, light)


def test_status_cell_carries_the_light_word_and_colour() -> None:
    assert str(Status("behind", ("at_risk",), "yellow")) == "黄灯 进度滞后·预计逾期"
    assert str(Status("done", (), "blue")) == "蓝灯 已完成"
    assert _rich_cell(Status("behind", (), "red"), narrow=False).style == "bold red"
    assert _rich_cell(Status("done", (), "blue"), narrow=False).style == "blue"
    assert _rich_cell(Status("on_track", (), "green"), narrow=False).style == "green"
    # Grey whatever the light: there are no figures to judge.
    assert _rich_cell(Status("not_reported", (), "red"), narrow=False).style == "bright_black"


def test_light_in_json_csv_and_a_table_without_colour(run, tmp_path) -> None:
    write(tmp_path / "progress" / "jan.yaml", report("2025-01-31", "甲局", **{"1a": 31}))  # on 序时 (30%) then
    write(tmp_path / "progress" / "r.yaml", report("2025-03-01", "甲局", **{"1a": 49}))
    args = ("--plan", str(WARNING_PLAN), "--progress", str(tmp_path / "progress"), "--as-of", "2025-03-02")
    item = json.loads(run("status", "--format", "json", *args).stdout)["tasks"][0]
    assert (item["status"], item["light"]) == ("behind", "yellow")
    # And at 18 站点 in 29 days, 49 + 18/29 × 41 = 74 by 04-11: 预计逾期.
    assert item["flags"] == ["at_risk"] and item["targets"][0]["forecast"]["at_deadline"] == 74
    rows = csv_rows(run("status", "--format", "csv", *args).stdout)
    row = dict(zip(rows[0], rows[1]))
    assert (row["状态"], row["亮灯"], row["预计逾期"]) == ("进度滞后", "黄灯", "是")
    table = run("status", *args, env={"NO_COLOR": "1"}).output
    assert "黄灯 进度滞后·预计逾期" in table and "\x1b[" not in table
    assert "黄灯 进度滞后·预计逾期" in run("show", "1", *args).output


def test_below_160_columns_the_flags_go_under_the_status() -> None:
    cell = Status("behind", ("at_risk", "persistently_behind"), "red")
    assert _rich_cell(cell, narrow=False).plain == "红灯 进度滞后·预计逾期·连续滞后"
    assert _rich_cell(cell, narrow=False, flags_apart=True).plain == "红灯 进度滞后\n·预计逾期·连续滞后"
    assert _rich_cell(cell, narrow=True).plain == "红灯\n进度滞后\n·预计逾期\n·连续滞后"
