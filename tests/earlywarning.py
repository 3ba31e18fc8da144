"""Helpers for the early-warning tests: a plan from text, readings from tuples, one status."""

from __future__ import annotations

import datetime as dt

from conftest import ROOT
from minsheng_cli.model.plan import Plan, load_plan, plan_from_document
from minsheng_cli.reading.problems import Problem
from minsheng_cli.model.progress import Progress, Reading
from minsheng_cli.reading.yamlsource import parse_yaml

WARNING_DATA = ROOT / "tests" / "data" / "warning"
WARNING_PLAN = WARNING_DATA / "tasks_2025.yaml"


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def warning_plan() -> Plan:
    plan, problems = load_plan(WARNING_PLAN)
    assert plan is not None, problems
    return plan


def plan_problems(text: str) -> tuple[Plan | None, list[Problem]]:
    doc, problems = parse_yaml(text.encode(), "plan.yaml")
    assert doc is not None, problems
    return plan_from_document(doc)


def readings(*rows: tuple) -> Progress:
    """Readings as (date, target, value[, unit]); the unit defaults to 甲局."""
    history: dict[str, list[Reading]] = {}
    for row in rows:
        date, target, value = row[:3]
        unit = row[3] if len(row) > 3 else "甲局"
        history.setdefault(target, []).append(Reading(d(date), target, unit, value))
    for items in history.values():
        items.sort(key=lambda r: (r.date, r.unit))
    return Progress(history)


def report(date: str, unit: str, **values: object) -> str:
    """A report file's text."""
    lines = "".join(f"  {k}: {str(v).lower() if isinstance(v, bool) else v}\n" for k, v in values.items())
    return f"unit: {unit}\ndate: {date}\nvalues:\n{lines}"
