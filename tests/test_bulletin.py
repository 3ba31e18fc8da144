"""The bulletin's facts: counts, changes, laggards with their figures, units not reporting,
ranking and trends, on a small scenario worked by hand and on the illustrative set."""

from __future__ import annotations

import json
import datetime as dt
from pathlib import Path

import pytest

from conftest import EXAMPLES, PLAN_FILE, TODAY
from minsheng_cli.engine.bulletin import Bulletin, build_bulletin, default_since, trend_dates
from minsheng_cli.model.plan import load_plan
from minsheng_cli.model.progress import load_progress

SCENARIO = Path(__file__).parent / "data" / "bulletin"


def bulletin_of(plan_file: Path, folder: Path, as_of: str, since: str) -> Bulletin:
    plan, problems = load_plan(plan_file)
    assert plan is not None, problems
    progress, problems = load_progress(plan, [folder], today=TODAY)
    assert not [p for p in problems if p.is_error], problems
    return build_bulletin(plan, progress, as_of=dt.date.fromisoformat(as_of), since=dt.date.fromisoformat(since))


@pytest.fixture(scope="module")
def scenario() -> Bulletin:
    """tests/data/bulletin: four items, three units, as of 7-31 since 6-30.

    By hand (序时进度 for a 12-31 deadline: 211/364 days on 7-31 = 0.5797, 180/364 on 6-30 = 0.4945):
    1. 站点 4 of 10 both dates: 0.40 vs 0.4945 on track on 6-30; vs 0.5797 behind (gap 0.18 > 0.10).
    2. 培训 exactly 100 against 超 100 (0.99), due 6-30: on track on 6-30, overdue 31 days on 7-31.
    3. 公示: never reported: not reported on both dates.
    4. 活动 30 of 40 on 6-30 (0.75, on track), 40 on 7-31: done.
    Mean completion (0.40 + 0.99 + 0 + 1) / 4 = 0.5975.
    """
    return bulletin_of(SCENARIO / "tasks_2025.yaml", SCENARIO / "progress", "2025-07-31", "2025-06-30")


@pytest.fixture(scope="module")
def examples() -> Bulletin:
    return bulletin_of(PLAN_FILE, EXAMPLES, "2025-09-30", "2025-08-31")


def numbers(changes) -> list[int]:
    return [c.task.number for c in changes]


def test_scenario_counts_and_completion(scenario: Bulletin) -> None:
    o = scenario.overview
    assert o.total == 4
    assert o.counts == {"done": 1, "done_late": 0, "overdue": 1, "not_reported": 1, "behind": 1, "on_track": 0}
    assert o.completion == pytest.approx(0.5975)
    assert o.finished == 1


def test_scenario_changes(scenario: Bulletin) -> None:
    ch = scenario.changes
    assert numbers(ch.newly_done) == [4]
    assert numbers(ch.newly_overdue) == [2]
    assert numbers(ch.newly_behind) == [1]
    assert ch.newly_behind[0].before == "on_track"
    assert numbers(ch.improved) == []
    # Reported after 6-30: 1a again (4, unchanged) and 4a (30 -> 40), in the plan's order.
    assert [(f.target_id, f.before, f.after) for f in ch.figures] == [("1a", 4, 4), ("4a", 30, 40)]
    assert ch.figures[1].note.startswith("<script>")


def test_scenario_laggards_overdue_first_with_their_figures(scenario: Bulletin) -> None:
    # Item 3 has no report at all and is red (0% against 58%): named last, with its targets.
    first, second, third = scenario.laggards
    assert (first.status.task.number, first.status.status, first.status.days_overdue) == (2, "overdue", 31)
    assert (first.lead_unit, first.person, first.leader) == ("乙局", "李四", "王五")
    assert [(f.id, f.actual, f.ratio) for f in first.figures] == [("2a", 100, 0.99)]
    assert (second.status.task.number, second.status.status) == (1, "behind")
    assert second.status.expected == pytest.approx(211 / 364)
    assert [(f.id, f.actual, f.ratio) for f in second.figures] == [("1a", 4, 0.4)]
    assert (third.status.task.number, third.status.status, third.status.light) == (3, "not_reported", "red")


def test_scenario_units_without_a_report_in_the_period(scenario: Bulletin) -> None:
    # 甲局 reported on 7-31; 乙局 last on 6-30 (not after it); 丙局 never.
    assert [(m.unit, m.contact.person, tuple(t.number for t in m.tasks), m.last_report) for m in scenario.missing] == [
        ("乙局", "李四", (2,), dt.date(2025, 6, 30)),
        ("丙局", "赵六", (3,), None),
    ]


