"""`import` in the core: received files into report files, checked, never over different content unasked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import TODAY, write
from formfill import fill, row_of
from minsheng_cli.collect.forms import build_form
from minsheng_cli.collect.importing import import_file
from minsheng_cli.collect.xlsxform import form_xlsx
from minsheng_cli.repository.files import Outcome
from minsheng_cli.model.plan import Plan
from minsheng_cli.model.progress import Progress, load_progress

DATE = dt.date(2025, 10, 31)
TARGET = "2025-10-31_市教育局.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "progress").mkdir()
    return tmp_path / "progress"


@pytest.fixture
def form(plan: Plan, tmp_path: Path) -> Path:
    path = tmp_path / "inbox" / "2025-10-31_市教育局.xlsx"
    path.parent.mkdir()
    path.write_bytes(form_xlsx(build_form(plan, Progress(), "市教育局", DATE)))
    return path


def imported(plan: Plan, path: Path, folder: Path, **options):
    return import_file(plan, path, folder, today=TODAY, **options)


def test_a_filled_form_becomes_a_report(plan: Plan, form: Path, folder: Path) -> None:
    fill(form, {"I6": "1,300", "J6": "含线上培训", "K6": "江教〔2025〕8号", "I7": 120})
    result = imported(plan, form, folder)
    assert (result.outcome, result.values, result.problems) == (Outcome.WRITTEN, 2, [])
    text = (folder / TARGET).read_text(encoding="utf-8")
    assert text.endswith("unit: 市教育局\ndate: 2025-10-31\nvalues:\n  7a: {value: 1300, note: 含线上培训, source: 江教〔2025〕8号}\n  7b: 120\n")
    progress, problems = load_progress(plan, [folder], today=TODAY)
    assert problems == [] and [r.value for r in progress.of("7a")] == [1300]


def test_a_yaml_report_is_written_in_the_normal_format(plan: Plan, tmp_path: Path, folder: Path) -> None:
    sent = write(tmp_path / "sent.yaml", "unit: 市教育局\ndate: 2025/10/31\nvalues:\n  7b: １２０\n  7a:\n")
    assert imported(plan, sent, folder).outcome is Outcome.WRITTEN
    assert (folder / TARGET).read_text(encoding="utf-8").endswith("values:\n  7b: 120\n")


def test_the_same_form_twice_is_a_no_op(plan: Plan, form: Path, folder: Path) -> None:
    fill(form, {"I6": 1001})
    assert imported(plan, form, folder).outcome is Outcome.WRITTEN
    before = (folder / TARGET).stat().st_mtime_ns
    assert imported(plan, form, folder).outcome is Outcome.UNCHANGED
    assert (folder / TARGET).stat().st_mtime_ns == before


def test_a_different_form_is_refused_unless_replacing_and_says_what_changes(plan: Plan, form: Path, folder: Path) -> None:
    fill(form, {"I6": 1001, "I7": 120})
    imported(plan, form, folder)
    first = (folder / TARGET).read_bytes()
    fill(form, {"I6": 1002, "I7": None, f"I{row_of(form, '12a')}": 1})
    refused = imported(plan, form, folder)
    assert refused.outcome is Outcome.REFUSED and refused.failed
    assert refused.changes == ["7a：1001 → 1002", "12a：新增 1", "7b：删去（原为 120）"]
    assert (folder / TARGET).read_bytes() == first
    replaced = imported(plan, form, folder, replace=True)
    assert replaced.outcome is Outcome.REPLACED and not replaced.failed
    assert (folder / TARGET).read_text(encoding="utf-8").endswith("values:\n  7a: 1002\n  12a: 1\n")


def test_dry_run_writes_nothing(plan: Plan, form: Path, folder: Path) -> None:
    fill(form, {"I6": 1001})
    result = imported(plan, form, folder, dry_run=True)
    assert result.outcome is Outcome.WRITTEN and "  7a: 1001\n" in result.text
    assert list(folder.iterdir()) == []


def test_a_form_with_errors_writes_nothing(plan: Plan, form: Path, folder: Path) -> None:
    fill(form, {"I6": 1001, "I7": "120场"})
    result = imported(plan, form, folder)
    assert result.outcome is None and result.failed
    assert [(p.path, p.code) for p in result.problems] == [(f"{_shown(form)}:填报!I7", "unit-in-value")]
    assert list(folder.iterdir()) == []


def test_an_unfilled_form_is_refused(plan: Plan, form: Path, folder: Path) -> None:
    result = imported(plan, form, folder)
    assert result.failed and [p.code for p in result.problems] == ["nothing-filled"]


def test_checked_against_the_reports_already_there(plan: Plan, form: Path, folder: Path) -> None:
    write(folder / "2025-09-30_市教育局.yaml", "unit: 市教育局\ndate: 2025-09-30\nvalues:\n  7a: 1100\n")
    fill(form, {"I6": 1001})
    result = imported(plan, form, folder)
    assert result.failed and [(p.path, p.code) for p in result.problems] == [(f"{_shown(form)}:填报!I6", "count-decreased")]
    fill(form, {"J6": "更正：9 月多报了 99 人次"})
    assert imported(plan, form, folder).outcome is Outcome.WRITTEN


def test_a_yaml_named_for_another_unit_is_refused(plan: Plan, tmp_path: Path, folder: Path) -> None:
    sent = write(tmp_path / "2025-10-31_市民政局.yaml", "unit: 市教育局\ndate: 2025-10-31\nvalues:\n  7a: 1001\n")
    result = imported(plan, sent, folder)
    assert result.failed and [(p.line, p.code) for p in result.problems] == [(1, "name-disagrees")]


def _shown(path: Path) -> str:
    from minsheng_cli.reading.text import display

    return display(path)


def test_a_form_saved_by_another_spreadsheet_program(plan: Plan, tmp_path: Path, folder: Path) -> None:
    """LibreOffice's own file: shared strings, a formula with its saved result, a % cell."""
    import shutil

    from conftest import ROOT

    sent = tmp_path / "2025-10-31_市教育局.xlsx"
    shutil.copy(ROOT / "tests" / "data" / "forms" / "libreoffice-saved.xlsx", sent)
    result = imported(plan, sent, folder)
    assert (result.outcome, result.problems) == (Outcome.WRITTEN, [])
    assert (folder / TARGET).read_text(encoding="utf-8").endswith(
        "values:\n  7a: {value: 1300, note: 含线上培训}\n  7b: 120\n  12a: 1\n  13c: true\n  15b: 5.5\n"
    )


