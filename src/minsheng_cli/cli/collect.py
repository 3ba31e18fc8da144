"""Commands that collect the units' figures: `form`, `import`, `record`, `missing`."""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from minsheng_cli.cli.common import (
    PlanOption, ProgressOption, app, fail, find_progress, open_extensions, open_plan, open_progress, rules, say,
)
from minsheng_cli.reading.problems import UsageError

import datetime as dt

if TYPE_CHECKING:
    from minsheng_cli.model.plan import Plan


class FormFormat(str, Enum):
    yaml = "yaml"
    xlsx = "xlsx"


DateOption = Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help="本期截至日期 end of the reporting period [默认上一个月末]")]
PeriodAsOfOption = Annotated[Optional[str], typer.Option("--as-of", metavar="YYYY-MM-DD", help="本期截至日期 end of the reporting period [默认上一个月末]")]
ReplaceOption = Annotated[bool, typer.Option("--replace", help="允许覆盖内容不同的已有文件 replace a different existing file")]

#: How each write outcome is told, in the user's words.
OUTCOME_LABELS = {"written": "已写入", "replaced": "已替换", "unchanged": "未变（内容相同）", "refused": "拒绝覆盖（已有内容不同的文件；确要替换请加 --replace）"}


def _date(plan: Plan, text: str, option: str = "--date") -> dt.date:
    from minsheng_cli.reading import values
    from minsheng_cli.collect.forms import check_date

    try:
        date = values.parse_date(text)
        check_date(plan, date)
    except values.ValueProblem as p:
        raise fail(f"{option}：{p.message}（应为 YYYY-MM-DD，如 {plan.year}-10-31）") from None
    except UsageError as e:
        raise fail(f"{option}：{e}") from None
    return date


def _unit(plan: Plan, name: str) -> str:
    from minsheng_cli.collect.forms import resolve_unit

    try:
        return resolve_unit(plan, name)
    except UsageError as e:
        raise fail(str(e)) from None


def _used(plan_file: Path, folder: Path | None, period: str = "") -> None:
    """Say which plan and reports folder a command writes for, and for which period (on
    stderr), as `open_progress` does for the commands that read the reports."""
    from minsheng_cli.reading.text import display
    from minsheng_cli.repository.gitstate import uncommitted_note

    said = f"数据：计划 {display(plan_file)}；进度报告目录 {display(folder) + '/' if folder else '（尚无）'}"
    say(said + (uncommitted_note(folder) if folder else "") + (f"；{period}" if period else ""))


@dataclass(frozen=True)
class Period:
    """The reporting period a command works on: its plan, its last day, and how it was chosen."""

    plan_file: Path
    plan: Plan
    end: dt.date
    how: str

    @property
    def said(self) -> str:
        return f"本期截至 {self.end}（{self.how}）"


def _period(plan: Path | None, text: str | None, option: str = "--date") -> Period:
    """The period end given once (`--date`/`--as-of`), else the last month-end (see
    `years.period_end`), with the plan of its year; `said` is how the 数据 line tells it."""
    from minsheng_cli.reading import values
    from minsheng_cli.repository.years import period_end

    if text is not None:
        plan_file, loaded = _plan_of_date(plan, text)
        day = _date(loaded, text, option)
        return Period(plan_file, loaded, day, option)
    today = values.today()
    plan_file, loaded = open_plan(plan, period_end(today, today.year).year)
    day = period_end(today, loaded.year)
    if day.year != loaded.year:
        raise fail(f"计划是 {loaded.year} 年的，请用 {option} 指明本期截至日期，如 {option} {loaded.year}-01-31")
    why = f"{loaded.year} 年度已结束，即年末" if day < period_end(today, today.year) else "上一个月末"
    return Period(plan_file, loaded, day, f"默认：{why}；另选日期用 {option}")


def _plan_of_date(plan: Path | None, text: str | None) -> tuple[Path, Plan]:
    """The plan a report of that date belongs to: the plan of its year (see `find_plan`)."""
    from minsheng_cli.reading import values

    year = None
    if text:
        with contextlib.suppress(values.ValueProblem):
            year = values.parse_date(text).year
    return open_plan(plan, year)


def _report_folder(plan_file: Path, option: Path | None) -> Path:
    folder = find_progress(plan_file, option)
    if folder is None:
        raise fail("还没有进度报告目录：请先建立 data/progress/，或用 --progress 指定")
    return folder


