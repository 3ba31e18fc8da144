"""票决: the candidate projects the people's congress votes on, kept in `candidates_YYYY.yaml`.

At the session the deputies vote on a list of candidates (say 15 for 10 places)::

    session: 江门市第十五届人民代表大会第六次会议
    deputies: 400        # 应到代表
    present: 386         # 实到代表
    adopt: 10            # 拟票决产生的项目数
    candidates:
      - id: 1
        title: 老年助餐服务
        lead_unit: 市民政局          # 拟牵头单位
        text: 新建老年助餐服务点 30 个……
        votes: 352

Checked like the plan, each problem at its line: counts are whole numbers, `present` does not
exceed `deputies`, no candidate has more votes than deputies present, ids are unique, and
`adopt` is at most the number of candidates. The result is the engine's (`engine.vote`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

from pydantic import Field

from minsheng_cli.model.survey import Count, Headcount, is_blank
from minsheng_cli.reading.fields import Date, Model, Text
from minsheng_cli.reading.modelerrors import load_checked
from minsheng_cli.reading.problems import Problem
from minsheng_cli.reading.yamlsource import Document


class Candidate(Model):
    """One candidate project on the ballot."""

    id: Annotated[int, Field(ge=1)] | Text
    title: Text
    lead_unit: Text
    text: Text
    votes: Count


class Candidates(Model):
    """The ballot of a session: who could vote, how many to adopt, the candidates and their votes."""

    session: Text
    date: Date | None = None
    deputies: Headcount
    present: Headcount
    adopt: Headcount
    candidates: Annotated[list[Candidate], Field(min_length=1)]
    note: Text | None = None


def load_candidates(path: Path) -> tuple[Candidates | None, list[Problem]]:
    """Read and check a candidates file; None when it has errors, or (with no problems) when it
    is still blank (`survey.is_blank`)."""
    return load_checked(path, Candidates, _checks, blank=lambda data: is_blank(data, ("deputies", "present", "adopt"), "candidates"))


def _checks(doc: Document, ballot: Candidates) -> Iterable[Problem]:
    if ballot.present > ballot.deputies:
        yield doc.problem(("present",), "present-over-deputies", f"实到代表 {ballot.present} 人，多于应到 {ballot.deputies} 人", "核对 deputies（应到）与 present（实到）")
    if ballot.adopt > len(ballot.candidates):
        yield doc.problem(("adopt",), "adopt-over-candidates", f"拟票决 {ballot.adopt} 个项目，但候选项目只有 {len(ballot.candidates)} 个", "核对 adopt 与候选项目清单")
    seen: dict[str, int] = {}
    for i, c in enumerate(ballot.candidates):
        key = str(c.id)
        if key in seen:
            yield doc.problem(("candidates", i, "id"), "duplicate-id", f"候选项目编号 {key} 重复（第 {seen[key] + 1} 个候选项目已用）", "每个候选项目一个编号")
        seen.setdefault(key, i)
        if c.votes > ballot.present:
            yield doc.problem(("candidates", i, "votes"), "votes-over-present", f"候选项目 {key} 得票 {c.votes}，多于实到代表 {ballot.present} 人", "核对计票结果：每位代表对每个项目只投一票")