@pytest.mark.parametrize("name", ["f.xls", "f.et"])
def test_old_spreadsheet_formats_are_refused_with_how_to_convert(plan: Plan, tmp_path: Path, folder: Path, name: str) -> None:
    sent = tmp_path / name
    sent.write_bytes(b"\xd0\xcf\x11\xe0\x00\x00")
    result = imported(plan, sent, folder)
    assert result.failed and [p.code for p in result.problems] == ["not-xlsx"] and "另存为" in result.problems[0].hint


def test_an_unfilled_yaml_form_is_refused(plan: Plan, tmp_path: Path, folder: Path) -> None:
    from minsheng_cli.collect.yamlform import form_yaml

    sent = write(tmp_path / "2025-10-31_市教育局.yaml", form_yaml(build_form(plan, Progress(), "市教育局", DATE)))
    result = imported(plan, sent, folder)
    assert result.failed and [p.code for p in result.problems] == ["nothing-filled"]
    assert list(folder.iterdir()) == []


# --- a form's name against what it says (#18) ---------------------------------------------------


def test_a_form_renamed_for_another_unit_is_refused(plan: Plan, form: Path, folder: Path) -> None:
    # 市教育局's filled form, renamed 市民政局 before it was sent: the name is what the office
    # sees, so it must not count as either unit's without a word.
    fill(form, {"I6": 1001})
    renamed = form.rename(form.with_name("2025-10-31_市民政局.xlsx"))
    result = imported(plan, renamed, folder)
    assert result.failed and [(p.path, p.code) for p in result.problems] == [(f"{_shown(renamed)}:填报!B2", "name-disagrees")]
    assert list(folder.iterdir()) == []