def test_scenario_ranking_order(scenario: Bulletin) -> None:
    # 乙局 has the best mean (99%) but an overdue item, so it is last; 甲局 (70%, one behind)
    # and 丙局 (0%, one not reported) tie on problem items and part on completion.
    assert [r.unit for r in scenario.ranking] == ["甲局", "丙局", "乙局"]
    first = scenario.ranking[0]
    assert (first.tasks, first.finished, first.overdue, first.wanting, first.reported_in_period) == ((1, 4), 1, 0, 1, True)
    assert first.completion == pytest.approx(0.7)


def test_scenario_trend(scenario: Bulletin) -> None:
    trend = scenario.trends[0]
    assert [p.date.month for p in trend.points] == [1, 2, 3, 4, 5, 6, 7]
    assert [p.completion for p in trend.points] == [None, None, None, None, 0.4, 0.4, 0.4]
    assert trend.points[-1].expected == pytest.approx(211 / 364)


def test_illustrative_counts(examples: Bulletin) -> None:
    assert examples.overview.counts == {"done": 4, "done_late": 0, "overdue": 1, "not_reported": 3, "behind": 5, "on_track": 13}
    assert examples.overview.total == 26


def test_illustrative_changes_since_august(examples: Bulletin) -> None:
    ch = examples.changes
    assert numbers(ch.newly_done) == [8, 13, 17]
    assert numbers(ch.newly_overdue) == []
    assert numbers(ch.newly_behind) == [16, 18, 25]
    assert numbers(ch.improved) == [6, 11, 12, 14, 19, 20, 21, 23, 26]


def test_illustrative_laggards_with_figures(examples: Bulletin) -> None:
    assert [(lag.status.task.number, lag.status.status) for lag in examples.laggards] == [
        (7, "overdue"), (2, "behind"), (16, "behind"), (9, "behind"), (18, "behind"), (25, "behind"),
        (15, "not_reported"), (22, "not_reported"), (24, "not_reported"),
    ]
    seven = examples.laggards[0]
    assert seven.status.days_overdue == 61
    assert (seven.lead_unit, seven.person, seven.leader) == ("市教育局", "梁凤琼", "周佩珊")
    assert [(f.id, f.actual) for f in seven.figures] == [("7a", 1000), ("7b", 96)]


def test_illustrative_missing_and_ranking(examples: Bulletin) -> None:
    # The bulletin's list is the 催报 list of the month: the same units as `minsheng missing`.
    assert examples.missing and {"市总工会", "市公安局", "市交通运输局"} <= {m.unit for m in examples.missing}
    assert "市教育局" not in {m.unit for m in examples.missing}  # it reported on 9-30
    ranking = [r.unit for r in examples.ranking]
    assert ranking[:3] == ["市农业农村局", "市医保局", "团市委"]
    # 市教育局 leads the only overdue item: last, whatever its mean completion (93%).
    assert ranking[-1] == "市教育局"


@pytest.mark.parametrize(
    ("as_of", "since"),
    [("2025-10-31", "2025-09-30"), ("2025-03-01", "2025-02-28"), ("2025-01-15", "2024-12-31")],
)
def test_default_since_is_the_end_of_the_previous_month(as_of: str, since: str) -> None:
    assert default_since(dt.date.fromisoformat(as_of)) == dt.date.fromisoformat(since)


def test_trend_dates_are_month_ends_then_the_as_of_date() -> None:
    assert trend_dates(dt.date(2025, 1, 1), dt.date(2025, 3, 15)) == [dt.date(2025, 1, 31), dt.date(2025, 2, 28), dt.date(2025, 3, 15)]
    assert trend_dates(dt.date(2025, 1, 1), dt.date(2025, 1, 31)) == [dt.date(2025, 1, 31)]


def test_the_bulletin_names_the_units_the_reminder_list_names(run, in_root) -> None:
    """未按期填报的单位 is the 催报 list of the month (since the day after --since)."""
    import json

    from conftest import EXAMPLES as examples_folder

    missing = json.loads(run("missing", "--since", "2025-09-01", "--as-of", "2025-09-30", "--format", "json", "--progress", str(examples_folder)).stdout)
    bulletin = bulletin_of(PLAN_FILE, EXAMPLES, "2025-09-30", "2025-08-31")
    assert [m.unit for m in bulletin.missing] == [u["name"] for u in missing["units"]]