@app.command("form")
def form_command(
    unit: Annotated[Optional[str], typer.Argument(metavar="[UNIT]", help="填报单位（照计划全称） unit, as named in the plan")] = None,
    date: DateOption = None,
    format: Annotated[FormFormat, typer.Option("--format", "-f", help="yaml | xlsx")] = FormFormat.yaml,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE|DIR", help="写入文件，或写入目录（按“日期_单位”命名） write to a file or into a folder")] = None,
    all_units: Annotated[bool, typer.Option("--all", help="为每个填报单位各生成一份 one form per unit")] = False,
    replace: ReplaceOption = False,
    plan: PlanOption = None,
    progress: ProgressOption = None,
) -> None:
    """生成单位的填报表 — a unit's fill-in form (YAML or Excel), with its targets and last values."""
    from minsheng_cli.collect.forms import asked_units, build_form, reporting_units
    from minsheng_cli.collect.yamlform import form_yaml
    from minsheng_cli.repository.files import CannotWrite, write_file
    from minsheng_cli.reading.text import display

    if all_units == (unit is not None):
        raise fail("请写一个单位名，或用 --all 为全部单位生成")
    if all_units and output is None:
        raise fail("--all 需要用 -o 指定输出目录")
    if format is FormFormat.xlsx and output is None:
        raise fail("Excel 填报表需要用 -o 指定文件，如 -o 2025-10-31_市教育局.xlsx")
    if all_units and output is not None and output.exists() and not output.is_dir():
        raise fail(f"--all 的输出应是目录：{output}")
    period = _period(plan, date)
    plan_file, loaded, day = period.plan_file, period.plan, period.end
    units = asked_units(loaded) if all_units else [_unit(loaded, unit or "")]
    if all_units and (idle := [u for u in reporting_units(loaded) if u not in units]):
        say(f"{len(idle)} 个单位在各项中都是配合单位、没有单独的任务数，不必填报，未生成填报表：{'、'.join(idle)}")
    progress_data = open_progress(plan_file, loaded, progress, period=period.said)
    from minsheng_cli.cli.common import open_office

    reply_by = open_office(plan_file, find_progress(plan_file, progress)).reply_by(day)

    def render(form) -> bytes:
        if format is FormFormat.xlsx:
            from minsheng_cli.collect.xlsxform import form_xlsx

            return form_xlsx(form)
        return form_yaml(form).encode("utf-8")

    refused = 0
    for name in units:
        form = build_form(loaded, progress_data, name, day, reply_by)
        if not form.lines:
            say(f"{name} 在各项中都是配合单位、没有单独的任务数，不必填报；表中只有这条说明")
        data = render(form)
        if output is None:
            sys.stdout.write(data.decode("utf-8"))
            continue
        path = output / f"{form.file_stem}.{format.value}" if all_units or output.is_dir() else output
        try:
            outcome = write_file(path, data, replace=replace)
        except CannotWrite as e:
            raise fail(f"无法写入 {display(path)}：{e.strerror}", 1) from None
        refused += outcome.value == "refused"
        typer.echo(f"{OUTCOME_LABELS[outcome.value]}：{display(path)}（{name}，{len(form.lines)} 个目标）")
    if refused:
        raise typer.Exit(1)