def test_a_form_dated_otherwise_in_its_name_is_refused(plan: Plan, form: Path, folder: Path) -> None:
    fill(form, {"I6": 1001})
    renamed = form.rename(form.with_name("2025-09-30_市教育局.xlsx"))
    result = imported(plan, renamed, folder)
    assert result.failed and [(p.path, p.code) for p in result.problems] == [(f"{_shown(renamed)}:填报!B3", "name-disagrees")]


@pytest.mark.parametrize("name", ["2025-10-31_市教育局(1).xlsx", "2025-10-31_市教育局 (2).xlsx", "2025-10-31_市教育局 - 副本.xlsx",
                                  "2025-10-31_市教育局 - 副本 (2).xlsx", "2025-10-31_市教育局（1）.xlsx"])
def test_a_name_that_wechat_or_windows_changed_still_matches(plan: Plan, form: Path, folder: Path, name: str) -> None:
    fill(form, {"I6": 1001})
    copy = form.rename(form.with_name(name))
    result = imported(plan, copy, folder)
    assert (result.outcome, result.problems) == (Outcome.WRITTEN, [])
    assert [p.name for p in folder.iterdir()] == [TARGET]


def test_a_yaml_copy_imports_as_the_report_it_copies(plan: Plan, tmp_path: Path, folder: Path) -> None:
    sent = write(tmp_path / "2025-10-31_市教育局 - 副本.yaml", "unit: 市教育局\ndate: 2025-10-31\nvalues:\n  7a: 1001\n")
    result = imported(plan, sent, folder)
    assert (result.outcome, result.problems) == (Outcome.WRITTEN, [])
    assert [p.name for p in folder.iterdir()] == [TARGET]


def test_a_copy_in_the_folder_does_not_stop_replacing_its_report(plan: Plan, tmp_path: Path, folder: Path) -> None:
    old = "unit: 市教育局\ndate: 2025-10-31\nvalues:\n  7a: 1000\n"
    write(folder / TARGET, old)
    write(folder / "2025-10-31_市教育局 - 副本.yaml", old)
    sent = write(tmp_path / "r.yaml", "unit: 市教育局\ndate: 2025-10-31\nvalues:\n  7a: 1001\n")
    result = imported(plan, sent, folder, replace=True)
    assert (result.outcome, result.problems) == (Outcome.REPLACED, [])


def test_the_sign_offs_of_a_form_go_into_the_report(plan: Plan, form: Path, folder: Path) -> None:
    """填报人, 联系电话, 审核人（分管领导）, 报送日期 in the form's header become the report's keys."""
    fill(form, {"F2": "王小明", "I2": "0750-1234567", "F3": "李四", "I3": dt.datetime(2025, 11, 3), "I6": 1001})
    result = imported(plan, form, folder)
    assert (result.outcome, result.problems) == (Outcome.WRITTEN, [])
    text = (folder / TARGET).read_text(encoding="utf-8")
    assert text.endswith("date: 2025-10-31\nreporter: 王小明\nphone: 0750-1234567\nreviewer: 李四\nsubmitted: 2025-11-03\nvalues:\n  7a: 1001\n")
    assert load_progress(plan, [folder], today=TODAY)[1] == []


def test_a_yaml_form_keeps_its_sign_offs_and_blank_ones_are_left_out(plan: Plan, tmp_path: Path, folder: Path) -> None:
    from minsheng_cli.collect.yamlform import form_yaml

    text = form_yaml(build_form(plan, Progress(), "市教育局", DATE, reply_by=dt.date(2025, 11, 5)))
    assert "请于 11 月 5 日前报回" in text and "（完成时间 2025-07-31）" in text
    text = text.replace("reporter:        # 填报人", "reporter: 王小明").replace("  7a:\n", "  7a: 1001\n")
    path = write(tmp_path / "inbox" / TARGET, text)
    result = imported(plan, path, folder)
    assert (result.outcome, result.problems) == (Outcome.WRITTEN, [])
    assert "reporter: 王小明\nvalues:" in (folder / TARGET).read_text(encoding="utf-8")
