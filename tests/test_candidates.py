"""candidates_YYYY.yaml: a good ballot reads; a bad one is refused at the line of each problem."""

from __future__ import annotations

from pathlib import Path

from conftest import write
from minsheng_cli.model.candidates import load_candidates

GOOD = """\
session: 第六次会议
deputies: 400
present: 386
adopt: 2
candidates:
  - id: 1
    title: 老年助餐
    lead_unit: 市民政局
    text: 新建老年助餐服务点 30 个。
    votes: 352
  - id: A2
    title: 学位扩容
    lead_unit: 市教育局
    text: 新增公办学位 5000 个。
    votes: 193
"""


def found(tmp_path: Path, text: str) -> list[tuple[int, int, str]]:
    ballot, problems = load_candidates(write(tmp_path / "candidates_2026.yaml", text))
    assert ballot is None
    return [(p.line, p.column, p.code) for p in problems]


def test_a_good_ballot_reads(tmp_path: Path) -> None:
    ballot, problems = load_candidates(write(tmp_path / "candidates_2026.yaml", GOOD))
    assert problems == [] and ballot is not None
    assert [c.id for c in ballot.candidates] == [1, "A2"]


def test_present_over_deputies_and_votes_over_present_at_their_lines(tmp_path: Path) -> None:
    text = GOOD.replace("present: 386", "present: 401").replace("votes: 352", "votes: 402")
    assert found(tmp_path, text) == [(3, 10, "present-over-deputies"), (10, 12, "votes-over-present")]


def test_adopt_over_the_candidates_and_a_repeated_id(tmp_path: Path) -> None:
    text = GOOD.replace("adopt: 2", "adopt: 3").replace("id: A2", "id: 1")
    assert found(tmp_path, text) == [(4, 8, "adopt-over-candidates"), (11, 9, "duplicate-id")]


def test_counts_are_whole_numbers_and_keys_are_known(tmp_path: Path) -> None:
    text = GOOD.replace("votes: 193", "votes: 193.5").replace("lead_unit: 市民政局", "lead_unti: 市民政局").replace("deputies: 400", "deputies: 四百")
    codes = found(tmp_path, text)
    assert [(line, code) for line, _, code in codes] == [(2, "not-whole"), (8, "unknown-field"), (15, "not-whole")]
