"""序时安排: an item's or a target's expected progress over the year, from dated nodes.

Without a schedule 序时进度 is a straight line from the plan's start to the deadline. A schedule
(`2025-06-30: 30`, `2025-09-30: 70`) bends it: straight from the start (0) to the first node,
between nodes, and from the last node to the deadline (100%). A milestone's schedule is one
node, the date it is due: 0 before that day, 100% from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, NamedTuple

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from minsheng_cli.reading.fields import Date


def _share(value: Any) -> Any:
    # "30%" is how the office writes a node; the number is the same.
    if isinstance(value, str) and value.strip().endswith(("%", "％")):
        value = value.strip()[:-1].strip()
        try:
            value = float(value) if "." in value else int(value)
        except ValueError:
            raise PydanticCustomError("not_a_number", "应为百分数", {"hint": "写成 30 或 30%"}) from None
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise PydanticCustomError("not_a_number", "应为百分数", {"hint": "写成 30 或 30%"})
    return value


Share = Annotated[
    int | float,
    BeforeValidator(_share),
    Field(ge=0, le=100),
    WithJsonSchema({"type": ["number", "string"], "description": "应完成的百分比，如 30 或 30%"}),
]
#: Dated nodes: the share (percent) expected done by each date.
Schedule = dict[Date, Share]


class Node(NamedTuple):
    date: dt.date
    share: float  # 0..1


def nodes_of(schedule: dict[dt.date, float] | None) -> tuple[Node, ...]:
    return tuple(Node(day, share / 100) for day, share in (schedule or {}).items())


def expected_share(start: dt.date, deadline: dt.date, day: dt.date, nodes: tuple[Node, ...] = (), *, step: bool = False) -> float:
    """The share expected done on `day`: interpolated between (start, 0), the nodes and
    (deadline, 1); with `step` (a milestone's due date), 0 before the node and 1 from it."""
    if step and nodes:
        return 1.0 if day >= nodes[0].date else 0.0
    points = [Node(start, 0.0), *(n for n in nodes if start < n.date < deadline), Node(deadline, 1.0)]
    if day >= deadline:
        return 1.0
    if day <= start:
        return 0.0
    for before, after in zip(points, points[1:]):
        if day <= after.date:
            span = (after.date - before.date).days
            return before.share + (after.share - before.share) * (day - before.date).days / span
    return 1.0


class NodeCheck(NamedTuple):
    """A problem with one node (by its date), or with the whole schedule (date None)."""

    date: dt.date | None
    code: str
    message: str
    hint: str = ""


def check_schedule(schedule: dict[dt.date, float], *, start: dt.date, deadline: dt.date, milestone: bool = False) -> Iterator[NodeCheck]:
    """Nodes in date order, after the plan's start, by the deadline, shares not falling,
    100% at the deadline; a milestone's schedule is one node at 100."""
    if milestone:
        if len(schedule) != 1 or 100 not in schedule.values():
            yield NodeCheck(None, "bad-schedule", "定性任务的序时安排只写一个节点：应完成的日期和 100", "例如 schedule: {2025-06-30: 100}")
    previous: tuple[dt.date, float] | None = None
    for day, share in schedule.items():
        if day <= start or day > deadline:
            yield NodeCheck(day, "schedule-outside", f"节点 {day} 不在计划开始（{start}）之后、完成时间（{deadline}）之前", f"节点日期写在 {start} 之后、{deadline} 及之前")
        elif previous is not None and day <= previous[0]:
            yield NodeCheck(day, "schedule-order", f"节点 {day} 应晚于上一个节点 {previous[0]}", "按日期先后逐行写节点")
        elif previous is not None and share < previous[1]:
            yield NodeCheck(day, "schedule-falling", f"节点 {day} 的 {share}% 低于上一个节点的 {previous[1]}%", "累计应完成的比例只能持平或上升")
        elif day == deadline and share != 100:
            yield NodeCheck(day, "schedule-short", f"完成时间 {day} 的节点应为 100%，却是 {share}%", "到完成时间应全部完成；延后的部分请走延期审批")
        previous = (day, share)
