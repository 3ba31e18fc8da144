"""A small plan broken down onto units and districts (分解), for the hand-worked scenarios of
tests/test_cityfigure.py, test_shares.py and test_roles.py.

Item 1 (lead 市甲局): 1a 充电桩 ≥ 100, quotas 东区 50 / 西区 30 / 南区 20; 1b 其中服务区 ≥ 10,
市乙局's part; 1c 收费标准, a `standard` (city-only). 市丙局 co-handles item 1 with no part.
Item 2 (lead 市乙局): 2a 道路 > 20 公里, no quotas; 市甲局 co-handles it. The year runs from
01-01 to the deadline 12-31 (364 days), so on 07-02 序时进度 is exactly 50%.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from minsheng_cli.model.plan import Plan, plan_from_document
from minsheng_cli.model.progress import Progress, Reading
from minsheng_cli.reading.yamlsource import parse_yaml

PLAN = """\
year: 2025
title: 分解测试计划
units: {市甲局: 张三, 市乙局: 李四, 市丙局: 王五, 东区政府: 赵六, 西区政府: 钱七, 南区政府: 孙八, 各区政府: 各区区长}
districts: {东区: 东区政府, 西区: 西区政府, 南区: 南区政府}
all_districts: 各区政府
categories:
  - number: 1
    title: 测试
    tasks:
      - number: 1
        text: 建设充电桩 100 个，其中服务区 10 个，统一收费标准。（牵头单位：市甲局）
        leader: 领导甲
        units: [市甲局, 市乙局, 市丙局, 各区政府]
        deadline: 2025-12-31
        targets:
          1a: {name: 充电桩, kind: count, at_least: 100, unit: 个, quotas: {东区政府: 50, 西区政府: 30, 南区政府: 20}}
          1b: {name: 其中服务区, kind: count, at_least: 10, unit: 个, part_of: 1a, reported_by: 市乙局}
          1c: {name: 收费标准, kind: standard, at_least: 1, unit: 元}
      - number: 2
        text: 改造道路超 20 公里。（牵头单位：市乙局）
        leader: 领导乙
        units: [市乙局, 市甲局, 各区政府]
        deadline: 2025-12-31
        targets:
          2a: {name: 道路, kind: count, more_than: 20, unit: 公里}
"""

AS_OF = dt.date(2025, 7, 2)


def breakdown_plan() -> Plan:
    doc, problems = parse_yaml(PLAN.encode(), "breakdown.yaml")
    assert doc is not None, problems
    plan, problems = plan_from_document(doc)
    assert plan is not None and problems == [], problems
    return plan


def readings(*rows: tuple[str, str, str, object]) -> Progress:
    """Readings as (date, target, unit, value), in the order load_progress keeps them."""
    history: dict[str, list[Reading]] = {}
    for date, target, unit, value in rows:
        history.setdefault(target, []).append(Reading(dt.date.fromisoformat(date), target, unit, value))
    for items in history.values():
        items.sort(key=lambda r: (r.date, r.unit))
    return Progress(history)


def write_reports(folder: Path, reports: dict[str, dict[str, str]], date: str = "2025-06-30") -> Path:
    """Report files `DATE_UNIT.yaml` with the given `values:` lines, one file per unit."""
    folder.mkdir(parents=True, exist_ok=True)
    for unit, values in reports.items():
        lines = "".join(f"  {tid}: {value}\n" for tid, value in values.items())
        (folder / f"{date}_{unit}.yaml").write_text(f"unit: {unit}\ndate: {date}\nvalues:\n{lines}", encoding="utf-8")
    return folder
