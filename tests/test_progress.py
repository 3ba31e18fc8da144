"""Progress reports checked against the plan: each problem at its line, history checks across files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, TODAY, write
from minsheng_cli.model.plan import Plan
from minsheng_cli.reading.problems import Severity
from minsheng_cli.model.progress import load_progress


def report(unit: str = "市卫生健康局", date: str = "2025-06-30", values: str = "  1a: 820\n", extra: str = "") -> str:
    return f"unit: {unit}\ndate: {date}\n{extra}values:\n{values}"


def problems_of(plan: Plan, tmp_path: Path, *files: tuple[str, str]):
    for name, text in files:
        write(tmp_path / name, text)
    progress, problems = load_progress(plan, [tmp_path], today=TODAY)
    return progress, [(Path(p.path).name, p.line, p.code) for p in problems], problems


def test_a_valid_report_gives_readings(plan: Plan, tmp_path: Path) -> None:
    text = report(values="  1a: 820\n  1b: {value: 38.5, note: 口径说明, source: 江卫〔2025〕12号}\n")
    progress, found, _ = problems_of(plan, tmp_path, ("a.yaml", text))
    assert found == []
    assert [(r.target, r.value, r.unit) for r in progress.of("1a")] == [("1a", 820, "市卫生健康局")]
    reading = progress.of("1b")[0]
    assert (reading.value, reading.note, reading.source, reading.line) == (38.5, "口径说明", "江卫〔2025〕12号", 5)


@pytest.mark.parametrize(
    ("text", "line", "code"),
    [
        (report(unit="市卫生健康"), 1, "unknown-unit"),
        (report(date="2024-12-31"), 2, "date-outside-year"),
        (report(values="  1a: 820\n  1z: 5\n"), 5, "unknown-target"),
        (report(values="  1a: 820\n  2a: 5\n"), 5, "unit-not-responsible"),
        (report(unit="市民政局", values="  2a: 100\n  2b: 1\n"), 5, "milestone-not-bool"),
        (report(unit="市民政局", values="  2b: yes\n"), 4, "ambiguous-bool"),
        (report(values="  1a: 完成\n"), 4, "not-a-number"),
        (report(values="  1a: -3\n"), 4, "negative-value"),
        (report(values="  1a: {value: 1500人}\n"), 4, "unit-in-value"),
        (report(values="  1a: {vaule: 3}\n"), 4, "unknown-field"),
        (report(values="  1b: 140\n"), 4, "rate-over-100"),
        (report(values="  1a: 1.500\n"), 4, "decimal-count"),
        (report(values="  1a: 1500.5\n"), 4, "decimal-count"),
        (report(values="  1b: 0.385\n"), 4, "rate-as-fraction"),
        (report(unit="各县（市、区）政府"), 1, "group-not-a-unit"),
        (report(values="  1a: {value:820}\n"), 4, "unknown-field"),
        (report(extra="note: yes\n"), 3, "wrong-type"),
    ],
)
def test_report_problem_at_its_line(plan: Plan, tmp_path: Path, text: str, line: int, code: str) -> None:
    _, found, _ = problems_of(plan, tmp_path, ("r.yaml", text))
    assert ("r.yaml", line, code) in found, found


def test_full_width_colon_in_values_is_named(plan: Plan, tmp_path: Path) -> None:
    _, found, problems = problems_of(plan, tmp_path, ("r.yaml", report(values="  1a： 820\n")))
    assert found == [("r.yaml", 4, "wrong-type")]
    assert "全角冒号" in problems[0].hint


def test_target_suggestions_are_targets_the_unit_may_report(plan: Plan, tmp_path: Path) -> None:
    for typed, hint in (("1.1", "第 1 项的目标编号：1a、1b、1c"), ("1", "第 1 项的目标编号"), ("1d", "第 1 项的目标编号")):
        _, _, problems = problems_of(plan, tmp_path, ("r.yaml", report(values=f"  {typed}: 5\n")))
        assert problems[0].code == "unknown-target" and hint in problems[0].hint, (typed, problems[0].hint)
    # 市卫生健康局 does not report item 11: its ids are never suggested to it.
    _, _, problems = problems_of(plan, tmp_path, ("r.yaml", report(values="  11c: 5\n")))
    assert "11" not in problems[0].hint


def test_a_count_in_kilometres_may_have_decimals(plan: Plan, tmp_path: Path) -> None:
    _, found, _ = problems_of(plan, tmp_path, ("r.yaml", report(unit="市交通运输局", values="  24a: 12.5\n")))
    assert found == []


def test_typo_in_entry_key_suggests_the_field(plan: Plan, tmp_path: Path) -> None:
    _, _, problems = problems_of(plan, tmp_path, ("r.yaml", report(values="  1a: {vaule: 3}\n")))
    assert "`value`" in problems[0].hint


def test_unquoted_yes_where_text_is_expected_says_to_quote(plan: Plan, tmp_path: Path) -> None:
    _, _, problems = problems_of(plan, tmp_path, ("r.yaml", report(extra="note: yes\n")))
    assert "'yes'" in problems[0].hint


def test_date_in_the_future(plan: Plan, tmp_path: Path) -> None:
    write(tmp_path / "r.yaml", report(date="2025-06-30"))
    _, problems = load_progress(plan, [tmp_path], today=dt.date(2025, 6, 1))
    assert [(p.line, p.code) for p in problems] == [(2, "date-in-future")]


def test_a_district_government_reports_for_items_of_all_districts(plan: Plan, tmp_path: Path) -> None:
    progress, found, _ = problems_of(plan, tmp_path, ("r.yaml", report(unit="台山市政府", values="  1a: 30\n")))
    assert found == []
    assert progress.of("1a")[0].unit == "台山市政府"


def test_a_group_member_not_named_is_refused(plan: Plan, tmp_path: Path) -> None:
    # Item 7 names 市教育局 and 市卫生健康局 only, not the district governments.
    _, found, _ = problems_of(plan, tmp_path, ("r.yaml", report(unit="台山市政府", values="  7a: 30\n")))
    assert found == [("r.yaml", 4, "unit-not-responsible")]


def test_same_target_same_unit_same_date_twice(plan: Plan, tmp_path: Path) -> None:
    _, found, _ = problems_of(plan, tmp_path, ("a.yaml", report()), ("b.yaml", report(values="  1a: 830\n")))
    assert found == [("b.yaml", 4, "duplicate-reading")]


def test_count_going_down_needs_a_note(plan: Plan, tmp_path: Path) -> None:
    _, found, _ = problems_of(plan, tmp_path, ("a.yaml", report()), ("b.yaml", report(date="2025-07-31", values="  1a: 800\n")))
    assert found == [("b.yaml", 4, "count-decreased")]


def test_count_correction_with_a_note_is_accepted(plan: Plan, tmp_path: Path) -> None:
    later = report(date="2025-07-31", values="  1a: {value: 800, note: 剔除重复统计}\n")
    progress, found, _ = problems_of(plan, tmp_path, ("a.yaml", report()), ("b.yaml", later))
    assert found == []
    assert [r.value for r in progress.of("1a")] == [820, 800]


@pytest.mark.parametrize("note", ["' '", "'\u3000\u3000'", "\"\u00a0\""])
def test_a_note_of_spaces_does_not_explain_a_lower_count(plan: Plan, tmp_path: Path, note: str) -> None:
    later = report(date="2025-07-31", values=f"  1a: {{value: 800, note: {note}}}\n")
    _, found, _ = problems_of(plan, tmp_path, ("a.yaml", report()), ("b.yaml", later))
    assert found == [("b.yaml", 4, "count-decreased")]


@pytest.mark.parametrize("unit", ["各县(市、区)政府", "各县（市、区）政府", "各县（市,区）政府"])
def test_the_group_of_district_governments_is_never_suggested_as_a_unit(plan: Plan, tmp_path: Path, unit: str) -> None:
    _, found, problems = problems_of(plan, tmp_path, ("r.yaml", report(unit=unit)))
    assert [p.code for p in problems] in (["group-not-a-unit"], ["unknown-unit"])
    assert plan.all_districts not in problems[0].hint


def test_a_unit_name_with_a_no_break_space_is_not_called_full_width(plan: Plan, tmp_path: Path) -> None:
    _, found, problems = problems_of(plan, tmp_path, ("r.yaml", report(unit="市卫生健康局\u00a0")))
    assert found == [("r.yaml", 1, "unknown-unit")]
    assert "U+00A0" in problems[0].hint and "全角" not in problems[0].hint


def test_a_count_that_went_down_is_compared_with_the_last_good_one(plan: Plan, tmp_path: Path) -> None:
    files = [("a.yaml", report(date="2025-03-31", values="  1a: 1000\n")), ("b.yaml", report(values="  1a: 500\n")), ("c.yaml", report(date="2025-09-30", values="  1a: 800\n"))]
    progress, found, _ = problems_of(plan, tmp_path, *files)
    assert found == [("b.yaml", 4, "count-decreased"), ("c.yaml", 4, "count-decreased")]
    assert [r.value for r in progress.of("1a")] == [1000]


def test_a_file_named_twice_is_read_once(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", report())
    progress, problems = load_progress(plan, [tmp_path, path, tmp_path / "." / "a.yaml"], today=TODAY)
    assert problems == [] and progress.reports == 1


def test_a_rate_may_go_down(plan: Plan, tmp_path: Path) -> None:
    _, found, _ = problems_of(plan, tmp_path, ("a.yaml", report(values="  1b: 41\n")), ("b.yaml", report(date="2025-07-31", values="  1b: 39\n")))
    assert found == []


def test_a_report_with_errors_never_reaches_the_progress(plan: Plan, tmp_path: Path) -> None:
    progress, found, _ = problems_of(plan, tmp_path, ("a.yaml", report(values="  1a: 820\n  1b: 40%\n")))
    assert found == [("a.yaml", 5, "unit-in-value")]
    assert progress.of("1a") == [] and progress.reports == 0


@pytest.mark.parametrize("value", ["140", "0.385", "1.500", "1500.5"])
def test_a_doubtful_figure_keeps_the_report_out_unless_its_note_explains_it(plan: Plan, tmp_path: Path, value: str) -> None:
    target = "1b" if value in ("140", "0.385") else "1a"
    progress, _, problems = problems_of(plan, tmp_path, ("a.yaml", report(values=f"  {target}: {value}\n")))
    assert [p.severity for p in problems] == [Severity.ERROR] and "note" in problems[0].hint
    assert progress.of(target) == []
    for note in ("\"  \"", "\"\u3000\""):  # blank notes explain nothing
        progress, _, problems = problems_of(plan, tmp_path, ("a.yaml", report(values=f"  {target}: {{value: {value}, note: {note}}}\n")))
        assert [p.severity for p in problems] == [Severity.ERROR]
    progress, _, problems = problems_of(plan, tmp_path, ("a.yaml", report(values=f"  {target}: {{value: {value}, note: 经核实无误}}\n")))
    assert [p.severity for p in problems] == [Severity.WARNING]
    assert len(progress.of(target)) == 1


def test_a_warning_does_not_keep_a_report_out(plan: Plan, tmp_path: Path) -> None:
    progress, _, problems = problems_of(plan, tmp_path, ("a.yaml", report(values="  1a: 820\n  1b: {value: 140, note: 经核实无误}\n")))
    assert [p.severity for p in problems] == [Severity.WARNING]
    assert progress.of("1a")[0].value == 820


def test_the_illustrative_set_is_clean_and_labelled(plan: Plan) -> None:
    _, problems = load_progress(plan, [EXAMPLES], today=TODAY)
    assert problems == []
    files = sorted(EXAMPLES.glob("*.yaml"))
    assert len(files) >= 10
    assert all("示例数据" in f.read_text(encoding="utf-8") for f in files)


def test_no_invented_figures_in_the_real_progress_folder() -> None:
    assert [p.name for p in (ROOT / "data" / "progress").iterdir() if p.name != ".gitkeep"] == []


def test_another_units_own_smaller_figure_is_not_a_decrease(plan: Plan, tmp_path: Path) -> None:
    district = report(unit="江海区政府", date="2025-07-31", values="  1a: 30\n")
    _, found, _ = problems_of(plan, tmp_path, ("a.yaml", report()), ("b.yaml", district))
    assert found == []


def test_a_report_with_a_history_error_is_left_out(plan: Plan, tmp_path: Path) -> None:
    later = report(date="2025-07-31", values="  1a: 800\n  1c: 70\n")
    progress, found, _ = problems_of(plan, tmp_path, ("a.yaml", report()), ("b.yaml", later))
    assert found == [("b.yaml", 4, "count-decreased")]
    assert [r.value for r in progress.of("1a")] == [820]
    assert progress.of("1c") == [] and progress.reports == 1


def test_reports_saved_with_odd_extensions(plan: Plan, tmp_path: Path) -> None:
    write(tmp_path / "A.YAML", report())
    write(tmp_path / "b.yaml.txt", report(date="2025-07-31"))
    write(tmp_path / "readme.md", "# 说明\n")
    progress, problems = load_progress(plan, [tmp_path], today=TODAY)
    assert [(Path(p.path).name, p.code) for p in problems] == [("b.yaml.txt", "misnamed-report")]
    assert "b.yaml" in problems[0].hint
    assert progress.reports == 1


def test_unknown_ids_beyond_the_cap_are_counted_without_a_hint_each(plan: Plan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from minsheng_cli.model import progress as module
    from minsheng_cli.reading.yamlsource import MAX_PROBLEMS_PER_FILE

    asked = []
    real = module.suggest
    monkeypatch.setattr(module, "suggest", lambda word, choices: asked.append(word) or real(word, choices))
    values = "".join(f"  x{i}: 1\n" for i in range(MAX_PROBLEMS_PER_FILE + 300))
    _, found, problems = problems_of(plan, tmp_path, ("r.yaml", report(values=values)))
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1 and len(asked) == MAX_PROBLEMS_PER_FILE
    assert found[-1] == ("r.yaml", 4 + MAX_PROBLEMS_PER_FILE, "too-many-problems") and "其后 300 个值未逐一检查" in problems[-1].message


def test_schema_errors_beyond_the_cap_are_counted(plan: Plan, tmp_path: Path) -> None:
    from minsheng_cli.reading.yamlsource import MAX_PROBLEMS_PER_FILE

    extra = "".join(f"k{i}: 1\n" for i in range(MAX_PROBLEMS_PER_FILE + 20))
    _, found, problems = problems_of(plan, tmp_path, ("r.yaml", report(extra=extra)))
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert problems[-1].code == "too-many-problems" and "还有 20 处" in problems[-1].message


# --- copies and stray links (#18) ----------------------------------------------------------------


@pytest.mark.parametrize("copy", ["2025-06-30_市卫生健康局 - 副本.yaml", "2025-06-30_市卫生健康局 - 副本 (2).yaml",
                                  "2025-06-30_市卫生健康局(1).yaml", "2025-06-30_市卫生健康局 (1).yaml"])
def test_a_copy_beside_its_report_is_called_a_copy(plan: Plan, tmp_path: Path, copy: str) -> None:
    progress, found, problems = problems_of(plan, tmp_path, ("2025-06-30_市卫生健康局.yaml", report()), (copy, report()))
    assert found == [(copy, 1, "copy-of-report")]
    assert "这是 2025-06-30_市卫生健康局.yaml 的副本" in problems[0].message
    assert progress.reports == 1 and [r.path for r in progress.of("1a")] == [str(tmp_path / "2025-06-30_市卫生健康局.yaml")]


def test_a_copy_alone_is_the_report_its_name_says(plan: Plan, tmp_path: Path) -> None:
    progress, found, _ = problems_of(plan, tmp_path, ("2025-06-30_市卫生健康局 - 副本.yaml", report()))
    assert found == [] and progress.reports == 1


def test_a_copy_saying_another_unit_is_still_refused(plan: Plan, tmp_path: Path) -> None:
    _, found, _ = problems_of(plan, tmp_path, ("2025-06-30_市卫生健康局(1).yaml", report(unit="市民政局", values="  3a: 1\n")))
    assert ("2025-06-30_市卫生健康局(1).yaml", 1, "name-disagrees") in found


@pytest.mark.parametrize("link", ["loop", "dangling"])
def test_a_stray_link_is_named_and_the_rest_read(plan: Plan, tmp_path: Path, link: str) -> None:
    write(tmp_path / "a.yaml", report())
    (tmp_path / "b.yaml").symlink_to("b.yaml" if link == "loop" else "nowhere.yaml")
    progress, problems = load_progress(plan, [tmp_path], today=TODAY)
    assert [(Path(p.path).name, p.code) for p in problems] == [("b.yaml", "unreadable")]
    assert ("循环的符号链接" if link == "loop" else "不存在") in problems[0].message
    assert progress.reports == 1


def test_a_figure_under_one_percent_is_no_fraction_under_a_ceiling(tmp_path: Path) -> None:
    from test_status import UPPER_PLAN
    from minsheng_cli.model.plan import plan_from_document
    from minsheng_cli.reading.yamlsource import parse_yaml

    text = UPPER_PLAN.replace("at_most: 3,", "at_most: 10,")
    doc, _ = parse_yaml(text.encode(), "upper.yaml")
    upper, _ = plan_from_document(doc)
    assert upper is not None
    _, found, _ = problems_of(upper, tmp_path, ("r.yaml", report(unit="甲局", values="  1a: 0.5\n")))
    assert found == []
    floor, _ = plan_from_document(parse_yaml(text.replace("at_most: 10,", "at_least: 10,").encode(), "floor.yaml")[0])
    _, found, _ = problems_of(floor, tmp_path, ("r.yaml", report(unit="甲局", values="  1a: 0.5\n")))
    assert ("r.yaml", 4, "rate-as-fraction") in found
