"""`validate` and the people's congress loop's files: found beside the reports, named as
pre-commit names them, each problem at file:line:col; none read as a progress report."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, write
from test_candidates import GOOD


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write(tmp_path / "data" / "tasks_2025.yaml", (ROOT / "data" / "tasks_2025.yaml").read_text(encoding="utf-8"))
    (tmp_path / "data" / "progress").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_finds_the_files_beside_the_reports(run, office: Path) -> None:
    write(office / "data" / "survey_2025.yaml", "members: 44\npresent: 40\nresults:\n  1: {satisfied: 50, basic: 0, dissatisfied: 0}\n")
    write(office / "data" / "inspections_2025.yaml", "suggestions:\n  - {item: 31, date: 2025-06-01, due: 2025-07-01, text: 建议}\n")
    write(office / "data" / "candidates_2026.yaml", GOOD.replace("present: 386", "present: 401"))
    result = run("validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "data/candidates_2026.yaml:3:10: 错误: 实到代表 401 人，多于应到 400 人（核对 deputies（应到）与 present（实到）） [present-over-deputies]" in lines
    assert any(line.startswith("data/inspections_2025.yaml:2:12: 错误: 计划中没有第 31 项") for line in lines)
    assert any(line.startswith("data/survey_2025.yaml:3:1: 错误: 第 2 项、") for line in lines)
    assert any(line.startswith("data/survey_2025.yaml:4:3: 错误: 第 1 项共 50 票") for line in lines)
    assert "3 个票决、视察或测评文件" in result.stderr


def test_named_files_are_checked_as_what_their_name_says(run, office: Path) -> None:
    survey = write(office / "data" / "survey_2025.yaml", "members: 44\npresent: 40\nbase: 全体\nresults: {}\n")
    ballot = write(office / "data" / "candidates_2026.yaml", GOOD)
    result = run("validate", str(survey), str(ballot))
    assert result.exit_code == 1
    assert [line.split(": 错误")[0] for line in result.stdout.splitlines()] == ["data/survey_2025.yaml:3:7", "data/survey_2025.yaml:4:10"]
    assert "[unknown-unit]" not in result.stdout and "[missing-field]" not in result.stdout  # not read as reports
    assert run("validate", str(ballot)).exit_code == 0


def test_a_survey_of_a_year_without_a_plan_is_named(run, office: Path) -> None:
    survey = write(office / "data" / "survey_2024.yaml", "members: 44\npresent: 40\nresults:\n  1: {satisfied: 30, basic: 5, dissatisfied: 5}\n")
    result = run("validate", str(survey))
    assert result.exit_code == 1
    assert "data/survey_2024.yaml:1:1: 错误: 文件属于 2024 年，与计划年度 2025 不符" in result.stdout


def test_the_illustrative_files_pass(run, in_root: Path) -> None:
    result = run("validate", "examples/survey_2025.yaml", "examples/inspections_2025.yaml")
    assert result.exit_code == 0, result.output
    assert "2 个票决、视察或测评文件" in result.stderr
