"""Commands that write documents for people outside the terminal: `bulletin` (the monthly
督办通报 in Markdown, HTML or Word) and `export` (the xlsx 台账).

Every file goes through `files.write_file`: an existing file with other content is left alone
unless --replace is given, and the command says what it wrote.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from minsheng_cli.cli.common import InputOptions, app, fail, input_options, items_of, open_inputs, open_office, open_statuses, save_file, say, selected


class BulletinFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    docx = "docx"


_SUFFIXES = {".md": BulletinFormat.markdown, ".markdown": BulletinFormat.markdown, ".html": BulletinFormat.html,
             ".htm": BulletinFormat.html, ".docx": BulletinFormat.docx}

ReplaceOption = Annotated[bool, typer.Option("--replace", "--force", help="覆盖内容不同的已有文件 replace an existing file with other content")]
SinceOption = Annotated[Optional[str], typer.Option("--since", metavar="YYYY-MM-DD", help="本期起点（不含当天） period start [默认上月最后一天]")]


@app.command("bulletin")
@input_options
def bulletin_command(
    opts: InputOptions,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="输出文件 output file [markdown 可省略，输出到屏幕]")] = None,
    format: Annotated[Optional[BulletinFormat], typer.Option("--format", "-f", help="格式 format [默认按 -o 的扩展名，否则 markdown]")] = None,
    since: SinceOption = None,
    replace: ReplaceOption = False,
) -> None:
    """月度督办通报 — the monthly bulletin as an official document: totals, changes, laggards, units not reporting, next steps; ranking and trends as 附件."""
    from minsheng_cli.engine.bulletin import build_bulletin, default_since
    from minsheng_cli.outputs.bulletin_layout import layout_bulletin
    from minsheng_cli.outputs.bulletin_words import REQUESTS_TITLE, add_words, requests_blocks

    chosen = format or (_SUFFIXES.get(output.suffix.lower()) if output else None) or BulletinFormat.markdown
    if output is None and chosen is not BulletinFormat.markdown:
        raise fail(f"{chosen.value} 格式需要用 -o FILE 指定输出文件")
    inputs = open_inputs(opts)
    day = inputs.day
    start = default_since(day) if since is None else _since(since)
    if start >= day:
        raise fail(f"--since {start.isoformat()} 应早于截至日期 {day.isoformat()}")
    items = items_of(inputs.plan, opts)
    if items:
        say(f"筛选：{items.describe()}")
    from minsheng_cli.cli.congress_inputs import open_inspections
    from minsheng_cli.outputs.suggestion_layout import suggestion_blocks

    facts = build_bulletin(inputs.plan, inputs.progress, as_of=day, since=start, settings=inputs.settings, extensions=inputs.extensions,
                           select=(lambda s: items.selects(inputs.plan, s)) if items else None, scope=items.describe(),
                           inspections=open_inspections(inputs.plan_file, inputs.plan, inputs.folder), signoffs=inputs.signoffs)
    # 督办建议 past due, where the inspections file exists, as a body section before 下步工作要求
    extra = [] if facts.late_suggestions is None else [("人大代表督办建议办理情况", suggestion_blocks(facts.late_suggestions, day))]
    extra.append((REQUESTS_TITLE, requests_blocks(facts)))  # the units' requests to the office or a leader
    layout = add_words(layout_bulletin(facts, open_office(inputs.plan_file, inputs.folder), extra), facts)
    publish_document(layout, chosen, output, as_of=day, replace=replace)


def publish_document(layout, chosen: BulletinFormat, output: Path | None, *, as_of: dt.date, replace: bool) -> None:
    """Write an official document (the bulletin, the year-end report) in the chosen format:
    Markdown to the screen without `-o`, every format to `output` through `files.write_file`."""
    if chosen is BulletinFormat.markdown:
        from minsheng_cli.outputs.bulletin_markdown import render_markdown

        data = render_markdown(layout).encode("utf-8")
        if output is None:
            typer.echo(data.decode("utf-8"), nl=False)
            return
    elif chosen is BulletinFormat.html:
        from minsheng_cli.outputs.bulletin_html import render_html

        data = render_html(layout).encode("utf-8")
    else:
        from minsheng_cli.outputs.bulletin_docx import render_docx

        data = render_docx(layout, as_of=as_of)
    assert output is not None
    save_file(output, data, replace=replace)


def _since(text: str) -> dt.date:
    from minsheng_cli.reading import values

    try:
        return values.parse_date(text)
    except values.ValueProblem as problem:
        raise fail(f"--since：{problem.message}（应为 YYYY-MM-DD，如 2025-08-31）") from None


@app.command("export")
@input_options
def export_command(
    opts: InputOptions,
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE", help="输出的 .xlsx 文件 output workbook")],
    replace: ReplaceOption = False,
) -> None:
    """导出台账 — the xlsx 台账: a 台账 sheet made for print, then 事项, 目标, 单位, 填报记录, 分县（市、区）情况 (targets with quotas) and 说明."""
    from minsheng_cli.outputs.ledger import Sources, build_ledger, ledger_title
    from minsheng_cli.outputs.ledger_xlsx import render_xlsx

    if output.suffix.lower() != ".xlsx":
        raise fail(f"台账应保存为 .xlsx 文件：{output}")
    inputs, report = open_statuses(opts)
    settings = inputs.settings
    report = selected(inputs.plan, report, items_of(inputs.plan, opts))
    folder = inputs.folder
    # Names, not paths: the workbook goes to other offices and must not show this machine's folders.
    sources = Sources(inputs.plan_file.name, folder.name if folder is not None else None, inputs.progress.reports)
    sheets = build_ledger(inputs.plan, inputs.progress, report, sources, settings)
    save_file(output, render_xlsx(sheets, as_of=inputs.day, title=ledger_title(inputs.plan, report)), replace=replace)
