"""Commands that set a repository up: `init` (a new office's repository), `plan draft` (a plan
drafted from a published 分解表)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from minsheng_cli.cli.common import app, fail, say
from minsheng_cli.cli.tracking import plan_app

if TYPE_CHECKING:
    from minsheng_cli.repository.files import Outcome

_SAID = {"written": "已写入", "replaced": "已覆盖", "unchanged": "未改变（内容相同）", "refused": "未覆盖（已有不同内容）"}


def _say_outcomes(outcomes: list[tuple[str, Outcome]], base: Path) -> int:
    """Say what became of each file; the number refused."""
    for name, outcome in outcomes:
        say(f"{_SAID[outcome.value]}：{base / name}")
    return sum(outcome.value == "refused" for _, outcome in outcomes)


@app.command("init")
def init_command(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="新仓库的目录 folder of the new repository")],
    city: Annotated[str, typer.Option("--city", help="城市名称，如 江门市 city name")],
    year: Annotated[int, typer.Option("--year", min=2000, max=2100, metavar="YYYY", help="计划年度 plan year")],
    force: Annotated[bool, typer.Option("--force", help="目录非空也写入（已有的不同文件仍不覆盖） write into a non-empty folder")] = False,
) -> None:
    """新建督查办的仓库：空白计划、进度目录、提交前校验与 CI — create a ready repository for an office."""
    from minsheng_cli.setup.scaffold import first_commit, git_problem, repository_files, write_repository

    city = city.strip()
    if not city:
        raise fail("--city 不能为空，如 --city 江门市")
    if folder.exists() and not folder.is_dir():
        raise fail(f"{folder} 已存在且不是目录")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise fail(f"目录 {folder} 不是空的，没有写入任何文件；确需写入其中请加 --force（已有的不同文件不会被覆盖）")
    # Checked before writing: a repository without its first commit is what an office cannot
    # recover from without knowing git.
    problem = git_problem()
    if problem is not None:
        raise fail(problem, 1)
    outcomes = write_repository(folder, repository_files(city=city, year=year))
    refused = _say_outcomes(outcomes, folder)
    if refused:
        raise fail(f"{refused} 个文件已存在且内容不同，未覆盖；没有建立 git 提交", 1)
    git = first_commit(folder, f"minsheng init：{city} {year} 年民生实事")
    if git.failed:
        raise fail(git.message, 1)
    say(git.message)
    say("下一步（依次输入这三条命令）：")
    say(f"  cd {_quoted(folder)}")
    say(f"  minsheng plan draft 分解表.xlsx -o data/tasks_{year}.yaml --force    （或照该文件开头的说明直接填写计划）")
    say("  minsheng validate")


def _quoted(folder: Path) -> str:
    """The folder as typed in 命令提示符: in double quotes when it has a space."""
    text = str(folder)
    return f'"{text}"' if " " in text else text


@plan_app.command("draft")
def draft_command(
    table: Annotated[Path, typer.Argument(metavar="FILE", help="分解表：.xlsx、.csv 或 .docx the published table")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="tasks_YYYY.yaml", help="写入的计划草稿 [默认输出到屏幕] draft file")] = None,
    year: Annotated[Optional[int], typer.Option("--year", min=2000, max=2100, metavar="YYYY", help="计划年度 [默认从表题或文件名读出] plan year")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有的不同文件 replace an existing file")] = False,
) -> None:
    """从分解表生成计划草稿，每处推断标“待核对” — draft a plan from a published 分解表 (xlsx/csv/docx)."""
    from minsheng_cli.setup.draft import DraftError, draft_plan, find_year, render, summary
    from minsheng_cli.setup.draft_tables import TableError, read_table
    from minsheng_cli.repository.files import write_file

    if not table.is_file():
        raise fail(f"分解表文件不存在：{table}")
    try:
        rows = read_table(table)
        year = year or find_year(rows, table)
        if year is None:
            raise fail("表题和文件名中都没有年度，请用 --year 指明，如 --year 2026")
        draft = draft_plan(rows, year=year, file_name=table.name)
    except TableError as e:
        raise fail(f"{table}: 错误: {e}", 1) from None
    except DraftError as e:
        for p in e.problems:
            say(f"{table}:{p.row}:{p.column}: 错误: {p.message}" + (f"（{p.hint}）" if p.hint else ""))
        raise fail(f"{table} 不能起草计划：{len(e.problems)} 处表格结构问题（行:列 如上），没有写入任何文件", 1) from None
    text = render(draft)
    said = summary(draft)
    if output is None:
        typer.echo(text, nl=False)
        say(said)
        return
    outcome = write_file(output, text.encode("utf-8"), replace=force)
    if outcome.value == "refused":
        raise fail(f"{output} 已存在且内容不同，未覆盖（确需覆盖请加 --force）", 1)
    say(f"{_SAID[outcome.value]}：{output}")
    say(said)
