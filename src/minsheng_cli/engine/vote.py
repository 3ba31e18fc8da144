"""The vote's result (票决结果): which candidates pass the majority and which are adopted.

A candidate passes when it has more than half of the votes of the deputies present (exactly half
does not pass: 2 × votes > present). Of those that pass, the best placed are adopted, up to the
number to adopt. Candidates are placed by their votes, the congress's order; candidates with the
same votes share a place. When candidates with the same votes stand across the cut (the last
place to fill and the first left out have the same votes), the vote does not decide between
them: they are `tied`, neither adopted nor left out, and the result says so, because choosing
one by the order of the list would decide the vote silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from minsheng_cli.model.candidates import Candidate, Candidates

OUTCOMES = ("adopted", "tied", "outranked", "no_majority")
OUTCOME_LABELS = {
    "adopted": "入选",
    "tied": "票数相同，待定",
    "outranked": "未入选（得票过半，名次在后）",
    "no_majority": "未入选（得票未过半数）",
}


def majority(votes: int, present: int) -> bool:
    """Whether `votes` is more than half of the deputies present."""
    return 2 * votes > present


@dataclass(frozen=True)
class Placed:
    """One candidate in the result: its place (shared by equal votes), majority and outcome."""

    candidate: Candidate
    place: int
    majority: bool
    outcome: str


@dataclass(frozen=True)
class VoteResult:
    ballot: Candidates
    #: Every candidate, most votes first; equal votes in the order of the list.
    placed: tuple[Placed, ...]

    @property
    def adopted(self) -> tuple[Placed, ...]:
        return tuple(p for p in self.placed if p.outcome == "adopted")

    @property
    def tied(self) -> tuple[Placed, ...]:
        return tuple(p for p in self.placed if p.outcome == "tied")

    @property
    def open_places(self) -> int:
        """Places the tie leaves to fill (0 without a tie)."""
        return min(self.ballot.adopt, len(self.passed)) - len(self.adopted) if self.tied else 0

    @property
    def passed(self) -> tuple[Placed, ...]:
        return tuple(p for p in self.placed if p.majority)

    @property
    def needed(self) -> int:
        """The fewest votes that pass: more than half of those present."""
        return self.ballot.present // 2 + 1


def count_votes(ballot: Candidates) -> VoteResult:
    """The result of a checked ballot."""
    order = sorted(enumerate(ballot.candidates), key=lambda pair: (-pair[1].votes, pair[0]))
    ranked = [c for _, c in order]
    places = {}
    for i, c in enumerate(ranked):
        places[id(c)] = i + 1 if i == 0 or ranked[i - 1].votes != c.votes else places[id(ranked[i - 1])]
    passed = [c for c in ranked if majority(c.votes, ballot.present)]
    adopted: set[int] = set()
    tied: set[int] = set()
    if len(passed) <= ballot.adopt:
        adopted = {id(c) for c in passed}
    else:
        cut = passed[ballot.adopt - 1].votes
        if passed[ballot.adopt].votes == cut:
            adopted = {id(c) for c in passed if c.votes > cut}
            tied = {id(c) for c in passed if c.votes == cut}
        else:
            adopted = {id(c) for c in passed[: ballot.adopt]}

    def outcome(c: Candidate) -> str:
        if id(c) in adopted:
            return "adopted"
        if id(c) in tied:
            return "tied"
        return "outranked" if majority(c.votes, ballot.present) else "no_majority"

    return VoteResult(ballot, tuple(Placed(c, places[id(c)], majority(c.votes, ballot.present), outcome(c)) for c in ranked))
