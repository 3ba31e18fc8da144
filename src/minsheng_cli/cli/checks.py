"""Commands that check files: `validate`, `schema`."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from minsheng_cli.cli.common import PlanOption, ProblemFormat, ProgressOption, YearOption, app, fail, find_plan, find_progress, say
from minsheng_cli.reading.text import display


@app.command("validate")
def validate_command(
    files: Annotated[Optional[list[Path]], typer.Argument(metavar="FILE|DIR", show_default=False, help="要检查的计划或报告文件、目录 files or folders [默认：计划与全部报告]")] = None,
    plan: PlanOption = None,
    year: YearOption = None,
    progress: ProgressOption = None,
    format: Annotated[Optional[ProblemFormat], typer.Option("--format", "-f", help="text | github | json [在 GitHub Actions 中默认 github]")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="警告也算失败 warnings fail too")] = False,
) -> None:
    """检查计划与进度报告（每个年度） — check every year's plan and reports; exit 0 clean, 1 problems, 2 usage error."""
    from minsheng_cli.validation.checking import check, check_years
    from minsheng_cli.outputs.problem_formats import REPORTERS

    plan_file = find_plan(plan, year, exact=year is not None)
    missing = [str(f) for f in files or [] if not f.exists()]
    if missing:
        raise fail(f"文件不存在：{', '.join(missing)}")
    folder = find_progress(plan_file, progress)
    if folder is None and not files:
        say(f"注意：没有进度报告目录 {display(Path.cwd() / 'data' / 'progress')}，只检查了计划（请在保存计划与报告的目录中运行，或用 --progress 指定）")
    # --plan or --year checks that plan alone; otherwise every year's plan, each report with its year's.
    run_check = check if plan is not None or year is not None else check_years
    result = run_check(plan_file, folder, files or [])
    fmt = format or (ProblemFormat.github if os.environ.get("GITHUB_ACTIONS") == "true" else ProblemFormat.text)
    color = fmt is ProblemFormat.text and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    failed = result.failed(strict=strict)
    REPORTERS[fmt.value](result.problems, sys.stdout, color=color, ok=not failed)
    if fmt is ProblemFormat.text:
        typer.echo(result.summary(), err=True)
    raise typer.Exit(1 if failed else 0)


@app.command("schema")
def schema_command(
    kind: Annotated[str, typer.Argument(metavar="plan|progress|office|candidates|inspections|survey", help="哪种文件的 JSON Schema which file's JSON Schema")],
) -> None:
    """打印 JSON Schema（draft-07），供编辑器校验与补全 — print a JSON Schema for editors."""
    from minsheng_cli.model.schemas import SCHEMAS, schema_json

    if kind not in SCHEMAS:
        raise fail(f"没有 `{kind}` 这种文件；可选：{'、'.join(SCHEMAS)}")
    typer.echo(schema_json(kind))