@app.command("import")
def import_command(
    given: Annotated[list[Path], typer.Argument(metavar="FILE|DIR...", help="收到的填报表（.xlsx）、报告（.yaml），或放着它们的文件夹 received forms, reports, or their folder")],
    evidence: Annotated[Optional[list[Path]], typer.Option("--evidence", metavar="FILE...", help="随表报来的佐证材料（照片、验收单、名单、文件），复制到 data/evidence/日期_单位/ 并记录 SHA-256；只能与一份表同用 evidence files sent with the form")] = None,
    replace: ReplaceOption = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只显示将写入的内容，不写 show what would be written")] = False,
    date: Annotated[Optional[str], typer.Option("--date", metavar="YYYY-MM-DD", help="本期截至日期：其他日期的表不导入 only forms of this period [默认按各表的截至日期]")] = None,
    plan: PlanOption = None,
    progress: ProgressOption = None,
) -> None:
    """导入收到的填报表 — check received forms and reports and write them into the progress folder."""
    from minsheng_cli.reading import values
    from minsheng_cli.collect.importing import import_file, received
    from minsheng_cli.repository.evidence import repository_root
    from minsheng_cli.repository.years import year_in_name
    from minsheng_cli.reading.text import display
    from minsheng_cli.outputs.problem_formats import report_text

    missing = [str(f) for f in given if not f.exists()]
    if missing:
        raise fail(f"文件或文件夹不存在：{', '.join(missing)}")
    given, evidence = _forms_and_evidence(given, evidence or [])
    missing = [str(f) for f in evidence if not f.is_file()]
    if missing:
        raise fail(f"佐证材料文件不存在或不是文件：{', '.join(missing)}")
    files, unread = received(given)
    if evidence and (len(files) != 1 or unread):
        raise fail("--evidence 只能与一份填报表同用（佐证材料记在这份报告里）；请逐份导入")
    period = _period(plan, date) if date is not None else None
    said = period.said + "，其他日期的表不导入" if period else "本期按各表的截至日期（只导入某一期的表用 --date）"
    # A form named DATE_UNIT (as `form` names it) is checked against the plan of its date's
    # year; any other name against the plan of this year.
    plans = {}
    for path in files:
        year = year_in_name(path.name)
        if year not in plans:
            plans[year] = _plan_of_date(plan, f"{year}-01-01" if year else None)
            _used(plans[year][0], _report_folder(plans[year][0], progress), said)
    today = values.today()
    dates: dict[dt.date, int] = {}
    failed = []
    for path in files:
        plan_file, loaded = plans[year_in_name(path.name)]
        folder = _report_folder(plan_file, progress)
        result = import_file(loaded, path, folder, replace=replace, dry_run=dry_run, today=today, period=period.end if period else None,
                             evidence=evidence, root=repository_root(plan_file))
        report_text(result.problems, sys.stdout)
        if result.outcome is None:
            typer.echo(f"未导入：{result.source}（见上面的错误）")
            failed.append(result.source)
            continue
        target = display(result.target) if result.target else ""
        label = OUTCOME_LABELS[result.outcome.value]
        typer.echo(f"{'（试运行）将' if dry_run else ''}{label}：{result.source} → {target}（{result.values} 个数值）")
        for file in result.evidence:
            typer.echo(f"  佐证材料：{file}")
        for line in result.changes if result.outcome.value in ("replaced", "refused") else []:
            typer.echo(f"  {line}")
        if dry_run and result.outcome.value in ("written", "replaced"):
            typer.echo(result.text, nl=False)
        if result.failed:
            failed.append(result.source)
        elif result.date is not None:
            dates[result.date] = dates.get(result.date, 0) + 1
    for skipped in unread:
        typer.echo(f"未读取：{display(skipped.path)}（{skipped.reason}）")
    done = len(files) - len(failed)
    typer.echo(
        f"共 {len(files) + len(unread)} 个文件：成功 {done} 份"
        + (f"，未导入 {len(failed)} 份：{'、'.join(failed)}" if failed else "")
        + (f"，未读取 {len(unread)} 个：{'、'.join(display(u.path) for u in unread)}" if unread else "")
        + (f"；截至日期：{'、'.join(f'{d} {n} 份' for d, n in sorted(dates.items(), reverse=True))}" if dates else ""),
        err=True,
    )
    if failed or unread:
        raise typer.Exit(1)


def _forms_and_evidence(files: list[Path], evidence: list[Path]) -> tuple[list[Path], list[Path]]:
    """`import FORM.xlsx --evidence a.jpg b.pdf`: the option takes one file, and the files after
    it that are not forms or reports are its too (as the option is read when written that way)."""
    from minsheng_cli.collect.importing import EXCEL_SUFFIXES, OLD_EXCEL_SUFFIXES

    if not evidence:
        return files, evidence
    report = (*EXCEL_SUFFIXES, *OLD_EXCEL_SUFFIXES, ".yaml", ".yml", ".txt")
    forms = [f for f in files if f.suffix.lower() in report]
    return forms, [*evidence, *(f for f in files if f not in forms)]


class MissingFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("missing")
def missing_command(
    since: Annotated[Optional[str], typer.Option("--since", metavar="YYYY-MM-DD", help="本期开始日期 start of the period [默认截至日期所在月的 1 日]")] = None,
    as_of: PeriodAsOfOption = None,
    grace_days: Annotated[int, typer.Option("--grace-days", min=0, help="完成时间过后多少天内仍催报 still chase items this many days past their deadline")] = 90,
    format: Annotated[MissingFormat, typer.Option("--format", "-f", help="text（催报通知）| json")] = MissingFormat.text,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="DIR", help="把每个单位的催报通知和催报名单写入目录 write one notice per unit and the list into a folder")] = None,
    replace: ReplaceOption = False,
    plan: PlanOption = None,
    progress: ProgressOption = None,
) -> None:
    """催报名单 — units with no report since a date: a 催报通知 for each (one WeChat message), and the list."""
    import json

    from minsheng_cli.cli.common import open_office
    from minsheng_cli.collect.forms import report_stem
    from minsheng_cli.engine.missing import find_missing, missing_json
    from minsheng_cli.engine.status import compute_status
    from minsheng_cli.outputs.notices import notice, notice_list

    period = _period(plan, as_of, "--as-of")
    plan_file, loaded, day = period.plan_file, period.plan, period.end
    start = _date(loaded, since, "--since") if since is not None else day.replace(day=1)
    if start > day:
        raise fail(f"--since {start} 晚于截至日期 {day}")
    if output is not None and (format is MissingFormat.json or (output.exists() and not output.is_dir())):
        raise fail(f"-o 应是保存催报通知的目录（只用于 text 格式）：{output}")
    data = open_progress(plan_file, loaded, progress, period=f"本期 {start} 至 {day}（{period.how}{'' if since else '；开始日默认该月 1 日，另选用 --since'}）")
    statuses = compute_status(loaded, data, day, rules(loaded, None, None, None), open_extensions(plan_file, loaded, progress))
    result = find_missing(loaded, data, statuses, start, grace_days=grace_days)
    from minsheng_cli.cli.congress_inputs import late_suggestions

    late = late_suggestions(plan_file, loaded, progress, day)  # 督办建议 past due, where the inspections file exists
    if format is MissingFormat.json:
        typer.echo(json.dumps(missing_json(result) | ({} if late is None else {"suggestions": late[1]}), ensure_ascii=False, indent=2))
        return
    office = open_office(plan_file, find_progress(plan_file, progress))
    texts = {m.unit: notice(m, office, start, day, f"{report_stem(m.unit, day)}.xlsx") for m in result.units}
    if output is None:
        names = "、".join(m.unit for m in result.units)
        typer.echo(f"截至 {day}，自 {start} 以来应报 {len(result.expected)} 个单位，未报 {len(result.units)} 个" + (f"：{names}" if names else ""))
        for text in texts.values():
            typer.echo("")
            typer.echo(text, nl=False)
        for text in late[0] if late is not None else ():
            typer.echo("")
            typer.echo(text)
        return
    from minsheng_cli.reading.text import display
    from minsheng_cli.repository.files import write_file

    files = {f"催报名单_{day.isoformat()}.txt": notice_list(result, office)}
    files.update({f"{report_stem(unit, day)}_催报通知.txt": text for unit, text in texts.items()})
    if late is not None and late[0]:
        files[f"督办建议催办_{day.isoformat()}.txt"] = "\n\n".join(late[0]) + "\n"
    refused = 0
    for name, text in files.items():
        outcome = write_file(output / name, text.encode("utf-8"), replace=replace)
        refused += outcome.value == "refused"
        typer.echo(f"{OUTCOME_LABELS[outcome.value]}：{display(output / name)}")
    typer.echo(f"未报 {len(result.units)} 个单位：每个单位一份催报通知，另有催报名单一份", err=True)
    if refused:
        raise typer.Exit(1)


def _pairs(items: list[str], what: str) -> dict[str, str]:
    """`7a=1001` arguments as {id: text}; a usage error when one has no `=` or repeats an id."""
    pairs: dict[str, str] = {}
    for item in items:
        tid, sep, text = item.partition("=")
        tid = tid.strip()
        if not sep or not tid:
            raise fail(f"{what}应写成 目标编号=内容，如 7a=1001，却是 `{item}`")
        if tid in pairs:
            raise fail(f"{what}中 `{tid}` 出现了两次")
        pairs[tid] = text
    return pairs


def _words(options: dict[str, list[str] | None]) -> dict[int, dict[str, str]]:
    """`--progress-text 7=…` and its kin as {item: {key: text}}."""
    option_names = {"progress": "--progress-text", "problems": "--problems", "next": "--next", "help": "--help-needed"}
    words: dict[int, dict[str, str]] = {}
    for key, given in options.items():
        for number, text in _pairs(given or [], f"{option_names[key]} ").items():
            if not number.isdigit():
                raise fail(f"{option_names[key]} 应写成 事项序号=文字，如 7=已完成培训，却是 `{number}`")
            words.setdefault(int(number), {})[key] = text
    return words


