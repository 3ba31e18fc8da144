"""`record`: a figure into a unit's report, keeping its layout, all or nothing, one writer at a time."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PLAN_FILE, ROOT, TODAY, write
from minsheng_cli.collect.forms import build_form
from minsheng_cli.collect.recording import CannotEdit, edit_values, record_values
from minsheng_cli.collect.yamlform import form_yaml
from minsheng_cli.repository.files import Outcome
from minsheng_cli.model.plan import Plan
from minsheng_cli.model.progress import Progress, load_progress

DATE = dt.date(2025, 10, 31)
HEAD = "unit: 市教育局\ndate: 2025-10-31\nvalues:\n"


def record(plan: Plan, folder: Path, typed: dict[str, str], **options):
    return record_values(plan, folder, "市教育局", DATE, typed, today=TODAY, **options)


@pytest.mark.parametrize(
    ("before", "entries", "after"),
    [
        (HEAD + "  # 说明\n  7a:\n  7b: 5   # 上月\n", {"7a": "1001", "7b": "6"}, HEAD + "  # 说明\n  7a: 1001\n  7b: 6   # 上月\n"),
        (HEAD + "  7a: 1\n# 结尾的注释\n", {"7b": "2"}, HEAD + "  7a: 1\n  7b: 2\n# 结尾的注释\n"),
        (HEAD + "    7a: {value: 1, note: x}\n", {"7a": "2", "7b": "3"}, HEAD + "    7a: 2\n    7b: 3\n"),
        (HEAD + "  # 还没有数\n", {"7a": "1"}, HEAD + "  7a: 1\n  # 还没有数\n"),
        (HEAD.replace("\n", "\r\n") + "  7a: 1", {"7a": "2", "7b": "3"}, HEAD.replace("\n", "\r\n") + "  7a: 2\r\n  7b: 3\r\n"),
    ],
)
def test_line_edits_keep_everything_else(before: str, entries: dict, after: str) -> None:
    assert edit_values(before, entries) == after


@pytest.mark.parametrize(
    ("text", "reason"),
    [(HEAD.replace("values:\n", "values: {7a: 1}\n"), "{…}"), (HEAD + "  7a:\n    value: 1\n", "多行"), ("unit: [\n", "无法读取")],
)
def test_shapes_that_cannot_be_edited_safely_are_refused(text: str, reason: str) -> None:
    with pytest.raises(CannotEdit, match=reason):
        edit_values(text, {"7a": "2"})


def test_a_new_report_is_created(plan: Plan, tmp_path: Path) -> None:
    result = record(plan, tmp_path, {"7a": "1,001", "13c": "是"}, notes={"7a": "含线上"})
    assert result.outcome is Outcome.WRITTEN and result.changes == ["7a：新增 {value: 1001, note: 含线上}", "13c：新增 true"]
    assert (tmp_path / "2025-10-31_市教育局.yaml").read_text(encoding="utf-8").endswith(HEAD + "  7a: {value: 1001, note: 含线上}\n  13c: true\n")


def test_a_form_saved_as_the_report_keeps_its_comments(plan: Plan, tmp_path: Path) -> None:
    form = form_yaml(build_form(plan, Progress(), "市教育局", DATE))
    path = write(tmp_path / "2025-10-31_市教育局.yaml", form)
    assert record(plan, tmp_path, {"7b": "120"}).outcome is Outcome.REPLACED
    assert path.read_text(encoding="utf-8") == form.replace("  7b:\n", "  7b: 120\n")


def test_an_invalid_value_leaves_every_file_unchanged(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path / "2025-10-31_市教育局.yaml", HEAD + "  7a: 1001\n")
    before = path.read_bytes()
    result = record(plan, tmp_path, {"7b": "120场次", "7a": "1002"})
    assert result.outcome is None
    assert [(p.line, p.code) for p in result.problems] == [(5, "unit-in-value")]
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_count_lower_than_an_earlier_report_needs_a_note(plan: Plan, tmp_path: Path) -> None:
    write(tmp_path / "2025-09-30_市教育局.yaml", "unit: 市教育局\ndate: 2025-09-30\nvalues:\n  7a: 1100\n")
    assert [p.code for p in record(plan, tmp_path, {"7a": "1001"}).problems] == ["count-decreased"]
    assert not (tmp_path / "2025-10-31_市教育局.yaml").exists()
    assert record(plan, tmp_path, {"7a": "1001"}, notes={"7a": "更正：9 月重复计数"}).outcome is Outcome.WRITTEN


def test_a_report_it_cannot_edit_is_refused_unchanged(plan: Plan, tmp_path: Path) -> None:
    path = write(tmp_path / "2025-10-31_市教育局.yaml", HEAD.replace("values:\n", "values: {7a: 1}\n"))
    result = record(plan, tmp_path, {"7a": "2"})
    assert result.outcome is None and [p.code for p in result.problems] == ["cannot-edit"]
    assert path.read_text(encoding="utf-8").endswith("values: {7a: 1}\n")


def test_twenty_concurrent_records_lose_nothing(plan: Plan, tmp_path: Path) -> None:
    """20 real processes started at once, each recording a different target of one report."""
    unit = "台山市政府"
    ids = [line.target_id for line in build_form(plan, Progress(), unit, DATE).lines if line.kind == "count"][:20]
    assert len(ids) == 20
    command = [sys.executable, "-m", "minsheng_cli", "record", "--plan", str(PLAN_FILE), "--progress", str(tmp_path), "--unit", unit, "--date", "2025-10-31"]
    processes = [subprocess.Popen([*command, f"{tid}={i + 1}"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i, tid in enumerate(ids)]
    outputs = [p.communicate() for p in processes]
    assert [p.returncode for p in processes] == [0] * 20, outputs
    progress, problems = load_progress(plan, [tmp_path], today=TODAY)
    assert [p for p in problems if p.is_error] == []
    assert {tid: progress.of(tid)[0].value for tid in ids} == {tid: i + 1 for i, tid in enumerate(ids)}
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"2025-10-31_{unit}.yaml"]  # no temporary or lock file left
