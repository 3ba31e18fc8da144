"""Loading the people's congress loop's files for the commands that show them (`show`,
`bulletin`, `missing`, `survey`, `report`): each says on stderr which file it used, and stops
with exit 1 after printing a file's errors."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from minsheng_cli.cli.common import fail, find_progress, say

if TYPE_CHECKING:
    from minsheng_cli.model.inspections import Inspections
    from minsheng_cli.model.plan import Plan
    from minsheng_cli.model.survey import Survey


def stop_on(problems: list, what: str) -> None:
    """Print a file's problems on stderr and stop with exit 1."""
    from minsheng_cli.outputs.problem_formats import report_text

    report_text(problems, sys.stderr)
    raise fail(f"{what}有错误，请先修正（minsheng validate 可查看全部问题）", 1)


def open_inspections(plan_file: Path, plan: Plan, folder: Path | None) -> Inspections | None:
    """The year's inspections and 督办建议 if the file exists (said on stderr), or exit 1 after
    printing its errors; None without the file."""
    from minsheng_cli.model.congress_files import congress_file
    from minsheng_cli.model.inspections import load_inspections
    from minsheng_cli.reading.text import display

    path = congress_file("inspections", plan_file, folder, plan.year)
    if not path.is_file():
        return None
    record, problems = load_inspections(path, plan)
    if record is None:
        stop_on(problems, "视察与督办建议文件")
    say(f"视察与督办建议：{display(path)}（视察、调研 {len(record.inspections)} 次，督办建议 {len(record.suggestions)} 条）")
    return record


def open_survey(plan_file: Path, plan: Plan, folder: Path | None, *, required: bool) -> Survey | None:
    """The year's 满意度测评 if the file exists (said on stderr), or exit 1 after printing its
    errors; without the file, None, or exit 2 when `required`."""
    from minsheng_cli.model.congress_files import congress_file
    from minsheng_cli.model.survey import load_survey
    from minsheng_cli.reading.text import display

    path = congress_file("survey", plan_file, folder, plan.year)
    if not path.is_file():
        if required:
            raise fail(f"没有 {plan.year} 年的测评文件 {display(path)}（minsheng init 生成的空白文件可照填；或用 --progress 指定报告目录，测评文件在其旁边）")
        return None
    survey, problems = load_survey(path, plan)
    if survey is None and not problems:
        if required:
            raise fail(f"测评文件 {display(path)} 尚未填写（members、present 与 results 为空）", 1)
        say(f"注意：测评文件 {display(path)} 尚未填写，没有测评结果")
        return None
    if survey is None:
        stop_on(problems, "测评文件")
    say(f"测评：{display(path)}（{len(survey.results)} 项）")
    return survey


def late_suggestions(plan_file: Path, plan: Plan, progress: Path | None, as_of: dt.date) -> tuple[list[str], list[dict]] | None:
    """`missing`'s 督办建议 part: a summary line and a reminder per unit with open suggestions past
    due on `as_of`, and their JSON; None without an inspections file."""
    from minsheng_cli.engine.inspections import by_unit, past_due, suggestion_reminder
    from minsheng_cli.outputs.congress_views import suggestion_json

    record = open_inspections(plan_file, plan, find_progress(plan_file, progress))
    if record is None:
        return None
    late = past_due(plan, record, as_of)
    groups = by_unit(late, plan)
    texts = [f"截至 {as_of}，超过办理期限仍未办结的督办建议 {len(late)} 条" + (f"：{'、'.join(u for u, _ in groups)}" if groups else "")]
    texts += [suggestion_reminder(plan, unit, states, as_of) for unit, states in groups]
    return texts, [suggestion_json(s) for s in late]

