"""Commands of the people's congress loop: `vote` (票决结果, and a plan skeleton of the adopted
projects), `survey` (满意度测评), `report` (the year-end 完成情况报告). Loading the files is
`congress_inputs`'s, which `show`, `bulletin` and `missing` share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from minsheng_cli.cli.common import (
    FormatOption, InputOptions, OutputFormat, PlanOption, ProgressOption, YearOption, app, emit, fail, find_progress,
    input_options, open_inputs, open_office, open_plan, save_file, say,
)
from minsheng_cli.cli.congress_inputs import stop_on, open_inspections, open_survey


ForceOption = Annotated[bool, typer.Option("--force", "--replace", help="覆盖内容不同的已有文件 replace an existing file with other content")]


def _candidates_file(year: int) -> Path:
    """data/candidates_YYYY.yaml in the current folder or the nearest folder above it."""
    name = f"candidates_{year}.yaml"
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / name).is_file():
            return folder / "data" / name
    raise fail(f"找不到 data/{name}（在保存计划的仓库中运行，或用 --file 指定候选项目文件）")


@app.command("vote")
def vote_command(
    year: Annotated[Optional[int], typer.Option("--year", min=2000, max=2100, metavar="YYYY", help="票决的计划年度 plan year voted on [默认今年]")] = None,
    file: Annotated[Optional[Path], typer.Option("--file", metavar="FILE", help="候选项目文件 candidates file [默认 data/candidates_YYYY.yaml]")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="tasks_YYYY.yaml", help="为入选项目写出计划骨架 write a plan skeleton of the adopted projects")] = None,
    force: ForceOption = False,
    format: FormatOption = OutputFormat.table,
) -> None:
    """票决结果 — the vote on the candidate projects: votes, majority of those present, adopted up to `adopt`, a tie at the cut named."""
    from minsheng_cli.engine.vote import count_votes
    from minsheng_cli.model.candidates import load_candidates
    from minsheng_cli.model.congress_files import congress_kind
    from minsheng_cli.outputs.congress_views import vote_view
    from minsheng_cli.reading import values
    from minsheng_cli.reading.text import display

    if file is None:
        file = _candidates_file(year if year is not None else values.today().year)
    elif not file.is_file():
        raise fail(f"候选项目文件不存在：{file}")
    named = congress_kind(file)
    year = year if year is not None else named[1] if named else values.today().year
    ballot, problems = load_candidates(file)
    if ballot is None and not problems:
        raise fail(f"候选项目文件 {display(file)} 尚未填写（deputies、present、adopt 与 candidates 为空）", 1)
    if ballot is None:
        stop_on(problems, "候选项目文件")
    say(f"数据：候选项目 {display(file)}（{len(ballot.candidates)} 个）")
    result = count_votes(ballot)
    emit(vote_view(result), format)
    if output is None:
        return
    if result.tied:
        raise fail(f"未写入 {output}：第 {ballot.adopt} 名处票数相同，入选项目尚未确定", 1)
    if not result.adopted:
        raise fail(f"未写入 {output}：没有得票过半数的候选项目", 1)
    from minsheng_cli.setup.vote_draft import render_skeleton

    text = render_skeleton(result, year=year, source=display(file))
    save_file(output, text.encode("utf-8"), replace=force, refused="不覆盖已有的计划；确需覆盖请加 --force",
              written=f"（{len(result.adopted)} 个入选项目的计划骨架；逐一填写标有“待核对”之处并删去标记后，运行 minsheng validate）")


@app.command("survey")
def survey_command(
    plan: PlanOption = None,
    year: YearOption = None,
    progress: ProgressOption = None,
    format: FormatOption = OutputFormat.table,
) -> None:
    """满意度测评结果 — each item's 测评等次 by the rule (more than half of the base), the counts and the overall 满意率."""
    from minsheng_cli.engine.survey import rate
    from minsheng_cli.outputs.congress_views import survey_view
    from minsheng_cli.reading import values
    from minsheng_cli.reading.text import display

    plan_file, loaded = open_plan(plan, year if year is not None else values.today().year, exact=year is not None)
    say(f"数据：计划 {display(plan_file)}")
    survey = open_survey(plan_file, loaded, find_progress(plan_file, progress), required=True)
    emit(survey_view(rate(loaded, survey)), format)


@app.command("report")
@input_options
def report_command(
    opts: InputOptions,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="输出文件 output file [markdown 可省略，输出到屏幕]")] = None,
    format: Annotated[Optional[str], typer.Option("--format", "-f", metavar="markdown|html|docx", help="格式 format [默认按 -o 的扩展名，否则 markdown]")] = None,
    replace: ForceOption = False,
) -> None:
    """年度完成情况报告 — the year-end report to the congress: final status and figures per item, extensions, open 督办建议, 测评 results."""
    from minsheng_cli.cli.publish import _SUFFIXES, BulletinFormat, publish_document
    from minsheng_cli.engine.year_report import build_year_report
    from minsheng_cli.outputs.year_report import layout_year_report

    try:
        chosen = BulletinFormat(format) if format is not None else (_SUFFIXES.get(output.suffix.lower()) if output else None) or BulletinFormat.markdown
    except ValueError:
        raise fail(f"--format 的值无效：“{format}”（可选：markdown、html、docx）") from None
    if output is None and chosen is not BulletinFormat.markdown:
        raise fail(f"{chosen.value} 格式需要用 -o FILE 指定输出文件")
    if opts.filtered:
        raise fail("完成情况报告写全部事项，不接受 --unit、--leader、--status、--category 筛选")
    inputs = open_inputs(opts)
    inspections = open_inspections(inputs.plan_file, inputs.plan, inputs.folder)
    survey = open_survey(inputs.plan_file, inputs.plan, inputs.folder, required=False)
    if survey is None:
        say("注意：没有本年度的测评结果，报告中没有满意度测评一节")
    # The office's 销号 that stand on the day: an item signed off is reported as of its sign-off.
    signed = {n: placed.signoff.date for n, placed in inputs.signoffs.accepted.items()} if inputs.signoffs else {}
    facts = build_year_report(inputs.plan, inputs.progress, as_of=inputs.day, settings=inputs.settings, extensions=inputs.extensions,
                              inspections=inspections, survey=survey, signoffs=signed)
    office = open_office(inputs.plan_file, inputs.folder)
    publish_document(layout_year_report(facts, office), chosen, output, as_of=inputs.day, replace=replace)
