"""测评等次 on hand-worked ballots, every edge exactly on half, for both bases; the overall
满意率; and survey files refused at the right line."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from conftest import write
from minsheng_cli.engine.survey import grade, more_than_half, rate
from minsheng_cli.model.plan import Plan
from minsheng_cli.model.survey import Result, Survey, load_survey
from minsheng_cli.outputs.congress_views import rate_percent


def ballots(satisfied: int, basic: int, dissatisfied: int, abstain: int | None = None) -> Result:
    return Result(satisfied=satisfied, basic=basic, dissatisfied=dissatisfied, abstain=abstain)


@pytest.mark.parametrize(("base", "satisfied", "basic", "expected"), [
    # 44 members: half is 22.
    (44, 23, 0, "satisfied"),     # one more than half
    (44, 22, 20, "basic"),        # exactly half is not more than half; with 基本满意 42 > 22
    (44, 22, 1, "basic"),         # 23 together
    (44, 22, 0, "dissatisfied"),  # 22 together: exactly half
    (44, 10, 12, "dissatisfied"),
    (44, 0, 23, "basic"),
    # 45 members: half is 22.5, so 23 passes and 22 does not.
    (45, 23, 0, "satisfied"),
    (45, 22, 1, "basic"),
    (45, 22, 0, "dissatisfied"),
    # 40 present: half is 20.
    (40, 21, 0, "satisfied"),
    (40, 20, 5, "basic"),
    (40, 20, 0, "dissatisfied"),
    (40, 15, 5, "dissatisfied"),
    (40, 15, 6, "basic"),
])
def test_grade_by_the_rule_exactly_half_is_not_more_than_half(base: int, satisfied: int, basic: int, expected: str) -> None:
    assert grade(ballots(satisfied, basic, 0), base) == expected


def test_more_than_half() -> None:
    assert [more_than_half(v, 44) for v in (21, 22, 23)] == [False, False, True]
    assert [more_than_half(v, 45) for v in (22, 23)] == [False, True]


def _plan(plan: Plan) -> Plan:
    return plan


def survey_of(plan: Plan, base: str, rows: dict[int, Result], *, members: int = 44, present: int = 40) -> Survey:
    results = {str(t.number): rows.get(t.number, ballots(30, 5, 5)) for t in plan.tasks}
    return Survey(members=members, present=present, base=base, results=results)


def test_the_same_ballots_grade_differently_by_base(plan: Plan) -> None:
    # 21 满意 of 44 members is not more than half; of 40 present it is.
    rows = {1: ballots(21, 2, 17), 2: ballots(20, 1, 19), 3: ballots(20, 0, 20)}
    by_members = {r.task.number: r.grade for r in rate(plan, survey_of(plan, "members", rows)).ratings}
    by_present = {r.task.number: r.grade for r in rate(plan, survey_of(plan, "present", rows)).ratings}
    assert (by_members[1], by_present[1]) == ("basic", "satisfied")
    assert (by_members[2], by_present[2]) == ("dissatisfied", "basic")  # 21 together: ≤ 22, > 20
    assert (by_members[3], by_present[3]) == ("dissatisfied", "dissatisfied")  # 20 together: exactly half of 40


def test_base_defaults_to_all_members(plan: Plan) -> None:
    survey = Survey(members=44, present=40, results={str(t.number): ballots(21, 5, 14) for t in plan.tasks})
    assert survey.base == "members"
    assert rate(plan, survey).base == 44
    assert {r.grade for r in rate(plan, survey).ratings} == {"basic"}


def test_counts_and_overall_rate_is_of_the_sums_not_the_mean_of_rates(plan: Plan) -> None:
    rows = {t.number: ballots(0, 0, 0) for t in plan.tasks}  # no vote cast: no rate, 不满意
    rows[1] = ballots(1, 0, 0)   # 100%
    rows[2] = ballots(0, 0, 2, abstain=1)  # 0 of 3 cast: 弃权 is a vote cast
    result = rate(plan, survey_of(plan, "present", rows, members=5, present=3))
    assert result.approval == Fraction(1, 4)  # (1 + 0) ÷ (1 + 3), not the mean of 100% and 0%
    assert rate_percent(result.approval) == "25.00%"
    ratings = {r.task.number: r for r in result.ratings}
    assert ratings[2].result.cast == 3 and ratings[2].approval == 0
    assert ratings[3].approval is None
    assert result.counts == {"satisfied": 0, "basic": 0, "dissatisfied": 26}  # 1 of 3 present is not more than half


def test_rate_percent_rounds_down_to_hundredths() -> None:
    assert rate_percent(Fraction(2, 3)) == "66.66%"
    assert rate_percent(Fraction(9856, 10000)) == "98.56%"
    assert rate_percent(Fraction(1)) == "100.00%"
    assert rate_percent(None) == "—"


HEADER = "members: 44\npresent: 40\nresults:\n"


def _rows(plan: Plan, skip: set[int] = frozenset(), line: str = "{satisfied: 30, basic: 5, dissatisfied: 5}") -> str:
    return "".join(f"  {t.number}: {line}\n" for t in plan.tasks if t.number not in skip)


def problems_of(tmp_path: Path, plan: Plan, text: str) -> list[tuple[int, int, str]]:
    path = write(tmp_path / "survey_2025.yaml", text)
    survey, problems = load_survey(path, plan)
    assert survey is None
    return [(p.line, p.column, p.code) for p in problems]


def test_a_good_file_reads(tmp_path: Path, plan: Plan) -> None:
    survey, problems = load_survey(write(tmp_path / "survey_2025.yaml", HEADER + _rows(plan)), plan)
    assert problems == [] and survey is not None and len(survey.results) == 26


def test_present_over_members_is_refused_at_its_line(tmp_path: Path, plan: Plan) -> None:
    assert problems_of(tmp_path, plan, "members: 44\npresent: 45\nresults:\n" + _rows(plan)) == [(2, 10, "present-over-members")]


def test_votes_cast_over_present_is_refused_at_the_item(tmp_path: Path, plan: Plan) -> None:
    rows = _rows(plan, {3}) + "  3: {satisfied: 30, basic: 5, dissatisfied: 5, abstain: 1}\n"
    found = problems_of(tmp_path, plan, HEADER + rows)
    assert found == [(29, 3, "votes-over-present")]


def test_votes_cast_equal_to_present_pass(tmp_path: Path, plan: Plan) -> None:
    survey, problems = load_survey(write(tmp_path / "survey_2025.yaml", HEADER + _rows(plan, line="{satisfied: 38, basic: 1, dissatisfied: 0, abstain: 1}")), plan)
    assert problems == []


def test_every_item_is_rated_once(tmp_path: Path, plan: Plan) -> None:
    assert problems_of(tmp_path, plan, HEADER + _rows(plan, {7, 12})) == [(3, 1, "not-rated")]
    twice = HEADER + _rows(plan) + "  07: {satisfied: 30, basic: 5, dissatisfied: 5}\n"
    assert problems_of(tmp_path, plan, twice) == [(30, 3, "rated-twice")]
    unknown = HEADER + _rows(plan) + "  27: {satisfied: 30, basic: 5, dissatisfied: 5}\n"
    assert problems_of(tmp_path, plan, unknown) == [(30, 3, "unknown-task")]
    word = HEADER + _rows(plan) + "  第1项: {satisfied: 30, basic: 5, dissatisfied: 5}\n"
    assert problems_of(tmp_path, plan, word) == [(30, 3, "not-an-item")]


@pytest.mark.parametrize(("value", "code"), [
    ("30.5", "not-whole"), ("-1", "out-of-range"), ("三十", "not-whole"), ("true", "not-whole"), ("", "empty-value"),
    ("30票", "unit-in-value"), ("'3,0'", "not-whole"), ("1e3", "not-whole"),
])
def test_counts_are_whole_numbers(tmp_path: Path, plan: Plan, value: str, code: str) -> None:
    rows = _rows(plan, {5}) + f"  5:\n    satisfied: {value}\n    basic: 5\n    dissatisfied: 5\n"
    found = problems_of(tmp_path, plan, HEADER + rows)
    assert [(line, c) for line, _, c in found] == [(30, code)]  # the line of `satisfied:`


def test_every_problem_of_a_file_in_one_run(tmp_path: Path, plan: Plan) -> None:
    text = "members: 44\npresent: 45\nbase: everyone\nresults:\n" + _rows(plan, {1}) + "  1: {satisfied: 30, basic: x, dissatisfied: 5, abstian: 1}\n"
    found = problems_of(tmp_path, plan, text)
    assert {(line, code) for line, _, code in found} == {(3, "not-allowed"), (30, "not-whole"), (30, "unknown-field")}


def test_counts_typed_as_text_or_full_width_digits_read_exactly(tmp_path: Path, plan: Plan) -> None:
    rows = _rows(plan, {5, 6}) + "  5: {satisfied: '30', basic: ３, dissatisfied: 5}\n  ６: {satisfied: 30, basic: 5, dissatisfied: 5}\n"
    survey, problems = load_survey(write(tmp_path / "survey_2025.yaml", "members: '44'\npresent: ４０\nresults:\n" + rows), plan)
    assert problems == [] and survey is not None
    assert (survey.members, survey.present) == (44, 40)
    assert survey.result(5) == ballots(30, 3, 5) and survey.result(6) == ballots(30, 5, 5)
