"""A plan skeleton for the projects the congress adopted (`minsheng vote -o tasks_YYYY.yaml`).

Each adopted candidate becomes a project (类别) with one item whose text is the candidate's text
ending in （牵头单位：X）. Everything a ballot does not say (the leader, the units' persons, the
deadline, the targets) is left for the office, each place with a review marker as `plan draft`
writes them (`markers.marker`), so the skeleton fails `validate` until a person has filled it in.
"""

from __future__ import annotations

from minsheng_cli.engine.vote import VoteResult
from minsheng_cli.model.markers import marker
from minsheng_cli.model.plan import LEAD_UNIT
from minsheng_cli.reading.yamlwrite import scalar


def render_skeleton(result: VoteResult, *, year: int, source: str) -> str:
    """The skeleton of the year's plan from the adopted candidates, in the congress's order."""
    adopted = [p.candidate for p in result.adopted]
    units = list(dict.fromkeys(c.lead_unit for c in adopted))
    out = [
        f"# {year} 年民生实事（票决结果生成的计划骨架）",
        f"# 由 minsheng vote 从 {source} 生成：{result.ballot.session}票决产生的 {len(adopted)} 个项目，按得票从多到少排列。",
        "# 这是骨架：标有“待核对”的每一处（分管市领导、责任人、完成时间、目标）都要按正式分解表填写，然后删去这个标记。",
        "# 还有标记时 minsheng validate 不通过，其他命令也不使用这份计划。写法见 minsheng 的 README“The plan file”。",
        f"year: {year}",
        f"title: {scalar(f'{year} 年民生实事')}",
        "",
        "units:",
    ]
    out += [f"  {scalar(unit)}: null  {marker('填写责任人')}" for unit in units]
    out += ["", "categories:"]
    for number, c in enumerate(adopted, start=1):
        text = c.text.strip()
        if not LEAD_UNIT.search(text):
            text += f"（牵头单位：{c.lead_unit}）"
        out += [
            f"  - number: {number}",
            f"    title: {scalar(c.title)}",
            "    tasks:",
            f"      - number: {number}",
            f"        {marker(f'候选项目 {c.id}，得票 {c.votes}；按分解表拆分为工作事项，核对原文')}",
            f"        text: {scalar(text)}",
            f"        leader: null  {marker('填写分管市领导')}",
            f"        units: [{scalar(c.lead_unit)}]  {marker('补上配合单位（牵头单位在前）')}",
            f"        deadline: null  {marker(f'填写完成时间，如 {year}-12-31')}",
            "        targets:",
            f"          {number}a: {{name: {scalar(c.title)}, kind: milestone}}  {marker('按原文分解可量化的目标')}",
        ]
    return "\n".join(out) + "\n"