# Each fact once (#16): the bulletin reads the deadline in force, 序时进度 and the number of
# full status computations from the engine.

def _extended(deadline: str, approved: str):
    from minsheng_cli.model.adjustments import Extension

    return Extension(task=2, deadline=dt.date.fromisoformat(deadline), approved=dt.date.fromisoformat(approved),
                     document="督办函〔2025〕1号", reason="场地调整")


def _scenario_with(extensions, as_of: str = "2025-07-31", since: str = "2025-06-30", **kwargs) -> Bulletin:
    plan, _ = load_plan(SCENARIO / "tasks_2025.yaml")
    progress, _ = load_progress(plan, [SCENARIO / "progress"], today=TODAY)
    return build_bulletin(plan, progress, as_of=dt.date.fromisoformat(as_of), since=dt.date.fromisoformat(since),
                          extensions=extensions, **kwargs)


def test_laggard_words_give_the_deadline_in_force() -> None:
    from minsheng_cli.outputs.bulletin_layout import laggard_words

    # Item 2 was due 6-30; extended to 7-20 it is 11 days overdue on 7-31, not 31.
    b = _scenario_with([_extended("2025-07-20", "2025-06-15")])
    lag = next(lag for lag in b.laggards if lag.status.task.number == 2)
    words = laggard_words(lag)
    assert "7 月 20 日到期，已逾期 11 天" in words
    assert "6 月 30 日" not in words


def test_trend_line_follows_the_deadline_in_force() -> None:
    b = _scenario_with([_extended("2025-08-31", "2025-06-15")])
    trend = next(t for t in b.trends if t.task.number == 2)
    assert trend.deadline == dt.date(2025, 8, 31)
    assert trend.expected[0] == (dt.date(2025, 1, 1), 0.0)
    assert trend.expected[-1] == (dt.date(2025, 8, 31), 1.0)
    # Half-way in time to the extended deadline, not already at 100% on the plan's 6-30.
    june = dict(trend.expected)[dt.date(2025, 6, 30)]
    assert june == pytest.approx(180 / 242)


def test_one_bulletin_computes_each_status_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bulletin needs the full status on two days (its date and the period's start); the
    trends read completion and 序时进度 month by month without the rest (flags, forecasts)."""
    from minsheng_cli.engine import status

    calls = []
    original = status.task_status
    monkeypatch.setattr(status, "task_status", lambda *a, **k: calls.append(a[1].number) or original(*a, **k))
    b = _scenario_with([])
    assert len(calls) == 2 * b.overview.total == 8
    # and the trend still says what a full status would on each month's end
    plan, _ = load_plan(SCENARIO / "tasks_2025.yaml")
    progress, _ = load_progress(plan, [SCENARIO / "progress"], today=TODAY)
    for t in b.trends:
        for p in t.points:
            s = original(plan, t.task, progress, p.date)
            assert p.expected == pytest.approx(s.expected)
            assert p.completion == (None if s.status == "not_reported" or all(x.actual is None for x in s.targets) else pytest.approx(s.completion))


def test_a_districts_own_figure_is_no_laggard_line(run, in_root, tmp_path) -> None:
    """The case of #17: on 2025-10-31 台山市政府 reported its own 24a = 9.5 公里 and the lead
    市交通运输局 had not. Before, 9.5 stood as the city's figure and the bulletin named the lead a
    laggard on it (「实际 9.5 公里…落后 79 个百分点。牵头单位：市交通运输局」)."""
    from conftest import write

    write(tmp_path / "2025-10-31_台山市政府.yaml", "unit: 台山市政府\ndate: 2025-10-31\nvalues:\n  24a: 9.5\n")
    text = run("bulletin", "--progress", str(tmp_path), "--as-of", "2025-10-31").stdout
    assert "实际 9.5" not in text and "落后 79 个百分点" not in text
    assert "24a 升级改造农村公路：台山市已报 9.5 公里；牵头单位未报全市数" in text
    status = json.loads(run("status", "--format", "json", "--progress", str(tmp_path), "--as-of", "2025-10-31").stdout)
    item = next(t for t in status["tasks"] if t["no"] == 24)
    assert (item["status"], item["targets"][0]["actual"], item["targets"][0]["source"]) == ("not_reported", None, "none")
