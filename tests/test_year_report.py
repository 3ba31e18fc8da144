"""The year-end report: its facts on the illustrative set (final statuses at 12-31, 超额 and
未完成 in words, extensions, open 督办建议, 测评), and `minsheng report` read back as Word with
python-docx, the same bytes twice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx

from conftest import EXAMPLES, ROOT
from minsheng_cli.engine.status import TargetStatus
from minsheng_cli.engine.year_report import build_year_report, excess_of
from minsheng_cli.model.adjustments import load_adjustments
from minsheng_cli.model.plan import Plan, Target
from minsheng_cli.model.progress import load_progress, report_files
from minsheng_cli.outputs.year_report import figure_words, layout_year_report
from minsheng_cli.engine.year_report import Figure

ARGS = ("--year", "2025", "--progress", str(EXAMPLES))


def _target_status(target: Target, actual: float | int | None, met: bool) -> TargetStatus:
    return TargetStatus("1a", target, actual, met, 1.0 if met else 0.5, None, ())


def test_excess_is_whole_percent_rounded_down_and_only_for_counts() -> None:
    count = Target(name="服务点", kind="count", at_least=1500, unit="名")
    assert excess_of(_target_status(count, 1620, True)) == 8  # 120 of 1500 is 8%
    assert excess_of(_target_status(count, 1514, True)) == 0  # 0.93%: met, no whole percent over
    assert excess_of(_target_status(count, 1400, False)) is None
    rate = Target(name="覆盖率", kind="rate", at_least=80, unit="%")
    assert excess_of(_target_status(rate, 95, True)) == 0
    words = figure_words(Figure(_target_status(count, 1620, True), 8, None))
    assert words == "服务点：实际 1,620 名，目标不少于 1,500 名，超额完成 8%"
    short = figure_words(Figure(_target_status(count, 750, False), None, "场地未落实"))
    assert short == "服务点：实际 750 名，目标不少于 1,500 名，未完成（完成 50%；说明：场地未落实）"


def _report(plan: Plan):
    progress, _ = load_progress(plan, report_files([EXAMPLES]))
    adjustments, _ = load_adjustments(ROOT / "examples" / "adjustments_2025.yaml", plan)
    assert adjustments is not None
    return build_year_report(plan, progress, as_of=dt.date(2025, 12, 31), extensions=adjustments.extensions)


def test_final_statuses_and_figures_at_year_end(plan: Plan) -> None:
    report = _report(plan)
    layout = layout_year_report(report)
    text = "\n".join(b.lead + b.text for s in layout.sections for b in s.blocks if hasattr(b, "lead"))
    assert "已完成 4 项（按期完成 4 项、逾期完成 0 项），未完成 22 项" in text
    # Item 4's extended deadline is 12-31: not yet 已逾期 that day, but not done in the year.
    item4 = next(i for i in report.items if i.status.task.number == 4)
    assert item4.status.status == "behind"
    assert "（四）第 4 项“聘请 19 名副高级以上职称的医疗专家到县级公立医院工作”：未完成（完成时间 2025 年 12 月 31 日，经批准延期）" in text
    assert "新增解决生活污水治理问题的自然村：实际 53 个，目标超过 50 个，超额完成 6%" in text
    assert "心理健康教师培训：实际 1,000 人次，目标超过 1,000 人次，未完成（完成 99%；说明：示例：恰好 1000 人次，未达“超 1000 人次”）" in text
    assert "经示例文号〔2025〕17号（2025 年 8 月 5 日批准）延期至 2025 年 10 月 31 日，批准晚于当时的完成时间，不计入" in text
    assert [s.title for s in layout.sections] == ["一、总体完成情况", "二、各项完成情况", "三、经批准延期的事项"]  # no inspections or survey given
    signoff_column = [row[5].text for row in layout.sections[0].blocks[1].rows]
    assert set(signoff_column) == {""}  # no sign-offs given: every 验收销号 is empty


def test_a_sign_off_fixes_the_final_status_at_its_date(plan: Plan) -> None:
    progress, _ = load_progress(plan, report_files([EXAMPLES]))
    signed = build_year_report(plan, progress, as_of=dt.date(2025, 12, 31), signoffs={5: dt.date(2025, 7, 15)})
    item5 = next(i for i in signed.items if i.status.task.number == 5)
    assert item5.signed_off == dt.date(2025, 7, 15) and item5.status.status == "done"
    row = next(r for r in layout_year_report(signed).sections[0].blocks[1].rows if r[0].text == "5")
    assert row[5].text == "2025-07-15"


def test_report_as_word_reads_back_and_is_the_same_bytes_twice(run, in_root: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "报告.docx", tmp_path / "again.docx"
    result = run("report", *ARGS, "-o", str(first))
    assert result.exit_code == 0, result.output
    assert f"已写入：{first}" in result.stderr
    assert "测评：examples/survey_2025.yaml（26 项）" in result.stderr
    assert run("report", *ARGS, "-o", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    document = docx.Document(str(first))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "2025 年市十件民生实事完成情况报告"
    assert paragraphs[1] == "（截至 2025 年 12 月 31 日）"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、总体完成情况", "二、各项完成情况", "三、经批准延期的事项", "四、人大代表督办建议办理情况", "五、满意度测评结果"]
    overview, suggestions, survey = document.tables
    assert [c.text for c in overview.rows[0].cells] == ["序号", "工作事项", "牵头单位", "完成情况", "完成日期", "验收销号"]
    assert [c.text for c in overview.rows[5].cells][3:5] == ["按期完成", "2025-06-30"]
    assert [r.cells[0].text for r in suggestions.rows[1:]] == ["2", "7", "18"]
    assert [c.text for c in survey.rows[7].cells] == ["7", "维护青少年心理健康", "9", "13", "16", "55.00%", "不满意"]
    assert "总体满意率 91.14%" in "\n".join(paragraphs)
    assert document.core_properties.created == dt.datetime(2025, 12, 31, tzinfo=dt.timezone.utc)


def test_report_formats_and_refusals(run, in_root: Path, tmp_path: Path) -> None:
    markdown = run("report", *ARGS)
    assert markdown.exit_code == 0 and markdown.stdout.startswith("# 2025 年市十件民生实事完成情况报告\n")
    html = tmp_path / "r.html"
    assert run("report", *ARGS, "-o", str(html)).exit_code == 0
    assert "<h2>五、满意度测评结果</h2>" in html.read_text(encoding="utf-8")
    assert run("report", *ARGS, "-f", "docx").exit_code == 2  # docx needs -o
    assert run("report", *ARGS, "-f", "pdf").exit_code == 2
    assert run("report", *ARGS, "--unit", "市教育局").exit_code == 2
    html.write_text("the office's own notes", encoding="utf-8")
    refused = run("report", *ARGS, "-o", str(html))
    assert refused.exit_code == 1 and html.read_text(encoding="utf-8") == "the office's own notes"


def test_report_without_survey_says_so(run, in_root: Path) -> None:
    result = run("report", "--year", "2025")
    assert result.exit_code == 0, result.output
    assert "没有本年度的测评结果" in result.stderr
    assert "满意度测评" not in result.stdout


def test_a_report_before_the_year_ends_says_its_statuses_are_not_final(run, in_root: Path) -> None:
    result = run("report", "--progress", str(EXAMPLES), "--as-of", "2025-09-30")
    assert result.exit_code == 0, result.output
    assert "年度尚未结束，状态不是最终结果" in result.stdout
    assert "| 7 | 维护青少年心理健康 | 市教育局 | 已逾期 |" in result.stdout