@app.command("record")
def record_command(
    unit: Annotated[str, typer.Option("--unit", help="填报单位（照计划全称） unit")],
    assignments: Annotated[Optional[list[str]], typer.Argument(metavar="ID=VALUE...", help="目标编号=数值，如 7a=1001 target id = value")] = None,
    date: DateOption = None,
    note: Annotated[Optional[list[str]], typer.Option("--note", metavar="ID=TEXT", help="说明，如 7a=更正… a note for a value")] = None,
    source: Annotated[Optional[list[str]], typer.Option("--source", metavar="ID=TEXT", help="依据（文号、链接） a source for a value")] = None,
    replace: Annotated[bool, typer.Option("--replace", help="允许改动报告中已有的数 change a value already in the report")] = False,
    progress_text: Annotated[Optional[list[str]], typer.Option("--progress-text", metavar="N=TEXT", help="第 N 项的进展情况，如 7=已培训 1001 人次 what was done")] = None,
    problems: Annotated[Optional[list[str]], typer.Option("--problems", metavar="N=TEXT", help="第 N 项的存在问题 what is in the way")] = None,
    next_steps: Annotated[Optional[list[str]], typer.Option("--next", metavar="N=TEXT", help="第 N 项的下步计划 what comes next")] = None,
    help_needed: Annotated[Optional[list[str]], typer.Option("--help-needed", metavar="N=TEXT", help="第 N 项的需协调事项 a request for the office or a leader")] = None,
    evidence: Annotated[Optional[list[Path]], typer.Option("--evidence", metavar="FILE", help="佐证材料，可重复；复制到 data/evidence/日期_单位/ 并记录 SHA-256 evidence file")] = None,
    plan: PlanOption = None,
    progress: ProgressOption = None,
) -> None:
    """记录电话或微信报来的数值 — add or change values in a unit's report of a date, keeping its layout."""
    from minsheng_cli.reading import values
    from minsheng_cli.collect.recording import record_values
    from minsheng_cli.reading.text import display
    from minsheng_cli.outputs.problem_formats import report_text

    typed = _pairs(assignments or [], "数值")
    notes, sources = _pairs(note or [], "--note "), _pairs(source or [], "--source ")
    words = _words({"progress": progress_text, "problems": problems, "next": next_steps, "help": help_needed})
    if not typed and not words and not evidence:
        raise fail("请写 目标编号=数值（如 7a=1001），或用 --progress-text/--problems/--next/--help-needed/--evidence 记录")
    missing = [str(f) for f in evidence or [] if not f.is_file()]
    if missing:
        raise fail(f"文件不存在：{', '.join(missing)}")
    extra = sorted((set(notes) | set(sources)) - set(typed))
    if extra:
        raise fail(f"--note/--source 只能用于本次填报的目标：{'、'.join(extra)} 没有给数值")
    period = _period(plan, date)
    plan_file, loaded, day = period.plan_file, period.plan, period.end
    name = _unit(loaded, unit)
    folder = _report_folder(plan_file, progress)
    _used(plan_file, folder, period.said)
    from minsheng_cli.repository.evidence import repository_root

    result = record_values(loaded, folder, name, day, typed, notes=notes, sources=sources, today=values.today(), replace=replace,
                           words=words, evidence=evidence or [], root=repository_root(plan_file))
    report_text(result.problems, sys.stdout)
    if result.outcome is None:
        typer.echo(f"未写入：{display(result.target)}（见上面的错误；文件保持原样）")
        raise typer.Exit(1)
    if result.outcome.value == "refused":
        typer.echo(f"未写入：{display(result.target)} 中已有 {'、'.join(result.altered)} 的数，改动如下；确要改用新数请加 --replace（文件保持原样）")
    elif result.outcome.value == "replaced" and not result.altered:
        typer.echo(f"已补充：{display(result.target)}（原有的数未改动）")
    else:
        typer.echo(f"{OUTCOME_LABELS[result.outcome.value]}：{display(result.target)}")
    for line in result.changes:
        typer.echo(f"  {line}")
    if result.outcome.value == "refused":
        raise typer.Exit(1)
