"""The city figure (全市数), on the breakdown plan with hand-worked expectations: the lead's
figure always wins, a designated part's unit stands for its part, complete quota shares sum
(marked), and a share alone gives no city figure — and so no laggard line."""

from __future__ import annotations

import datetime as dt

from breakdown import AS_OF, breakdown_plan, readings
from minsheng_cli.engine.bulletin import build_bulletin
from minsheng_cli.engine.cityfigure import Tally, city_figure
from minsheng_cli.engine.status import task_status

PLAN = breakdown_plan()


def target(number: int, tid: str, progress, as_of: dt.date = AS_OF):
    status = task_status(PLAN, PLAN.task(number), progress, as_of)
    return next(t for t in status.targets if t.id == tid)


def test_a_districts_share_alone_gives_no_city_figure() -> None:
    t = target(2, "2a", readings(("2025-06-30", "2a", "西区政府", 9.5)))
    assert (t.actual, t.source, t.ratio, t.reading, t.as_of) == (None, "none", 0.0, None, None)
    assert [(s.place, s.value, s.quota, s.ratio) for s in t.shares] == [("西区", 9.5, None, None)]
    assert task_status(PLAN, PLAN.task(2), readings(("2025-06-30", "2a", "西区政府", 9.5)), AS_OF).status == "not_reported"


def test_a_share_alone_makes_no_laggard_even_when_overdue() -> None:
    # Past the deadline with only 西区's 9.5: the item is overdue, yet the bulletin's line
    # computes nothing from the share — it says 部分单位已报 with it.
    progress = readings(("2025-06-30", "2a", "西区政府", 9.5))
    b = build_bulletin(PLAN, progress, as_of=dt.date(2026, 1, 5), since=dt.date(2025, 12, 31))
    from minsheng_cli.outputs.bulletin_layout import laggard_words

    (lag,) = [lag for lag in b.laggards if lag.status.task.number == 2]
    assert lag.status.completion == 0.0
    words = laggard_words(lag)
    assert "道路：部分单位已报（西区已报 9.5 公里；牵头单位未报全市数）" in words and "实际 9.5" not in words
    assert [t.id for t in b.partial] == ["2a"]


def test_the_leads_figure_wins_even_when_the_shares_are_later_and_complete() -> None:
    progress = readings(
        ("2025-06-15", "1a", "市甲局", 85),
        ("2025-06-30", "1a", "东区政府", 40), ("2025-06-30", "1a", "西区政府", 30), ("2025-06-30", "1a", "南区政府", 2),
    )
    t = target(1, "1a", progress)
    assert (t.actual, t.source, t.as_of, t.reading.unit) == (85, "total", dt.date(2025, 6, 15), "市甲局")


def test_complete_quota_shares_sum_and_say_so() -> None:
    progress = readings(("2025-06-20", "1a", "东区政府", 40), ("2025-06-30", "1a", "西区政府", 30), ("2025-06-25", "1a", "南区政府", 2))
    t = target(1, "1a", progress)
    # 40 + 30 + 2 = 72, as of the latest share in it; no single unit's reading.
    assert (t.actual, t.source, t.as_of, t.reading, t.ratio) == (72, "sum", dt.date(2025, 6, 30), None, 0.72)


def test_shares_missing_a_quota_unit_do_not_sum() -> None:
    progress = readings(("2025-06-20", "1a", "东区政府", 40), ("2025-06-30", "1a", "西区政府", 30))
    t = target(1, "1a", progress)
    assert (t.actual, t.source) == (None, "none")
    assert [(s.place, s.value) for s in t.shares] == [("东区", 40), ("西区", 30), ("南区", None)]


def test_a_designated_part_stands_for_its_part_until_the_lead_reports_it() -> None:
    part = readings(("2025-06-30", "1b", "市乙局", 8), ("2025-06-30", "1b", "东区政府", 3))
    t = target(1, "1b", part)
    assert (t.actual, t.source, t.reading.unit) == (8, "part", "市乙局")
    both = readings(("2025-06-30", "1b", "市乙局", 8), ("2025-07-01", "1b", "市甲局", 9))
    assert (target(1, "1b", both).actual, target(1, "1b", both).source) == (9, "total")
    # The lead's figure wins even when it is older than the part's.
    older = readings(("2025-05-30", "1b", "市甲局", 6), ("2025-06-30", "1b", "市乙局", 8))
    assert (target(1, "1b", older).actual, target(1, "1b", older).source) == (6, "total")


def test_a_co_units_own_figure_never_stands_for_the_city() -> None:
    t = target(1, "1a", readings(("2025-06-30", "1a", "市丙局", 99)))
    assert (t.actual, t.source, [s.unit for s in t.shares]) == (None, "none", ["东区政府", "西区政府", "南区政府", "市丙局"])


def test_a_no_new_figure_report_changes_no_figure() -> None:
    progress = readings(("2025-05-31", "2a", "市乙局", 12), ("2025-06-30", "2a", "市乙局", None))
    t = target(2, "2a", progress)
    assert (t.actual, t.source, t.as_of) == (12, "total", dt.date(2025, 5, 31))


def test_done_on_follows_the_city_figure() -> None:
    # The sum reaches 100 on 06-30 (50 + 30 + 20), and the lead's 1b and 1c are met before it.
    progress = readings(
        ("2025-05-01", "1b", "市甲局", 10), ("2025-05-01", "1c", "市甲局", 1),
        ("2025-06-01", "1a", "东区政府", 50), ("2025-06-15", "1a", "西区政府", 30), ("2025-06-30", "1a", "南区政府", 20),
    )
    s = task_status(PLAN, PLAN.task(1), progress, AS_OF)
    assert (s.status, s.done_on) == ("done", dt.date(2025, 6, 30))


def test_the_tally_agrees_with_city_figure_day_by_day() -> None:
    rows = readings(("2025-03-01", "1a", "东区政府", 10), ("2025-04-01", "1a", "西区政府", 5), ("2025-05-01", "1a", "南区政府", 1),
                    ("2025-06-01", "1a", "市甲局", 30))
    tally = Tally(PLAN.task(1), "1a")
    seen = []
    for r in rows.of("1a"):
        tally.add(r)
        seen.append((tally.figure().value, tally.figure().source))
    assert seen == [(None, "none"), (None, "none"), (16, "sum"), (30, "total")]
    assert city_figure(PLAN.task(1), "1a", rows.of("1a"), dt.date(2025, 5, 15))[0].value == 16
