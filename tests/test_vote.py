"""The vote's result on hand-worked ballots: more than half of those present (exactly half
fails), the best placed adopted up to `adopt`, and a tie at the cut named, never broken by the
order of the list."""

from __future__ import annotations

from minsheng_cli.engine.vote import count_votes, majority
from minsheng_cli.model.candidates import Candidates


def ballot(votes: list[int], *, present: int = 386, adopt: int = 3, deputies: int = 400) -> Candidates:
    return Candidates.model_validate({
        "session": "第六次会议", "deputies": deputies, "present": present, "adopt": adopt,
        "candidates": [{"id": i + 1, "title": f"项目{i + 1}", "lead_unit": "市甲局", "text": "文字", "votes": v} for i, v in enumerate(votes)],
    })


def outcomes(b: Candidates) -> dict[int, str]:
    return {p.candidate.id: p.outcome for p in count_votes(b).placed}


def test_majority_is_more_than_half_of_those_present_exactly_half_is_not() -> None:
    assert not majority(193, 386) and majority(194, 386)
    assert not majority(193, 387) and majority(194, 387)  # 193.5 is half of 387
    result = count_votes(ballot([193, 194], adopt=2))
    assert [(p.candidate.votes, p.majority) for p in result.placed] == [(194, True), (193, False)]
    assert result.needed == 194
    assert outcomes(ballot([193, 194], adopt=2)) == {2: "adopted", 1: "no_majority"}


def test_the_majority_is_of_those_present_not_of_all_deputies() -> None:
    # 190 of 400 deputies is less than half of them, but more than half of the 370 present.
    assert outcomes(ballot([190], present=370, adopt=1)) == {1: "adopted"}


def test_the_best_placed_are_adopted_up_to_adopt_in_the_congress_order() -> None:
    result = count_votes(ballot([250, 352, 301, 280, 200], adopt=3))
    assert [p.candidate.id for p in result.placed] == [2, 3, 4, 1, 5]
    assert [p.outcome for p in result.placed] == ["adopted", "adopted", "adopted", "outranked", "outranked"]
    assert [p.place for p in result.placed] == [1, 2, 3, 4, 5]


def test_a_tie_at_the_cut_is_named_and_not_broken_by_the_list_order() -> None:
    result = count_votes(ballot([300, 250, 200, 200, 150], adopt=3))
    assert outcomes(ballot([300, 250, 200, 200, 150], adopt=3)) == {1: "adopted", 2: "adopted", 3: "tied", 4: "tied", 5: "no_majority"}
    assert [p.candidate.id for p in result.tied] == [3, 4]
    assert result.open_places == 1
    assert [p.place for p in result.placed] == [1, 2, 3, 3, 5]


def test_a_tie_of_three_for_two_places() -> None:
    result = count_votes(ballot([300, 200, 200, 200], adopt=3))
    assert [p.outcome for p in result.placed] == ["adopted", "tied", "tied", "tied"]
    assert result.open_places == 2


def test_a_tie_above_the_cut_or_wholly_inside_it_decides_nothing() -> None:
    assert outcomes(ballot([300, 300, 200, 199], adopt=3)) == {1: "adopted", 2: "adopted", 3: "adopted", 4: "outranked"}
    assert outcomes(ballot([300, 200, 200], adopt=3)) == {1: "adopted", 2: "adopted", 3: "adopted"}
    assert count_votes(ballot([300, 200, 200], adopt=3)).tied == ()


def test_a_tie_among_candidates_without_a_majority_is_no_tie_at_the_cut() -> None:
    # Only one candidate passes; the two with exactly half are out, whatever their tie.
    result = count_votes(ballot([300, 193, 193], adopt=2))
    assert [p.outcome for p in result.placed] == ["adopted", "no_majority", "no_majority"]
    assert result.tied == ()


def test_fewer_passing_than_places_adopts_only_those_that_pass() -> None:
    result = count_votes(ballot([300, 150, 100], adopt=2))
    assert [p.candidate.id for p in result.adopted] == [1]
    assert len(result.passed) == 1
