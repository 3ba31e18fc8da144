"""What `validate` checks of the people's congress loop's files: `candidates_YYYY.yaml`,
`inspections_YYYY.yaml` and `survey_YYYY.yaml`, each at file:line:col like the plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from minsheng_cli.model.candidates import load_candidates
from minsheng_cli.model.congress_files import KINDS, congress_file, congress_kind
from minsheng_cli.model.inspections import load_inspections
from minsheng_cli.model.plan import Plan
from minsheng_cli.model.survey import load_survey
from minsheng_cli.reading.problems import Problem
from minsheng_cli.reading.text import display


def own_files(plan_path: Path, progress_dir: Path | None, plan: Plan) -> list[Path]:
    """The plan's own files of the loop that exist: its year's three, and the next year's ballot
    while that year has no plan yet (the vote that will make it)."""
    found = [congress_file(kind, plan_path, progress_dir, plan.year) for kind in KINDS]
    if not (plan_path.parent / f"tasks_{plan.year + 1}.yaml").is_file():
        found.append(congress_file("candidates", plan_path, progress_dir, plan.year + 1))
    return [p for p in found if p.is_file()]


def check_congress_file(path: Path, plan: Plan, *, today: dt.date) -> list[Problem]:
    """The problems of one of the loop's files. A ballot needs no plan (it makes one); the
    inspections and the survey are checked against the plan of their year."""
    kind, year = congress_kind(path) or ("", 0)
    if kind == "candidates":
        return load_candidates(path)[1]
    if year != plan.year:
        return [Problem(display(path), 1, 1, "no-plan-for-year", f"文件属于 {year} 年，与计划年度 {plan.year} 不符",
                        f"仓库中应有 {year} 年的计划 tasks_{year}.yaml；或检查文件名中的年度")]
    if kind == "inspections":
        return load_inspections(path, plan, today=today)[1]
    return load_survey(path, plan)[1]
